"""The dashboard in a real browser: `streamlit run app.py` on the demo edition, read with Debian's
Chromium through Playwright. Screenshots go to test-artifacts/screenshots/, axe results to
test-artifacts/axe/ (both gitignored)."""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from monitor.domain.registry import figure_specs
from monitor.publication.edition import current_catalogue, published_edition
from monitor.publication.editorial import published_editions
from monitor.render.export import export_bytes
from tests.support.page_layout import (
    ACTIVE_ELEMENT,
    CHART_TOOLBAR_BUTTONS,
    HORIZONTAL_OVERFLOW,
    KERNCIJFER_COUNT,
    OVERLAPPING_AXIS_LABELS,
    TRUNCATED_KERNCIJFERS,
)
from tests.support.server import CHROMIUM, CHROMIUM_MISSING, Dashboard, running_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
LAPTOP = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}
# The narrowest and widest screens every page must fit without scrolling sideways.
NARROWEST = {"width": 768, "height": 1024}
WIDEST = {"width": 1920, "height": 1080}
CHART_SECONDS = 20
SERIOUS = {"serious", "critical"}

# Artifact name -> (URL path, h1, registry chapter whose figures the page draws).
PAGES = {
    "overzicht": ("", "Monitor Sociaal Domein", None),
    "wmo": ("wmo", "1. Wmo", "wmo"),
    "jeugd": ("jeugd", "2. Jeugd", "jeugd"),
    "participatie": ("participatie", "3. Participatie", "participatie"),
    "sociale-basis": ("sociale-basis", "4. Sociale basis", "sociale_basis"),
    "over": ("over", "Over deze monitor", None),
}
PAGE_TITLES = {"Overzicht", "1. Wmo", "2. Jeugd", "3. Participatie", "4. Sociale basis"} | {
    "Over deze monitor"
}

CHARTS = '[data-testid="stVegaLiteChart"]'
CHART_SVGS = f"{CHARTS} svg.marks"
# On the page an amount keeps its euro sign: a non-breaking space between them.
EURO_AMOUNT = re.compile(r"€\u00a0\d{1,3}(\.\d{3})+")
EURO_TICK = re.compile(r"^€ \d{1,3}(\.\d{3})+$")
THOUSANDS_TICK = re.compile(r"^\d{1,3}(\.\d{3})+$")
ENGLISH_THOUSANDS = re.compile(r"\d,\d{3}\b")


def expected_charts(chapter: str | None) -> int:
    if chapter is None:
        return 0
    return sum(spec.chapter == chapter for spec in figure_specs(current_catalogue()))


# --- the server and the browser ------------------------------------------------------------------


def ensure_running(server: Dashboard) -> None:
    """A server that stopped midway explains every later failure: say so plainly."""
    if (stopped := server.stopped()) is not None:
        pytest.fail(stopped)


@pytest.fixture(scope="module")
def server(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dashboard]:
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with running_dashboard(demo_data_dir, log=log) as dashboard:
        yield dashboard


def laptop_context(browser: Browser, viewport: dict[str, int] = LAPTOP) -> BrowserContext:
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    context.set_default_timeout(30_000)
    return context


def start_loading(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url, wait_until="commit")
    return page


def wait_until_run(page: Page) -> Page:
    """The page script has run: its h1 is there and Streamlit reports it is no longer running."""
    page.locator("h1").first.wait_for()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    return page


def content_height(page: Page, least: int = LAPTOP["height"]) -> int:
    bottom = page.evaluate(
        "document.querySelector('[data-testid=\"stMainBlockContainer\"]')"
        ".getBoundingClientRect().bottom"
    )
    return max(least, math.ceil(bottom) + 40)


def show_whole_page(page: Page, charts: int, viewport: dict[str, int] = LAPTOP) -> Page:
    """Streamlit scrolls inside its main container and draws a chart only once it is in view:
    make the viewport as tall as the content, wait for every chart, repeat until it fits.
    A page that draws too few charts is left as it is: its test reports the count."""
    for _ in range(3):
        height = content_height(page, viewport["height"])
        page.set_viewport_size({"width": viewport["width"], "height": height})
        with contextlib.suppress(PlaywrightTimeoutError):
            # A function with arguments, not an expression string: the page's CSP forbids eval.
            page.wait_for_function(
                "([selector, count]) => document.querySelectorAll(selector).length >= count",
                arg=[CHART_SVGS, charts],
                polling=100,
                timeout=CHART_SECONDS * 1000,
            )
        if content_height(page, viewport["height"]) == page.viewport_size["height"]:
            break
    return page


@contextlib.contextmanager
def every_page_drawn(
    browser: Browser, server: Dashboard, viewport: dict[str, int]
) -> Iterator[dict[str, Page]]:
    """Every page in its own tab at this screen size, fully drawn. All start loading at once, so
    later pages render while the first ones are being drawn."""
    context = laptop_context(browser, viewport)
    try:
        loading = {
            name: start_loading(context, f"{server.url}/{path}")
            for name, (path, *_) in PAGES.items()
        }
        drawn = {
            name: show_whole_page(wait_until_run(page), expected_charts(PAGES[name][2]), viewport)
            for name, page in loading.items()
        }
        ensure_running(server)
        yield drawn
    finally:
        context.close()


@pytest.fixture(scope="module")
def tabs(browser: Browser, server: Dashboard) -> Iterator[dict[str, Page]]:
    with every_page_drawn(browser, server, LAPTOP) as drawn:
        yield drawn


# --- one visit per page: photographed, checked with axe, its text read ---------------------------


@dataclass(frozen=True)
class Visit:
    h1: str
    lang: str
    charts_drawn: int
    chart_labels: list[str]  # aria-label of each chart container: our alt text
    text: str  # visible text of the main area
    svg_texts: list[str]  # every text node inside the charts: axis labels, legends
    serious_violations: list[dict]


def serious(violations: list[dict]) -> list[dict]:
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [{"target": n["target"], "html": n["html"]} for n in v["nodes"]],
        }
        for v in violations
        if v["impact"] in SERIOUS
    ]


