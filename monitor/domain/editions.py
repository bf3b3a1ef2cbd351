"""Editions: a peildatum at the end of a quarter; the current year up to it and two full years
before it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from monitor.domain.periods import (
    MONTH_NAMES,
    Period,
    PeriodError,
    PeriodKind,
    months_between,
    parse_period,
    period_containing,
)

YEARS_SHOWN = 3


@dataclass(frozen=True, order=True)
class Edition:
    peildatum: Period  # a month that ends a quarter

    @property
    def key(self) -> str:
        return self.peildatum.key

    @property
    def year(self) -> int:
        return self.peildatum.year

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.year - YEARS_SHOWN + 1, self.year + 1))

    @property
    def first_month(self) -> Period:
        return Period.month(self.years[0], 1)

    @property
    def peildatum_date(self) -> dt.date:
        return self.peildatum.end

    @property
    def label(self) -> str:
        """`t/m maart 2024`."""
        return f"t/m {MONTH_NAMES[self.peildatum.index - 1]} {self.year}"

    @property
    def months(self) -> list[Period]:
        return months_between(self.first_month, self.peildatum)

    @property
    def quarters(self) -> list[Period]:
        return [m.containing(PeriodKind.KWARTAAL) for m in self.months if m.index % 3 == 0]

    @property
    def quarter_end_months(self) -> list[Period]:
        return [m for m in self.months if m.index % 3 == 0]


def edition_from_text(text: str) -> Edition:
    """`2024-03`, `mrt-24`, `2024-Q1` or `2024-03-31` → the edition with that peildatum."""
    parsed = parse_period(text)
    if isinstance(parsed, dt.date):
        month = period_containing(parsed, PeriodKind.MAAND)
    elif parsed.kind is PeriodKind.JAAR:
        month = Period.month(parsed.year, 12)
    else:
        month = Period.month(parsed.year, parsed.last_month)
    if month.index % 3 != 0:
        raise PeriodError(
            f"een editie eindigt op het eind van een kwartaal; {month.label} is dat niet "
            f"(bedoelt u {Period.month(month.year, month.index + 2 - (month.index - 1) % 3).label}?)"
        )
    return Edition(month)


def edition_for_latest(latest_end: dt.date | None) -> Edition | None:
    """The edition of the last complete quarter that the store has figures for."""
    if latest_end is None:
        return None
    month = period_containing(latest_end, PeriodKind.MAAND)
    complete = month.index - month.index % 3
    if complete == 0:
        return Edition(Period.month(month.year - 1, 12))
    return Edition(Period.month(month.year, complete))
