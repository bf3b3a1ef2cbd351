"""Reading uploaded files into raw sheets: CSV with any of our separators and encodings, and XLSX.

Nothing here knows about indicators; it only turns bytes into rows of cells with the row numbers
a user sees in a spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from monitor.domain.numbers import format_dutch
from monitor.ingest.files import MB
from monitor.ingest.problems import ImportRefused, Problem
from monitor.ingest.titles import (
    MAX_TITLE_ROWS,
    SEPARATORS,
    TitleRow,
    is_title_row,
    likely_separator,
    title_text,
)
from monitor.ingest.xlsx import EXCEL_ROWS, SheetReader, WorkbookLimits, open_workbook

MAX_FIGURE_FILE_BYTES = 50 * MB
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * MB
# A figure file is a table of cijfers, not a register: 500.000 cells hold 125.000 rows of the
# long format (a gemeente's whole history is a few thousand), and keep an import within about
# 10 s and 300 MB however the cells are packed.
MAX_FIGURE_CELLS = 500_000
FIGURE_WORKBOOK = WorkbookLimits(
    unpacked_bytes=MAX_XLSX_UNCOMPRESSED_BYTES,
    whole_part_bytes=MAX_XLSX_UNCOMPRESSED_BYTES,
    cells=MAX_FIGURE_CELLS,
    advice="Splits het bestand.",
)
# A UTF-8 encoded letter with an accent (é, ë, ï, …): two bytes, C3 followed by 80–BF.
UTF8_LETTER = re.compile(rb"\xc3[\x80-\xbf]")


@dataclass(frozen=True)
class RawRow:
    number: int
    cells: tuple[object, ...]


@dataclass(frozen=True)
class RawSheet:
    file: str
    sheet: str | None  # None for CSV
    header: tuple[str, ...]
    rows: tuple[RawRow, ...]
    description: str  # e.g. "CSV, puntkomma, UTF-8 met BOM"
    header_row: int = 1  # as the user numbers rows: below any title rows
    titles: tuple[TitleRow, ...] = ()

    def problem(self, message: str, row: int | None = None, column: str | None = None) -> Problem:
        return Problem(self.file, message, row=row, column=column, sheet=self.sheet)


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode as UTF-8 (with or without BOM) or else Windows-1252; returns text and a label."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 met BOM"
        except UnicodeDecodeError as error:
            raise ImportRefused([_encoding_problem(file, data, error.start + 3)]) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused([Problem(file, "het bestand is UTF-16; sla het op als CSV UTF-8.")])
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed_encoding_rows(data)
    if mixed is not None:
        utf8_row, other_row = mixed
        message = (f"het bestand mengt tekensets: rij {utf8_row} is UTF-8 en rij {other_row} niet "
                   "(Windows-1252). Sla het bestand in één keer op als 'CSV UTF-8'.")  # fmt: skip
        raise ImportRefused(
            [Problem(file, message, row=row) for row in sorted({utf8_row, other_row})]
        )
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise ImportRefused([_encoding_problem(file, data, error.start)]) from None


def _encoding_problem(file: str, data: bytes, offset: int) -> Problem:
    row = data[:offset].count(b"\n") + 1
    return Problem(
        file,
        f"teken op positie {offset} is geen UTF-8 en geen Windows-1252. Sla het bestand op als "
        "'CSV UTF-8 (gescheiden door lijstscheidingsteken)'.",
        row=row,
    )


def detect_separator(lines: Sequence[str], file: str) -> str:
    """The separator of a CSV from its first lines (title lines above the header included)."""
    separator = likely_separator(lines)
    if separator is None:
        raise ImportRefused(
            [
                Problem(
                    file,
                    "geen scheidingsteken gevonden in de kopregel. Gebruik een puntkomma (;), komma (,) "
                    "of tab tussen de kolommen, met een kopregel zoals indicator;periode;categorie;waarde.",
                    row=1,
                )
            ]
        )
    return separator


def read_csv(data: bytes, file: str) -> RawSheet:
    text, encoding = decode(data, file)
    if not text.strip():
        raise ImportRefused([Problem(file, "het bestand is leeg.")])
    if "\x00" in text:
        raise ImportRefused(
            [Problem(file, "het bestand bevat binaire gegevens; is het wel een CSV?")]
        )
    _check_line_count(text, file)
    separator = detect_separator(list(islice(io.StringIO(text), 4 * MAX_TITLE_ROWS)), file)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    header: tuple[str, ...] | None = None
    header_row = 1
    titles: list[TitleRow] = []
    rows: list[RawRow] = []
    cells = 0
    row_start = 1
    try:
        for number, record in enumerate(reader, start=1):
            row_start = reader.line_num + 1
            cells += len(record)
            if cells > MAX_FIGURE_CELLS:
                raise ImportRefused([Problem(file, (
                    f"het bestand heeft meer dan {format_dutch(MAX_FIGURE_CELLS)} cellen, de grens "
                    "voor een cijferbestand. Splits het bestand, of lever records aan met "
                    "--registraties."
                ), row=number)])  # fmt: skip
            if header is None:
                if len(titles) < MAX_TITLE_ROWS and is_title_row(record):
                    titles.append(TitleRow(number, title_text(record)))
                    continue
                if titles and not any(cell.strip() for cell in record):
                    continue  # an empty line between the title and the table
                header = tuple(cell.strip() for cell in record)
                header_row = number
            elif any(cell.strip() for cell in record):
                rows.append(RawRow(number, tuple(record)))
    except csv.Error as error:
        message = "het bestand is geen geldige CSV: " + _csv_problem(str(error))
        raise ImportRefused([Problem(file, message, row=row_start)]) from None
    if header is None:
        raise ImportRefused([Problem(file, (
            "het bestand heeft alleen titelregels (rijen met één gevulde cel) en geen kopregel "
            "met kolomnamen."
        ), row=titles[-1].number)])  # fmt: skip
    if text.endswith(("\n", "\r")) is False and rows and len(rows[-1].cells) < len(header):
        raise ImportRefused(
            [
                Problem(
                    file,
                    "de laatste rij is onvolledig: het bestand lijkt half geschreven of afgebroken.",
                    row=rows[-1].number,
                )
            ]
        )
    description = f"CSV, {SEPARATORS[separator]}, {encoding}"
    if rows and not text.endswith(("\n", "\r")):
        # A cut inside the last value cannot be detected; ask the user to look at that row.
        description += (
            f" (let op: geen regeleinde na de laatste rij {rows[-1].number}; is die volledig?)"
        )
    return RawSheet(file, None, header, tuple(rows), description, header_row, tuple(titles))


def _check_line_count(text: str, file: str) -> None:
    """Refuse more lines than a spreadsheet holds before any is split: empty lines cost memory
    and time as well, without holding a single cijfer."""
    lines = text.count("\n") or text.count("\r")
    if lines > EXCEL_ROWS:
        raise ImportRefused([Problem(file, (
            f"het bestand heeft {format_dutch(lines)} regels (lege regels tellen mee); de grens is "
            f"{format_dutch(EXCEL_ROWS)}, zoveel als Excel kan openen. Verwijder de lege regels of "
            "splits het bestand."
        ))])  # fmt: skip


def _csv_problem(message: str) -> str:
    """Python's csv messages, in Dutch with the fix."""
    if "field larger than field limit" in message:
        return "een cel is langer dan 131.072 tekens; is het scheidingsteken wel goed?"
    if "unexpected end of data" in message or "EOF" in message:
        return ("een aanhalingsteken (\") wordt niet gesloten, of het bestand is afgebroken. "
                "Controleer de aanhalingstekens in deze rij.")  # fmt: skip
    if "expected after" in message:
        return 'na een afsluitend aanhalingsteken (") moet een scheidingsteken of regeleinde komen.'
    return "deze rij is geen geldige CSV; controleer aanhalingstekens en scheidingstekens."


