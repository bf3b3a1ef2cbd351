"""Is an edition complete before it is published? Per chapter, which indicators reach the
peildatum, which stop earlier (and where) and which are missing; which peildata to offer.

An indicator *reaches* the peildatum when its latest cijfer ends no earlier than the latest
period of its finest periodicity that has ended by then: the month (or quarter) of the
peildatum for monthly (quarterly) figures, the last full calendar year for yearly ones (a
begroting or a CBS year figure for the running year is a bonus, not a requirement)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from monitor import config
from monitor.domain.catalogue import HOOFDSTUKKEN, Catalogue, Indicator
from monitor.domain.editions import Edition
from monitor.domain.periods import Period, PeriodKind, period_from_key
from monitor.store.snapshots import reading
from monitor.store.sql import fetch_records

RANK = {PeriodKind.MAAND: 0, PeriodKind.KWARTAAL: 1, PeriodKind.JAAR: 2}


class Reach(StrEnum):
    BEREIKT = "bereikt"
    STOPT_EERDER = "stopt eerder"
    ONTBREEKT = "ontbreekt"


@dataclass(frozen=True)
class IndicatorReach:
    indicator: Indicator
    reach: Reach
    last: Period | None  # the latest period with a cijfer; None when missing


@dataclass(frozen=True)
class Completeness:
    edition: Edition
    indicators: tuple[IndicatorReach, ...]

    @property
    def gaps(self) -> tuple[IndicatorReach, ...]:
        return tuple(i for i in self.indicators if i.reach is not Reach.BEREIKT)

    @property
    def complete(self) -> bool:
        return not self.gaps

    def by_chapter(self) -> dict[str, tuple[IndicatorReach, ...]]:
        return {
            chapter: found
            for chapter in HOOFDSTUKKEN
            if (found := tuple(i for i in self.indicators if i.indicator.hoofdstuk == chapter))
        }

    def reader_note(self) -> str:
        """What readers are told about the gaps of an edition published with them."""
        parts = [
            f"{i.indicator.titel} lopen tot {i.last.label}"
            if i.last is not None
            else f"{i.indicator.titel} ontbreken"
            for i in self.gaps
        ]
        month = self.edition.label.removeprefix("t/m ")
        return (
            f"Niet alle cijfers van deze editie lopen tot de peildatum ({month}): "
            + "; ".join(f"cijfers over {part}" for part in parts)
            + "."
        )

    def report(self) -> str:
        """The completeness per chapter as the CLI prints it."""
        lines = [f"Volledigheid van editie {self.edition.label}:"]
        for chapter, found in self.by_chapter().items():
            reached = sum(i.reach is Reach.BEREIKT for i in found)
            lines.append(
                f"  {HOOFDSTUKKEN[chapter]}: {reached} van {len(found)} indicatoren compleet"
            )
            for gap in (i for i in found if i.reach is not Reach.BEREIKT):
                where = f"loopt tot {gap.last.label}" if gap.last else "ontbreekt"
                lines.append(f"    - {gap.indicator.titel} ({gap.indicator.id}): {where}")
        return "\n".join(lines)


def incomplete_months(indicators: list[Indicator], edition: Edition) -> tuple[Period, ...]:
    """The months whose cijfers are still incomplete in this edition: for an indicator declared
    late (`voorlopig`), the months of the edition's own quarter. The store holds no completeness
    per month, only that declarations come in late; the quarter is what changes between two
    editions, so that is what a reader is told may still rise (docs/product.md)."""
    if not any(indicator.voorlopig for indicator in indicators):
        return ()
    return tuple(edition.peildatum.containing(PeriodKind.KWARTAAL).months())


def expected_end(indicator: Indicator, edition: Edition) -> dt.date:
    """The last day the indicator's latest cijfer must reach for this edition."""
    finest = min(indicator.periodiciteit, key=RANK.__getitem__)
    if finest is PeriodKind.JAAR:
        year = edition.year if edition.peildatum.index == 12 else edition.year - 1
        return dt.date(year, 12, 31)
    return edition.peildatum_date


def _latest(data_dir: Path, gemeente: str) -> dict[str, dict]:
    with reading(data_dir) as con:
        return {
            r["indicator"]: r
            for r in fetch_records(con, "store/latest_period_per_indicator", gemeente=gemeente)
        }


def completeness(
    data_dir: Path, edition: Edition, catalogue: Catalogue, gemeente: str | None = None
) -> Completeness:
    latest = _latest(data_dir, config.gemeente_code() if gemeente is None else gemeente)
    found = []
    for indicator in catalogue.all_indicators:
        record = latest.get(indicator.id)
        if record is None:
            found.append(IndicatorReach(indicator, Reach.ONTBREEKT, None))
            continue
        reach = (
            Reach.BEREIKT
            if record["einddatum"] >= expected_end(indicator, edition)
            else Reach.STOPT_EERDER
        )
        found.append(IndicatorReach(indicator, reach, period_from_key(record["periode"])))
    return Completeness(edition, tuple(found))


CANDIDATES_WITHOUT_HISTORY = 4


def publish_candidates(available: list[Edition], published: list[Edition]) -> list[Edition]:
    """The peildata offered for publishing, newest first: those after the newest published
    edition and that edition itself (to correct it); without any publication the newest few.
    Older quarters stay reachable from the CLI (`monitor publiceer --editie`)."""
    if not published:
        return available[:CANDIDATES_WITHOUT_HISTORY]
    newest = max(published, key=lambda e: e.peildatum)
    return [e for e in available if e.peildatum >= newest.peildatum]
