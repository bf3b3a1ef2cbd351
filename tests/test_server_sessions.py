"""Logins that end on the server, tried for real: the test login service (a real OIDC provider
process), `streamlit run app.py` and Debian's Chromium. A copy of the cookies taken before
*Uitloggen* gives nothing afterwards, neither on the pages nor at the upload endpoint;
`monitor afmelden` ends the open session of a person; a logged-in raadslid cannot upload and a
beleidsmedewerker not more than the import accepts; the pages run under the security policy."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from monitor.server.guard import MAX_UPLOAD_REQUEST_BYTES
from tests.support.login import (
    FILE_UPLOADER,
    MAIN_PAGE_TITLE,
    SIDEBAR,
    App,
    dashboard_with_login,
    fresh_context,
    log_in,
    open_path,
    wait_until_run,
)
from tests.test_server_guard import raw_request

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MONITOR = Path(sys.executable).parent / "monitor"


@pytest.fixture(scope="module")
def app(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    with dashboard_with_login(demo_data_dir, tmp_path_factory.mktemp("sessions")) as running:
        yield running


@pytest.fixture
def second(browser: Browser) -> Iterator[BrowserContext]:
    with fresh_context(browser) as fresh:
        yield fresh


def cookie_header(context: BrowserContext) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())


LOGIN_REFUSAL = "alleen voor een ingelogde beleidsmedewerker"


def guard_answer(app: App, cookies: str, length: int = 1000) -> str:
    """What the guard says to an upload request: 'geen toegang', 'te groot' or 'doorgelaten'
    (Streamlit then refuses the made-up session itself)."""
    status, text = raw_request(
        app.url.replace("localhost", "127.0.0.1"),
        "PUT /_stcore/upload_file/sessie/bestand HTTP/1.1\r\nHost: localhost\r\n"
        f"Cookie: {cookies}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {length}\r\n\r\n",
    )
    if status == 403 and LOGIN_REFUSAL in text:
        return "geen toegang"
    return "te groot" if status == 413 else "doorgelaten"


def assert_on_upload_page(page: Page) -> None:
    expect(page.locator("h1").first).to_have_text("Cijfers uploaden")
    expect(page.locator(FILE_UPLOADER)).to_have_count(1)


def assert_not_on_upload_page(page: Page) -> None:
    expect(page.locator("h1").first).to_have_text(MAIN_PAGE_TITLE)
    assert page.locator(FILE_UPLOADER).count() == 0


def test_a_copy_of_the_cookies_gives_nothing_after_logging_out(
    app: App, context: BrowserContext, second: BrowserContext
) -> None:
    page = log_in(context, app, "beleid")
    second.add_cookies(context.cookies())  # the copy an attacker took before the logout
    copy = open_path(second, app, "upload")
    assert_on_upload_page(copy)
    assert guard_answer(app, cookie_header(second)) == "doorgelaten"

    page.locator(SIDEBAR).get_by_role("button", name="Uitloggen").click()
    # The provider's own logout page, then back to the dashboard.
    page.get_by_role("heading", name="Uitloggen").wait_for()
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    page.wait_for_url(f"{app.url}/**")
    wait_until_run(page)
    expect(page.locator(SIDEBAR).get_by_role("button", name="Inloggen")).to_be_visible()

    reopened = open_path(second, app, "upload")
    assert_not_on_upload_page(reopened)
    expect(reopened.locator(SIDEBAR)).to_contain_text("Uw inlogsessie is beëindigd")
    assert guard_answer(app, cookie_header(second)) == "geen toegang"
    # The page that was already open loses its rights at its next run too.
    copy.reload()
    wait_until_run(copy)
    assert_not_on_upload_page(copy)


def test_monitor_afmelden_ends_an_open_session(app: App, context: BrowserContext) -> None:
    page = open_path(context, app)
    page = log_in(context, app, "beheer")
    upload = open_path(context, app, "upload")
    assert_on_upload_page(upload)
    result = subprocess.run(
        [str(MONITOR), "afmelden", "--gebruiker", "beheer@voorbeeld.nl"],
        env={**os.environ, "MONITOR_DATA_DIR": str(app.data_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    upload.reload()
    wait_until_run(upload)
    assert_not_on_upload_page(upload)
    assert guard_answer(app, cookie_header(context)) == "geen toegang"
    # Logging in again brings a new login, which counts.
    page = log_in(context, app, "beheer")
    assert_on_upload_page(open_path(context, app, "upload"))
    page.close()


def test_a_raadslid_cannot_upload_and_staff_not_beyond_the_limit(
    app: App, context: BrowserContext, second: BrowserContext
) -> None:
    log_in(context, app, "raadslid")
    assert guard_answer(app, cookie_header(context)) == "geen toegang"
    log_in(second, app, "beleid")
    assert guard_answer(app, cookie_header(second), MAX_UPLOAD_REQUEST_BYTES + 1) == "te groot"
    assert guard_answer(app, cookie_header(second), MAX_UPLOAD_REQUEST_BYTES) == "doorgelaten"


def test_pages_run_under_the_security_policy_without_violations(
    app: App, context: BrowserContext
) -> None:
    messages: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{app.url}/wmo")
    wait_until_run(page)
    expect(page.locator(".vega-embed").first).to_be_visible()
    page.locator(".vega-embed svg, .vega-embed canvas").first.wait_for()
    assert page.evaluate("document.documentElement.lang") == "nl"
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []
