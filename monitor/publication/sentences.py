"""Plain Dutch sentences that say what changed, written from published cells only."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from monitor.domain.catalogue import Eenheid
from monitor.domain.numbers import format_dutch
from monitor.domain.periods import MONTH_NAMES
from monitor.domain.registry import FigureSpec, Shape
from monitor.domain.table_roles import TableRole
from monitor.figures.published import CellStatus, PublishedCell, PublishedFigure, format_value

NEARLY_EQUAL_PERCENT = Decimal("0.5")


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


def trend_sentence(
    year: str,
    previous: str,
    subject: str,
    change: PublishedCell,
    months_available: int,
    plural: bool = False,
) -> str:
    """ "In 2023 is het gemiddelde aantal cliënten in zorg per maand toegenomen met 0,4% …"."""
    basis = f" {basis_of_months(months_available)}" if months_available < 12 else ""
    if change.value is None:
        return (
            f"Voor {year} kan de verandering{basis} niet worden berekend, omdat een of meer "
            "maandcijfers zijn afgeschermd."
        )
    verb = "zijn" if plural else "is"
    if abs(change.value) < NEARLY_EQUAL_PERCENT:
        return f"In {year} {verb}{basis} {subject} nagenoeg gelijk aan {previous}."
    direction = "toegenomen" if change.value > 0 else "afgenomen"
    amount = format_dutch(abs(change.value), 1)
    return (
        f"In {year} {verb}{basis} {subject} {direction} met {amount}% ten opzichte van {previous}."
    )


def _maandreeks(figure: PublishedFigure, spec: FigureSpec) -> list[str]:
    sentences = []
    for index, year in enumerate(figure.rows[1:], start=1):
        change = figure.cell_in(year, TableRole.VERANDERING)
        if change is None or change.status is CellStatus.ONTBREEKT:
            continue
        months = sum(
            figure.cell(year, month).status is not CellStatus.ONTBREEKT
            for month in figure.columns_with(TableRole.MAAND)
        )
        sentences.append(
            trend_sentence(
                year, figure.rows[index - 1], spec.subject, change, months, spec.subject_plural
            )
        )
    return sentences


def _latest_month(figure: PublishedFigure, year: str) -> str | None:
    present = [
        m for m in figure.columns_with(TableRole.MAAND) if figure.cell(year, m).value is not None
    ]
    return present[-1] if present else None


def _lasten(figure: PublishedFigure, spec: FigureSpec) -> list[str]:
    year = figure.rows[-1]
    month = _latest_month(figure, year)
    if month is None:
        return []
    booked = figure.cell(year, month)
    name = MONTH_NAMES[figure.columns_with(TableRole.MAAND).index(month)]
    sentence = f"Tot en met {name} {year} is {booked.display()} aan lasten geboekt"
    begroting = figure.cell_in(year, TableRole.BEGROTING)
    if begroting is not None and begroting.value:
        share = format_dutch(100 * booked.value / begroting.value, 1)  # type: ignore[operator]
        sentence += f", {share}% van de begroting van {begroting.display()}"
    sentences = [sentence + "."]
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


def _verdeling(figure: PublishedFigure, spec: FigureSpec) -> list[str]:
    for quarter in reversed(figure.columns):
        shares = [
            (c.value, c.row)
            for c in (figure.cell(r, quarter) for r in figure.rows)
            if c.value is not None
        ]
        if shares:
            top = sorted(shares, key=lambda item: (-item[0], item[1]))[:2]
            parts = " en ".join(f"{row} ({format_dutch(value, 1)}%)" for value, row in top)
            return [
                f"In {period_words(quarter)} ging het grootste deel van de lasten naar {parts}."
            ]
    return []


def _stand(figure: PublishedFigure, spec: FigureSpec) -> list[str]:
    if not figure.columns:
        return []
    latest = figure.columns[-1]
    candidates = [figure.cell(r, latest) for r in figure.rows_without(TableRole.TOTAAL)]
    shown = [c for c in candidates if c.value is not None]
    if not shown:
        return []
    top = max(shown, key=lambda c: (c.value, c.row))
    sentence = f"Op de peildatum {latest} is {top.row} de grootste categorie met {top.display()}"
    year_before = len(figure.columns) - 5
    if year_before >= 0:
        earlier = figure.cell(top.row, figure.columns[year_before])
        if earlier.value is not None:
            sentence += f" (een jaar eerder {earlier.display()})"
    sentences = [sentence + "."]
    small = [c.row for c in candidates if c.status is CellStatus.PRIMAIR]
    if small:
        sentences.append(f"Bij {dutch_list(small)} gaat het om minder dan 10 personen.")
    return sentences


def _kenmerken(figure: PublishedFigure, spec: FigureSpec) -> list[str]:
    sentences = _stand(figure, spec)
    if figure.label_of(TableRole.TOTAAL) and figure.columns:
        latest = figure.columns[-1]
        total = figure.cell_of(TableRole.TOTAAL, latest)
        if total is not None and total.value:
            shares = [
                (c.value / total.value * 100, c.row)
                for c in (figure.cell(r, latest) for r in figure.rows_without(TableRole.TOTAAL))
                if c.value is not None
            ]
            if shares:
                share, row = max(shares)
                sentences.insert(
                    0,
                    f"Op {latest} valt {format_dutch(share, 1)}% van de uitkeringen "
                    f"in de categorie {row}.",
                )
                sentences.pop(1)
    return sentences


def _flow_words(cell: PublishedCell) -> str:
    if cell.status is CellStatus.PRIMAIR:
        return "minder dan 10"
    if cell.value is None:
        return "niet bekend"
    return cell.display()


def _in_uitstroom(figure: PublishedFigure, spec: FigureSpec) -> list[str]:
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
                f"In {period_words(column)} was de instroom {_flow_words(instroom)} en de uitstroom "
                f"{_flow_words(uitstroom)}."
            ]
    return []


def _bijzondere_bijstand(figure: PublishedFigure, spec: FigureSpec) -> list[str]:
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


def _kerncijfers(figure: PublishedFigure, spec: FigureSpec) -> list[str]:
    sentences = []
    for row in figure.rows:
        cells = [c for c in figure.row_cells(row) if c.status is not CellStatus.ONTBREEKT]
        if not cells:
            continue
        latest = cells[-1]
        sentence = f"{row}: {_flow_words(latest)} in {latest.column}"
        if len(cells) > 1:
            sentence += f", tegen {_flow_words(cells[-2])} in {cells[-2].column}"
        sentences.append(sentence + ".")
    return sentences


WRITERS: dict[Shape, Callable[[PublishedFigure, FigureSpec], list[str]]] = {
    Shape.CUMULATIEVE_LASTEN: _lasten,
    Shape.MAANDREEKS_PER_JAAR: _maandreeks,
    Shape.VERDELING_PER_KWARTAAL: _verdeling,
    Shape.STAND_PER_KWARTAAL: _stand,
    Shape.KENMERKEN: _kenmerken,
    Shape.IN_UITSTROOM: _in_uitstroom,
    Shape.BIJZONDERE_BIJSTAND: _bijzondere_bijstand,
    Shape.KERNCIJFERS: _kerncijfers,
}


def sentences_for(figure: PublishedFigure, spec: FigureSpec) -> tuple[str, ...]:
    return tuple(WRITERS[spec.shape](figure, spec))
