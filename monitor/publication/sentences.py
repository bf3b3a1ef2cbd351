"""Plain Dutch sentences that say what changed, written from published cells only."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from monitor.domain.catalogue import Eenheid
from monitor.domain.numbers import format_dutch
from monitor.domain.periods import MONTH_NAMES, Period, period_from_key
from monitor.domain.registry import FigureSpec, Shape
from monitor.domain.table_roles import TableRole
from monitor.figures.comparison import PEERS_ROW, SIZE_CLASS_ROW
from monitor.figures.published import CellStatus, PublishedCell, PublishedFigure, format_value
from monitor.publication.hidden_shares import hidden_share_sentence

Months = tuple[Period, ...]


def basis_of_months(count: int) -> str:
    """`op basis van het eerste kwartaal` for a year that is not complete yet."""
    return {
        3: "op basis van het eerste kwartaal",
        6: "op basis van het eerste halfjaar",
        9: "op basis van de eerste drie kwartalen",
    }.get(count, f"op basis van de eerste {count} maanden")


ORDINALS = {"1": "eerste", "2": "tweede", "3": "derde", "4": "vierde"}


def period_words(label: str) -> str:
    """`2026-Q3` → `het derde kwartaal van 2026`; other labels stay as they are."""
    match = re.fullmatch(r"(\d{4})-Q([1-4])", label)
    return f"het {ORDINALS[match[2]]} kwartaal van {match[1]}" if match else label


def dutch_list(items: list[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def months_words(months: tuple[Period, ...]) -> str:
    """`september 2026`, `juli tot en met september 2026`."""
    first, last = months[0], months[-1]
    name = MONTH_NAMES[last.index - 1]
    if first == last:
        return f"{name} {last.year}"
    return f"{MONTH_NAMES[first.index - 1]} tot en met {name} {last.year}"


def incomplete_sentence(months: tuple[Period, ...]) -> str:
    return (
        f"Aanbieders declareren laat: de cijfers over {months_words(months)} zijn nog onvolledig "
        "en kunnen nog hoger uitvallen."
    )


def _incomplete_in(incomplete: tuple[Period, ...], year: str, months: tuple[str, ...],
                   all_months: tuple[str, ...]) -> tuple[Period, ...]:  # fmt: skip
    """The incomplete months among `months` (column labels) of `year`."""
    shown = {Period.month(int(year), all_months.index(m) + 1) for m in months}
    return tuple(p for p in incomplete if p in shown)


def nearly_equal_rule(percent: Decimal) -> str:
    """The leeswijzer's sentence for the gemeente's threshold, as the trend sentences apply it."""
    if percent == 0:
        return (
            "Elke verandering wordt met een percentage genoemd; alleen wat op 0,0% uitkomt heet "
            '"nagenoeg gelijk".'
        )
    shown = format_dutch(percent, max(1, -percent.normalize().as_tuple().exponent))
    return f'Een verandering kleiner dan {shown}% heet "nagenoeg gelijk".'


def trend_sentence(
    year: str,
    previous: str,
    subject: str,
    change: Decimal | None,
    months_compared: int,
    plural: bool = False,
    nearly_equal: Decimal = Decimal("0.5"),
) -> str:
    """ "In 2023 is het gemiddelde aantal cliënten in zorg per maand toegenomen met 0,4% …";
    a year that is not complete yet is compared with the same months of the year before."""
    basis = f" {basis_of_months(months_compared)}" if months_compared < 12 else ""
    against = previous if months_compared >= 12 else f"dezelfde maanden van {previous}"
    if change is None:
        return (
            f"Voor {year} kan de verandering{basis} niet worden berekend, omdat een of meer "
            "maandcijfers zijn afgeschermd."
        )
    verb = "zijn" if plural else "is"
    # A change that rounds to 0,0% is no change, whatever the threshold.
    if abs(change) < nearly_equal or round(abs(change), 1) == 0:
        return f"In {year} {verb}{basis} {subject} nagenoeg gelijk aan {against}."
    direction = "toegenomen" if change > 0 else "afgenomen"
    amount = format_dutch(abs(change), 1)
    return (
        f"In {year} {verb}{basis} {subject} {direction} met {amount}% ten opzichte van {against}."
    )


def same_months_change(
    figure: PublishedFigure, year: str, previous: str
) -> tuple[tuple[str, ...], Decimal | None]:
    """The months both years have cijfers for, and the change of their total in % (the change
    of the average over those months); None when one of those cells is hidden. Computed from
    published month cells only, as any reader of the table could."""
    months = tuple(
        m
        for m in figure.columns_with(TableRole.MAAND)
        if figure.cell(year, m).status is not CellStatus.ONTBREEKT
        and figure.cell(previous, m).status is not CellStatus.ONTBREEKT
    )
    now = [figure.cell(year, m).value for m in months]
    before = [figure.cell(previous, m).value for m in months]
    if not months or None in now or None in before:
        return months, None
    total_before = sum(before, Decimal(0))  # type: ignore[arg-type]
    if total_before == 0:
        return months, None
    return months, 100 * (sum(now, Decimal(0)) - total_before) / total_before  # type: ignore[arg-type]


def _maandreeks(figure: PublishedFigure, spec: FigureSpec, incomplete: Months) -> list[str]:
    sentences = []
    all_months = figure.columns_with(TableRole.MAAND)
    for index, year in enumerate(figure.rows[1:], start=1):
        change = figure.cell_in(year, TableRole.VERANDERING)
        if change is None or change.status is CellStatus.ONTBREEKT:
            continue
        previous = figure.rows[index - 1]
        months, value = same_months_change(figure, year, previous)
        if len(months) == len(all_months):
            # A whole year against a whole year: the table's own change column says the same.
            value = change.value
        sentence = trend_sentence(
            year, previous, spec.subject, value, len(months), spec.subject_plural,
            spec.nearly_equal_percent,
        )  # fmt: skip
        sentences.append(sentence)
        if late := _incomplete_in(incomplete, year, months, all_months):
            sentences.append(incomplete_sentence(late))
    return sentences


def _latest_month(figure: PublishedFigure, year: str) -> str | None:
    present = [
        m for m in figure.columns_with(TableRole.MAAND) if figure.cell(year, m).value is not None
    ]
    return present[-1] if present else None


def _lasten(figure: PublishedFigure, spec: FigureSpec, incomplete: Months) -> list[str]:
    year = figure.rows[-1]
    month = _latest_month(figure, year)
    if month is None:
        return []
    booked = figure.cell(year, month)
    all_months = figure.columns_with(TableRole.MAAND)
    name = MONTH_NAMES[all_months.index(month)]
    sentence = f"Tot en met {name} {year} is {booked.display()} aan lasten geboekt"
    begroting = figure.cell_in(year, TableRole.BEGROTING)
    if begroting is not None and begroting.value:
        share = format_dutch(100 * booked.value / begroting.value, 1)  # type: ignore[operator]
        sentence += f", {share}% van de begroting van {begroting.display()}"
    sentences = [sentence + "."]
    if late := _incomplete_in(incomplete, year, all_months[: all_months.index(month) + 1],
                              all_months):  # fmt: skip
        sentences.append(incomplete_sentence(late))
    prognose, saldo = (
        figure.cell_in(year, TableRole.PROGNOSE),
        figure.cell_in(year, TableRole.SALDO),
    )
    if prognose and saldo and prognose.value is not None and saldo.value is not None:
        if saldo.value == 0:
            outcome = "gelijk aan de begroting"
        else:
            kind = "voordeel" if saldo.value > 0 else "nadeel"
            outcome = f"een verwacht {kind} van {format_value(abs(saldo.value), Eenheid.EURO)}"
        sentences.append(f"De prognose voor heel {year} is {prognose.display()}: {outcome}.")
    return sentences


def referrer_words(label: str) -> str:
    """`Huisarts` → `de huisarts`; a label that starts with an abbreviation keeps its capitals."""
    if label == "Overig":
        return "een andere verwijzer"
    shown = label[0].lower() + label[1:] if label[1:2].islower() else label
    return f"de {shown}"


def _share_words(spec: FigureSpec, top: list[tuple[Decimal, str]]) -> str:
    """Where the largest shares went, or, for a split by verwijzer, who referred."""
    if spec.referred:
        who = " of ".join(f"{referrer_words(row)} ({format_dutch(v, 1)}%)" for v, row in top)
        return f"was het grootste deel van de lasten voor {spec.referred} die {who} verwees"
    return "ging het grootste deel van de lasten naar " + " en ".join(
        f"{row} ({format_dutch(value, 1)}%)" for value, row in top
    )


def _verdeling(figure: PublishedFigure, spec: FigureSpec, incomplete: Months) -> list[str]:
    for quarter in reversed(figure.columns):
        cells = [figure.cell(r, quarter) for r in figure.rows]
        shares = [(c.value, c.row) for c in cells if c.value is not None]
        if not shares:
            continue
        top = sorted(shares, key=lambda item: (-item[0], item[1]))[:2]
        hidden = hidden_share_sentence(figure, quarter, "de lasten")
        # With categories hidden, the largest shown share need not be the largest share.
        words = _share_words(spec, top)
        if hidden is not None:
            words = words.replace("het grootste deel", "het grootste zichtbare deel")
        sentences = [f"In {period_words(quarter)} {words}."]
        if hidden is not None:
            sentences.append(hidden)
        months = tuple(period_from_key(quarter).months())
        if late := tuple(p for p in incomplete if p in months):
            sentences.append(incomplete_sentence(late))
        return sentences
    return []


def count_words(cell: PublishedCell, noun: str) -> str:
    """`426 cliënten`, `55,6 banen`: a count with what it counts."""
    if cell.unit is Eenheid.BANEN:
        return f"{cell.display()} banen"
    if cell.unit is Eenheid.PERSONEN and noun and cell.value is not None:
        return f"{cell.display()} {noun}"
    return cell.display()


# What a count of personen counts, per chapter: the noun a sentence puts after the number. In-
# and uitstroom count zorgperiodes (a client with two voorzieningen starts two), not clients.
PERSON_NOUNS = {"wmo": "cliënten", "jeugd": "jeugdigen", "participatie": "uitkeringen"}
FLOW_NOUNS = {"wmo": "zorgperiodes", "jeugd": "zorgperiodes", "participatie": "uitkeringen"}


def _stand(figure: PublishedFigure, spec: FigureSpec, incomplete: Months) -> list[str]:
    if not figure.columns:
        return []
    latest = figure.columns[-1]
    candidates = [figure.cell(r, latest) for r in figure.rows_without(TableRole.TOTAAL)]
    shown = [c for c in candidates if c.value is not None]
    if not shown:
        return []
    noun = PERSON_NOUNS.get(figure.chapter, "")
    top = max(shown, key=lambda c: (c.value, c.row))
    sentence = (
        f"Op de peildatum {latest} is {top.row} de grootste categorie met {count_words(top, noun)}"
    )
    year_before = len(figure.columns) - 5
    if year_before >= 0:
        earlier = figure.cell(top.row, figure.columns[year_before])
        if earlier.value is not None:
            sentence += f" (een jaar eerder {count_words(earlier, noun)})"
    sentences = [sentence + "."]
    small = [c.row for c in candidates if c.status is CellStatus.PRIMAIR]
    if small:
        sentences.append(f"Bij {dutch_list(small)} gaat het om minder dan 10 personen.")
    return sentences


def _kenmerken(figure: PublishedFigure, spec: FigureSpec, incomplete: Months) -> list[str]:
    if not figure.columns or not figure.label_of(TableRole.TOTAAL):
        return _stand(figure, spec, incomplete)
    latest = figure.columns[-1]
    total = figure.cell_of(TableRole.TOTAAL, latest)
    sentences = []
    if total is not None and total.value:
        shares = [
            (c.value / total.value * 100, c.row)
            for c in (figure.cell(r, latest) for r in figure.rows_without(TableRole.TOTAAL))
            if c.value is not None
        ]
        if shares:
            share, row = max(shares)
            sentences.append(
                f"Op {latest} valt {format_dutch(share, 1)}% van de uitkeringen "
                f"in de categorie {row}."
            )
    if hidden := hidden_share_sentence(figure, latest, "de uitkeringen"):
        sentences.append(hidden)
    return sentences or _stand(figure, spec, incomplete)


def _flow_words(cell: PublishedCell, noun: str = "") -> str:
    if cell.status is CellStatus.PRIMAIR:
        return f"minder dan 10 {noun}".rstrip()
    if cell.value is None:
        return "niet bekend"
    return count_words(cell, noun)


def _in_uitstroom(figure: PublishedFigure, spec: FigureSpec, incomplete: Months) -> list[str]:
    noun = FLOW_NOUNS.get(figure.chapter, "")
    for column in reversed(figure.columns):
        instroom, uitstroom = (
            figure.cell_of(TableRole.INSTROOM, column),
            figure.cell_of(TableRole.UITSTROOM, column),
        )
        if instroom is None or uitstroom is None:
            return []
        if (
            instroom.status is not CellStatus.ONTBREEKT
            or uitstroom.status is not CellStatus.ONTBREEKT
        ):
            return [
                f"In {period_words(column)} was de instroom {_flow_words(instroom, noun)} en de "
                f"uitstroom {_flow_words(uitstroom, noun)}."
            ]
    return []


def _bijzondere_bijstand(
    figure: PublishedFigure, spec: FigureSpec, incomplete: Months
) -> list[str]:
    if not figure.columns:
        return []
    quarter = figure.columns[-1]
    total = figure.cell_of(TableRole.EINDTOTAAL, quarter)
    if total is None or total.value is None:
        return []
    sentence = f"In {period_words(quarter)} is {total.display()} aan bijzondere bijstand betaald"
    excl = figure.cell_of(TableRole.EINDTOTAAL_ZONDER_ENERGIETOESLAG, quarter)
    if excl is not None and excl.value is not None and excl.value != total.value:
        sentence += f", waarvan {excl.display()} zonder energietoeslag"
    return [sentence + "."]


def percent_change(new: PublishedCell, old: PublishedCell) -> Decimal | None:
    if new.value is None or old.value is None or old.value == 0:
        return None
    return 100 * (new.value - old.value) / old.value


def change_words(new: PublishedCell, old: PublishedCell) -> str | None:
    """`+7,0%`, or for a percentage `-2,3 procentpunt`: how a kerncijfer compares with an
    earlier one, the same on the Overzicht, the chapter page and in the sentence."""
    if new.value is None or old.value is None:
        return None
    if new.unit is Eenheid.PROCENT:
        change: Decimal | None = new.value - old.value
        unit = " procentpunt"
    else:
        change, unit = percent_change(new, old), "%"
    if change is None:
        return None
    sign = "+" if change >= 0 else "-"
    return f"{sign}{format_dutch(abs(change), 1)}{unit}"


def _kerncijfers(figure: PublishedFigure, spec: FigureSpec, incomplete: Months) -> list[str]:
    sentences = []
    for row in figure.rows:
        cells = [c for c in figure.row_cells(row) if c.status is not CellStatus.ONTBREEKT]
        if not cells:
            continue
        latest = cells[-1]
        sentence = f"{row}: {_flow_words(latest)} in {latest.column}"
        if len(cells) > 1:
            sentence += f", tegen {_flow_words(cells[-2])} in {cells[-2].column}"
            if change := change_words(latest, cells[-2]):
                sentence += f" ({change})"
        sentences.append(sentence + ".")
    return sentences


def _vergelijking(figure: PublishedFigure, spec: FigureSpec, incomplete: Months) -> list[str]:
    """ "Het aantal Wmo-cliënten per 1.000 inwoners ligt in 2019 met 71 boven het landelijk
    cijfer van 68", then the other groups of that year."""
    own_row, national_row, *groups = figure.rows
    for year in reversed(figure.columns):
        own, national = figure.cell(own_row, year), figure.cell(national_row, year)
        if own.value is None or national.value is None:
            continue
        if own.display() == national.display():
            where = "gelijk aan het landelijk cijfer"
        else:
            side = "boven" if own.value > national.value else "onder"
            where = f"{side} het landelijk cijfer van {national.display()}"
        subject = spec.subject[:1].upper() + spec.subject[1:]
        sentences = [f"{subject} ligt in {year} in {own_row} met {own.display()} {where}."]
        others = [
            f"{GROUP_WORDS.get(row, row)} {cell.display()}"
            for row in groups
            if (cell := figure.cell(row, year)).value is not None
        ]
        if others:
            sentences.append(f"Ter vergelijking in {year}: {dutch_list(others)}.")
        return sentences
    return []


