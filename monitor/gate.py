"""The disclosure gate: the one place where exact tables become published figures.

Rules applied here (disclosure.md): P1, every person count under the threshold is shown as
`<10` (interior cells, totals and flows alike; zeros too); P3, a value derived from other cells
(an average, a change) is computed only when all its inputs are published and is hidden (`x`)
otherwise. Every renderer consumes the `PublishedFigure` this module returns.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from monitor.catalogue import Catalogue
from monitor.editions import Edition
from monitor.exact import CellRef, ExactCell, ExactTable
from monitor.published import CellStatus, PublishedCell, PublishedFigure
from monitor.sentences import sentences_for

HIDING = (CellStatus.PRIMAIR, CellStatus.SECUNDAIR)
LATE_DECLARATIONS = "Aanbieders declareren laat: de cijfers van de laatste maanden zijn voorlopig en nog onvolledig."


def primary_status(cell: ExactCell, threshold: int) -> CellStatus:
    """P1 for a base cell."""
    if cell.value is None:
        return CellStatus.ONTBREEKT
    if cell.sensitive and cell.value < threshold:
        return CellStatus.PRIMAIR
    return CellStatus.WAARDE


def derived_status(cell: ExactCell, statuses: dict[CellRef, CellStatus]) -> CellStatus:
    """P3: a derived value is hidden when any of its inputs is hidden."""
    if cell.value is None:
        return CellStatus.ONTBREEKT
    if any(statuses[ref] in HIDING for ref in cell.inputs):
        return CellStatus.SECUNDAIR
    return CellStatus.WAARDE


def protect_cells(table: ExactTable, threshold: int) -> dict[CellRef, CellStatus]:
    statuses = {c.ref: primary_status(c, threshold) for c in table.cells if not c.inputs}
    for cell in table.cells:
        if cell.inputs:
            statuses[cell.ref] = derived_status(cell, statuses)
    return statuses


def _published_cell(cell: ExactCell, status: CellStatus) -> PublishedCell:
    value: Decimal | None = cell.value if status is CellStatus.WAARDE else None
    return PublishedCell(
        cell.row, cell.column, cell.periode, cell.categorie, value, status, cell.unit
    )


def _definition(table: ExactTable, catalogue: Catalogue) -> str:
    parts = [table.spec.description]
    for indicator_id in table.spec.indicators:
        indicator = catalogue.by_id[indicator_id]
        parts.append(f"{indicator.titel}: {indicator.definitie}")
    return "\n\n".join(parts)


def protect(table: ExactTable, edition: Edition, catalogue: Catalogue) -> PublishedFigure:
    """Apply the gate to one exact table."""
    statuses = protect_cells(table, catalogue.instellingen.drempel)
    cells = tuple(_published_cell(cell, statuses[cell.ref]) for cell in table.cells)
    indicators = [catalogue.by_id[i] for i in table.spec.indicators]
    notes = list(table.notes)
    if any(indicator.voorlopig for indicator in indicators):
        notes.append(LATE_DECLARATIONS)
    figure = PublishedFigure(
        figure_id=table.spec.figure_id,
        chapter=table.spec.chapter,
        section=table.spec.section,
        section_title=table.spec.section_title,
        title=table.spec.title,
        shape=table.spec.shape.value,
        unit=table.unit,
        row_header=table.row_header,
        rows=table.rows,
        columns=table.columns,
        cells=cells,
        edition=edition.key,
        edition_label=edition.label,
        sentences=(),
        definition=_definition(table, catalogue),
        sources=tuple(dict.fromkeys(indicator.bron for indicator in indicators)),
        notes=tuple(notes),
    )
    # Sentences are written from the published cells only, so they cannot reveal a hidden value.
    return replace(figure, sentences=sentences_for(figure, table.spec))
