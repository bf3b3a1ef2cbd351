"""`monitor audit`: check an edition from its exported artefacts alone, as a reader would.

Every figure is exported as CSV and as the chart specification served to browsers. The audit
then reads those files back, checks that the chart data hides what the table hides, rebuilds the
relations the catalogue declares between the published cells, and runs the exact audit (R1–R3)
on what a reader can see. It never looks at an exact value.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from monitor.disclosure.audit import ReaderView, audit
from monitor.disclosure.model import Relation, RelationKind
from monitor.disclosure.relations import (
    HUNDRED,
    SHARE_SUFFIX,
    declared_relations,
    relations_that_hold,
    settings_of,
)
from monitor.domain.catalogue import Catalogue
from monitor.domain.registry import Shape
from monitor.figures.published import INCOMPLETE_BREAKDOWN, MARKERS, CellStatus, PublishedFigure
from monitor.publication.edition import PublishedEdition
from monitor.render.export import csv_bytes, export_label, vega_bytes
from monitor.render.safe_text import safe_label

STATUS_OF_MARKER = {marker: status for status, marker in MARKERS.items()}


@dataclass(frozen=True)
class ReadCell:
    status: CellStatus
    value: Decimal | None


def write_artefacts(published: PublishedEdition, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for figure in published.figures:
        (directory / f"{figure.figure_id}.csv").write_bytes(csv_bytes(figure))
        (directory / f"{figure.figure_id}.vega.json").write_bytes(vega_bytes(figure))


def _csv_table(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if not row:
            break  # the legend follows the first empty line
        rows.append(row)
    return rows


def _plain_number(text: str) -> Decimal:
    try:
        return Decimal(text.removeprefix("'").replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"'{text}' is geen getal en geen teken") from None


def _spec_values(spec: object) -> list[dict]:
    """Every data record embedded in a Vega-Lite spec, wherever it sits."""
    records: list[dict] = []
    if isinstance(spec, dict):
        for name, value in spec.items():
            if name == "values" and isinstance(value, list):
                records.extend(v for v in value if isinstance(v, dict))
            elif name == "datasets" and isinstance(value, dict):
                for dataset in value.values():
                    records.extend(v for v in dataset if isinstance(v, dict))
            else:
                records.extend(_spec_values(value))
    elif isinstance(spec, list):
        for item in spec:
            records.extend(_spec_values(item))
    return records


def read_figure(
    figure: PublishedFigure, directory: Path
) -> tuple[dict[tuple[str, str], ReadCell], list[str]]:
    """The cells of one figure as its artefacts show them, and any inconsistency found."""
    problems: list[str] = []
    table = _csv_table(directory / f"{figure.figure_id}.csv")
    # The files show every label as export_label made it safe; read them back to the figure's.
    columns = {export_label(column): column for column in figure.columns}
    rows = {export_label(row): row for row in figure.rows}
    header = [columns.get(text, text) for text in table[0][1:]]
    if header != list(figure.columns):
        problems.append(f"{figure.figure_id}: de kolommen van de CSV wijken af van de figuur.")
    cells: dict[tuple[str, str], ReadCell] = {}
    for row in table[1:]:
        label = rows.get(row[0], row[0])
        for column, text in zip(header, row[1:], strict=False):
            status = STATUS_OF_MARKER.get(text, CellStatus.WAARDE)
            cells[(label, column)] = ReadCell(
                status, _plain_number(text) if status is CellStatus.WAARDE else None
            )
    spec = json.loads((directory / f"{figure.figure_id}.vega.json").read_text(encoding="utf-8"))
    chart_rows = {safe_label(row): row for row in figure.rows}
    chart_columns = {safe_label(column): column for column in figure.columns}
    for record in _spec_values(spec):
        rij, kolom = record.get("rij"), record.get("kolom")
        place = (chart_rows.get(rij, rij), chart_columns.get(kolom, kolom))
        if place not in cells or "waarde" not in record:
            continue
        read = cells[place]
        value = record["waarde"]
        if read.status is not CellStatus.WAARDE and value is not None:
            problems.append(f"{figure.figure_id}: {place[0]} / {place[1]} is afgeschermd in de tabel "
                            "maar heeft een waarde in de grafiek.")  # fmt: skip
        elif (
            read.status is CellStatus.WAARDE
            and value is not None
            and figure.shape is not Shape.KENMERKEN
        ):
            # The chart carries full precision (shares); keep the most precise value a reader has.
            cells[place] = ReadCell(CellStatus.WAARDE, Decimal(str(value)))
    return cells, problems


def reader_view_from_artefacts(
    published: PublishedEdition, directory: Path, catalogue: Catalogue
) -> tuple[ReaderView, list[str]]:
    problems: list[str] = []
    values: dict[tuple[str, str, str], Decimal] = {HUNDRED: Decimal(100)}
    hidden: dict[tuple[str, str, str], CellStatus] = {}
    for figure in published.figures:
        cells, found = read_figure(figure, directory)
        problems.extend(found)
        for cell in figure.cells:
            if cell.key is None:
                continue
            read = cells.get((cell.row, cell.column))
            if read is None:
                problems.append(
                    f"{figure.figure_id}: cel {cell.row} / {cell.column} ontbreekt in de CSV."
                )
            elif read.status is CellStatus.WAARDE and read.value is not None:
                values[cell.key] = read.value
            elif read.status in (CellStatus.PRIMAIR, CellStatus.SECUNDAIR):
                hidden[cell.key] = read.status
            elif read.status is CellStatus.STRUCTUREEL:
                values[cell.key] = Decimal(0)
    is_count = {key: _is_count(key, catalogue) for key in (*values, *hidden)}
    short = {
        cell.key[0]
        for figure in published.figures
        if INCOMPLETE_BREAKDOWN in figure.notes
        for cell in figure.cells
        if cell.key is not None
    }
    relations, believed = _usable(declared_relations([*values, *hidden], catalogue), values, short)
    view = ReaderView(
        values,
        hidden,
        is_count,
        tuple(relations),
        settings_of(catalogue),
        tuple(believed),
    )
    return view, problems


def _is_count(key: tuple[str, str, str], catalogue: Catalogue) -> bool:
    indicator = catalogue.get(key[0])
    return bool(indicator and indicator.gevoelig and SHARE_SUFFIX not in key[0])


def _usable(
    relations: list[Relation], values: dict[tuple[str, str, str], Decimal], short: set[str]
) -> tuple[list[Relation], list[Relation]]:
    """What a reader can use, and what a reader may believe. A relation whose cells are all
    published is used as it holds on them (an incomplete sum as Σ ≤ total), or not at all. One
    with a hidden cell cannot be checked: it is believed as declared, except a sum over a
    breakdown the figure says may fall short of its total (then Σ ≤ total)."""
    used: list[Relation] = []
    believed: list[Relation] = []
    for relation in relations:
        if any(key not in values for key in relation.keys):
            parts = [key[0] for key in relation.keys if key != relation.total]
            maybe_short = relation.kind is RelationKind.SOM and any(p in short for p in parts)
            believed.append(relation.at_most() if maybe_short else relation)
        else:
            used.extend(relations_that_hold([relation], values))  # type: ignore[arg-type]
    return used, believed


def audit_edition(published: PublishedEdition, directory: Path, catalogue: Catalogue) -> list[str]:
    """Write the artefacts of an edition to `directory`, read them back and audit them."""
    write_artefacts(published, directory)
    view, problems = reader_view_from_artefacts(published, directory, catalogue)
    return problems + [finding.describe() for finding in audit(view)]


def exported_findings(published: PublishedEdition) -> list[str]:
    """The audit every publication passes: the edition's files written, read back and audited in
    a temporary directory; empty when the edition may be published."""
    with tempfile.TemporaryDirectory(prefix="monitor-controle-") as directory:
        return audit_edition(published, Path(directory), published.catalogue)
