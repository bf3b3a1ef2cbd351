"""Benchmarks of figure import and of building the published figures of an edition."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import duckdb

from benchmarks.common import Result, best_of
from monitor.catalogue import load_catalogue
from monitor.config import DEFAULT_CATALOGUE, PROJECT_ROOT
from monitor.demo import load_demo, write_demo_files
from monitor.ingest import UploadFile, import_files

CATALOGUE = load_catalogue(DEFAULT_CATALOGUE)


def _bare_read(files: list[Path]) -> None:
    con = duckdb.connect()
    for path in files:
        if path.suffix == ".csv":
            con.read_csv(str(path), sep=";").fetchall()
    con.close()


def figure_import() -> list[Result]:
    """The demo upload of a whole gemeente (2.211 figures in 9 files) against DuckDB's bare read."""
    with tempfile.TemporaryDirectory() as work:
        files = write_demo_files(Path(work) / "files")
        # The figure uploads of the demo (the records files are measured in benchmarks/records.py).
        csv_files = [
            f
            for f in files
            if f.path.suffix == ".csv" and f.indicator is None and f.records is None
        ]
        counter = iter(range(1000))

        def full_import() -> None:
            data_dir = Path(work) / f"store{next(counter)}"
            import_files(
                data_dir,
                [UploadFile(f.path, f.path.name) for f in csv_files],
                CATALOGUE,
                author="bench",
            )

        imported = best_of(5, full_import)
        bare = best_of(5, lambda: _bare_read([f.path for f in csv_files]))
    return [
        Result(
            f"import cijfers (gemeente, {len(csv_files)} CSV-bestanden)",
            imported,
            "DuckDB read_csv zelfde bestanden",
            bare,
            "≤ 3× kale read",
        )
    ]


COLD_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from monitor.publication import latest_edition, published_edition, current_catalogue
    catalogue = current_catalogue()
    data_dir = Path(sys.argv[1])
    edition = latest_edition(data_dir)
    start = time.perf_counter()
    published = published_edition(data_dir, edition, catalogue)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(100):
        for chapter in ("wmo", "jeugd", "participatie", "sociale_basis"):
            published_edition(data_dir, edition, catalogue).chapter(chapter)
    warm = (time.perf_counter() - start) / 400
    print(cold, warm)
    """
)


def chapter_build() -> list[Result]:
    """Every published figure of an edition through the gate: first time in a fresh process
    (queries + gate) and again from the per-store-version cache."""
    with tempfile.TemporaryDirectory() as work:
        data_dir = Path(work) / "data"
        load_demo(data_dir, CATALOGUE)
        runs = []
        for _ in range(3):
            output = subprocess.run(
                [sys.executable, "-c", COLD_BUILD, str(data_dir)],
                capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
            ).stdout.split()  # fmt: skip
            runs.append((float(output[0]), float(output[1])))
    cold = sorted(r[0] for r in runs)[1]
    warm = sorted(r[1] for r in runs)[1]
    return [
        Result("editie bouwen, koud (alle hoofdstukken)", cold, "—", cold, "≤ 1,5 s per hoofdstuk"),
        Result("hoofdstuk ophalen, warm (cache per versie)", warm, "koud bouwen", cold, "≤ 150 ms"),
    ]


def browser_load(sessions: int = 30) -> list[Result]:
    """30 concurrent browser sessions reading every chapter of the demo on one server."""
    from benchmarks.load import run_load
    from benchmarks.server import running_dashboard
    from monitor.editions import edition_from_text
    from monitor.texts import DEMO_EDITIONS, publish_demo_editions

    with tempfile.TemporaryDirectory() as work:
        data_dir = Path(work) / "data"
        load_demo(data_dir, CATALOGUE)
        publish_demo_editions(data_dir, CATALOGUE, [edition_from_text(e) for e in DEMO_EDITIONS])
        with running_dashboard(data_dir) as url:
            single = run_load(url, 1)
            loaded = run_load(url, sessions)
    errors = f"{len(loaded.errors)} fouten" if loaded.errors else "0 fouten"
    return [
        Result(f"hoofdstukwissel in browser, p50 ({sessions} sessies)", loaded.p50, "1 sessie, p50", single.p50,
               f"p95 ≤ 3 s; {errors}"),
        Result(f"hoofdstukwissel in browser, p95 ({sessions} sessies)", loaded.p95, "1 sessie, p95", single.p95,
               "≤ 3 s"),
    ]  # fmt: skip
