"""Importing pseudonymised records (data-contract §3): the client figures are computed, not typed.

`monitor importeer --registraties wmo|jeugd|participatie FILE...` reads indicaties (Wmo, Jeugd) or
uitkeringen (Participatie), refuses anything that looks like a BSN, validates every row in SQL,
computes zorgperiodes and the figures per month in SQL (`queries/records/`) and publishes them
through the same staging and replace path as a figure upload, with bron = 'records'.

DuckDB reads each file once into a work table (which may spill to a private temporary
directory), checks it there and parses the rows into the work table `records`; the zorgperiodes
are formed once from those (`records/zorgperiodes.sql`) and every figure is counted from them.
A file of millions of rows is never held in Python. Python only looks at the header, the first
bytes (encoding, separator) and, when a file is refused, at the rows it names. Excel workbooks and
Windows-1252 files are first written as one UTF-8 CSV per source in a temporary directory.

What a records file looks like is in `monitor.ingest.records.layout`; reading and validating the files in
`monitor.ingest.records.reading`. This module computes the figures, compares them with what is published
and publishes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from monitor.domain.periods import Period
from monitor.ingest.diff import DiffSummary, summarise_against_stored
from monitor.ingest.extent import category_problems
from monitor.ingest.figure_import import compare_and_store
from monitor.ingest.files import UploadFile
from monitor.ingest.problems import ImportRefused, Problem
from monitor.ingest.records.layout import INDICATORS, KIND_LABEL, RecordKind
from monitor.ingest.records.reading import Work, read_sources, validate_sources, work_database
from monitor.store.snapshots import SourceFile, VersionInfo
from monitor.store.sql import execute, load_sql


@dataclass(frozen=True)
class ComputedRecords:
    """The figures computed from one records import, ready to stage."""

    kind: RecordKind
    gap_dagen: int
    first: Period | None  # first and last month with figures (None: no figures)
    last: Period | None
    files: tuple[SourceFile, ...]
    notes: tuple[str, ...]
    figures: pa.Table  # the columns of staged_cijfers, bron = 'records'

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
class RecordsImportResult:
    computed: ComputedRecords
    diff: DiffSummary
    version: int | None  # None for a dry run


# ---------------------------------------------------------------- computing


def _last_month(tot: Period | None) -> dt.date | None:
    return None if tot is None else Period.month(tot.year, tot.last_month).end


def _arrow(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pa.Table:
    """A query's result as an Arrow table (the computed figures go to the store as they are)."""
    return con.sql(load_sql(name), params=params).to_arrow_table()


def _compute(
    work: Work,
    kind: RecordKind,
    gap_dagen: int,
    tot: Period | None,
    vanaf: Period | None,
) -> pa.Table:
    execute(work.con, "records/zorgperiodes", gap_dagen=gap_dagen)
    stand, instroom, uitstroom = INDICATORS[kind]
    span = {
        "tot": _last_month(tot),
        "vanaf": None if vanaf is None else Period.month(vanaf.year, vanaf.first_month).start,
    }
    tables = [
        _arrow(
            work.con,
            "records/clientcijfers",
            **span,
            per_categorie=kind is not RecordKind.PARTICIPATIE,
            stand=stand,
            instroom=instroom,
            uitstroom=uitstroom,
        )
    ]
    if kind is RecordKind.PARTICIPATIE:
        present = set().union(*(s.present for s in work.sources))
        tables.append(
            _arrow(work.con, "records/kenmerken_uitkeringen", **span, met_trede="trede" in present)
        )
        if "loonkostensubsidie" in present:
            tables.append(_arrow(work.con, "records/loonkostensubsidie_per_maand", **span))
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
    with work_database() as work:
        read_sources(work, files, kind)
        if not work.problems:
            validate_sources(work, kind)
        if work.problems:
            raise ImportRefused(work.problems)
        figures = _compute(work, kind, gap_dagen, tot, vanaf)
        pairs = zip(figures.column("indicator").to_pylist(), figures.column("categorie").to_pylist(),
                    strict=True)  # fmt: skip
        if too_many := category_problems(files[0].name, pairs):
            # Stand, instroom and uitstroom share the category column: one problem says it.
            raise ImportRefused(too_many[:1])
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
    """Make the computed figures visible to the store queries as the relation `staged_cijfers`."""
    con.register("staged_cijfers", computed.figures)


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
    diff, version = compare_and_store(
        data_dir,
        lambda con: stage_computed(con, computed),
        summarise_against_stored,
        VersionInfo(author, action, computed.description, computed.files),
        computed.figures.num_rows,
        dry_run=dry_run,
    )
    return RecordsImportResult(computed, diff, version)
