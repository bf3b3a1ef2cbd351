"""Importing pseudonymised records (data-contract §3): the client figures are computed, not typed.

`monitor import --records wmo|jeugd|participatie FILE...` reads indicaties (Wmo, Jeugd) or
uitkeringen (Participatie), refuses anything that looks like a BSN, validates every row in SQL,
computes zorgperiodes and the figures per month in SQL (`queries/records/`) and publishes them
through the same staging and replace path as a figure upload, with bron = 'records'.

DuckDB streams the CSV files: every query reads the files itself, so a file of millions of rows
is never held in Python or in memory as a whole. Python only looks at the header, the first bytes
(encoding, separator) and, when a file is refused, at the rows it names. Excel workbooks and files
that need converting (Windows-1252, or several files with different layouts) are first written
as one UTF-8 CSV per source in a temporary directory.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import datetime as dt
import hashlib
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from monitor.bsn import column_holds_bsns
from monitor.diff import DiffLine, describe
from monitor.ingest import UploadFile, replace_staged, sha256_of
from monitor.numbers import format_dutch
from monitor.periods import Period
from monitor.problems import MAX_REPORTED, ImportRefused, Problem
from monitor.reading import SEPARATORS, detect_separator
from monitor.sql import execute, load_sql
from monitor.store import SourceFile, VersionInfo, open_snapshot, publish

MAX_RECORDS_XLSX_UNCOMPRESSED_BYTES = 1_000_000_000
WORK_MEMORY_LIMIT = "2GB"
HEAD_BYTES = 1 << 16
DATE_HINT = "Gebruik een datum als 2024-03-31, 31-03-2024 of 31-3-2024."


class RecordKind(StrEnum):
    WMO = "wmo"
    JEUGD = "jeugd"
    PARTICIPATIE = "participatie"


@dataclass(frozen=True)
class RecordColumn:
    name: str  # canonical name in the SQL
    headers: tuple[str, ...]  # accepted header texts, lower case
    required: bool


def _columns(
    category: tuple[str, ...], extra: tuple[RecordColumn, ...]
) -> tuple[RecordColumn, ...]:
    return (
        RecordColumn("client", ("client", "cliënt", "cliënt_id", "client_id"), True),
        RecordColumn("categorie", category, True),
        RecordColumn("begindatum", ("begindatum",), True),
        RecordColumn("einddatum", ("einddatum",), True),
        RecordColumn("gemeente", ("gemeente",), False),
        *extra,
    )


_INDICATIE_CATEGORY = ("voorziening_of_productcategorie", "voorziening", "productcategorie")
COLUMNS: dict[RecordKind, tuple[RecordColumn, ...]] = {
    RecordKind.WMO: _columns(_INDICATIE_CATEGORY, ()),
    RecordKind.JEUGD: _columns(
        _INDICATIE_CATEGORY, (RecordColumn("verwijzer", ("verwijzer",), False),)
    ),
    RecordKind.PARTICIPATIE: _columns(
        ("regeling",),
        (
            RecordColumn("geslacht", ("geslacht",), True),
            RecordColumn("geboortejaar", ("geboortejaar",), True),
            RecordColumn("leefsituatie", ("leefsituatie",), True),
            RecordColumn("trede", ("trede",), False),
            RecordColumn("loonkostensubsidie", ("loonkostensubsidie",), False),
        ),
    ),
}
CATEGORY_NAME = {
    RecordKind.WMO: "voorziening",
    RecordKind.JEUGD: "productcategorie",
    RecordKind.PARTICIPATIE: "regeling",
}
INDICATORS = {
    RecordKind.WMO: ("wmo.clienten", "wmo.instroom", "wmo.uitstroom"),
    RecordKind.JEUGD: ("jeugd.clienten", "jeugd.instroom", "jeugd.uitstroom"),
    RecordKind.PARTICIPATIE: (
        "participatie.uitkeringen",
        "participatie.instroom",
        "participatie.uitstroom",
    ),
}
KIND_LABEL = {
    RecordKind.WMO: "Wmo-indicaties",
    RecordKind.JEUGD: "Jeugd-indicaties",
    RecordKind.PARTICIPATIE: "uitkeringen Participatie",
}
BSN_HEADERS = {"bsn", "burgerservicenummer", "sofinummer"}
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

    def problem(self, message: str, row: int | None = None, column: str | None = None) -> Problem:
        return Problem(self.file, message, row=row, column=column, sheet=self.sheet)

    def header_of(self, canonical: str) -> str:
        return self.headers.get(canonical, canonical)

    @property
    def present(self) -> set[str]:
        return set(self.headers)


@dataclass(frozen=True)
class ComputedRecords:
    """The figures computed from one records import, ready to stage."""

    kind: RecordKind
    gap_dagen: int
    first: Period | None  # first and last month with figures (None: no figures)
    last: Period | None
    files: tuple[SourceFile, ...]
    notes: tuple[str, ...]
    figures: pa.Table  # the columns of staged_figures, bron = 'records'

    @property
    def description(self) -> str:
        names = ", ".join(f.name for f in self.files)
        span = f", {self.first.label} t/m {self.last.label}" if self.first and self.last else ""
        return f"Records {KIND_LABEL[self.kind]} ({names}): {self.rule}{span}"

    @property
    def rule(self) -> str:
        """The zorgperiode rule with the gap parameter, in the words of the records kind."""
        what = "uitkeringen" if self.kind is RecordKind.PARTICIPATIE else "indicaties"
        days = "dag" if self.gap_dagen == 1 else "dagen"
        return (
            f"cijfers berekend uit zorgperiodes: {what} van één cliënt met een onderbreking korter "
            f"dan {self.gap_dagen} {days} vormen één zorgperiode"
        )


@dataclass(frozen=True)
class RecordsDiff:
    """What a records import changes, counted in SQL (see verschillen_met_gepubliceerd.sql)."""

    new: int
    changed: int
    earlier_periods: int
    unchanged: int
    examples: tuple[DiffLine, ...]  # the first changed figures

    def report(self) -> str:
        """The same report as a figure upload gives (monitor.diff.FigureDiff.report)."""
        lines = [
            f"Nieuwe cijfers: {self.new}; gewijzigde cijfers: {self.changed} (waarvan eerdere "
            f"perioden: {self.earlier_periods}); ongewijzigd: {self.unchanged}."
        ]
        for line in self.examples:
            flag = "  [eerdere periode herzien]" if line.earlier_period else ""
            old = format_dutch(line.old, 0) if line.old is not None else "–"
            lines.append(f"  gewijzigd {describe(line)}: {old} → {format_dutch(line.new, 0)}{flag}")
        if self.changed > len(self.examples):
            lines.append(f"  … en nog {self.changed - len(self.examples)} gewijzigde cijfers.")
        return "\n".join(lines)


def diff_records(con: duckdb.DuckDBPyConnection, limit: int = 40) -> RecordsDiff:
    """Compare the relation `staged_figures` on `con` with the published figures."""
    new, changed, earlier, unchanged, examples = execute(
        con, "records/verschillen_met_gepubliceerd", maximum=limit
    ).fetchall()[0]
    lines = tuple(
        DiffLine(e["indicator"], e["periode"], e["categorie"], e["gemeente"], e["oud"],
                 e["nieuw"], e["eerdere_periode"])
        for e in examples
    )  # fmt: skip
    return RecordsDiff(new, changed, earlier, unchanged, lines)


@dataclass(frozen=True)
class RecordsImportResult:
    computed: ComputedRecords
    diff: RecordsDiff
    version: int | None  # None for a dry run


@dataclass
class _Work:
    con: duckdb.DuckDBPyConnection
    directory: Path
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # upload name -> SHA-256


@contextlib.contextmanager
def _work_database() -> Iterator[_Work]:
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
            yield _Work(con, Path(directory))
        finally:
            con.close()


# ---------------------------------------------------------------- reading the header


def _header_key(text: str) -> str:
    return re.sub(r"\s+", "_", text.strip().lower())


def _map_header(
    header: list[str], kind: RecordKind, file: str, sheet: str | None, row: int = 1
) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """DuckDB column names in file order, canonical -> header text, and header problems."""
    problems: list[Problem] = []
    by_header = {alias: column for column in COLUMNS[kind] for alias in column.headers}
    names: dict[str, str] = {}
    headers: dict[str, str] = {}
    for index, text in enumerate(header):
        key = _header_key(text)
        column = by_header.get(key)
        if key in BSN_HEADERS:
            problems.append(
                Problem(
                    file,
                    "een kolom met burgerservicenummers (BSN) mag niet in de monitor. Lever alleen "
                    "een gepseudonimiseerde cliëntsleutel aan en verwijder deze kolom.",
                    row=row,
                    column=text,
                    sheet=sheet,
                )
            )
        if column is None:
            names[f"negeer_{index}"] = "VARCHAR"
            continue
        if column.name in headers:
            problems.append(
                Problem(
                    file,
                    f"de kolommen '{headers[column.name]}' en '{text}' betekenen allebei "
                    f"{column.name}. Laat er één staan.",
                    row=row,
                    column=text,
                    sheet=sheet,
                )
            )
            names[f"negeer_{index}"] = "VARCHAR"
            continue
        names[column.name] = "VARCHAR"
        headers[column.name] = text.strip()
    missing = [c for c in COLUMNS[kind] if c.required and c.name not in headers]
    for column in missing:
        expected = " of ".join(f"'{h}'" for h in column.headers[:3])
        problems.append(
            Problem(
                file,
                f"de kolom {expected} ontbreekt. Records voor {kind.value} hebben de kopregel "
                f"{_example_header(kind)}.",
                row=row,
                sheet=sheet,
            )
        )
    return names, headers, problems


def _example_header(kind: RecordKind) -> str:
    if kind is RecordKind.PARTICIPATIE:
        return "client;regeling;begindatum;einddatum;geslacht;geboortejaar;leefsituatie"
    return "client;voorziening_of_productcategorie;begindatum;einddatum"


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


def _csv_source(work: _Work, upload: UploadFile, kind: RecordKind) -> Source:
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
    separator = detect_separator(header_line, upload.name)
    header = next(csv.reader([header_line], delimiter=separator))
    columns, headers, problems = _map_header(header, kind, upload.name, None)
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


def _xlsx_sources(work: _Work, upload: UploadFile, kind: RecordKind) -> list[Source]:
    """Every visible sheet with data, written as a UTF-8 CSV that DuckDB reads like any other."""
    import openpyxl

    try:
        archive = zipfile.ZipFile(upload.path)
        total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportRefused(
            [Problem(upload.name, "dit is geen geldig Excel-bestand (.xlsx); het is beschadigd.")]
        ) from None
    if total > MAX_RECORDS_XLSX_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            [
                Problem(
                    upload.name,
                    f"het Excel-bestand pakt uit tot {total // 1_000_000} MB; lever grote "
                    "bestanden aan als CSV.",
                )
            ]
        )
    workbook = openpyxl.load_workbook(upload.path, read_only=True, data_only=True)
    sources: list[Source] = []
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue
            rows = sheet.iter_rows(values_only=True)
            header: list[str] | None = None
            header_row = first_row = 0
            client_headers = COLUMNS[kind][0].headers
            target = work.directory / f"bron{len(work.sources) + len(sources)}.csv"
            excel_rows: list[int] = []
            with target.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, delimiter=";", lineterminator="\n")
                for number, row in enumerate(rows, start=1):
                    cells = [_cell_text(cell).strip() for cell in row]
                    if not any(cells):
                        continue
                    first_row = first_row or number
                    if header is None:
                        # Title rows above the header are skipped: the header names the client.
                        if any(_header_key(c) in client_headers for c in cells):
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
                                f"{kind.value} hebben de kopregel {_example_header(kind)}.",
                                row=first_row,
                                sheet=sheet.title,
                            )
                        ]
                    )
                continue
            columns, headers, problems = _map_header(
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
                )
            )
    finally:
        workbook.close()
    if not sources:
        raise ImportRefused(
            [Problem(upload.name, "het Excel-bestand heeft geen zichtbaar blad met gegevens.")]
        )
    return sources


def _read_sources(work: _Work, files: list[UploadFile], kind: RecordKind) -> None:
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


def _check_bsn(work: _Work, source: Source) -> None:
    candidates: dict[str, list[str]] = {}
    for kolom, waarde in execute(
        work.con, "records/bsn_kandidaten", **_read_params(source)
    ).fetchall():
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


def _check_rows(work: _Work, source: Source, kind: RecordKind) -> None:
    rows = execute(
        work.con,
        "records/fouten_in_records",
        **_read_params(source),
        soort=kind.value,
        maximum=MAX_REPORTED,
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


def _validate(work: _Work, kind: RecordKind) -> None:
    for source in work.sources:
        try:
            _check_bsn(work, source)
            _check_rows(work, source, kind)
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


# ---------------------------------------------------------------- computing


def _canonical_layout(kind: RecordKind) -> dict[str, str]:
    return {column.name: "VARCHAR" for column in COLUMNS[kind]}


def _normalised(work: _Work, kind: RecordKind) -> tuple[list[str], str, dict[str, str]]:
    """The files, separator and layout the computing queries read. One layout is read as it is;
    several different layouts are first rewritten into the canonical one."""
    first = work.sources[0]
    if all(
        s.separator == first.separator and list(s.columns) == list(first.columns)
        for s in work.sources
    ):
        return [str(s.path) for s in work.sources], first.separator, first.columns
    layout = _canonical_layout(kind)
    paths = []
    for index, source in enumerate(work.sources):
        target = work.directory / f"canoniek{index}.csv"
        names = list(source.columns)
        with (
            source.path.open(encoding="utf-8-sig", newline="") as handle,
            target.open("w", encoding="utf-8", newline="") as out,
        ):
            reader = csv.reader(handle, delimiter=source.separator)
            writer = csv.writer(out, delimiter=";", lineterminator="\n")
            next(reader, None)
            writer.writerow(layout)
            for record in reader:
                if not record:
                    continue
                values = dict(zip(names, record, strict=False))
                writer.writerow([values.get(name, "") for name in layout])
        paths.append(str(target))
    return paths, ";", layout


def _last_month(tot: Period | None) -> dt.date | None:
    return None if tot is None else Period.month(tot.year, tot.last_month).end


def _arrow(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pa.Table:
    """A query's result as an Arrow table (the computed figures go to the store as they are)."""
    return con.sql(load_sql(name), params=params).to_arrow_table()


