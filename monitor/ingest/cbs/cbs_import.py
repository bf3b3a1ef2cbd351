"""Importing CBS tables as reference figures: each download read whole, checked, and stored in
one new store version, replacing an earlier download of the same table (CBS revises whole
tables). The gemeente's own cijfers are not touched."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from monitor.domain.numbers import format_dutch
from monitor.ingest.cbs.download import (
    CbsTable,
    bulk_directory,
    is_bulk_export,
    read_bulk_export,
    read_typed_dataset,
)
from monitor.ingest.problems import ImportRefused, Problem
from monitor.store.snapshots import SourceFile, VersionInfo, write_version
from monitor.store.sql import execute

PLURALS = {"land": "landen", "provincie": "provincies", "gemeente": "gemeenten", "wijk": "wijken",
           "buurt": "buurten", "overig": "overige regio's"}  # fmt: skip
KIND_ORDER = ("land", "provincie", "gemeente", "wijk", "buurt", "overig")


@dataclass(frozen=True)
class CbsImportResult:
    tables: tuple[CbsTable, ...]
    version: int | None  # None for a dry run

    def report(self) -> list[str]:
        return [table_report(table) for table in self.tables]


def table_report(table: CbsTable) -> str:
    """`83262NED Wmo-cliënten; … (CBS, gewijzigd 26-11-2020): 192 cellen, …`."""
    regions = Counter(kind for _, kind in {(c.regio, c.regio_soort) for c in table.cells})
    periods = sorted({cell.periode for cell in table.cells}, key=lambda p: (p.einddatum, p.code))
    secret = sum(cell.waarde is None for cell in table.cells)
    provisional = sum(cell.voorlopig for cell in table.cells)
    changed = f", gewijzigd {_dutch_date(table.gewijzigd)}" if table.gewijzigd else ""
    kinds = ", ".join(
        f"{format_dutch(count)} {kind if count == 1 else PLURALS.get(kind, kind)}"
        for kind, count in sorted(regions.items(), key=lambda item: KIND_ORDER.index(item[0]))
    )
    span = (
        f"periode {periods[0].label}"
        if len(periods) == 1
        else f"perioden {periods[0].label} t/m {periods[-1].label}"
    )
    with_value = {cell.onderwerp for cell in table.cells if cell.waarde is not None}
    empty = sorted(
        {cell.onderwerp_titel for cell in table.cells if cell.onderwerp not in with_value}
    )
    later = f"; nog zonder cijfers (CBS vult ze later): {', '.join(empty)}" if empty else ""
    return (
        f"{table.tabel} {table.titel} (Bron: CBS{changed}): {format_dutch(len(table.cells))} "
        f"cellen over {kinds}, {span}; "
        f"{format_dutch(secret)} cellen geheim of onbekend ('.'), {format_dutch(provisional)} "
        f"voorlopig, zoals CBS ze publiceert{later}"
    )


def _dutch_date(moment: str) -> str:
    """CBS's `2020-11-26T02:00:00` as `26-11-2020`; anything else as CBS wrote it."""
    try:
        return dt.date.fromisoformat(moment[:10]).strftime("%d-%m-%Y")
    except ValueError:
        return moment


def _read_downloads(paths: list[Path]) -> tuple[CbsTable, ...]:
    """Each path as CBS delivers it: a bulk export (its directory, or a file in it) read once,
    or a lone TypedDataSet CSV."""
    sources: list[Path] = []
    problems = []
    for path in paths:
        if not path.exists():
            problems.append(Problem(path.name, "het bestand of de map bestaat niet."))
        elif is_bulk_export(path):
            if bulk_directory(path) not in sources:
                sources.append(bulk_directory(path))
        elif path.is_file() and path.suffix.lower() == ".csv":
            sources.append(path)
        else:
            problems.append(Problem(path.name, (
                "dit is geen CBS-download: geef de map van een OData-download (TypedDataSet.csv, "
                "DataProperties.csv, TableInfos.csv en de dimensiebestanden) of een "
                "TypedDataSet-CSV met de tabel-id in de naam."
            )))  # fmt: skip
    if problems:
        raise ImportRefused(problems)
    tables = []
    for source in sources:
        try:
            tables.append(
                read_bulk_export(source) if source.is_dir() else read_typed_dataset(source)
            )
        except ImportRefused as refused:
            problems.extend(refused.problems)
    if problems:
        raise ImportRefused(problems)
    return tuple(tables)