def _mixed_encoding_rows(data: bytes) -> tuple[int, int] | None:
    """For a file that holds UTF-8 letters and bytes that are not UTF-8: the row of the first
    UTF-8 letter and the row of the first other byte."""
    letter = UTF8_LETTER.search(data)
    if letter is None:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return data[: letter.start()].count(b"\n") + 1, data[: error.start].count(b"\n") + 1
    return None


def read_xlsx(data: bytes, file: str) -> list[RawSheet]:
    """Every visible, non-empty sheet of a workbook."""
    sheets = []
    with open_workbook(data, file, FIGURE_WORKBOOK) as workbook:
        for worksheet in workbook.worksheets:
            if worksheet.sheet_state != "visible":
                continue
            reader = SheetReader(workbook, worksheet, file, FIGURE_WORKBOOK)
            rows = [
                (number, cells)
                for number, cells in reader.rows()
                if any(cell is not None and str(cell).strip() for cell in cells)
            ]
            if not rows:
                continue
            width = _checked_width(rows, reader)
            padded = [(number, cells + (None,) * (width - len(cells))) for number, cells in rows]
            titles = _leading_titles(padded)
            header_number, header_cells = padded[len(titles)]
            header = tuple(_header_text(cell) for cell in header_cells)
            problems = [
                Problem(file, lost.message, row=lost.row, sheet=worksheet.title,
                        column=header[lost.column] if lost.column < len(header) and header[lost.column] else f"kolom {lost.column + 1}")
                # A merged title above the header loses nothing: title rows are not imported.
                for lost in reader.lost
                if not lost.merged_to_row or lost.merged_to_row >= header_number
            ]  # fmt: skip
            if problems:
                raise ImportRefused(problems)
            sheets.append(
                RawSheet(
                    file,
                    worksheet.title,
                    header,
                    tuple(RawRow(number, cells) for number, cells in padded[len(titles) + 1 :]),
                    "Excel (xlsx)",
                    header_number,
                    titles,
                )
            )
    if not sheets:
        raise ImportRefused(
            [Problem(file, "het Excel-bestand heeft geen zichtbaar blad met gegevens.")]
        )
    return sheets


