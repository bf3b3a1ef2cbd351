"""Total rows in a file, as tables are printed: "Totaal" and "Eindtotaal" are the indicator's
total, "Eindtotaal excl. PGB" or "Subtotaal" are partial totals that are never a category, and a
total is checked against the categories beside it before anything is stored.

Without this, a table imported as printed publishes wrong figures silently: a partial total
becomes one more voorziening, and every sum over the categories counts it twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from monitor.domain.catalogue import Catalogue, Eenheid, Indicator
from monitor.domain.numbers import format_dutch
from monitor.ingest.problems import Problem

TOTAL_LABELS = frozenset({"", "totaal", "total", "eindtotaal", "generaal totaal", "grand total"})
PARTIAL_TOTAL = re.compile(r"^\s*(sub|eind|generaal\s+)?(totaal|total)\b", re.IGNORECASE)
EXCLUDED = re.compile(r"\b(?:excl\.?|exclusief|zonder)\s+(?P<names>.+)$", re.IGNORECASE)
NAME_SEPARATORS = re.compile(r"\s*(?:,|/|\ben\b|&|\+)\s*", re.IGNORECASE)
# Integers rounded to tens, hundreds, … as far as a table printed in thousands or millions.
LARGEST_ROUNDING = Decimal(1_000_000)


class RowLabel(Enum):
    TOTAL = "totaal"
    PARTIAL_TOTAL = "subtotaal"
    CATEGORY = "categorie"


def label_kind(label: str) -> RowLabel:
    text = " ".join(label.split()).lower()
    if text in TOTAL_LABELS:
        return RowLabel.TOTAL
    if PARTIAL_TOTAL.match(text):
        return RowLabel.PARTIAL_TOTAL
    return RowLabel.CATEGORY


def excluded_names(label: str) -> tuple[str, ...]:
    """The categories a partial total leaves out ("Eindtotaal excl. PGB en Hulpmiddelen")."""
    found = EXCLUDED.search(label)
    if found is None:
        return ()
    return tuple(name for name in NAME_SEPARATORS.split(found["names"].strip(" .)")) if name)


@dataclass(frozen=True)
class TotalCell:
    """One value of a total or partial-total row, with the row's categories beside it."""

    indicator: str
    period: str  # the period's key
    period_label: str  # the column as the file names it
    gemeente: str
    label: str
    value: Decimal
    row: int
    excluded: tuple[str, ...] = ()  # for a partial total


@dataclass(frozen=True)
class PartCell:
    indicator: str
    period: str
    gemeente: str
    categorie: str
    value: Decimal


@dataclass
class TotalCheck:
    problems: list[Problem]
    notes: list[str]


def adds_up(indicator: Indicator) -> bool:
    """Whether the categories of this indicator add up to its total: amounts per category do,
    and counts the catalogue declares additive; persons in overlapping voorzieningen do not."""
    if indicator.categorieen_overlappen:
        return False
    return indicator.eenheid is Eenheid.EURO or bool(indicator.optelbaar_tot)


def rounding_tolerance(values: Sequence[Decimal]) -> Decimal:
    """How far a total may lie from the sum of its rounded parts: half a rounding unit for each
    term. The unit is the finest decimal place used, or for whole numbers the largest power of
    ten that divides every value (a table in thousands rounds each value to a thousand)."""
    places = max((max(0, -value.as_tuple().exponent) for value in values), default=0)  # type: ignore[operator]
    if places:
        unit = Decimal(1).scaleb(-places)
    else:
        unit = Decimal(1)
        nonzero = [value for value in values if value]
        while unit < LARGEST_ROUNDING and nonzero and all(v % (unit * 10) == 0 for v in nonzero):
            unit *= 10
    return unit * len(values) / 2


def _amount(value: Decimal) -> str:
    return format_dutch(value, max(0, -value.as_tuple().exponent))  # type: ignore[operator]