def _compute(
    work: _Work,
    kind: RecordKind,
    gap_dagen: int,
    tot: Period | None,
    vanaf: Period | None,
) -> pa.Table:
    paths, separator, layout = _normalised(work, kind)
    stand, instroom, uitstroom = INDICATORS[kind]
    common = {
        "bestanden": paths,
        "scheidingsteken": separator,
        "kolommen": layout,
        "gap_dagen": gap_dagen,
        "tot": _last_month(tot),
        "vanaf": None if vanaf is None else Period.month(vanaf.year, vanaf.first_month).start,
    }
    tables = [
        _arrow(
            work.con,
            "records/clientcijfers",
            **common,
            soort=kind.value,
            per_categorie=kind is not RecordKind.PARTICIPATIE,
            stand=stand,
            instroom=instroom,
            uitstroom=uitstroom,
        )
    ]
    if kind is RecordKind.PARTICIPATIE:
        present = set().union(*(s.present for s in work.sources))
        tables.append(
            _arrow(
                work.con, "records/kenmerken_uitkeringen", **common, met_trede="trede" in present
            )
        )
        if "loonkostensubsidie" in present:
            tables.append(_arrow(work.con, "records/loonkostensubsidie_per_maand", **common))
    schema = tables[0].schema
    return pa.concat_tables([t.cast(schema) for t in tables])


