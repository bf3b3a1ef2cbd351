"""Logging in for real: `streamlit run app.py` with st.login pointed at a local OIDC test provider
(oidc-provider-mock with the demo users beleid, beheer and raadslid), driven with Debian's Chromium
through Playwright. A beleidsmedewerker publishes an upload from the browser; a raadslid and an
anonymous visitor cannot reach the upload page. Screenshots: test-artifacts/screenshots/login-*.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from monitor.domain.editions import edition_from_text
from monitor.publication.editorial import texts_for
from monitor.store.history import version_records
from monitor.store.snapshots import open_snapshot
from tests.support.login import (
    FILE_UPLOADER,
    MAIN,
    MAIN_PAGE_TITLE,
    RESTRICTED_TITLES,
    SIDEBAR,
    SIDEBAR_NAV,
    WRITING_TITLES,
    App,
    dashboard_with_login,
    log_in,
    open_path,
    screenshot,
    wait_until_run,
)
from tests.support.server import CHROMIUM, CHROMIUM_MISSING

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MONITOR = Path(sys.executable).parent / "monitor"

LONG_HEADER = "indicator;periode;categorie;waarde\n"
# The demo has wmo.lasten per month through September 2026.
BROWSER_UPLOAD = LONG_HEADER + "wmo.lasten;2026-03;;1600000\nwmo.lasten;2026-10;;1450000\n"
CLI_IMPORT = LONG_HEADER + "wmo.lasten;2026-11;;1400000\n"
AFTER_CLI_UPLOAD = LONG_HEADER + "wmo.lasten;2026-11;;1410000\n"
SCRIPT_TEXT = "Let op: <script>window.__geschreven = 1</script> en **vet** gedrukt."


@pytest.fixture(scope="module")
def app(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    with dashboard_with_login(demo_data_dir, tmp_path_factory.mktemp("login-app")) as running:
        yield running


def navigation_text(page: Page) -> str:
    nav = page.locator(SIDEBAR_NAV)
    nav.wait_for()
    return nav.inner_text()


def upload_and_check(page: Page, name: str, text: str, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    page.locator(f'{FILE_UPLOADER} input[type="file"]').set_input_files(source)
    expect(page.locator(FILE_UPLOADER)).to_contain_text(name)
    page.get_by_role("button", name="Controleren", exact=True).click()


def figure(data_dir: Path, indicator: str, periode: str) -> int | None:
    con = open_snapshot(data_dir)
    try:
        row = con.execute(
            "SELECT waarde FROM cijfers WHERE indicator = ? AND periode = ? AND categorie = ''",
            [indicator, periode],
        ).fetchone()
    finally:
        con.close()
    return None if row is None else int(row[0])


def assert_upload_page_is_out_of_reach(
    page: Page, app: App, context: BrowserContext, told: str
) -> None:
    nav = navigation_text(page)
    assert "Overzicht" in nav
    assert [title for title in RESTRICTED_TITLES if title in nav] == []

    typed = open_path(context, app, "upload")

    # Streamlit does not know the page in this session: it runs the main page instead.
    expect(typed.locator("h1").first).to_have_text(MAIN_PAGE_TITLE)
    # ... and says why, instead of landing on the Overzicht without a word.
    expect(typed.locator(MAIN).get_by_role("alert").first).to_contain_text(told)
    assert typed.locator(FILE_UPLOADER).count() == 0
    assert typed.get_by_role("button", name="Controleren").count() == 0
    assert typed.get_by_role("button", name="Opslaan als concept").count() == 0


# --- the tests -----------------------------------------------------------------------------------


def test_debian_chromium_is_installed_for_the_login_tests() -> None:
    assert CHROMIUM.exists(), CHROMIUM_MISSING


def test_beleidsmedewerker_logs_in_at_the_provider_and_publishes_an_upload(
    app: App, context: BrowserContext, tmp_path: Path
) -> None:
    page = log_in(context, app, "beleid")
    screenshot(page, "beleid-ingelogd")
    nav = navigation_text(page)
    assert [title for title in WRITING_TITLES if title not in nav] == []
    assert "Beheer" not in nav

    page.goto(f"{app.url}/upload")
    wait_until_run(page)
    expect(page.locator("h1").first).to_have_text("Cijfers uploaden")
    # Streamlit's uploader in Dutch: its button and the name of its drop zone.
    uploader = page.locator(FILE_UPLOADER)
    expect(uploader.get_by_role("button", name="Bestand kiezen")).to_be_visible()
    expect(uploader.locator('[data-testid="stFileUploaderDropzone"]')).to_have_attribute(
        "aria-label", "Kies een bestand of sleep het hierheen"
    )
    assert "Upload" not in uploader.inner_text().replace("upload", "")
    upload_and_check(page, "lasten_herzien.csv", BROWSER_UPLOAD, tmp_path)

    main = page.locator(MAIN)
    expect(main).to_contain_text("1 nieuwe cijfers, 1 gewijzigde cijfers")
    expect(main).to_contain_text("(waarvan 1 in eerdere perioden)")
    expect(main).to_contain_text("eerdere perioden worden herzien")
    screenshot(page, "upload-verschillen")
    assert figure(app.data_dir, "wmo.lasten", "2026-10") is None, "nothing published yet"
    publish = page.get_by_role("button", name="Opslaan als concept", exact=True)
    expect(publish).to_be_disabled()

    page.get_by_text("Ik heb de verschillen gecontroleerd").click()
    expect(publish).to_be_enabled()
    publish.click()

    expect(main).to_contain_text("Opgeslagen als concept (versie")
    screenshot(page, "upload-gepubliceerd")
    newest = version_records(app.data_dir)[0]
    expect(main).to_contain_text(f"Opgeslagen als concept (versie {newest['version']}).")
    assert newest["author"] == "beleid@voorbeeld.nl"
    assert figure(app.data_dir, "wmo.lasten", "2026-10") == 1_450_000
    assert figure(app.data_dir, "wmo.lasten", "2026-03") == 1_600_000


def test_logged_in_raadslid_cannot_reach_the_upload_page(app: App, context: BrowserContext) -> None:
    page = log_in(context, app, "raadslid")
    screenshot(page, "raadslid-ingelogd")

    assert_upload_page_is_out_of_reach(page, app, context, "uw account heeft die rol niet")
    screenshot(context.pages[-1], "raadslid-upload-url")


def test_anonymous_visitor_cannot_reach_the_upload_page(app: App, context: BrowserContext) -> None:
    page = open_path(context, app)
    expect(page.locator(SIDEBAR).get_by_role("button", name="Inloggen")).to_be_visible()
    screenshot(page, "anoniem")

    assert_upload_page_is_out_of_reach(page, app, context, "Log in met de knop Inloggen")
    expect(context.pages[-1]).to_have_title(
        "Overzicht · editie t/m september 2026 · Monitor Sociaal Domein"
    )
    screenshot(context.pages[-1], "anoniem-upload-url")


def test_cli_import_while_the_upload_page_is_open_succeeds_and_the_page_keeps_working(
    app: App, context: BrowserContext, tmp_path: Path
) -> None:
    page = log_in(context, app, "beleid")
    page.goto(f"{app.url}/upload")
    wait_until_run(page)
    source = tmp_path / "cli_lasten.csv"
    source.write_text(CLI_IMPORT, encoding="utf-8")

    result = subprocess.run(
        [str(MONITOR), "importeer", str(source), "--auteur", "cli-test"],
        capture_output=True,
        text=True,
        env={**os.environ, "MONITOR_DATA_DIR": str(app.data_dir)},
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert figure(app.data_dir, "wmo.lasten", "2026-11") == 1_400_000
    page.reload()
    wait_until_run(page)
    expect(page.locator("h1").first).to_have_text("Cijfers uploaden")
    upload_and_check(page, "na_cli.csv", AFTER_CLI_UPLOAD, tmp_path)
    # The page compares with what the CLI just published: November now exists and changes.
    expect(page.locator(MAIN)).to_contain_text("0 nieuwe cijfers, 1 gewijzigde cijfers")
    screenshot(page, "na-cli-import")


def test_text_with_a_script_tag_is_shown_as_literal_text_and_never_runs(
    app: App, context: BrowserContext
) -> None:
    page = log_in(context, app, "beleid")
    page.goto(f"{app.url}/teksten")
    wait_until_run(page)
    page.get_by_label("Tekst (Markdown)").fill(SCRIPT_TEXT)
    page.get_by_label("Tekst (Markdown)").press("Control+Enter")
    expect(page.locator(MAIN)).to_contain_text("<script>window.__geschreven = 1</script>")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(MAIN)).to_contain_text("Opgeslagen (versie")
    assert texts_for(app.data_dir, edition_from_text("2026-09"))["wmo"].text == SCRIPT_TEXT

    page.goto(f"{app.url}/wmo")  # the draft edition is the default for a beleidsmedewerker
    wait_until_run(page)

    text = page.locator(f'{MAIN} [data-testid="stMarkdownContainer"]').filter(
        has_text="window.__geschreven"
    )
    expect(text).to_have_count(1)
    expect(text).to_contain_text("Let op: <script>window.__geschreven = 1</script> en vet gedrukt.")
    assert text.locator("strong").inner_text() == "vet"
    assert text.locator("script").count() == 0
    assert page.evaluate("window.__geschreven") is None
    screenshot(page, "tekst-met-script")
