"""Many concurrent browser sessions against one dashboard, each reading every chapter."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass, field

from playwright.async_api import async_playwright

from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import load_catalogue
from monitor.domain.registry import figure_specs
from tests.support.server import CHROMIUM_ARGS, descendant_cpu_seconds, require_chromium

# Every figure of the demo edition draws one chart on its chapter's page.
_CHARTS = [spec.chapter for spec in figure_specs(load_catalogue(DEFAULT_CATALOGUE))]
# Per page: its link in the navigation, its heading, and the charts it draws on the demo edition.
CHAPTERS = (("1. Wmo", "1. Wmo", _CHARTS.count("wmo")),
            ("2. Jeugd", "2. Jeugd", _CHARTS.count("jeugd")),
            ("3. Participatie", "3. Participatie", _CHARTS.count("participatie")),
            ("4. Sociale basis", "4. Sociale basis", _CHARTS.count("sociale_basis")),
            ("Over deze monitor", "Over deze monitor", 0),
            ("Overzicht", "Monitor Sociaal Domein", 0))  # fmt: skip
# Ready means: the script run is over, the heading is the new page's (right after a click the old
# page is still there with its script "not running"), and every chart has drawn its SVG marks.
RENDERED = """([heading, charts]) => {
  const state = document.querySelector('[data-test-script-state]');
  const h1 = document.querySelector('h1');
  return state !== null && state.getAttribute('data-test-script-state') === 'notRunning'
      && h1 !== null && h1.innerText.trim() === heading
      && document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks').length === charts;
}"""


FIRST_LOAD_MS = 600_000
PAGE_MS = 120_000


@dataclass
class LoadResult:
    sessions: int
    page_seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    client_cpu_seconds: float = 0.0  # what the sessions' own side used: browser or protocol client

    @property
    def p50(self) -> float:
        return statistics.median(self.page_seconds) if self.page_seconds else float("nan")

    @property
    def p95(self) -> float:
        if not self.page_seconds:
            return float("nan")
        ordered = sorted(self.page_seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def _session(browser: object, base_url: str, number: int, result: LoadResult) -> None:
    context = await browser.new_context(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page = await context.new_page()
    try:
        # Opening the app is not a chapter switch and is not timed; with 30 tabs compiling
        # Streamlit's JavaScript at once on two cores it can take minutes.
        await page.goto(base_url, timeout=FIRST_LOAD_MS)
        await page.wait_for_function(
            RENDERED, arg=["Monitor Sociaal Domein", 0], timeout=FIRST_LOAD_MS
        )
        for link, heading, charts in CHAPTERS:
            start = time.perf_counter()
            await page.get_by_role("link", name=link, exact=True).click()
            await page.wait_for_function(RENDERED, arg=[heading, charts], timeout=PAGE_MS)
            result.page_seconds.append(time.perf_counter() - start)
            if await page.locator('[data-testid="stException"]').count():
                result.errors.append(f"sessie {number}: foutmelding op {link}")
    except Exception as error:
        result.errors.append(f"sessie {number}: {type(error).__name__}: {error}")
    finally:
        await context.close()


async def _run(base_url: str, sessions: int) -> LoadResult:
    result = LoadResult(sessions)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(require_chromium()), args=CHROMIUM_ARGS
        )
        try:
            await asyncio.gather(*(_session(browser, base_url, n, result) for n in range(sessions)))
            result.client_cpu_seconds = descendant_cpu_seconds(os.getpid(), "chrom")
        finally:
            await browser.close()
    return result


def run_load(base_url: str, sessions: int) -> LoadResult:
    """`sessions` concurrent readers, each visiting every chapter once via the navigation."""
    return asyncio.run(_run(base_url, sessions))