def _period_span(figures: pa.Table) -> tuple[Period | None, Period | None]:
    months = [p for p in figures.column("periode").unique().to_pylist() if "Q" not in p]
    if not months:
        return None, None
    first, last = min(months), max(months)
    return (
        Period.month(int(first[:4]), int(first[5:])),
        Period.month(int(last[:4]), int(last[5:])),
    )


def compute_records(
    files: list[UploadFile],
    kind: RecordKind,
    *,
    gap_dagen: int = 1,
    tot: Period | None = None,
    vanaf: Period | None = None,
) -> ComputedRecords:
    """Validate the records and compute their figures; raises ImportRefused (in Dutch, with file,
    row and column) when anything is wrong. `tot` is the last month with figures (default: the
    month of the latest date in the files); `vanaf` leaves out months before it (the stand still
    counts the zorgperiodes that began earlier)."""
    if not files:
        raise ImportRefused([Problem("(geen bestand)", "geef ten minste één bestand op.")])
    if gap_dagen < 0:
        raise ImportRefused(
            [Problem("(--gap-dagen)", f"{gap_dagen} is negatief; gebruik 0 of meer dagen.")]
        )
    with _work_database() as work:
        _read_sources(work, files, kind)
        if not work.problems:
            _validate(work, kind)
        if work.problems:
            raise ImportRefused(work.problems)
        figures = _compute(work, kind, gap_dagen, tot, vanaf)
        first, last = _period_span(figures)
        if first is None:
            raise ImportRefused(
                [
                    Problem(
                        files[0].name,
                        "er vallen geen maanden in de gevraagde periode; controleer --tot en de "
                        "datums in het bestand.",
                    )
                ]
            )
        sources = tuple(
            SourceFile(
                upload.name,
                work.digests[upload.name],
                sum(s.data_rows for s in work.sources if s.file == upload.name),
            )
            for upload in files
        )
        computed = ComputedRecords(kind, gap_dagen, first, last, sources, (), figures)
        summary = f"{figures.num_rows} cijfers, {first.label} t/m {last.label}; {computed.rule}"
        return dataclasses.replace(computed, notes=(*work.notes, summary))


