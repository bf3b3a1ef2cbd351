"""Benchmarks of the records import (data-contract §3): a national file (3.000.000 indicaties of
342 gemeenten, 2019-2024) and a gemeente file (50.000 indicaties). The import is timed as a
whole `monitor importeer --registraties` process, against whole DuckDB processes that read the
same file (bare, and parsing every column as the data contract reads it) and against the pandas
reference implementation; the gemeente file also from upload to a published edition."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from benchmarks.common import Result, best_of
from monitor.config import PROJECT_ROOT
from tests.oracles.records_reference import figures_from_records, read_records

VOORZIENINGEN = np.array(
    ["Hulp bij het huishouden", "Begeleiding", "Hulpmiddelen", "Vervoersvoorziening",
     "Woonvoorziening", "Beschermd Wonen"]
)  # fmt: skip
WEIGHTS = (0.3, 0.25, 0.2, 0.15, 0.07, 0.03)
FIRST, LAST = np.datetime64("2019-01-01"), np.datetime64("2024-12-31")
REFERENCE_SAMPLE = 300_000


def write_indicaties(path: Path, rows: int, gemeenten: int, seed: int = 2024) -> Path:
    """Synthetic Wmo indicaties, vectorised: trajecten of one to three aansluitende indicaties
    (herindicaties), several voorzieningen per client, open ends after 2024."""
    rng = np.random.default_rng(seed)
    trajecten = int(rows / 1.3) + 100
    pieces = rng.choice([1, 2, 3], size=trajecten, p=[0.6, 0.3, 0.1])
    sizes = rng.lognormal(0, 1, gemeenten)
    gemeente = rng.choice(gemeenten, size=trajecten, p=sizes / sizes.sum())
    client = rng.integers(0, trajecten // 2, size=trajecten)
    voorziening = rng.choice(len(VOORZIENINGEN), size=trajecten, p=WEIGHTS)
    span = int((LAST - FIRST).astype(int))
    start = rng.integers(0, span, size=trajecten)
    owner = np.repeat(np.arange(trajecten), pieces)
    first_piece = np.repeat(np.cumsum(pieces) - pieces, pieces)
    lengths = rng.exponential(250, size=owner.size).astype(np.int64) + 1
    before = np.cumsum(lengths) - lengths  # days of the earlier pieces of all trajecten
    offset = before - before[first_piece] + (np.arange(owner.size) - first_piece)
    begin = start[owner] + offset
    end = begin + lengths
    keep = np.flatnonzero(begin <= span)[:rows]
    owner, begin, end = owner[keep], begin[keep], end[keep]
    table = pa.table(
        {
            "gemeente": pc.binary_join_element_wise(
                "GM", pc.utf8_lpad(pc.cast(pa.array(gemeente[owner] + 1), pa.string()), 4, "0"), ""
            ),
            "client": pc.binary_join_element_wise(
                "P", pc.cast(pa.array(client[owner] * 7919 + 10**10), pa.string()), ""
            ),
            "voorziening": pa.array(VOORZIENINGEN[voorziening[owner]]),
            "begindatum": pc.cast(pa.array(FIRST + begin.astype("timedelta64[D]")), pa.string()),
            "einddatum": pc.cast(
                pa.array(FIRST + end.astype("timedelta64[D]"), mask=end > span), pa.string()
            ),
        }
    )
    pa_csv.write_csv(table, path, pa_csv.WriteOptions(delimiter=";", quoting_style="none"))
    return path


@functools.cache
def _files() -> dict[str, Path]:
    """Both files, written once per run into a temporary directory that lives as long as the
    process."""
    directory = Path(tempfile.mkdtemp(prefix="monitor-bench-records-"))
    return {
        "landelijk": write_indicaties(directory / "landelijk.csv", 3_000_000, 342),
        "gemeente": write_indicaties(directory / "gemeente.csv", 50_000, 1, seed=98),
    }


COLUMNS = {
    name: "VARCHAR" for name in ("gemeente", "client", "categorie", "begindatum", "einddatum")
}
CSV = "read_csv($p, delim = ';', header = true, auto_detect = false, columns = $c)"
# Each baseline is a whole process, as the import is: Python, DuckDB, the file.
BARE_READ = f"CREATE TABLE ruw AS SELECT * FROM {CSV}"
# Every column parsed the way the data contract reads it: texts trimmed, dates in both notations.
FULL_PARSE = (
    "CREATE TABLE ontleed AS SELECT trim(gemeente) AS gemeente, trim(client) AS client, "
    "trim(categorie) AS categorie, "
    "CAST(try_strptime(trim(begindatum), ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS begindatum, "
    "CAST(try_strptime(trim(einddatum), ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS einddatum "
    f"FROM {CSV}"
)
# What `monitor publiceer` prints right after the publication is committed.
PUBLISHED_LINE = re.compile(r"Editie .+ gepubliceerd \(versie \d+\)\.")
DUCKDB_PROCESS = textwrap.dedent(
    """
    import sys, duckdb
    columns = dict.fromkeys(["gemeente", "client", "categorie", "begindatum", "einddatum"], "VARCHAR")
    duckdb.connect().execute(sys.argv[1], {"p": sys.argv[2], "c": columns})
    """
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: int


def _process(arguments: list[str], environment: dict[str, str] | None = None) -> Run:
    """Wall time and peak resident memory of one whole process (it must succeed)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        arguments, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{arguments[:4]} failed: {child.stderr.read().decode()[-2000:]}")
    child.stderr.close()
    return Run(seconds, usage.ru_maxrss // 1024)


def _duckdb_process(statement: str, path: Path) -> Run:
    return _process([sys.executable, "-c", DUCKDB_PROCESS, statement, str(path)])


def _monitor(data_dir: Path, *arguments: str) -> Run:
    environment = dict(os.environ, MONITOR_DATA_DIR=str(data_dir))
    return _process([sys.executable, "-m", "monitor.cli", *arguments], environment)


def _import(path: Path, data_dir: Path) -> Run:
    """`monitor importeer --registraties wmo FILE` into a store of its own."""
    return _monitor(data_dir, "importeer", "--registraties", "wmo", "--auteur", "bench", str(path))


def _fastest(runs: int, action: Callable[[], Run]) -> Run:
    return min((action() for _ in range(runs)), key=lambda run: run.seconds)


def _reference(path: Path, rows: int | None = None) -> None:
    frame = read_records(path)
    figures_from_records(frame if rows is None else frame.head(rows), "wmo")


@dataclass(frozen=True)
class Publication:
    published: float  # start → the edition committed, readers see it
    report_kept: float  # start → the process done, the edition's PDF report kept


def _publish(data_dir: Path) -> Publication:
    """`monitor publiceer` timed twice within one process: when it prints that the edition is
    published (the line follows the commit, so readers see the edition from then on) and when it
    exits after rendering and keeping the report."""
    environment = dict(os.environ, MONITOR_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1")
    arguments = [sys.executable, "-m", "monitor.cli", "publiceer", "--onvolledig", "--auteur", "b"]
    start = time.perf_counter()
    child = subprocess.Popen(
        arguments, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    published = None
    for line in child.stdout:
        if published is None and PUBLISHED_LINE.match(line):
            published = time.perf_counter() - start
    child.stdout.close()
    status = child.wait()
    done = time.perf_counter() - start
    if status != 0 or published is None:
        raise RuntimeError(f"publiceer failed: {child.stderr.read()[-2000:]}")
    child.stderr.close()
    return Publication(published, done)


def _upload_to_edition(path: Path, demo: Path, work: Path) -> Publication:
    """A gemeente's records imported into the demo store and an edition published: two CLI
    processes, as a beleidsmedewerker runs them."""
    data_dir = work / f"gemeente-{time.perf_counter_ns()}"
    shutil.copytree(demo, data_dir)
    imported = _import(path, data_dir).seconds
    publication = _publish(data_dir)
    return Publication(imported + publication.published, imported + publication.report_kept)


def records_import() -> list[Result]:
    files = _files()
    results = []
    with tempfile.TemporaryDirectory(prefix="monitor-bench-stores-") as temporary:
        work = Path(temporary)
        demo = work / "demo"
        _monitor(demo, "demo")
        gemeente = files["gemeente"]
        parse = _fastest(3, lambda: _duckdb_process(FULL_PARSE, gemeente))
        ours = _fastest(3, lambda: _import(gemeente, work / f"s-{time.perf_counter_ns()}"))
        reference = best_of(1, lambda: _reference(gemeente))
        editions = [_upload_to_edition(gemeente, demo, work) for _ in range(2)]
        edition = min(run.published for run in editions)
        report = min(run.report_kept for run in editions)
        results += [
            Result("records gemeente (50.000), import", ours.seconds, "DuckDB alle kolommen ontleden", parse.seconds, "≤ 3×"),
            Result("records gemeente (50.000), import", ours.seconds, "pandas-referentie", reference, "≤ 0,1× (10× sneller)"),
            Result("records gemeente: upload → editie gepubliceerd", edition, "import alleen", ours.seconds, "≤ 5 s"),
            Result("  upload → rapport bij de editie bewaard", report, "upload → editie gepubliceerd", edition, ""),
        ]  # fmt: skip
        national = files["landelijk"]
        bare = _fastest(2, lambda: _duckdb_process(BARE_READ, national))
        parse = _fastest(2, lambda: _duckdb_process(FULL_PARSE, national))
        ours = _fastest(2, lambda: _import(national, work / f"s-{time.perf_counter_ns()}"))
        sample = best_of(1, lambda: _reference(national, REFERENCE_SAMPLE))
        factor = 3_000_000 / REFERENCE_SAMPLE
        results += [
            Result("records landelijk (3.000.000), import", ours.seconds, "DuckDB alle kolommen ontleden", parse.seconds, "≤ 3×"),
            Result("records landelijk (3.000.000), import", ours.seconds, "DuckDB kale read", bare.seconds, ""),
            Result("records landelijk (3.000.000), import", ours.seconds, "pandas-ref. 300.000 rijen ×10", sample * factor, "≤ 0,1× (10× sneller)"),
            Result(f"  piekgeheugen import landelijk: {ours.peak_mb:,} MB".replace(",", "."), ours.seconds, "(eigen proces, ru_maxrss)", ours.seconds, "≤ 2.048 MB"),
        ]  # fmt: skip
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks.common import print_table

    print_table(records_import())
