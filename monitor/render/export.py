"""Exporting a published figure as CSV or XLSX, exactly the cells the dashboard shows.

CSV: `;`, UTF-8 with BOM and Dutch number notation so it opens correctly in Dutch Excel.
Every text cell is neutralised against spreadsheet formula injection.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import ModuleType

from monitor.domain.catalogue import Eenheid
from monitor.domain.workbooks import pinned_zip
from monitor.figures.published import (
    MARKER_LEGEND,
    METHOD_NOTE,
    CellStatus,
    PublishedCell,
    PublishedFigure,
)
from monitor.render.safe_text import safe_label, safe_text

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
LONG_HEADER = ("periode", "categorie", "waarde")


def neutralise(text: str) -> str:
    """A leading quote makes Excel and LibreOffice treat the cell as text, never a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _require_published(figure: object) -> PublishedFigure:
    # Renderers accept nothing but a gated figure; an exact table or DataFrame is refused.
    if not isinstance(figure, PublishedFigure):
        raise TypeError(f"export takes a PublishedFigure, not {type(figure).__name__}")
    return figure


def export_label(text: str) -> str:
    # Labels come from data files: the chart, the table and every export show the same safe text.
    return neutralise(safe_label(text))


def wide_rows(figure: PublishedFigure) -> list[list[str]]:
    """Header and rows as on screen; values in Dutch spreadsheet notation or markers."""
    rows = [[export_label(figure.row_header), *(export_label(c) for c in figure.columns)]]
    for row in figure.rows:
        rows.append([export_label(row), *(cell.plain() for cell in figure.row_cells(row))])
    return rows


def long_rows(figure: PublishedFigure) -> list[list[str]]:
    """The same published cells as tidy rows `periode;categorie;waarde`."""
    rows = [list(LONG_HEADER)]
    for cell in figure.cells:
        rows.append([cell.periode, export_label(cell.categorie), cell.plain()])
    return rows


# Said in every file: a 12,5 in a CSV is 12,5%, a 1464689 is euro.
UNIT_LINES = {
    Eenheid.PERSONEN: "Eenheid: aantal personen",
    Eenheid.EURO: "Eenheid: euro",
    Eenheid.AANTAL: "Eenheid: aantal",
    Eenheid.BANEN: "Eenheid: banen",
    Eenheid.PER_1000: "Eenheid: per 1.000 inwoners",
    Eenheid.PROCENT: "Eenheid: procent (12,5 betekent 12,5%)",
}


def footer_rows(figure: PublishedFigure) -> list[list[str]]:
    publisher = f"{figure.gemeente}, " if figure.gemeente else ""
    lines = [
        [],
        [export_label(f"{figure.title} ({figure.edition_label})")],
        [export_label(f"{publisher}Monitor Sociaal Domein, editie {figure.edition_label}")],
        [UNIT_LINES[figure.unit]],
        [export_label("Bron: " + "; ".join(figure.sources))],
        [METHOD_NOTE],
        ["Legenda:"],
        *([neutralise(marker), meaning] for marker, meaning in MARKER_LEGEND),
    ]
    return lines


def csv_bytes(figure: PublishedFigure, long: bool = False) -> bytes:
    figure = _require_published(figure)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(long_rows(figure) if long else wide_rows(figure) + footer_rows(figure))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _number_format(cell: PublishedCell, shown: Decimal) -> str:
    if cell.unit is Eenheid.PROCENT:
        return "0.0%"  # Excel's own percentage: the cell reads 12,5% and computes as 0,125
    if cell.unit is Eenheid.EURO:
        return '"€" #,##0'
    return "#,##0" if shown == shown.to_integral_value() else "#,##0.0"


def _workbook_number(cell: PublishedCell, shown: Decimal) -> int | float:
    if cell.unit is Eenheid.PROCENT:
        shown = shown / 100
    return float(shown) if shown % 1 else int(shown)


def _write_cell(sheet: object, row: int, column: int, cell: PublishedCell) -> None:
    target = sheet.cell(row=row, column=column)  # type: ignore[attr-defined]
    shown = cell.shown_value()
    if cell.status is CellStatus.WAARDE and shown is not None:
        # The published (rounded) value, never the computed one: a download shows no more
        # precision than the table on the page.
        target.value = _workbook_number(cell, shown)
        target.number_format = _number_format(cell, shown)
    else:
        _write_text(target, cell.marker)


