"""Reading uploaded files into raw sheets: CSV with any of our separators and encodings, and XLSX.

Nothing here knows about indicators; it only turns bytes into rows of cells with the row numbers
a user sees in a spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from monitor.problems import ImportRefused, Problem

MAX_FIGURE_FILE_BYTES = 50 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
SEPARATORS = {";": "puntkomma", ",": "komma", "\t": "tab"}


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


def detect_separator(header_line: str, file: str) -> str:
    counts = {sep: _count_outside_quotes(header_line, sep) for sep in SEPARATORS}
    best = max(counts, key=lambda sep: (counts[sep], sep == ";"))
    if counts[best] == 0:
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
    return best


def _count_outside_quotes(line: str, separator: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            count += 1
    return count


def read_csv(data: bytes, file: str) -> RawSheet:
    text, encoding = decode(data, file)
    if not text.strip():
        raise ImportRefused([Problem(file, "het bestand is leeg.")])
    if "\x00" in text:
        raise ImportRefused(
            [Problem(file, "het bestand bevat binaire gegevens; is het wel een CSV?")]
        )
    header_line = text.splitlines()[0]
    separator = detect_separator(header_line, file)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        raise ImportRefused(
            [
                Problem(
                    file,
                    f"het bestand is geen geldige CSV ({error}); controleer aanhalingstekens.",
                    row=reader.line_num,
                )
            ]
        ) from None
    header = tuple(cell.strip() for cell in records[0])
    rows = tuple(
        RawRow(number, tuple(record))
        for number, record in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in record)
    )
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
    return RawSheet(file, None, header, rows, description)


def read_xlsx(data: bytes, file: str) -> list[RawSheet]:
    """Every visible, non-empty sheet of a workbook."""
    import openpyxl  # imported here: only uploads of XLSX need it

    _check_zip(data, file)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise ImportRefused(
            [
                Problem(
                    file,
                    f"het Excel-bestand kan niet worden gelezen ({type(error).__name__}); "
                    "sla het opnieuw op als .xlsx.",
                )
            ]
        ) from None
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            if worksheet.sheet_state != "visible":
                continue
            rows = [
                (number, tuple(row))
                for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1)
                if any(cell is not None and str(cell).strip() for cell in row)
            ]
            if not rows:
                continue
            _header_number, header_cells = rows[0]
            header = tuple(_header_text(cell) for cell in header_cells)
            sheets.append(
                RawSheet(
                    file,
                    worksheet.title,
                    header,
                    tuple(RawRow(number, cells) for number, cells in rows[1:]),
                    "Excel (xlsx)",
                )
            )
    finally:
        workbook.close()
    if not sheets:
        raise ImportRefused(
            [Problem(file, "het Excel-bestand heeft geen zichtbaar blad met gegevens.")]
        )
    return sheets


def _header_text(cell: object) -> str:
    # Excel turns a header like 'mrt-22' into a date; keep the date so the period parser sees it.
    if cell is None:
        return ""
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell).strip()


def _check_zip(data: bytes, file: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportRefused(
            [
                Problem(
                    file,
                    "dit is geen geldig Excel-bestand (.xlsx); het is beschadigd of half geschreven.",
                )
            ]
        ) from None
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            [
                Problem(
                    file,
                    f"het Excel-bestand pakt uit tot {total // 1_000_000} MB; de grens is "
                    f"{MAX_XLSX_UNCOMPRESSED_BYTES // 1_000_000} MB. Splits het bestand.",
                )
            ]
        )


def read_file(path: Path, display_name: str | None = None) -> Iterator[RawSheet]:
    """Raw sheets of one uploaded file (CSV or XLSX, decided by content and extension)."""
    name = display_name or path.name
    size = path.stat().st_size
    if size > MAX_FIGURE_FILE_BYTES:
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"het bestand is {size / 1_000_000:.0f} MB; de grens voor cijferbestanden is "
                    f"{MAX_FIGURE_FILE_BYTES // 1_000_000} MB. Splits het bestand of lever records aan "
                    "met --records.",
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
