"""Published figures: the only thing that leaves the system.

Instances are created by `monitor.disclosure.gate` alone (checked by a test); pages, exports and the
report take nothing else. A hidden cell carries no value at all, only its marker.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from monitor.domain.catalogue import Eenheid
from monitor.domain.numbers import format_dutch, format_euro, round_half_up
from monitor.domain.registry import Shape
from monitor.domain.table_roles import TableRole, TableRoles, labels_with, labels_without


class CellStatus(StrEnum):
    WAARDE = "waarde"  # published value
    PRIMAIR = "primair"  # a count under the threshold: <10
    SECUNDAIR = "secundair"  # hidden to prevent recomputation: x
    STRUCTUREEL = "structureel"  # cannot occur: –
    ONTBREEKT = "ontbreekt"  # not delivered: .


# Told to every reader, so that nobody takes a breakdown short of its total for a complete one:
# the audit of the exported files reads the same note (Σ categories ≤ total there).
INCOMPLETE_BREAKDOWN = (
    "Niet van iedereen is dit kenmerk bekend: de categorieën tellen hier soms op tot minder dan "
    "het totaal."
)


MARKERS = {
    CellStatus.PRIMAIR: "<10",
    CellStatus.SECUNDAIR: "x",
    CellStatus.STRUCTUREEL: "–",
    CellStatus.ONTBREEKT: ".",
}

MARKER_LEGEND = (
    ("<10", "afgeschermd: een aantal kleiner dan 10 (AVG)"),
    ("x", "afgeschermd om terugrekenen te voorkomen"),
    ("–", "kan niet voorkomen"),
    (".", "niet aangeleverd"),
)

METHOD_NOTE = (
    "Aantallen kleiner dan 10 worden als <10 getoond. Om terugrekenen te voorkomen zijn enkele "
    "andere cijfers afgeschermd (x)."
)


@dataclass(frozen=True)
class PublishedCell:
    row: str
    column: str
    periode: str  # canonical period key, '' when the cell has none
    categorie: str  # category or series name, '' for a total
    value: Decimal | None  # None whenever status is not WAARDE
    status: CellStatus
    unit: Eenheid
    # (population, categorie, periode): the same key has the same status in every view; public
    # information, used by `monitor audit` to re-derive relations from exported artefacts.
    key: tuple[str, str, str] | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.status is CellStatus.WAARDE):
            raise ValueError(f"cell {self.row}/{self.column}: value and status disagree")

    @property
    def marker(self) -> str:
        return MARKERS.get(self.status, "")

    @property
    def is_hidden(self) -> bool:
        return self.status is not CellStatus.WAARDE

    def display(self) -> str:
        """Dutch text as on screen: `€ 1.464.689`, `12,5%`, `1.234`, or the marker."""
        if self.value is None:
            return self.marker
        return format_value(self.value, self.unit)

    def shown_value(self) -> Decimal | None:
        """The value rounded as every notation shows it (None when hidden): what a workbook holds,
        so nobody reads more precision from a download than the table publishes."""
        if self.value is None:
            return None
        return round_half_up(self.value, _decimals(self.value, self.unit))

    def plain(self) -> str:
        """Dutch text for spreadsheets: no thousands separators, decimal comma, no unit sign."""
        if self.value is None:
            return self.marker
        return format_dutch(self.value, _decimals(self.value, self.unit)).replace(".", "")


def _decimals(value: Decimal, unit: Eenheid) -> int:
    if unit is Eenheid.PROCENT:
        return 1
    if unit is Eenheid.EURO:
        return 0
    return 0 if value == value.to_integral_value() else 1


def format_value(value: Decimal, unit: Eenheid) -> str:
    if unit is Eenheid.EURO:
        return format_euro(value)
    text = format_dutch(value, _decimals(value, unit))
    if unit is Eenheid.PROCENT:
        return f"{text}%"
    return text


@dataclass(frozen=True)
class PublishedFigure:
    figure_id: str
    chapter: str  # wmo, jeugd, participatie, sociale_basis
    section: str  # e.g. "1.1"
    section_title: str  # e.g. "Financiën"
    title: str
    shape: Shape  # how it is drawn
    unit: Eenheid
    row_header: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[PublishedCell, ...]  # row-major: len(rows) * len(columns)
    edition: str  # peildatum key, e.g. "2024-03"
    edition_label: str  # "t/m maart 2024"
    sentences: tuple[str, ...]
    definition: str
    sources: tuple[str, ...]
    notes: tuple[str, ...]
    row_roles: TableRoles = ()  # what a row means, aligned with rows; () when none has a role
    column_roles: TableRoles = ()
    # Who publishes it: a downloaded chart or table names its gemeente, wherever it ends up.
    gemeente: str = ""

    def __post_init__(self) -> None:
        if len(self.cells) != len(self.rows) * len(self.columns):
            raise ValueError(f"{self.figure_id}: cells do not fill the table")
        if len(self.row_roles) not in (0, len(self.rows)) or len(self.column_roles) not in (
            0,
            len(self.columns),
        ):
            raise ValueError(f"{self.figure_id}: roles do not match the rows and columns")

    def columns_with(self, role: TableRole) -> tuple[str, ...]:
        return labels_with(self.columns, self.column_roles, role)

    def rows_without(self, *roles: TableRole) -> tuple[str, ...]:
        return labels_without(self.rows, self.row_roles, *roles)

    def label_of(self, role: TableRole) -> str | None:
        """The row or column with this role (the first, if several), None if there is none."""
        found = labels_with(self.columns, self.column_roles, role) or labels_with(
            self.rows, self.row_roles, role
        )
        return found[0] if found else None

    def cell_in(self, row: str, role: TableRole) -> PublishedCell | None:
        """The cell of `row` in the column with this role, None if the table has no such column."""
        column = self.label_of(role)
        return None if column is None else self.cell(row, column)

    def cell_of(self, role: TableRole, column: str) -> PublishedCell | None:
        """The cell of the row with this role in `column`, None if the table has no such row."""
        row = self.label_of(role)
        return None if row is None else self.cell(row, column)

    def cell(self, row: str, column: str) -> PublishedCell:
        return self.cells[self.rows.index(row) * len(self.columns) + self.columns.index(column)]

    def row_cells(self, row: str) -> tuple[PublishedCell, ...]:
        start = self.rows.index(row) * len(self.columns)
        return self.cells[start : start + len(self.columns)]

    def worded(self, sentences: tuple[str, ...]) -> PublishedFigure:
        """The same published cells with their sentences: wording comes after the gate and can
        change nothing else."""
        return replace(self, sentences=sentences)

    @property
    def has_hidden_cells(self) -> bool:
        return any(
            cell.is_hidden and cell.status is not CellStatus.ONTBREEKT for cell in self.cells
        )