def _write_text(target: object, text: str) -> None:
    # openpyxl refuses control characters (IllegalCharacterError): none reaches it.
    target.value = neutralise(safe_text(text))  # type: ignore[attr-defined]
    # Stored as a string cell so openpyxl never writes it as a formula.
    target.data_type = "s"  # type: ignore[attr-defined]


def _write_lines(sheet: object, lines: Iterable[list[str]], start: int = 1) -> None:
    for offset, line in enumerate(lines):
        for column, text in enumerate(line, start=1):
            _write_text(sheet.cell(row=start + offset, column=column), text)  # type: ignore[attr-defined]


def xlsx_bytes(figure: PublishedFigure, long: bool = False) -> bytes:
    from openpyxl import Workbook  # imported here: only XLSX exports need it

    figure = _require_published(figure)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tabel"
    if long:
        _write_lines(sheet, [list(LONG_HEADER)])
        for index, cell in enumerate(figure.cells, start=2):
            _write_lines(sheet, [[cell.periode, safe_label(cell.categorie)]], start=index)
            _write_cell(sheet, index, 3, cell)
    else:
        _write_lines(sheet, wide_rows(figure)[:1])
        for row_index, row in enumerate(figure.rows, start=2):
            _write_lines(sheet, [[safe_label(row)]], start=row_index)
            for column_index, cell in enumerate(figure.row_cells(row), start=2):
                _write_cell(sheet, row_index, column_index, cell)
    notes = workbook.create_sheet("Toelichting")
    _write_lines(notes, [*footer_rows(figure)[1:], [], ["Definitie:"], [figure.definition]])
    # Fixed document times keep the same input giving the same bytes.
    fixed = dt.datetime(2000, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return pinned_zip(buffer.getvalue(), EXPORT_MOMENT)


def _spec(figure: PublishedFigure) -> dict:
    from monitor.render.charts import (
        chart_spec,  # imported here: Altair is heavy and CSV needs none of it
    )

    return chart_spec(_require_published(figure))


def vega_bytes(figure: PublishedFigure) -> bytes:
    """The Vega-Lite specification exactly as the dashboard hands it to the browser."""
    text = json.dumps(_spec(figure), ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


FONT_DIRECTORIES = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")


@cache
def _converter() -> ModuleType:
    """vl-convert with the chart fonts registered, so exports look like the page and the report."""
    import vl_convert  # imported here: only image exports need it

    for directory in FONT_DIRECTORIES:
        if Path(directory).is_dir():
            vl_convert.register_font_directory(directory)
    return vl_convert


def _download_spec(figure: PublishedFigure) -> dict:
    from monitor.render.download_chart import download_spec  # Altair again: images only

    return download_spec(_require_published(figure))


def _svg(spec: dict) -> bytes:
    # No base URLs: the spec carries its data inline and nothing may be fetched from outside.
    return _converter().vegalite_to_svg(spec, allowed_base_urls=[]).encode("utf-8")


def chart_svg_bytes(figure: PublishedFigure) -> bytes:
    """The chart alone, as on the page: for the report, which prints title and notes itself."""
    return _svg(_spec(figure))


def svg_bytes(figure: PublishedFigure) -> bytes:
    """The downloaded chart: with its title, gemeente, edition, source and notes."""
    return _svg(_download_spec(figure))


def png_bytes(figure: PublishedFigure, scale: float = 2.0) -> bytes:
    """The downloaded chart as an image, with the same header and footer as the SVG."""
    return _converter().vegalite_to_png(_download_spec(figure), scale=scale, allowed_base_urls=[])


EXPORT_FORMATS = ("csv", "xlsx", "png", "svg", "vega")
# The same figure gives the same workbook bytes, whenever it is exported.
EXPORT_MOMENT = dt.datetime(2000, 1, 1)


def export_bytes(figure: PublishedFigure, file_format: str, long: bool = False) -> bytes:
    if file_format == "csv":
        return csv_bytes(figure, long)
    if file_format == "xlsx":
        return xlsx_bytes(figure, long)
    if file_format == "png":
        return png_bytes(figure)
    if file_format == "svg":
        return svg_bytes(figure)
    if file_format == "vega":
        return vega_bytes(figure)
    raise ValueError(f"unknown export format: {file_format}")
