"""Exact tables: what the queries compute, before the disclosure gate.

These values may include counts under the threshold. Only `monitor.disclosure.gate` turns them into
published figures; renderers are not allowed to import this module (import-linter contract).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monitor.domain.catalogue import Eenheid
from monitor.domain.registry import FigureSpec
from monitor.domain.table_roles import TableRoles

CellRef = tuple[str, str]  # (row, column)
CellKey = tuple[str, str, str]  # (population, categorie, periode): one status in every view


@dataclass(frozen=True)
class ExactCell:
    row: str
    column: str
    periode: str
    categorie: str
    value: Decimal | None  # None: not delivered
    unit: Eenheid
    sensitive: bool  # a person count: the AVG rule applies
    inputs: tuple[CellRef, ...] = ()  # for a derived value: the cells it is computed from
    key: CellKey | None = None  # identity of a base cell across figures; None when derived

    @property
    def derived(self) -> bool:
        return self.key is None

    @property
    def ref(self) -> CellRef:
        return (self.row, self.column)


@dataclass(frozen=True)
class ExactTable:
    spec: FigureSpec
    unit: Eenheid
    row_header: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[ExactCell, ...]  # row-major
    notes: tuple[str, ...] = ()
    # Cells the gate needs but the figure does not show, e.g. the count of persons behind an
    # amount per category (P2): they decide what is hidden, they are never published.
    support: tuple[ExactCell, ...] = ()
    row_roles: TableRoles = ()  # what a row means (monitor.domain.table_roles), aligned with rows
    column_roles: TableRoles = ()
