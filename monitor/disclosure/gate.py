"""The disclosure gate: the one place where exact tables become published figures.

All figures of an edition are protected together (docs/disclosure.md): P1 (person counts under the
threshold become `<10`), P2 (an amount whose linked count is hidden is hidden), secondary
suppression over every declared relation, and the exact audit (R1–R3) with repair. P3: a value
derived from other cells (an average, a change) is published only when all its inputs are.
Every renderer consumes the `PublishedFigure` objects this module returns; their sentences are
written afterwards, in `monitor.publication`, from the published cells alone.
"""

from __future__ import annotations

from decimal import Decimal

from monitor.disclosure.model import HIDING, ProtectionProblem, RelationKind, Sense
from monitor.disclosure.protection import audited_statuses
from monitor.disclosure.relations import protection_problem
from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import Edition
from monitor.domain.registry import Shape
from monitor.figures.exact import CellKey, CellRef, ExactCell, ExactTable
from monitor.figures.published import (
    INCOMPLETE_BREAKDOWN,
    CellStatus,
    PublishedCell,
    PublishedFigure,
)

SHARE_SHAPES = (Shape.VERDELING_PER_KWARTAAL, Shape.KENMERKEN)
HIDDEN_SHARES = "Afgeschermde categorieën (<10 of x) ontbreken in de staven; die komen daardoor niet overal tot 100%."
LATE_DECLARATIONS = "Aanbieders declareren laat: de cijfers van de laatste maanden zijn voorlopig en nog onvolledig."


def derived_status(cell: ExactCell, statuses: dict[CellRef, CellStatus]) -> CellStatus:
    """P3: a derived value is hidden when any of its inputs is hidden."""
    if cell.value is None:
        return CellStatus.ONTBREEKT
    if any(statuses[ref] in HIDING for ref in cell.inputs):
        return CellStatus.SECUNDAIR
    return CellStatus.WAARDE


def _table_statuses(
    table: ExactTable, protected: dict[CellKey, CellStatus]
) -> dict[CellRef, CellStatus]:
    statuses: dict[CellRef, CellStatus] = {}
    for cell in table.cells:
        if not cell.derived:
            statuses[cell.ref] = protected[cell.key]  # type: ignore[index]
    for cell in table.cells:
        if cell.derived:
            statuses[cell.ref] = derived_status(cell, statuses)
    return statuses


def _published_cell(cell: ExactCell, status: CellStatus) -> PublishedCell:
    value: Decimal | None = cell.value if status is CellStatus.WAARDE else None
    return PublishedCell(
        cell.row, cell.column, cell.periode, cell.categorie, value, status, cell.unit, cell.key
    )


def _definition(table: ExactTable, catalogue: Catalogue) -> str:
    parts = [table.spec.description]
    for indicator_id in table.spec.indicators:
        indicator = catalogue.by_id[indicator_id]
        parts.append(f"{indicator.titel}: {indicator.definitie}")
    return "\n\n".join(parts)


def short_breakdowns(problem: ProtectionProblem) -> set[str]:
    """The populaties whose categories fall short of their total somewhere in this edition."""
    return {
        key[0]
        for relation in problem.relations
        if relation.kind is RelationKind.SOM and relation.sense is Sense.HOOGSTENS
        for key in relation.keys
        if key != relation.total
    }


def _figure(table: ExactTable, statuses: dict[CellRef, CellStatus], edition: Edition,
            catalogue: Catalogue, short: set[str]) -> PublishedFigure:  # fmt: skip
    cells = tuple(_published_cell(cell, statuses[cell.ref]) for cell in table.cells)
    indicators = [catalogue.by_id[i] for i in table.spec.indicators]
    notes = list(table.notes)
    if any(cell.key is not None and cell.key[0] in short for cell in table.cells):
        notes.append(INCOMPLETE_BREAKDOWN)
    if any(indicator.voorlopig for indicator in indicators):
        notes.append(LATE_DECLARATIONS)
    if table.spec.shape in SHARE_SHAPES and any(c.status in HIDING for c in cells):
        notes.append(HIDDEN_SHARES)
    return PublishedFigure(
        figure_id=table.spec.figure_id,
        chapter=table.spec.chapter,
        section=table.spec.section,
        section_title=table.spec.section_title,
        title=table.spec.title,
        shape=table.spec.shape,
        unit=table.unit,
        row_header=table.row_header,
        rows=table.rows,
        columns=table.columns,
        cells=cells,
        edition=edition.key,
        edition_label=edition.label,
        sentences=(),
        definition=_definition(table, catalogue),
        sources=tuple(
            dict.fromkeys([*(indicator.bron for indicator in indicators), *table.spec.sources])
        ),
        notes=tuple(notes),
        row_roles=table.row_roles,
        column_roles=table.column_roles,
        gemeente=catalogue.instellingen.gemeente_naam,
    )


def protect_edition(
    tables: list[ExactTable],
    edition: Edition,
    catalogue: Catalogue,
    frozen: dict[CellKey, CellStatus] | None = None,
) -> tuple[PublishedFigure, ...]:
    """Protect every figure of an edition at once; raises GateError rather than publish
    anything the audit does not pass."""
    problem = protection_problem(tables, catalogue, frozen)
    protected = audited_statuses(problem)
    short = short_breakdowns(problem)
    return tuple(
        _figure(t, _table_statuses(t, protected), edition, catalogue, short) for t in tables
    )


def protect(table: ExactTable, edition: Edition, catalogue: Catalogue) -> PublishedFigure:
    """One figure on its own (its relations to other figures are not considered)."""
    return protect_edition([table], edition, catalogue)[0]