def staged_cells(table: CbsTable) -> pa.Table:
    cells = table.cells
    return pa.table({
        "tabel": pa.array([table.tabel] * len(cells), pa.string()),
        "onderwerp": pa.array([c.onderwerp for c in cells], pa.string()),
        "onderwerp_titel": pa.array([c.onderwerp_titel for c in cells], pa.string()),
        "eenheid": pa.array([c.eenheid for c in cells], pa.string()),
        "regio": pa.array([c.regio for c in cells], pa.string()),
        "regio_naam": pa.array([c.regio_naam for c in cells], pa.string()),
        "regio_soort": pa.array([c.regio_soort for c in cells], pa.string()),
        "periode": pa.array([c.periode.code for c in cells], pa.string()),
        "periode_soort": pa.array([c.periode.soort for c in cells], pa.string()),
        "periode_label": pa.array([c.periode.label for c in cells], pa.string()),
        "einddatum": pa.array([c.periode.einddatum for c in cells], pa.date32()),
        "voorlopig": pa.array([c.voorlopig for c in cells], pa.bool_()),
        "dimensies": pa.array([c.dimensies for c in cells], pa.string()),
        "dimensie_titels": pa.array([c.dimensie_titels for c in cells], pa.string()),
        "waarde": pa.array([None if c.waarde is None else str(c.waarde) for c in cells], pa.string()),
        "status": pa.array(["geheim" if c.waarde is None else "waarde" for c in cells], pa.string()),
    })  # fmt: skip


def _stage(con: duckdb.DuckDBPyConnection, table: CbsTable, moment: dt.datetime) -> int:
    con.register("staged_cbs_cijfers", staged_cells(table))
    con.register("staged_cbs_tabel", pa.table({
        "tabel": [table.tabel], "titel": [table.titel], "gewijzigd": [table.gewijzigd],
        "bestand": [table.bestand], "sha256": [table.sha256], "geimporteerd_op": [moment],
    }))  # fmt: skip
    execute(con, "cbs/vervang_tabel", tabel=table.tabel)
    execute(con, "cbs/voeg_cijfers_toe")
    execute(con, "cbs/voeg_tabel_toe")
    con.unregister("staged_cbs_cijfers")
    con.unregister("staged_cbs_tabel")
    return len(table.cells)


def import_cbs(
    data_dir: Path, paths: list[Path], *, author: str, dry_run: bool = False
) -> CbsImportResult:
    """Read every CBS download named (a bulk export directory, or a file in it), refuse in Dutch
    when any is not as CBS writes it, and store them all in one new version (none on a dry run)."""
    tables = _read_downloads(paths)
    seen = Counter(table.tabel for table in tables)
    if twice := [tabel for tabel, count in seen.items() if count > 1]:
        raise ImportRefused([Problem(", ".join(t.bestand for t in tables), (
            f"tabel {', '.join(twice)} staat twee keer in deze import; geef elke tabel één keer."
        ))])  # fmt: skip
    moment = dt.datetime.now().replace(microsecond=0)
    if dry_run:
        return CbsImportResult(tables, None)

    def change(con: duckdb.DuckDBPyConnection) -> int:
        return sum(_stage(con, table, moment) for table in tables)

    names = ", ".join(f"{t.tabel} ({t.titel})" for t in tables)
    files = tuple(SourceFile(t.bestand, t.sha256, len(t.cells)) for t in tables)
    info = VersionInfo(author, "cbs-import", f"CBS-tabellen geïmporteerd: {names}", files)
    return CbsImportResult(tables, write_version(data_dir, info, change))
