"""Builders for disclosure tests: small named tables turned into protection problems."""

from __future__ import annotations

from decimal import Decimal

from monitor.disclosure.model import (
    ProtectionCell,
    ProtectionProblem,
    Relation,
    RelationKind,
    Settings,
)
from monitor.disclosure.protection import audited_statuses
from monitor.domain.table_roles import TableRole
from monitor.figures.exact import CellKey
from monitor.figures.published import MARKERS, CellStatus


def key(name: str) -> CellKey:
    return ("test", name, "2024-03")


def sum_relation(total: str, parts: list[str]) -> Relation:
    return Relation(
        RelationKind.SOM, ((key(total), 1), *((key(p), -1) for p in parts)), total=key(total)
    )


def problem(values: dict[str, int], sums: list[tuple[str, list[str]]],
            counts: bool = True, **settings: object) -> ProtectionProblem:  # fmt: skip
    cells = {key(n): ProtectionCell(key(n), Decimal(v), counts) for n, v in values.items()}
    relations = [sum_relation(total, parts) for total, parts in sums]
    return ProtectionProblem(cells, relations, settings=Settings(**settings))  # type: ignore[arg-type]


def markers(statuses: dict[CellKey, CellStatus], values: dict[str, int]) -> dict[str, str]:
    return {n: MARKERS.get(statuses[key(n)], str(v)) for n, v in values.items()}


def protected_markers(values: dict[str, int], sums: list[tuple[str, list[str]]]) -> dict[str, str]:
    return markers(audited_statuses(problem(values, sums)), values)


def total_roles(rows: dict[str, object]) -> tuple[TableRole | None, ...]:
    """Row roles of a breakdown whose row "Totaal" is its total, as the builders give them."""
    return tuple(TableRole.TOTAAL if row == "Totaal" else None for row in rows)
