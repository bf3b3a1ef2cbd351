"""Reading and validating records files into a private work database: CSV (any separator,
UTF-8 or Windows-1252) and Excel, BSN refusal, and every row checked in SQL with the row number
the user sees. Nothing here computes a figure; see `monitor.ingest.records.compute`."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import hashlib
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from monitor.domain.numbers import format_dutch
from monitor.domain.safe_text import UNSAFE_PATTERN, unsafe_problem, visible
from monitor.ingest.bsn import column_holds_bsns
from monitor.ingest.extent import YEARS_AHEAD, last_year
from monitor.ingest.files import MB, UploadFile, sha256_of
from monitor.ingest.problems import MAX_REPORTED, ImportRefused, Problem
from monitor.ingest.reading import detect_separator
from monitor.ingest.records.layout import (
    CATEGORY_NAME,
    COLUMNS,
    RecordKind,
    example_header,
    header_key,
    map_header,
)
from monitor.ingest.titles import SEPARATORS
from monitor.ingest.xlsx import EXCEL_ROWS, SheetReader, WorkbookLimits, open_workbook
from monitor.store.sql import execute

MAX_RECORDS_XLSX_UNCOMPRESSED_BYTES = 1024 * MB


# A full Excel sheet of records with up to 16 columns; shared strings and styles are parsed in
# one piece, so they get a bound of their own.
def records_workbook() -> WorkbookLimits:
    return WorkbookLimits(
        unpacked_bytes=MAX_RECORDS_XLSX_UNCOMPRESSED_BYTES,
        whole_part_bytes=100 * MB,
        cells=EXCEL_ROWS * 16,
        advice="Lever grote bestanden aan als CSV.",
    )


WORK_MEMORY_LIMIT = "2GB"
HEAD_BYTES = 1 << 16
DUCKDB_LINE_BYTES = 2_000_000  # DuckDB's max_line_size: a longer line is an error
DATE_HINT = "Gebruik een datum als 2024-03-31, 31-03-2024 of 31-3-2024."

CSV_ERROR_LINE = re.compile(r"CSV Error on Line: (\d+)")
CSV_COLUMN_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


@dataclass
class Source:
    """One file (or Excel sheet) as DuckDB reads it: a UTF-8 CSV with a known layout."""

    file: str  # the name the user knows
    sheet: str | None
    path: Path  # the CSV DuckDB reads (the upload itself, or a converted copy)
    separator: str
    columns: dict[str, str]  # DuckDB column name -> VARCHAR, in file order
    headers: dict[str, str]  # canonical name -> the header as the user wrote it
    description: str
    excel_rows: list[int] | None = None  # sheet row of each data row, for a converted sheet
    data_rows: int = 0
    header_row: int = 1

    def problem(self, message: str, row: int | None = None, column: str | None = None) -> Problem:
        return Problem(self.file, message, row=row, column=column, sheet=self.sheet)

    def header_of(self, canonical: str) -> str:
        return self.headers.get(canonical, canonical)

    @property
    def present(self) -> set[str]:
        return set(self.headers)


@dataclass
class Work:
    con: duckdb.DuckDBPyConnection
    directory: Path
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # upload name -> SHA-256


@contextlib.contextmanager
def work_database() -> Iterator[Work]:
    """An in-memory DuckDB that may spill to a private temporary directory."""
    with tempfile.TemporaryDirectory(prefix="monitor-records-") as directory:
        con = duckdb.connect(
            ":memory:",
            config={
                "memory_limit": WORK_MEMORY_LIMIT,
                "temp_directory": str(Path(directory) / "spill"),
                "preserve_insertion_order": True,
            },
        )
        try:
            execute(con, "records/zonder_voortgangsbalk")
            execute(con, "records/records_tabel")
            yield Work(con, Path(directory))
        finally:
            con.close()


_EMPTY_LINE = re.compile(rb"\n(?=\r?\n)")


@dataclass(frozen=True)
class FileScan:
    sha256: str
    data_rows: int  # non-empty lines after the header (a quoted line break counts as a row)
    utf8: bool


def scan_file(path: Path) -> FileScan:
    """SHA-256, number of data rows and whether the bytes are UTF-8, in one pass over the file."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    lines = empty = 0
    carry, last = b"", b"\n"
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            lines += block.count(b"\n")
            empty += len(_EMPTY_LINE.findall(carry + block)) - len(_EMPTY_LINE.findall(carry))
            carry, last = block[-2:], block[-1:]
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if last != b"\n":
        lines += 1  # a last line without a line break
    return FileScan(digest.hexdigest(), max(0, lines - empty - 1), utf8)