def visit(page: Page, name: str) -> Visit:
    screenshots = ARTIFACTS / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)

    axe = Axe().run(page).response
    (ARTIFACTS / "axe").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe" / f"{name}.json").write_text(
        json.dumps(axe, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return Visit(
        h1=page.locator("h1").first.inner_text().strip(),
        lang=page.evaluate("document.documentElement.lang"),
        charts_drawn=page.locator(CHART_SVGS).count(),
        chart_labels=[c.get_attribute("aria-label") or "" for c in page.locator(CHARTS).all()],
        text=page.locator('[data-testid="stMain"]').inner_text(),
        svg_texts=page.locator(f"{CHARTS} svg text").all_text_contents(),
        serious_violations=serious(axe["violations"]),
    )


@pytest.fixture(scope="module")
def visits(tabs: dict[str, Page], server: Dashboard) -> dict[str, Visit]:
    """Each page is photographed and checked once, as it first appears; the tests read this."""
    results = {name: visit(page, name) for name, page in tabs.items()}
    ensure_running(server)
    return results


@pytest.fixture
def page_after_checks(
    tabs: dict[str, Page], visits: dict[str, Visit], server: Dashboard
) -> dict[str, Page]:
    """The same tabs for interaction, only after every page was photographed and checked as it
    first appeared."""
    ensure_running(server)
    return tabs


# --- the tests -----------------------------------------------------------------------------------


def test_debian_chromium_is_installed_for_the_browser_tests() -> None:
    assert CHROMIUM.exists(), CHROMIUM_MISSING


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_its_title_and_draws_every_chart(visits: dict[str, Visit], name: str) -> None:
    _, title, chapter = PAGES[name]
    visit = visits[name]

    assert visit.h1 == title
    assert visit.charts_drawn == expected_charts(chapter)
    assert (ARTIFACTS / "screenshots" / f"{name}.png").stat().st_size > 10_000


@pytest.mark.parametrize("name", PAGES)
def test_page_declares_dutch_as_its_language(visits: dict[str, Visit], name: str) -> None:
    assert visits[name].lang == "nl"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_or_critical_accessibility_violations(
    visits: dict[str, Visit], name: str
) -> None:
    assert visits[name].serious_violations == [], json.dumps(
        visits[name].serious_violations, indent=2, ensure_ascii=False
    )


@pytest.mark.parametrize("name", ["wmo", "jeugd", "participatie", "sociale-basis"])
def test_every_chart_is_labelled_with_its_text_alternative(
    visits: dict[str, Visit], name: str
) -> None:
    labels = visits[name].chart_labels

    assert len(labels) == expected_charts(PAGES[name][2])
    assert all(label.startswith("Grafiek: ") for label in labels), labels


def test_wmo_page_writes_euro_amounts_and_trend_sentences_in_dutch(
    visits: dict[str, Visit],
) -> None:
    text = visits["wmo"].text

    assert EURO_AMOUNT.search(text), "no amount like € 13.193.797 on the Wmo page"
    assert "ten opzichte van" in text
    assert "Bij Beschermd Wonen gaat het om minder dan 10 personen." in text
    assert "<10" in text


def test_wmo_chart_axes_use_dutch_months_and_thousands_separators(
    visits: dict[str, Visit],
) -> None:
    svg_texts = visits["wmo"].svg_texts

    assert {"jan", "mrt", "mei", "okt"} <= set(svg_texts)
    assert {"mrt-26", "sep-26"} <= set(svg_texts)
    # Tick values depend on the chart's size: look for the notation, e.g. € 5.000.000 and 1.000.
    assert any(EURO_TICK.match(text) for text in svg_texts), "no tick like € 5.000.000"
    assert any(THOUSANDS_TICK.match(text) for text in svg_texts), "no tick like 1.000"
    assert not [text for text in svg_texts if ENGLISH_THOUSANDS.search(text)]


def test_table_view_shows_small_client_counts_as_below_ten(
    page_after_checks: dict[str, Page],
) -> None:
    page = page_after_checks["wmo"]
    expander = page.locator(
        "xpath=//h3[@id='wmo-clienten-per-voorziening']"
        "/following::details[summary[contains(., 'Toon als tabel')]][1]"
    )

    expander.locator("summary").click()
    row = expander.locator("tr").filter(has=page.locator("th", has_text="Beschermd Wonen"))

    expect(row).to_be_visible()
    expect(expander.locator("thead")).to_contain_text("sep-26")
    assert "<10" in row.locator("td").all_inner_texts()


def test_csv_download_of_a_figure_is_the_protected_export(
    page_after_checks: dict[str, Page], demo_data_dir: Path
) -> None:
    page = page_after_checks["wmo"]
    heading = "xpath=//h3[@id='wmo-clienten-per-voorziening']"
    page.locator(f"{heading}/following::button[contains(., 'Downloaden')][1]").click()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tabel (CSV)").click()
    download = download_info.value
    shown = published_editions(demo_data_dir)[0]  # the newest published edition opens first
    figure = published_edition(demo_data_dir, shown.edition, version=shown.version).figure(
        "wmo-clienten-per-voorziening"
    )

    assert download.suggested_filename == f"wmo-clienten-per-voorziening_{shown.edition.key}.csv"
    assert Path(download.path()).read_bytes() == export_bytes(figure, "csv")
    page.keyboard.press("Escape")


def test_tab_key_reaches_the_sidebar_navigation(page_after_checks: dict[str, Page]) -> None:
    page = page_after_checks["overzicht"]
    page.bring_to_front()
    page.evaluate("document.activeElement.blur()")
    focused = []

    for _ in range(30):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("(document.activeElement.innerText || '').trim()"))
        if focused[-1] in PAGE_TITLES:
            break

    assert focused[-1] in PAGE_TITLES, f"Tab went through {focused} without reaching a page link"


