"""The first reader after a server start: how long the Overzicht takes in Chromium once the
server has prepared the newest editions, against a later visit in the same run."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.common import Result
from benchmarks.figures import CATALOGUE
from benchmarks.load import RENDERED
from monitor.demo.data import load_demo
from monitor.demo.texts import DEMO_EDITIONS, publish_demo_editions
from monitor.domain.editions import edition_from_text
from monitor.render.artefact_audit import exported_findings
from monitor.server.warm import WARMED_MESSAGE
from tests.support.server import CHROMIUM_ARGS, require_chromium, running_dashboard


def _visit(browser: object, url: str) -> float:
    """One new reader (own context, no cache) opening the Overzicht until it is drawn."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})  # type: ignore[attr-defined]
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, timeout=120_000)
    page.wait_for_function(RENDERED, arg=["Monitor Sociaal Domein", 0], timeout=120_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def _wait_until_warm(log: Path, started: float) -> float:
    while WARMED_MESSAGE not in log.read_text(errors="replace"):
        if time.perf_counter() - started > 300:
            raise RuntimeError("de server meldde niet dat de edities klaarstaan")
        time.sleep(0.05)
    return time.perf_counter() - started


def first_visit() -> list[Result]:
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        data_dir = Path(work) / "data"
        load_demo(data_dir, CATALOGUE)
        editions = [edition_from_text(e) for e in DEMO_EDITIONS]
        publish_demo_editions(data_dir, CATALOGUE, editions, exported_findings)
        browser = playwright.chromium.launch(
            executable_path=str(require_chromium()), args=CHROMIUM_ARGS
        )
        # Chromium's own first start (compiling Streamlit's JavaScript) is not the server's.
        with running_dashboard(data_dir) as warmup:
            _visit(browser, warmup.url)
        log = Path(work) / "server.log"
        started = time.perf_counter()
        with running_dashboard(data_dir, log=log) as dashboard:
            ready = _wait_until_warm(log, started)
            first = _visit(browser, dashboard.url)
            later = min(_visit(browser, dashboard.url) for _ in range(3))
        browser.close()
    return [
        Result(
            "eerste bezoek Overzicht na start (Chromium)", first, "later bezoek", later, "≤ 3 s"
        ),
        Result("  start → edities voorbereid", ready, "eerste bezoek", first, ""),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(first_visit())
