"""Periods: parsing the notations municipalities use, canonical keys and Dutch labels.

A period is a month, a quarter or a year. Canonical keys are `2024-03`, `2024-Q1` and `2024`;
they sort chronologically as text within one kind.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class PeriodKind(StrEnum):
    MAAND = "maand"
    KWARTAAL = "kwartaal"
    JAAR = "jaar"


MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)
MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# Every spelling we accept for a month, including the English ones Excel sometimes writes.
_MONTH_WORDS: dict[str, int] = {}
for _number, (_abbr, _name) in enumerate(zip(MONTH_ABBREVIATIONS, MONTH_NAMES, strict=True), 1):
    _MONTH_WORDS[_abbr] = _number
    _MONTH_WORDS[_name] = _number
_MONTH_WORDS.update({"mar": 3, "maa": 3, "may": 5, "oct": 10, "sept": 9, "march": 3, "okt.": 10})


class PeriodError(ValueError):
    """A text that is not a period notation we know; the message is Dutch and user-facing."""


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year. `index` is the month (1-12) or quarter (1-4)."""

    year: int
    kind_rank: int
    index: int

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, 0, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, 1, quarter)

    @classmethod
    def full_year(cls, year: int) -> Period:
        return cls(year, 2, 0)

    @property
    def kind(self) -> PeriodKind:
        return (PeriodKind.MAAND, PeriodKind.KWARTAAL, PeriodKind.JAAR)[self.kind_rank]

    @property
    def key(self) -> str:
        """Canonical key: `2024-03`, `2024-Q1` or `2024`."""
        if self.kind is PeriodKind.MAAND:
            return f"{self.year:04d}-{self.index:02d}"
        if self.kind is PeriodKind.KWARTAAL:
            return f"{self.year:04d}-Q{self.index}"
        return f"{self.year:04d}"

    @property
    def first_month(self) -> int:
        if self.kind is PeriodKind.MAAND:
            return self.index
        if self.kind is PeriodKind.KWARTAAL:
            return 3 * self.index - 2
        return 1

    @property
    def last_month(self) -> int:
        if self.kind is PeriodKind.MAAND:
            return self.index
        if self.kind is PeriodKind.KWARTAAL:
            return 3 * self.index
        return 12

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day: the peildatum when the period is used for a stand."""
        last = self.last_month
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    @property
    def label(self) -> str:
        """Dutch label as the monitor prints it: `mrt-24`, `2024-Q1`, `2024`."""
        if self.kind is PeriodKind.MAAND:
            return f"{MONTH_ABBREVIATIONS[self.index - 1]}-{self.year % 100:02d}"
        return self.key

    def containing(self, kind: PeriodKind) -> Period:
        """The period of `kind` that contains this period's last month."""
        return period_containing(self.end, kind)

    def months(self) -> list[Period]:
        return [Period.month(self.year, m) for m in range(self.first_month, self.last_month + 1)]


def period_containing(day: dt.date, kind: PeriodKind) -> Period:
    if kind is PeriodKind.MAAND:
        return Period.month(day.year, day.month)
    if kind is PeriodKind.KWARTAAL:
        return Period.quarter(day.year, (day.month - 1) // 3 + 1)
    return Period.full_year(day.year)


def period_from_key(key: str) -> Period:
    """Inverse of `Period.key`; raises ValueError on anything else (keys come from our store)."""
    if match := re.fullmatch(r"(\d{4})-(\d{2})", key):
        return Period.month(int(match[1]), int(match[2]))
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", key):
        return Period.quarter(int(match[1]), int(match[2]))
    if re.fullmatch(r"\d{4}", key):
        return Period.full_year(int(key))
    raise ValueError(f"not a canonical period key: {key!r}")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000
    if not 1990 <= year <= 2100:
        raise PeriodError(f"jaar {year} ligt niet tussen 1990 en 2100")
    return year


def _month(number: int) -> int:
    if not 1 <= number <= 12:
        raise PeriodError(f"maand {number} bestaat niet")
    return number


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PeriodError(f"de datum {day}-{month}-{year} bestaat niet") from None


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?"), "iso-date"),
    (re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})"), "nl-date"),
    (re.compile(r"(\d{4})-(\d{1,2})"), "iso-month"),
    (re.compile(r"(\d{4})\s*-?\s*q([1-4])"), "year-quarter"),
    (re.compile(r"q([1-4])\s*-?\s*(\d{4})"), "quarter-year"),
    (re.compile(r"(?:kwartaal\s*([1-4])|([1-4])e\s*kwartaal)\s*(\d{4})"), "kwartaal-word"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"([a-z]+\.?)[\s\-/]*'?(\d{2}|\d{4})"), "word-month"),
]


def parse_period(text: object) -> Period | dt.date:
    """Parse a period notation; a full date is returned as a date (its meaning depends on the
    indicator). Raises PeriodError with a Dutch explanation."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = str(text).strip()
    cleaned = raw.lower().replace("\u00a0", " ")
    for pattern, name in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if not match:
            continue
        if name == "iso-date":
            return _date(_year(match[1]), _month(int(match[2])), int(match[3]))
        if name == "nl-date":
            return _date(_year(match[3]), _month(int(match[2])), int(match[1]))
        if name == "iso-month":
            return Period.month(_year(match[1]), _month(int(match[2])))
        if name == "year-quarter":
            return Period.quarter(_year(match[1]), int(match[2]))
        if name == "quarter-year":
            return Period.quarter(_year(match[2]), int(match[1]))
        if name == "kwartaal-word":
            return Period.quarter(_year(match[3]), int(match[1] or match[2]))
        if name == "year":
            return Period.full_year(_year(match[1]))
        if name == "word-month":
            month = _MONTH_WORDS.get(match[1].rstrip("."))
            if month is None:
                break
            return Period.month(_year(match[2]), month)
    raise PeriodError(
        f"'{raw}' is geen periode die we herkennen. Gebruik bijvoorbeeld 2024-03, mrt-24, "
        "maart 2024, 2024-Q1, Q1 2024, 2024 of een datum als 2024-03-31"
    )


def quarter_end_months(first: Period, last: Period) -> list[Period]:
    """Months that end a quarter, from `first` through `last` (both months)."""
    return [p for p in months_between(first, last) if p.index % 3 == 0]


def months_between(first: Period, last: Period) -> list[Period]:
    months = []
    year, month = first.year, first.index
    while (year, month) <= (last.year, last.index):
        months.append(Period.month(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