def check_totals(
    file: str,
    sheet: str | None,
    totals: Iterable[TotalCell],
    parts: Iterable[PartCell],
    catalogue: Catalogue,
) -> TotalCheck:
    """Every total and partial total against the categories of the same indicator, period and
    gemeente in the same sheet: a difference within rounding is reported, a larger one refused."""
    by_key: dict[tuple[str, str, str], dict[str, Decimal]] = {}
    for part in parts:
        by_key.setdefault((part.indicator, part.period, part.gemeente), {})[part.categorie] = (
            part.value
        )
    check = TotalCheck([], [])
    # Per partial-total row (number, label): whether every one of its values could be checked.
    partial: dict[tuple[int, str], bool] = {}
    where = f"{file}: blad '{sheet}', " if sheet else f"{file}: "
    for total in totals:
        categories = by_key.get((total.indicator, total.period, total.gemeente), {})
        indicator = catalogue.by_id[total.indicator]
        is_partial = label_kind(total.label) is RowLabel.PARTIAL_TOTAL
        if is_partial:
            partial.setdefault((total.row, total.label), True)
        included = _included(total, categories) if adds_up(indicator) else None
        if not categories or included is None:
            _check_overlapping(file, sheet, total, categories, indicator, check)
            if is_partial:
                partial[(total.row, total.label)] = False
            continue
        expected = sum(included.values(), Decimal(0))
        difference = total.value - expected
        if not difference:
            continue
        tolerance = rounding_tolerance([total.value, *included.values()])
        what = "de som van de categorieën" + (
            f" zonder {', '.join(total.excluded)}" if total.excluded else ""
        )
        if abs(difference) <= tolerance:
            check.notes.append(
                f"{where}rij {total.row} '{total.label}' wijkt in kolom '{total.period_label}' "
                f"{_amount(abs(difference))} af van {what} ({_amount(expected)}): binnen de "
                "afronding, het totaal uit het bestand is overgenomen"
            )
        else:
            check.problems.append(Problem(file, (
                f"de totaalrij '{total.label}' is {_amount(total.value)} en {what} "
                f"{_amount(expected)}: een verschil van {_amount(abs(difference))}, meer dan "
                "afronding verklaart. Controleer of alle categorieën in het bestand staan, of een "
                "categorie dubbel telt, of dat deze rij een subtotaal is (noem hem dan bijvoorbeeld "
                "'Totaal excl. …')."
            ), row=total.row, column=total.period_label, sheet=sheet))  # fmt: skip
    for (row, label), checked in sorted(partial.items()):
        how = (
            "wel gecontroleerd tegen de categorieën"
            if checked
            else "niet gecontroleerd (welke "
            "categorieën hij weglaat is niet te herkennen, of ze tellen niet op)"
        )
        check.notes.append(f"{where}rij {row} '{label}' is een subtotaal: niet geïmporteerd, {how}")
    return check


def _included(total: TotalCell, categories: dict[str, Decimal]) -> dict[str, Decimal] | None:
    """The categories a total covers; None when a partial total's exclusions are unknown."""
    if label_kind(total.label) is RowLabel.TOTAL:
        return categories
    if not total.excluded:
        return None
    lowered = {name.lower(): name for name in categories}
    if any(name.lower() not in lowered for name in total.excluded):
        return None
    left_out = {lowered[name.lower()] for name in total.excluded}
    return {name: value for name, value in categories.items() if name not in left_out}


def _check_overlapping(
    file: str,
    sheet: str | None,
    total: TotalCell,
    categories: dict[str, Decimal],
    indicator: Indicator,
    check: TotalCheck,
) -> None:
    """A person in two voorzieningen counts once in the total: no category may exceed it."""
    if (
        not categories
        or label_kind(total.label) is not RowLabel.TOTAL
        or not indicator.categorieen_overlappen
    ):
        return
    name, largest = max(categories.items(), key=lambda item: item[1])
    if largest > total.value:
        check.problems.append(Problem(file, (
            f"de totaalrij '{total.label}' is {_amount(total.value)}, minder dan categorie "
            f"'{name}' ({_amount(largest)}). Elke cliënt telt één keer in het totaal, dus geen "
            "categorie kan groter zijn. Staat hier een ander totaal?"
        ), row=total.row, column=total.period_label, sheet=sheet))  # fmt: skip
