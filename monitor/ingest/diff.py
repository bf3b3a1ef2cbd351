"""What an import changes compared with what is published: new figures and changed ones, with
changed earlier periods flagged because late declarations revise them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb

from monitor.domain.numbers import format_uploaded
from monitor.domain.periods import period_from_key
from monitor.store.sql import fetch_records


@dataclass(frozen=True)
class DiffLine:
    indicator: str
    periode: str
    categorie: str
    gemeente: str
    old: Decimal | None
    new: Decimal
    earlier_period: bool  # before the latest period of this indicator, published or uploaded


@dataclass(frozen=True)
class FigureDiff:
    new: tuple[DiffLine, ...]
    changed: tuple[DiffLine, ...]
    unchanged: int

    def report(self, limit: int = 40) -> str:
        lines = [
            f"Nieuwe cijfers: {len(self.new)}; gewijzigde cijfers: {len(self.changed)} "
            f"(waarvan eerdere perioden: {sum(line.earlier_period for line in self.changed)}); "
            f"ongewijzigd: {self.unchanged}."
        ]
        for line in self.changed[:limit]:
            flag = "  [eerdere periode herzien]" if line.earlier_period else ""
            lines.append(
                f"  gewijzigd {describe(line)}: {format_uploaded(line.old)} → {format_uploaded(line.new)}{flag}"
            )
        if len(self.changed) > limit:
            lines.append(f"  … en nog {len(self.changed) - limit} gewijzigde cijfers.")
        return "\n".join(lines)


def describe(line: DiffLine) -> str:
    categorie = f" {line.categorie}" if line.categorie else ""
    gemeente = f" ({line.gemeente})" if line.gemeente else ""
    return f"{line.indicator}{categorie} {period_from_key(line.periode).label}{gemeente}"


def diff_against_published(con: duckdb.DuckDBPyConnection) -> FigureDiff:
    """Compare the relation `staged_figures` on `con` with the published figures."""
    records = fetch_records(con, "store/published_for_keys")
    new, changed, unchanged = [], [], 0
    for record in records:
        line = DiffLine(
            record["indicator"],
            record["periode"],
            record["categorie"],
            record["gemeente"],
            record["oud"],
            record["nieuw"],
            record["eerdere_periode"],
        )
        if line.old is None:
            new.append(line)
        elif line.old != line.new:
            changed.append(line)
        else:
            unchanged += 1
    return FigureDiff(tuple(new), tuple(changed), unchanged)
