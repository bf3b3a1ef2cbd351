"""Importing figure files: read, validate, compare with what is published, publish atomically.

Used by `monitor import` and by the upload page, so both give the same report.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from monitor.domain.catalogue import Catalogue
from monitor.ingest.diff import FigureDiff, diff_against_published
from monitor.ingest.parsing import FigureRow, duplicate_problems, parse_figure_file
from monitor.ingest.problems import ImportRefused, Problem
from monitor.ingest.reading import read_file
from monitor.store.snapshots import SourceFile, VersionInfo, open_snapshot, publish
from monitor.store.sql import execute


@dataclass(frozen=True)
class UploadFile:
    path: Path
    name: str  # the name the user knows (an upload keeps its original name)


@dataclass(frozen=True)
class ValidatedUpload:
    rows: tuple[FigureRow, ...]
    files: tuple[SourceFile, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ImportResult:
    upload: ValidatedUpload
    diff: FigureDiff
    version: int | None  # None for a dry run


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def validate_files(
    files: list[UploadFile], catalogue: Catalogue, indicator_id: str | None = None
) -> ValidatedUpload:
    """Parse and validate every file; raises ImportRefused listing every problem found."""
    problems: list[Problem] = []
    rows: list[FigureRow] = []
    notes: list[str] = []
    sources: list[SourceFile] = []
    if not files:
        raise ImportRefused([Problem("(geen bestand)", "geef ten minste één bestand op.")])
    for upload in files:
        try:
            sheets = list(read_file(upload.path, upload.name))
            parsed = parse_figure_file(sheets, catalogue, indicator_id)
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
    if problems:
        raise ImportRefused(problems)
    return ValidatedUpload(tuple(rows), tuple(sources), tuple(notes))


def _staged_frame(rows: tuple[FigureRow, ...], bron: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": [r.indicator for r in rows],
            "periode": [r.period.key for r in rows],
            "periode_soort": [r.period.kind.value for r in rows],
            "jaar": [r.period.year for r in rows],
            "volgnummer": [r.period.index for r in rows],
            "einddatum": [r.period.end for r in rows],
            "categorie": [r.categorie for r in rows],
            "gemeente": [r.gemeente for r in rows],
            "waarde": [str(r.waarde) for r in rows],
            "bron": [bron] * len(rows),
        }
    )


def stage_rows(con: duckdb.DuckDBPyConnection, rows: tuple[FigureRow, ...], bron: str) -> None:
    """Make the rows visible to the store queries as the relation `staged_figures`."""
    con.register("staged_figures", _staged_frame(rows, bron))


def replace_staged(con: duckdb.DuckDBPyConnection) -> None:
    execute(con, "store/delete_replaced_figures")
    execute(con, "store/insert_staged_figures")


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
) -> ImportResult:
    """Validate, diff and (unless dry_run) publish a new version. Raises ImportRefused."""
    upload = validate_files(files, catalogue, indicator_id)
    reader = open_snapshot(data_dir)
    try:
        stage_rows(reader, upload.rows, bron)
        diff = diff_against_published(reader)
    finally:
        reader.close()
    if dry_run:
        return ImportResult(upload, diff, None)

    def change(con: duckdb.DuckDBPyConnection) -> int:
        stage_rows(con, upload.rows, bron)
        replace_staged(con)
        return len(upload.rows)

    names = ", ".join(source.name for source in upload.files)
    version = publish(
        data_dir, VersionInfo(author, action, f"Import van {names}", upload.files), change
    )
    return ImportResult(upload, diff, version)