def _leading_titles(rows: list[tuple[int, tuple[object, ...]]]) -> tuple[TitleRow, ...]:
    """The title rows above the header; none when the sheet holds nothing but such rows (then
    the first is taken as the header and the usual checks explain what is missing)."""
    titles = []
    for number, cells in rows[:MAX_TITLE_ROWS]:
        if not is_title_row(cells):
            return tuple(titles)
        titles.append(TitleRow(number, title_text(cells)))
    return tuple(titles) if len(titles) < len(rows) else ()


def _checked_width(rows: list[tuple[int, tuple[object, ...]]], reader: SheetReader) -> int:
    """The width of the sheet's table; refused when its rectangle would exceed the cell limit
    (one far cell would otherwise widen every row)."""
    number, widest = max(rows, key=lambda row: len(row[1]))
    if len(rows) * len(widest) > FIGURE_WORKBOOK.cells:
        raise reader.problem(
            f"het blad heeft {len(rows)} rijen met gegevens en deze rij loopt tot kolom "
            f"{len(widest)}: samen meer dan {format_dutch(FIGURE_WORKBOOK.cells)} cellen. "
            f"Verwijder wat buiten de tabel staat. {FIGURE_WORKBOOK.advice}",
            row=number,
        )
    return len(widest)


def _header_text(cell: object) -> str:
    # Excel turns a header like 'mrt-22' into a date; keep the date so the period parser sees it.
    if cell is None:
        return ""
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell).strip()


def read_file(path: Path, display_name: str | None = None) -> Iterator[RawSheet]:
    """Raw sheets of one uploaded file (CSV or XLSX, decided by content and extension)."""
    name = display_name or path.name
    size = path.stat().st_size
    if size > MAX_FIGURE_FILE_BYTES:
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"het bestand is {size / MB:.1f} MB; de grens voor cijferbestanden is "
                    f"{MAX_FIGURE_FILE_BYTES // MB} MB. Splits het bestand of lever records aan "
                    "met --registraties.",
                )
            ]
        )
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from read_xlsx(data, name)
    elif path.suffix.lower() == ".xls":
        raise ImportRefused(
            [
                Problem(
                    name,
                    "het oude Excel-formaat .xls wordt niet ondersteund; "
                    "sla het op als .xlsx of CSV.",
                )
            ]
        )
    else:
        yield read_csv(data, name)
