"""What an import changes compared with what is stored: new cijfers and changed ones, with
changed earlier periods flagged because late declarations revise them. Both imports compare in
SQL (`store/create_staged_comparison`); a figure upload keeps every line for the upload page, a
records import, which can stage hundreds of thousands of cijfers, only the counts and examples."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import duckdb

from monitor.domain.numbers import format_uploaded
from monitor.domain.periods import period_from_key
from monitor.store.sql import execute, fetch_records

REPORTED_CHANGES = 40


@dataclass(frozen=True)
class DiffLine:
    indicator: str
    periode: str
    categorie: str
    gemeente: str
    old: Decimal | None
    new: Decimal
    earlier_period: bool  # before the latest period of this indicator, stored or uploaded


@dataclass(frozen=True)
class DiffSummary:
    """The counts of a comparison and its first changed lines: what the CLI reports."""

    new: int
    changed: int
    earlier_periods: int
    unchanged: int
    examples: tuple[DiffLine, ...]

    def report(self) -> str:
        lines = [
            f"Nieuwe cijfers: {self.new}; gewijzigde cijfers: {self.changed} (waarvan eerdere "
            f"perioden: {self.earlier_periods}); ongewijzigd: {self.unchanged}."
        ]
        for line in self.examples:
            flag = "  [eerdere periode herzien]" if line.earlier_period else ""
            lines.append(
                f"  gewijzigd {describe(line)}: {format_uploaded(line.old)} → "
                f"{format_uploaded(line.new)}{flag}"
            )
        if self.changed > len(self.examples):
            lines.append(f"  … en nog {self.changed - len(self.examples)} gewijzigde cijfers.")
        return "\n".join(lines)


@dataclass(frozen=True)
class CijferDiff:
    """Every line of a figure upload's comparison, for the upload page."""

    new: tuple[DiffLine, ...]
    changed: tuple[DiffLine, ...]
    unchanged: int

    def summary(self, limit: int = REPORTED_CHANGES) -> DiffSummary:
        earlier = sum(line.earlier_period for line in self.changed)
        return DiffSummary(
            len(self.new), len(self.changed), earlier, self.unchanged, self.changed[:limit]
        )

    def report(self) -> str:
        return self.summary().report()


def describe(line: DiffLine) -> str:
    categorie = f" {line.categorie}" if line.categorie else ""
    gemeente = f" ({line.gemeente})" if line.gemeente else ""
    return f"{line.indicator}{categorie} {period_from_key(line.periode).label}{gemeente}"


def _line(record: dict[str, Any]) -> DiffLine:
    return DiffLine(
        record["indicator"],
        record["periode"],
        record["categorie"],
        record["gemeente"],
        record["oud"],
        record["nieuw"],
        record["eerdere_periode"],
    )


def diff_against_stored(con: duckdb.DuckDBPyConnection) -> CijferDiff:
    """Compare the relation `staged_cijfers` on `con` with the stored cijfers, line by line."""
    execute(con, "store/create_staged_comparison")
    new, changed, unchanged = [], [], 0
    for line in map(_line, fetch_records(con, "store/staged_comparison_rows")):
        if line.old is None:
            new.append(line)
        elif line.old != line.new:
            changed.append(line)
        else:
            unchanged += 1
    return CijferDiff(tuple(new), tuple(changed), unchanged)


def summarise_against_stored(
    con: duckdb.DuckDBPyConnection, limit: int = REPORTED_CHANGES
) -> DiffSummary:
    """Compare the relation `staged_cijfers` on `con` with the stored cijfers, counted in SQL."""
    execute(con, "store/create_staged_comparison")
    new, changed, earlier, unchanged, examples = execute(
        con, "store/staged_comparison_summary", maximum=limit
    ).fetchall()[0]
    return DiffSummary(new, changed, earlier, unchanged, tuple(map(_line, examples)))