# The groups as words inside a sentence; a region keeps its own name.
GROUP_WORDS = {
    SIZE_CLASS_ROW: "gemeenten van dezelfde grootteklasse",
    PEERS_ROW: "gekozen vergelijkbare gemeenten",
}


WRITERS: dict[Shape, Callable[[PublishedFigure, FigureSpec, Months], list[str]]] = {
    Shape.CUMULATIEVE_LASTEN: _lasten,
    Shape.MAANDREEKS_PER_JAAR: _maandreeks,
    Shape.VERDELING_PER_KWARTAAL: _verdeling,
    Shape.STAND_PER_KWARTAAL: _stand,
    Shape.KENMERKEN: _kenmerken,
    Shape.IN_UITSTROOM: _in_uitstroom,
    Shape.BIJZONDERE_BIJSTAND: _bijzondere_bijstand,
    Shape.KERNCIJFERS: _kerncijfers,
    Shape.VERGELIJKING: _vergelijking,
}


def sentences_for(
    figure: PublishedFigure, spec: FigureSpec, incomplete: Months = ()
) -> tuple[str, ...]:
    """The sentences of one figure; `incomplete` are the months whose cijfers are still coming
    in (`completeness.incomplete_months`), which a sentence about them says."""
    return tuple(WRITERS[spec.shape](figure, spec, incomplete))
