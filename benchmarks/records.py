"""Benchmarks of the records import (data-contract §3): a national file (3.000.000 indicaties of
342 gemeenten, 2019-2024) and a gemeente file (50.000 indicaties), each against DuckDB's bare
read of the same file and against the pandas reference implementation."""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from benchmarks.common import Result, best_of
from monitor.config import PROJECT_ROOT
from monitor.ingest.files import UploadFile
from monitor.ingest.records.compute import RecordKind, import_records
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


def _bare_read(path: Path) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE ruw AS SELECT * FROM read_csv($p, delim = ';', header = true, "
        "auto_detect = false, columns = $c)",
        {"p": str(path), "c": COLUMNS},
    )
    con.close()


def _import(path: Path, work: Path) -> None:
    data_dir = work / f"store-{time.perf_counter_ns()}"
    import_records(data_dir, [UploadFile(path, path.name)], RecordKind.WMO, author="bench")


def _reference(path: Path, rows: int | None = None) -> None:
    frame = read_records(path)
    figures_from_records(frame if rows is None else frame.head(rows), "wmo")


PEAK = textwrap.dedent(
    """
    import resource, sys, time
    from pathlib import Path
    from monitor.ingest.files import UploadFile
    from monitor.ingest.records.compute import RecordKind, import_records
    path, data_dir = Path(sys.argv[1]), Path(sys.argv[2])
    start = time.perf_counter()
    import_records(data_dir, [UploadFile(path, path.name)], RecordKind.WMO, author="bench")
    print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _peak_memory(path: Path, work: Path) -> tuple[float, int]:
    """Wall time and peak resident memory (MB) of the import in a child process of its own."""
    output = subprocess.run(
        [sys.executable, "-c", PEAK, str(path), str(work / "store-peak")],
        capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
    ).stdout.splitlines()[-1].split()  # fmt: skip
    return float(output[0]), int(output[1]) // 1024


def records_import() -> list[Result]:
    files = _files()
    results = []
    with tempfile.TemporaryDirectory(prefix="monitor-bench-stores-") as temporary:
        work = Path(temporary)
        gemeente = files["gemeente"]
        bare = best_of(3, lambda: _bare_read(gemeente))
        ours = best_of(3, lambda: _import(gemeente, work))
        reference = best_of(1, lambda: _reference(gemeente))
        results += [
            Result("records import gemeente (50.000)", ours, "DuckDB read_csv zelfde bestand", bare, "≤ 3× kale read"),
            Result("records import gemeente (50.000)", ours, "pandas-referentie", reference, "≤ 0,1× (10× sneller)"),
        ]  # fmt: skip
        national = files["landelijk"]
        bare = best_of(1, lambda: _bare_read(national))
        seconds, megabytes = _peak_memory(national, work)
        sample = best_of(1, lambda: _reference(national, REFERENCE_SAMPLE))
        factor = 3_000_000 / REFERENCE_SAMPLE
        results += [
            Result("records import landelijk (3.000.000)", seconds, "DuckDB read_csv zelfde bestand", bare, "≤ 3× kale read"),
            Result("records import landelijk (3.000.000)", seconds, "pandas-ref. 300.000 rijen ×10", sample * factor, "≤ 0,1× (10× sneller)"),
            Result(f"  piekgeheugen import landelijk: {megabytes:,} MB".replace(",", "."), seconds, "(eigen proces, ru_maxrss)", seconds, "enkele GB"),
        ]  # fmt: skip
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks.common import print_table

    print_table(records_import())