def _read_head(path: Path, name: str) -> tuple[bytes, bool]:
    """The first bytes and whether the file starts with a UTF-8 BOM; refuses what is no CSV."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused([Problem(name, "het bestand is UTF-16; sla het op als CSV UTF-8.")])
    if not head.strip():
        raise ImportRefused([Problem(name, "het bestand is leeg.")])
    if b"\x00" in head:
        raise ImportRefused(
            [Problem(name, "het bestand bevat binaire gegevens; is het wel een CSV?")]
        )
    if b"\r" in head and b"\n" not in head:
        # Old Mac line endings: the file reads as one line, which DuckDB then calls empty.
        raise ImportRefused(
            [
                Problem(
                    name,
                    "de regels eindigen alleen op CR (een oud Mac-formaat), zodat het hele bestand "
                    "één regel lijkt. Sla het op als 'CSV UTF-8' met gewone regeleinden (Windows "
                    "of Unix).",
                )
            ]
        )
    bom = head.startswith(codecs.BOM_UTF8)
    return (head[3:] if bom else head), bom


def _transcode(path: Path, target: Path, name: str) -> None:
    """Windows-1252 to UTF-8, line for line, so row numbers stay the same."""
    try:
        with (
            path.open(encoding="cp1252", newline="") as source,
            target.open("w", encoding="utf-8", newline="") as out,
        ):
            for block in iter(lambda: source.read(1 << 20), ""):
                out.write(block)
    except UnicodeDecodeError as error:
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"teken op positie {error.start} is geen UTF-8 en geen Windows-1252. Sla het "
                    "bestand op als 'CSV UTF-8 (gescheiden door lijstscheidingsteken)'.",
                )
            ]
        ) from None


def _csv_source(work: Work, upload: UploadFile, kind: RecordKind) -> Source:
    head, bom = _read_head(upload.path, upload.name)
    scan = scan_file(upload.path)
    work.digests[upload.name] = scan.sha256
    path, encoding = upload.path, "UTF-8 met BOM" if bom else "UTF-8"
    if not scan.utf8:
        path = work.directory / f"bron{len(work.sources)}.csv"
        _transcode(upload.path, path, upload.name)
        encoding = "Windows-1252"
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    text = head.decode("utf-8", errors="replace")
    header_line = text.splitlines()[0] if text.splitlines() else ""
    separator = detect_separator([header_line], upload.name)
    header = next(csv.reader([header_line], delimiter=separator))
    columns, headers, problems = map_header(header, kind, upload.name, None)
    if problems:
        raise ImportRefused(problems)
    return Source(
        upload.name,
        None,
        path,
        separator,
        columns,
        headers,
        f"CSV, {SEPARATORS[separator]}, {encoding}",
        data_rows=scan.data_rows,
    )


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "ja" if cell else "nee"
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()[:10]
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _xlsx_sources(work: Work, upload: UploadFile, kind: RecordKind) -> list[Source]:
    """Every visible sheet with data, written as a UTF-8 CSV that DuckDB reads like any other."""
    sources: list[Source] = []
    limits = records_workbook()
    with open_workbook(upload.path, upload.name, limits) as workbook:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue
            rows = SheetReader(workbook, sheet, upload.name, limits).rows()
            header: list[str] | None = None
            header_row = first_row = 0
            client_headers = COLUMNS[kind][0].headers
            target = work.directory / f"bron{len(work.sources) + len(sources)}.csv"
            excel_rows: list[int] = []
            with target.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, delimiter=";", lineterminator="\n")
                for number, row in rows:
                    cells = [_cell_text(cell).strip() for cell in row]
                    if not any(cells):
                        continue
                    first_row = first_row or number
                    if header is None:
                        # Title rows above the header are skipped: the header names the client.
                        if any(header_key(c) in client_headers for c in cells):
                            header, header_row = cells, number
                            writer.writerow(header)
                        continue
                    width = len(header)
                    if any(cells[width:]):
                        raise ImportRefused(
                            [
                                Problem(
                                    upload.name,
                                    f"deze rij heeft waarden buiten de {width} kolommen van de "
                                    "kopregel.",
                                    row=number,
                                    sheet=sheet.title,
                                )
                            ]
                        )
                    writer.writerow((cells + [""] * width)[:width])
                    excel_rows.append(number)
            if header is None:
                if first_row:
                    raise ImportRefused(
                        [
                            Problem(
                                upload.name,
                                "geen kopregel gevonden met een kolom 'client'. Records voor "
                                f"{kind.value} hebben de kopregel {example_header(kind)}.",
                                row=first_row,
                                sheet=sheet.title,
                            )
                        ]
                    )
                continue
            columns, headers, problems = map_header(
                header, kind, upload.name, sheet.title, header_row
            )
            if problems:
                raise ImportRefused(problems)
            sources.append(
                Source(
                    upload.name,
                    sheet.title,
                    target,
                    ";",
                    columns,
                    headers,
                    "Excel (xlsx)",
                    excel_rows=excel_rows,
                    data_rows=len(excel_rows),
                    header_row=header_row,
                )
            )
    if not sources:
        raise ImportRefused(
            [Problem(upload.name, "het Excel-bestand heeft geen zichtbaar blad met gegevens.")]
        )
    return sources


def read_sources(work: Work, files: list[UploadFile], kind: RecordKind) -> None:
    for upload in files:
        try:
            if _is_xlsx(upload.path):
                work.digests[upload.name] = sha256_of(upload.path)
                work.sources.extend(_xlsx_sources(work, upload, kind))
            else:
                work.sources.append(_csv_source(work, upload, kind))
        except ImportRefused as refused:
            work.problems.extend(refused.problems)
        except OSError as error:
            work.problems.append(
                Problem(upload.name, f"kan het bestand niet lezen ({error.strerror}).")
            )


def _is_xlsx(path: Path) -> bool:
    with path.open("rb") as handle:
        magic = handle.read(4)
    return magic == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm")


# ---------------------------------------------------------------- validation


def _read_params(source: Source) -> dict[str, Any]:
    return {
        "bestand": str(source.path),
        "scheidingsteken": source.separator,
        "kolommen": source.columns,
    }


def _csv_error(source: Source, error: duckdb.Error) -> Problem:
    """DuckDB's CSV reader stops at a row it cannot split; say which row and why, in Dutch."""
    message = str(error)
    line = CSV_ERROR_LINE.search(message)
    row = int(line[1]) if line else None
    if "maximum line size" in message.lower():
        # Checked first: DuckDB lists its options (quote, escape, ...) under every error.
        return source.problem(
            f"deze rij is langer dan {format_dutch(DUCKDB_LINE_BYTES)} bytes, of hier begint een reeks lege "
            "regels van die lengte; een record is nooit zo lang. Controleer de regeleinden en het "
            "scheidingsteken, en verwijder lege regels.",
            row,
        )
    counts = CSV_COLUMN_COUNT.search(message)
    if counts:
        return source.problem(
            f"deze rij heeft {counts[2]} kolommen en de kopregel {counts[1]}. Controleer het "
            "scheidingsteken, of het bestand is onvolledig (half geschreven).",
            row,
        )
    if "quote" in message.lower():
        return source.problem(
            'een aanhalingsteken (") wordt niet afgesloten; controleer deze rij.', row
        )
    if "unicode" in message.lower() or "utf" in message.lower():
        return source.problem("deze rij is geen geldige UTF-8-tekst.", row)
    return source.problem(
        f"deze rij kan niet als CSV worden gelezen ({message.splitlines()[0]}).", row
    )


