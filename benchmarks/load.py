"""Many concurrent browser sessions against one dashboard, each reading every chapter."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field

from playwright.async_api import async_playwright

from benchmarks.server import CHROMIUM_ARGS, require_chromium

# Page titles in the navigation and the number of charts each page shows on the demo edition.
CHAPTERS = (("1. Wmo", 6), ("2. Jeugd", 6), ("3. Participatie", 11), ("4. Sociale basis", 10),
            ("Over deze monitor", 0), ("Overzicht", 0))  # fmt: skip
RENDERED = """(charts) => {
  const state = document.querySelector('[data-test-script-state]');
  return state && state.getAttribute('data-test-script-state') === 'notRunning'
      && document.querySelectorAll('.vega-embed').length >= charts
      && document.querySelector('h1') !== null;
}"""


@dataclass
class LoadResult:
    sessions: int
    page_seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

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
        await page.goto(base_url)
        await page.wait_for_function(RENDERED, arg=0, timeout=120_000)
        for title, charts in CHAPTERS:
            start = time.perf_counter()
            await page.get_by_role("link", name=title, exact=True).click()
            await page.wait_for_function(RENDERED, arg=charts, timeout=120_000)
            result.page_seconds.append(time.perf_counter() - start)
            if await page.locator('[data-testid="stException"]').count():
                result.errors.append(f"sessie {number}: foutmelding op {title}")
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
        finally:
            await browser.close()
    return result


def run_load(base_url: str, sessions: int) -> LoadResult:
    """`sessions` concurrent readers, each visiting every chapter once via the navigation."""
    return asyncio.run(_run(base_url, sessions))