def test_a_link_with_an_edition_opens_it_and_the_tab_names_page_and_edition(
    browser: Browser, server: Dashboard
) -> None:
    context = laptop_context(browser)
    try:
        page = wait_until_run(start_loading(context, f"{server.url}/wmo?editie=2026-06"))
        expect(page).to_have_title("1. Wmo · editie t/m juni 2026 · Monitor Sociaal Domein")
        assert "editie=2026-06" in page.url
        # The figure anchors let a link point at one chart.
        expect(page.locator("#wmo-lasten")).to_have_count(1)
        page.get_by_role("link", name="2. Jeugd").click()
        wait_until_run(page)
        expect(page).to_have_title("2. Jeugd · editie t/m juni 2026 · Monitor Sociaal Domein")
        expect(page).to_have_url(re.compile(r"/jeugd\?editie=2026-06$"))
    finally:
        context.close()


# --- the keyboard ----------------------------------------------------------------------------------

DOWNLOAD_LABELS = {"Grafiek (PNG)", "Grafiek (SVG)", "Tabel (CSV)", "Tabel (Excel)"}


@pytest.mark.parametrize("name", ["wmo", "jeugd", "participatie", "sociale-basis"])
def test_charts_add_no_english_toolbar_buttons(
    page_after_checks: dict[str, Page], name: str
) -> None:
    page = page_after_checks[name]

    assert page.locator(CHART_SVGS).count() == expected_charts(PAGES[name][2])
    assert page.evaluate(CHART_TOOLBAR_BUTTONS) == []


def test_tab_stays_in_an_open_downloaden_menu(page_after_checks: dict[str, Page]) -> None:
    page = page_after_checks["jeugd"]
    page.bring_to_front()
    page.locator(
        "xpath=//h3[@id='jeugd-lasten']/following::button[contains(., 'Downloaden')][1]"
    ).focus()

    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Grafiek (PNG)")).to_be_visible()
    reached = []
    for _ in range(len(DOWNLOAD_LABELS) + 2):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(ACTIVE_ELEMENT))
    page.keyboard.press("Escape")

    assert all(element["inMenu"] for element in reached), reached
    assert {element["text"] for element in reached} == DOWNLOAD_LABELS


def test_an_opened_table_is_a_region_the_arrow_keys_scroll(
    page_after_checks: dict[str, Page],
) -> None:
    page = page_after_checks["jeugd"]
    page.bring_to_front()
    table = page.locator(
        "xpath=//h3[@id='jeugd-lasten']/following::details[summary[contains(., 'Toon als tabel')]][1]"
    )
    table.locator("summary").focus()

    page.keyboard.press("Enter")
    region = table.locator('[data-testid="stTable"] > [role="region"]')
    expect(region).to_be_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate(ACTIVE_ELEMENT)
    scrolled_before = region.evaluate("(box) => box.scrollLeft")
    for _ in range(3):
        page.keyboard.press("ArrowRight")

    assert focused["role"] == "region"
    assert focused["label"] == "Tabel: Lasten Jeugd ten opzichte van de begroting"
    # The table is wider than its box on a laptop: the arrow keys scroll it.
    assert region.evaluate("(box) => box.scrollWidth > box.clientWidth")
    # Chromium scrolls smoothly: wait for the box to have moved.
    page.wait_for_function(
        "([box, before]) => box.scrollLeft > before",
        arg=[region.element_handle(), scrolled_before],
        polling=100,
        timeout=5_000,
    )


# --- with everything opened ------------------------------------------------------------------------


