"""Importing figure files: read, validate, compare with what is published, publish atomically.

Used by `monitor import` and by the upload page, so both give the same report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa

from monitor.domain.catalogue import Catalogue
from monitor.ingest.categories import lookalike_notes, stem
from monitor.ingest.diff import CijferDiff, diff_against_stored
from monitor.ingest.extent import category_problems, year_outside
from monitor.ingest.files import UploadFile, sha256_of
from monitor.ingest.parsing import CijferRow, duplicate_problems, parse_figure_file
from monitor.ingest.plausibility import import_notes, staged_deviations
from monitor.ingest.problems import MAX_REPORTED, ImportRefused, Problem
from monitor.ingest.reading import read_file
from monitor.ingest.unshown import unshown_notes
from monitor.store.snapshots import SourceFile, VersionInfo, reading, write_version
from monitor.store.sql import execute, fetch_records


@dataclass(frozen=True)
class ValidatedUpload:
    rows: tuple[CijferRow, ...]
    files: tuple[SourceFile, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ImportResult:
    upload: ValidatedUpload
    diff: CijferDiff
    version: int | None  # None for a dry run


def validate_files(
    files: list[UploadFile], catalogue: Catalogue, indicator_id: str | None = None
) -> ValidatedUpload:
    """Parse and validate every file; raises ImportRefused listing every problem found."""
    problems: list[Problem] = []
    rows: list[CijferRow] = []
    notes: list[str] = []
    sources: list[SourceFile] = []
    if not files:
        raise ImportRefused([Problem("(geen bestand)", "geef ten minste één bestand op.")])
    for upload in files:
        try:
            sheets = list(read_file(upload.path, upload.name))
            parsed = parse_figure_file(sheets, catalogue, upload.indicator_id or indicator_id)
        except ImportRefused as refused:
            problems.extend(refused.problems)
            continue
        except OSError as error:
            problems.append(Problem(upload.name, f"kan het bestand niet lezen ({error.strerror})."))
            continue
        if not parsed.rows and not parsed.problems:
            parsed.problems.append(Problem(upload.name, "het bestand bevat geen cijfers."))
        problems.extend(parsed.problems)
        rows.extend(parsed.rows)
        notes.extend(parsed.notes)
        data_rows = sum(len(sheet.rows) for sheet in sheets)
        sources.append(SourceFile(upload.name, sha256_of(upload.path), data_rows))
    problems.extend(duplicate_problems(rows))
    problems.extend(_extent_problems(rows, files[0].name))
    if problems:
        raise ImportRefused(problems)
    notes.extend(unshown_notes(rows, catalogue, dt.date.today()))
    return ValidatedUpload(tuple(rows), tuple(sources), tuple(notes))


def _extent_problems(rows: list[CijferRow], first_file: str) -> list[Problem]:
    problems = [
        Problem(row.file, f"periode {row.period.key}: {why}", row=row.row, sheet=row.sheet)
        for row in rows
        if (why := year_outside(row.period.year)) is not None
    ][:MAX_REPORTED]
    return problems + category_problems(first_file, ((r.indicator, r.categorie) for r in rows))


def _check_links(data_dir: Path, upload: ValidatedUpload, catalogue: Catalogue) -> ValidatedUpload:
    """An amount per category is hidden with its linked count of persons (P2) only when both
    name the category alike. A near miss ("Woonvoorzieningen" for "Woonvoorziening") would
    publish the amount of a hidden count: refused. A category without any count is a note."""
    links = {i.id: i.gekoppeld_aan for i in catalogue.all_indicators if i.gekoppeld_aan}
    touched = {row.indicator for row in upload.rows} & {*links, *links.values()}
    if not touched:
        return upload
    wanted = sorted({*touched, *(links[i] for i in touched if i in links),
                     *(a for a, c in links.items() if c in touched)})  # fmt: skip
    with reading(data_dir) as con:
        stored = fetch_records(con, "store/categories_of_indicators", indicatoren=wanted)
    names: dict[str, set[str]] = {}
    for record in stored:
        names.setdefault(record["indicator"], set()).add(record["categorie"])
    for row in upload.rows:
        if row.categorie:
            names.setdefault(row.indicator, set()).add(row.categorie)
    problems, notes = [], []
    for amount, count in sorted(links.items()):
        if amount not in touched and count not in touched:
            continue
        counted = names.get(count, set())
        for categorie in sorted(names.get(amount, set()) - counted):
            near = [name for name in sorted(counted) if stem(name) == stem(categorie)]
            if near:
                problems.append(Problem(upload.files[0].name, (
                    f"categorie '{categorie}' van {amount} lijkt op '{near[0]}' van {count}, maar "
                    "is niet gelijk. Het bedrag wordt alleen samen met het aantal personen "
                    f"afgeschermd als beide dezelfde naam gebruiken: noem haar '{near[0]}'.")))  # fmt: skip
            elif counted:
                notes.append(
                    f"Categorie '{categorie}' van {amount} heeft geen aantal personen in {count}; "
                    "dat bedrag wordt gepubliceerd zonder de afscherming van kleine aantallen."
                )
    if problems:
        raise ImportRefused(problems)
    return replace(upload, notes=(*upload.notes, *notes))


def _note_lookalikes(
    data_dir: Path, upload: ValidatedUpload, catalogue: Catalogue
) -> ValidatedUpload:
    uploaded: dict[str, set[str]] = {}
    for row in upload.rows:
        if row.categorie:
            uploaded.setdefault(row.indicator, set()).add(row.categorie)
    if not uploaded:
        return upload
    stored: dict[str, set[str]] = {}
    with reading(data_dir) as con:
        for record in fetch_records(
            con, "store/categories_of_indicators", indicatoren=sorted(uploaded)
        ):
            stored.setdefault(record["indicator"], set()).add(record["categorie"])
    notes = lookalike_notes(uploaded, stored, catalogue)
    return replace(upload, notes=(*upload.notes, *notes)) if notes else upload


def _staged_table(rows: tuple[CijferRow, ...], bron: str) -> pa.Table:
    return pa.table(
        {
            "indicator": pa.array([r.indicator for r in rows], pa.string()),
            "periode": pa.array([r.period.key for r in rows], pa.string()),
            "periode_soort": pa.array([r.period.kind.value for r in rows], pa.string()),
            "jaar": pa.array([r.period.year for r in rows], pa.int64()),
            "volgnummer": pa.array([r.period.index for r in rows], pa.int64()),
            "einddatum": pa.array([r.period.end for r in rows], pa.date32()),
            "categorie": pa.array([r.categorie for r in rows], pa.string()),
            "gemeente": pa.array([r.gemeente for r in rows], pa.string()),
            "waarde": pa.array([str(r.waarde) for r in rows], pa.string()),
            "bron": pa.array([bron] * len(rows), pa.string()),
        }
    )


def stage_rows(con: duckdb.DuckDBPyConnection, rows: tuple[CijferRow, ...], bron: str) -> None:
    """Make the rows visible to the store queries as the relation `staged_cijfers`."""
    con.register("staged_cijfers", _staged_table(rows, bron))


def replace_staged(con: duckdb.DuckDBPyConnection) -> None:
    execute(con, "store/delete_replaced_cijfers")
    execute(con, "store/insert_staged_cijfers")


Diff = TypeVar("Diff")


def compare_and_store(
    data_dir: Path,
    stage: Callable[[duckdb.DuckDBPyConnection], None],
    compare: Callable[[duckdb.DuckDBPyConnection], Diff],
    info: VersionInfo,
    rows: int,
    *,
    dry_run: bool,
    expected_version: int | None = None,
) -> tuple[Diff, int | None]:
    """The one path of both imports into the store: stage the cijfers beside the current
    snapshot, compare, and (unless dry_run) replace them into a new version. Returns the
    comparison and the new version (None on a dry run). `expected_version` is the version the
    user saw the comparison against; when the store has moved on, nothing is stored."""
    if dry_run:
        with reading(data_dir) as reader:
            stage(reader)
            return compare(reader), None
    compared: list[Diff] = []

    def change(con: duckdb.DuckDBPyConnection) -> int:
        stage(con)
        # Compared inside the write, against exactly the version this one replaces: an import
        # that lands at the same moment is in the comparison, never beside it.
        compared.append(compare(con))
        replace_staged(con)
        return rows

    version = write_version(data_dir, info, change, expected_version=expected_version)
    return compared[0], version


def import_files(
    data_dir: Path,
    files: list[UploadFile],
    catalogue: Catalogue,
    *,
    author: str,
    indicator_id: str | None = None,
    dry_run: bool = False,
    bron: str = "upload",
    action: str = "import",
    expected_version: int | None = None,
) -> ImportResult:
    """Validate, diff and (unless dry_run) store a new version. Raises ImportRefused."""
    upload = validate_files(files, catalogue, indicator_id)
    upload = _check_links(data_dir, upload, catalogue)
    upload = _note_lookalikes(data_dir, upload, catalogue)
    names = ", ".join(source.name for source in upload.files)
    (diff, deviations), version = compare_and_store(
        data_dir,
        lambda con: stage_rows(con, upload.rows, bron),
        lambda con: (diff_against_stored(con), staged_deviations(con, catalogue)),
        VersionInfo(author, action, f"Import van {names}", upload.files),
        len(upload.rows),
        dry_run=dry_run,
        expected_version=expected_version,
    )
    if deviations:
        upload = replace(upload, notes=(*upload.notes, *import_notes(deviations)))
    return ImportResult(upload, diff, version)