def _check_bsn(work: Work, source: Source) -> None:
    candidates: dict[str, list[str]] = {}
    for kolom, waarde in execute(work.con, "records/bsn_kandidaten").fetchall():
        candidates.setdefault(kolom, []).append(waarde)
    for kolom, values in candidates.items():
        if column_holds_bsns(values, minimum_candidates=1):
            header = source.headers.get(kolom) or _header_of_ignored(source, kolom)
            work.problems.append(
                source.problem(
                    "deze kolom lijkt burgerservicenummers (BSN) te bevatten. BSN's mogen niet in "
                    "de monitor: lever een gepseudonimiseerde cliëntsleutel aan.",
                    column=header,
                )
            )


def _header_of_ignored(source: Source, kolom: str) -> str:
    if kolom.startswith("negeer_"):
        index = int(kolom.removeprefix("negeer_"))
        header = _source_header(source)
        if index < len(header):
            return header[index]
    return kolom


def _source_header(source: Source) -> list[str]:
    with source.path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle, delimiter=source.separator), [])


def _user_rows(source: Source, ordinals: list[int]) -> dict[int, int]:
    """The row a user sees (header = row 1) for DuckDB's data-row ordinals (first = 1). DuckDB
    skips empty lines, a spreadsheet shows them; so count them in only when the file has any."""
    if source.excel_rows is not None:
        return {n: source.excel_rows[n - 1] for n in ordinals}
    with source.path.open("rb") as handle:
        has_blank = any(
            b"\n\n" in block or b"\n\r\n" in block
            for block in iter(lambda: handle.read(1 << 22), b"")
        )
    if not has_blank:
        return {n: n + 1 for n in ordinals}
    wanted, found = set(ordinals), {}
    ordinal = 0
    with source.path.open(encoding="utf-8-sig", newline="") as handle:
        for row, record in enumerate(csv.reader(handle, delimiter=source.separator), start=1):
            if row == 1 or not record:
                continue
            ordinal += 1
            if ordinal in wanted:
                found[ordinal] = row
                if len(found) == len(wanted):
                    break
    return found


