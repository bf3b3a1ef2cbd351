"""Reference groups for "is that a lot?": Nederland, gemeenten of the same gemeentegrootteklasse,
a province or configured region, and peers the beheerder chooses. A group's figure is computed
from its members' published CBS figures the way CBS defines a rate, a ratio of sums (Σ numerator
/ Σ denominator), never an average of the members' rates, and says how many members had both
cijfers published."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from monitor.domain.numbers import format_dutch
from monitor.store.sql import fetch_records

# CBS's gemeentegrootteklassen by number of inwoners: lower bound inclusive, upper exclusive.
SIZE_BOUNDS = (0, 5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000)


@dataclass(frozen=True)
class RateDefinition:
    """A rate from CBS cells: numerator and denominator topics, and the factor (1000 for per
    1.000 inwoners, 100 for a percentage)."""

    teller_tabel: str
    teller: str
    noemer_tabel: str
    noemer: str
    factor: int
    dimensies: str = ""
    noemer_dimensies: str = ""


@dataclass(frozen=True)
class GroupRate:
    group: str  # "Nederland", "gemeenten met 20.000 tot 50.000 inwoners", …
    periode: str  # CBS code
    periode_label: str
    waarde: Decimal | None
    leden_met_cijfers: int
    leden: int

    def coverage(self) -> str:
        """`186 van 186 gemeenten met cijfers`: what the group's figure is based on."""
        return f"{format_dutch(self.leden_met_cijfers)} van {format_dutch(self.leden)} met cijfers"


def size_class(inwoners: Decimal | int) -> tuple[int, int | None]:
    lower = max(bound for bound in SIZE_BOUNDS if inwoners >= bound)
    index = SIZE_BOUNDS.index(lower)
    return lower, SIZE_BOUNDS[index + 1] if index + 1 < len(SIZE_BOUNDS) else None


def size_class_label(bounds: tuple[int, int | None]) -> str:
    lower, upper = bounds
    if upper is None:
        return f"gemeenten met {format_dutch(lower)} inwoners of meer"
    if lower == 0:
        return f"gemeenten met minder dan {format_dutch(upper)} inwoners"
    return f"gemeenten met {format_dutch(lower)} tot {format_dutch(upper)} inwoners"


def group_rates(
    con: duckdb.DuckDBPyConnection, rate: RateDefinition, group: str, members: Sequence[str]
) -> list[GroupRate]:
    """The group's rate per period over `members` (region codes)."""
    records = fetch_records(
        con, "cbs/groepscijfer", teller_tabel=rate.teller_tabel, teller=rate.teller,
        noemer_tabel=rate.noemer_tabel, noemer=rate.noemer, dimensies=rate.dimensies,
        noemer_dimensies=rate.noemer_dimensies, leden=list(members),
    )  # fmt: skip
    size = len(members)
    return [_group_rate(group, record, size, rate.factor) for record in records]


def _group_rate(group: str, r: dict, members: int, factor: int) -> GroupRate:
    waarde = factor * r["teller"] / r["noemer"] if r["noemer"] else None
    return GroupRate(group, r["periode"], r["periode_label"], waarde, r["leden_met_cijfers"],
                     members)  # fmt: skip


def size_class_rates(
    con: duckdb.DuckDBPyConnection,
    rate: RateDefinition,
    inwoners: tuple[str, str],
    gemeente: str,
) -> list[GroupRate]:
    """The rate of the gemeenten in the same grootteklasse as `gemeente`, per period: a class
    is taken from each period's own inwoners (`inwoners` is CBS table and topic), so a
    gemeente that grows changes group."""
    per_period: dict[str, list[tuple[str, Decimal]]] = {}
    tabel, onderwerp = inwoners
    for record in fetch_records(
        con, "cbs/gemeenten_met_inwoners", tabel=tabel, onderwerp=onderwerp
    ):
        per_period.setdefault(record["periode"], []).append((record["regio"], record["inwoners"]))
    rates = []
    for periode, gemeenten in sorted(per_period.items()):
        own = dict(gemeenten).get(gemeente)
        if own is None:
            continue
        bounds = size_class(own)
        members = [code for code, count in gemeenten if size_class(count) == bounds]
        rates += [
            found
            for found in group_rates(con, rate, size_class_label(bounds), members)
            if found.periode == periode
        ]
    return rates


def published_rates(
    con: duckdb.DuckDBPyConnection,
    tabel: str,
    onderwerp: str,
    dimensies: str,
    group: str,
    members: Sequence[str],
) -> list[GroupRate]:
    """A rate as CBS publishes it, for one region (a gemeente, or Nederland under either of its
    codes): no group is computed from it, since a published rate cannot be summed."""
    records = fetch_records(
        con, "cbs/gepubliceerd_cijfer", tabel=tabel, onderwerp=onderwerp, dimensies=dimensies,
        leden=list(members),
    )  # fmt: skip
    return [GroupRate(group, r["periode"], r["periode_label"], r["waarde"], 1, 1) for r in records]