def open_everything(page: Page, tables: int) -> None:
    """Every table and every definition opened, then the first Downloaden menu."""
    page.bring_to_front()
    closed = page.locator('[data-testid="stMain"] details:not([open]) > summary')
    for _ in range(100):  # more expanders than any page has
        if closed.count() == 0:
            break
        closed.first.click()
    expect(page.locator('[data-testid="stMain"] details [data-testid="stTable"]')).to_have_count(
        tables
    )
    menus = page.locator('[data-testid="stMain"] [data-testid="stPopoverButton"]')
    if menus.count():
        menus.first.click()
        expect(page.get_by_role("button", name="Grafiek (PNG)")).to_be_visible()


@pytest.fixture(scope="module")
def opened_violations(
    tabs: dict[str, Page], visits: dict[str, Visit], server: Dashboard
) -> dict[str, list[dict]]:
    """Axe on every page with its tables, definitions and a Downloaden menu open, after the pages
    were checked as they first appeared."""
    found = {}
    for name, page in tabs.items():
        open_everything(page, expected_charts(PAGES[name][2]))
        found[name] = serious(Axe().run(page).response["violations"])
        page.keyboard.press("Escape")
    ensure_running(server)
    return found


@pytest.mark.parametrize("name", PAGES)
def test_page_with_everything_opened_has_no_serious_accessibility_violations(
    opened_violations: dict[str, list[dict]], name: str
) -> None:
    assert opened_violations[name] == [], json.dumps(
        opened_violations[name], indent=2, ensure_ascii=False
    )


# --- every screen size -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tablet_tabs(
    browser: Browser, server: Dashboard, opened_violations: dict[str, list[dict]]
) -> Iterator[dict[str, Page]]:
    with every_page_drawn(browser, server, TABLET) as drawn:
        yield drawn


@pytest.mark.parametrize("name", ["overzicht", "sociale-basis"])
def test_no_kerncijfer_value_or_label_is_cut_off_on_a_tablet(
    tablet_tabs: dict[str, Page], name: str
) -> None:
    page = tablet_tabs[name]

    assert page.evaluate(KERNCIJFER_COUNT) > 0
    assert page.evaluate(TRUNCATED_KERNCIJFERS) == []


def test_every_page_fits_a_tablet_with_readable_axes_and_whole_legends(
    tablet_tabs: dict[str, Page],
) -> None:
    overflow = {name: page.evaluate(HORIZONTAL_OVERFLOW) for name, page in tablet_tabs.items()}
    overlap = {name: page.evaluate(OVERLAPPING_AXIS_LABELS) for name, page in tablet_tabs.items()}

    assert {name: found for name, found in overflow.items() if found} == {}
    assert {name: found for name, found in overlap.items() if found} == {}
    assert all(
        page.locator(CHART_SVGS).count() == expected_charts(PAGES[name][2])
        for name, page in tablet_tabs.items()
    )


@pytest.fixture(
    scope="module", params=[NARROWEST, WIDEST], ids=lambda screen: f"{screen['width']}px"
)
def screen_tabs(
    request: pytest.FixtureRequest,
    browser: Browser,
    server: Dashboard,
    tablet_tabs: dict[str, Page],
) -> Iterator[dict[str, Page]]:
    with every_page_drawn(browser, server, request.param) as drawn:
        yield drawn


def test_nothing_on_any_page_overflows_sideways_from_768_to_1920_pixels(
    screen_tabs: dict[str, Page],
) -> None:
    overflow = {name: page.evaluate(HORIZONTAL_OVERFLOW) for name, page in screen_tabs.items()}
    overlap = {name: page.evaluate(OVERLAPPING_AXIS_LABELS) for name, page in screen_tabs.items()}
    truncated = {name: page.evaluate(TRUNCATED_KERNCIJFERS) for name, page in screen_tabs.items()}

    assert {name: found for name, found in overflow.items() if found} == {}
    assert {name: found for name, found in overlap.items() if found} == {}
    assert {name: found for name, found in truncated.items() if found} == {}
