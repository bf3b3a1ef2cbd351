"""Reading uploaded files into raw sheets: CSV with any of our separators and encodings, and XLSX.

Nothing here knows about indicators; it only turns bytes into rows of cells with the row numbers
a user sees in a spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from monitor.ingest.files import MB, check_workbook_zip
from monitor.ingest.problems import ImportRefused, Problem

MAX_FIGURE_FILE_BYTES = 50 * MB
MAX_XLSX_UNCOMPRESSED_BYTES = 200 * MB
SEPARATORS = {";": "puntkomma", ",": "komma", "\t": "tab"}
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
    records: list[list[str]] = []
    row_start = 1
    try:
        for record in reader:
            records.append(record)
            row_start = reader.line_num + 1
    except csv.Error as error:
        message = "het bestand is geen geldige CSV: " + _csv_problem(str(error))
        raise ImportRefused([Problem(file, message, row=row_start)]) from None
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
    import openpyxl  # imported here: only uploads of XLSX need it

    check_workbook_zip(data, file, MAX_XLSX_UNCOMPRESSED_BYTES, "Splits het bestand.")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ImportRefused(
            [
                Problem(
                    file,
                    "het Excel-bestand kan niet worden gelezen; het is beschadigd of geen "
                    "echt .xlsx-bestand. Sla het opnieuw op als Excel-werkmap (.xlsx).",
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
            problems = [
                Problem(file, message, row=row, sheet=worksheet.title,
                        column=header[column] if column < len(header) and header[column] else f"kolom {column + 1}")
                for row, column, message in lost_cells(archive_member(data, worksheet))
            ]  # fmt: skip
            if problems:
                raise ImportRefused(problems)
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


CELL_REFERENCE = re.compile(r"([A-Z]+)(\d+)")
MERGED = re.compile(rb'<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"')
FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c r="([A-Z]+\d+)"[^>]*>\s*<f>[^<]*</f>\s*(?:<v\s*/>|<v></v>)?\s*</c>'
)


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _reference(reference: bytes) -> tuple[int, int]:
    match = CELL_REFERENCE.fullmatch(reference.decode("ascii"))
    assert match is not None  # nosec B101 - the regex above only captures references
    return int(match[2]), _column_index(match[1])


def archive_member(data: bytes, worksheet: object) -> bytes:
    """The XML of a worksheet, straight from the workbook's zip."""
    path = str(getattr(worksheet, "_worksheet_path", "")).lstrip("/")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(path) if path in archive.namelist() else b""


def lost_cells(xml: bytes) -> list[tuple[int, int, str]]:
    """Cells whose values openpyxl would lose without a word: every cell but the first of a
    merged range, and formulas whose result Excel never calculated. (row, column, message)"""
    lost = []
    for first, last in MERGED.findall(xml):
        (top, left), (bottom, right) = _reference(first), _reference(last)
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                if (row, column) != (top, left):
                    lost.append((row, column, "deze cel is samengevoegd met een andere; daardoor gaat "
                                 "haar waarde verloren. Maak het samenvoegen ongedaan."))  # fmt: skip
    for reference in FORMULA_WITHOUT_VALUE.findall(xml):
        row, column = _reference(reference)
        lost.append((row, column, "deze cel heeft een formule zonder berekende uitkomst. Open het "
                     "bestand in Excel en sla het op, of plak de waarde als getal."))  # fmt: skip
    return sorted(lost)


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