def _problem_text(kind: RecordKind, soort: str, waarde: str | None, toelichting: str | None) -> str:
    categorie = CATEGORY_NAME[kind]
    if soort == "leeg":
        return "deze cel is leeg; elk record heeft hier een waarde nodig."
    if soort == "datum":
        return f"'{waarde}' is geen datum. {DATE_HINT}"
    if soort == "toekomst":
        return (
            f"de datum {waarde} ligt meer dan {YEARS_AHEAD} jaar in de toekomst. Staat die voor "
            "'geen einddatum'? Laat de einddatum dan leeg als de indicatie nog loopt."
        )
    if soort == "voor_begin":
        return (
            f"de einddatum {waarde} ligt vóór de begindatum {toelichting}. Laat de einddatum leeg "
            "als de indicatie nog loopt."
        )
    if soort == "gemeente":
        return f"'{waarde}' is geen CBS-gemeentecode; gebruik de vorm GM0098."
    if soort == "regeling":
        return (
            f"'{waarde}' is geen {categorie} die we kennen. Gebruik Participatiewet (of P-wet), "
            "IOAW, of IOAZ/Bbz (die tellen niet mee)."
        )
    if soort == "geslacht":
        return f"'{waarde}' is geen geslacht; gebruik M, V of leeg (onbekend)."
    if soort == "geboortejaar":
        return f"'{waarde}' is geen geboortejaar; gebruik vier cijfers, bijvoorbeeld 1975."
    if soort == "trede":
        return f"'{waarde}' is geen trede; gebruik 1 tot en met 6 of laat de cel leeg."
    if soort == "ja_nee":
        return f"'{waarde}' is geen ja of nee; gebruik ja of nee (of 1/0)."
    raise ValueError(f"unknown problem kind {soort!r}")


def _check_text(work: Work, source: Source) -> None:
    """Names and cells that would become labels hold no control or invisible characters."""
    if source.sheet and (problem := unsafe_problem(source.sheet)):
        work.problems.append(source.problem(f"de bladnaam '{visible(source.sheet)}': {problem}"))
    for index, name in enumerate(_source_header(source)):
        if problem := unsafe_problem(name):
            work.problems.append(source.problem(problem, source.header_row, f"kolom {index + 1}"))
    rows = execute(
        work.con, "records/onveilige_tekst", patroon=UNSAFE_PATTERN, maximum=MAX_REPORTED
    ).fetchall()
    user_rows = _user_rows(source, [r[0] for r in rows]) if rows else {}
    for volgnummer, kolom, waarde in rows:
        work.problems.append(
            source.problem(
                unsafe_problem(waarde) or "", user_rows.get(volgnummer), source.header_of(kolom)
            )
        )


def _check_rows(work: Work, source: Source, bron: int, kind: RecordKind) -> None:
    rows = execute(
        work.con,
        "records/fouten_in_records",
        bron=bron,
        soort=kind.value,
        maximum=MAX_REPORTED,
        laatste_jaar=last_year(),
    ).fetchall()
    if not rows:
        return
    user_rows = _user_rows(source, [r[0] for r in rows])
    for volgnummer, kolom, soort, waarde, toelichting, _total in rows:
        work.problems.append(
            source.problem(
                _problem_text(kind, soort, waarde, toelichting),
                user_rows.get(volgnummer),
                source.header_of(kolom),
            )
        )
    total = rows[0][5]
    if total > len(rows):
        work.problems.append(
            source.problem(
                f"en nog {total - len(rows)} andere fouten in dit bestand; hierboven staan de "
                f"eerste {len(rows)}."
            )
        )


def validate_sources(work: Work, kind: RecordKind) -> None:
    """Read every file once into the work table `ruw`, check its texts there, parse its rows
    once into the work table `records` and check those."""
    for index, source in enumerate(work.sources):
        try:
            execute(work.con, "records/ruw_laden", **_read_params(source))
            _check_bsn(work, source)
            _check_text(work, source)
            execute(work.con, "records/records_toevoegen", bron=index, soort=kind.value)
            _check_rows(work, source, index, kind)
        except duckdb.InvalidInputException as error:
            work.problems.append(_csv_error(source, error))
            continue
        if source.data_rows == 0:
            work.problems.append(source.problem("het bestand bevat geen records."))
        where = f"blad '{source.sheet}', " if source.sheet else ""
        work.notes.append(f"{source.file}: {where}{source.description}, {source.data_rows} records")
        ignored = [
            h for h, n in zip(_source_header(source), source.columns, strict=False)
            if n.startswith("negeer_") and h.strip()
        ]  # fmt: skip
        if ignored:
            work.notes.append(
                f"{source.file}: kolom(men) {', '.join(repr(h) for h in ignored)} genegeerd "
                "(geen onderdeel van het formaat)"
            )