def stage_computed(con: duckdb.DuckDBPyConnection, computed: ComputedRecords) -> None:
    """Make the computed figures visible to the store queries as the relation `staged_figures`."""
    con.register("staged_figures", computed.figures)


def import_records(
    data_dir: Path,
    files: list[UploadFile],
    kind: RecordKind,
    *,
    author: str,
    gap_dagen: int = 1,
    tot: Period | None = None,
    vanaf: Period | None = None,
    dry_run: bool = False,
    action: str = "import",
) -> RecordsImportResult:
    """Validate, compute, diff and (unless dry_run) publish the figures of a records import as
    one new version. On any problem nothing changes and ImportRefused is raised."""
    computed = compute_records(files, kind, gap_dagen=gap_dagen, tot=tot, vanaf=vanaf)
    reader = open_snapshot(data_dir)
    try:
        stage_computed(reader, computed)
        diff = diff_records(reader)
    finally:
        reader.close()
    if dry_run:
        return RecordsImportResult(computed, diff, None)

    def change(con: duckdb.DuckDBPyConnection) -> int:
        stage_computed(con, computed)
        replace_staged(con)
        return computed.figures.num_rows

    version = publish(
        data_dir, VersionInfo(author, action, computed.description, computed.files), change
    )
    return RecordsImportResult(computed, diff, version)
