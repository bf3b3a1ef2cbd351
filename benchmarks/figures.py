"""Benchmarks of figure import and of building the published figures of an edition."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import duckdb

from benchmarks.common import Result, best_of
from monitor.config import DEFAULT_CATALOGUE, PROJECT_ROOT
from monitor.demo.data import load_demo, write_demo_files
from monitor.domain.catalogue import load_catalogue
from monitor.ingest.figure_import import import_files
from monitor.ingest.files import UploadFile
from monitor.render.artefact_audit import exported_findings

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
    from monitor.publication.edition import latest_edition, published_edition, current_catalogue
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
    # The same edition once more, split: the queries of every figure, then the gate and audit.
    from monitor import config
    from monitor.figures.builders import FigureContext, build_exact_table
    from monitor.disclosure.gate import protect_edition
    from monitor.domain.registry import figure_specs
    from monitor.store.snapshots import open_snapshot
    con = open_snapshot(data_dir)
    start = time.perf_counter()
    context = FigureContext(con, edition, catalogue, config.gemeente_code())
    tables = [build_exact_table(context, spec) for spec in figure_specs(catalogue)]
    queries = time.perf_counter() - start
    start = time.perf_counter()
    protect_edition(tables, edition, catalogue, {})
    gate = time.perf_counter() - start
    print(cold, warm, queries, gate)
    """
)

REPORT_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from monitor.publication.editorial import texts_for
    from monitor.publication.edition import latest_edition, published_edition, current_catalogue
    from monitor.render.report import report_pdf
    catalogue = current_catalogue()
    data_dir = Path(sys.argv[1])
    edition = latest_edition(data_dir)
    published = published_edition(data_dir, edition, catalogue)
    texts = texts_for(data_dir, edition)
    timings = []
    for _ in range(2):
        start = time.perf_counter()
        pdf = report_pdf(published, catalogue, texts)
        timings.append(time.perf_counter() - start)
    # A published edition's report is kept at publication and served from the file afterwards.
    from monitor.publication.editorial import store_report, stored_report
    store_report(data_dir, edition, 1, pdf)
    start = time.perf_counter()
    for _ in range(20):
        stored_report(data_dir, edition, 1)
    timings.append((time.perf_counter() - start) / 20)
    print(*timings)
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
            runs.append(tuple(float(value) for value in output))
    cold, warm, queries, gate = (sorted(r[i] for r in runs)[1] for i in range(4))
    return [
        Result("editie bouwen, koud (alle hoofdstukken)", cold, "—", cold, "≤ 1,5 s per hoofdstuk"),
        Result("hoofdstuk ophalen, warm (cache per versie)", warm, "koud bouwen", cold, "≤ 150 ms"),
        Result("AVG-poort + exacte audit (alle figuren)", gate, "query's van alle figuren", queries,
               "≤ 2 s"),
    ]  # fmt: skip


def report_build() -> list[Result]:
    """The PDF report of the demo edition: first in a fresh process, then again warm."""
    with tempfile.TemporaryDirectory() as work:
        data_dir = Path(work) / "data"
        load_demo(data_dir, CATALOGUE)
        output = subprocess.run(
            [sys.executable, "-c", REPORT_BUILD, str(data_dir)],
            capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
        ).stdout.split()  # fmt: skip
    first, again, kept = (float(value) for value in output[:3])
    return [
        Result("rapport (pdf, demo-editie), eerste keer", first, "tweede keer", again, "≤ 20 s"),
        Result("rapport van een gepubliceerde editie (bewaard)", kept, "opnieuw maken", again,
               "≤ 1 s"),
    ]  # fmt: skip


def browser_load(sessions: int = 30) -> list[Result]:
    """30 concurrent sessions reading every chapter of the demo on one server: first as bare
    Streamlit protocol clients (the server's share), then as Chromium tabs on the same cores."""
    from benchmarks.load import LoadResult, run_load
    from benchmarks.protocol_load import run_protocol_load
    from monitor.demo.texts import DEMO_EDITIONS, publish_demo_editions
    from monitor.domain.editions import edition_from_text
    from tests.support.server import cpu_seconds, running_dashboard

    def measured(run: Callable[[str, int], LoadResult], url: str, pid: int, n: int) -> tuple:
        before = cpu_seconds(pid)
        result = run(url, n)
        return result, cpu_seconds(pid) - before

    with tempfile.TemporaryDirectory() as work:
        data_dir = Path(work) / "data"
        load_demo(data_dir, CATALOGUE)
        publish_demo_editions(
            data_dir, CATALOGUE, [edition_from_text(e) for e in DEMO_EDITIONS], exported_findings
        )
        with running_dashboard(data_dir) as dashboard:
            url, pid = dashboard.url, dashboard.pid
            run_protocol_load(url, 1)  # warms the per-version caches once, as any first reader does
            server_single, single_cpu = measured(run_protocol_load, url, pid, 1)
            server_loaded, server_cpu = measured(run_protocol_load, url, pid, sessions)
            browser_single, _ = measured(run_load, url, pid, 1)
            browser_loaded, browser_server_cpu = measured(run_load, url, pid, sessions)
    pages = len(browser_loaded.page_seconds) or 1

    def errors(result: LoadResult) -> str:
        return f"{len(result.errors)} fouten"

    return [
        Result(f"hoofdstukwissel, server ({sessions} sessies), p50", server_loaded.p50,
               "1 sessie, p50", server_single.p50, errors(server_loaded)),
        Result(f"hoofdstukwissel, server ({sessions} sessies), p95", server_loaded.p95,
               "1 sessie, p95", server_single.p95, "≤ 3 s"),
        Result(f"server-CPU per paginabezoek ({sessions} sessies)",
               server_cpu / max(1, len(server_loaded.page_seconds)),
               "1 sessie", single_cpu / max(1, len(server_single.page_seconds)), ""),
        Result(f"hoofdstukwissel in Chromium ({sessions} tabs), p50", browser_loaded.p50,
               "1 sessie, p50", browser_single.p50, errors(browser_loaded)),
        Result(f"hoofdstukwissel in Chromium ({sessions} tabs), p95", browser_loaded.p95,
               "1 sessie, p95", browser_single.p95, "≤ 3 s"),
        Result("Chromium-CPU per paginabezoek", browser_loaded.client_cpu_seconds / pages,
               "server-CPU per paginabezoek", browser_server_cpu / pages,
               "zelfde 2 cores"),
    ]  # fmt: skip
