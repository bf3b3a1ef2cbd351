"""A real dashboard with the test login service (a real OIDC provider process), and a browser
that logs in at it: shared by the login tests and the server hardening tests."""

from __future__ import annotations

import contextlib
import shutil
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from monitor.config import PROJECT_ROOT
from monitor.demo.login import demo_login
from tests.support.server import free_port, running_dashboard

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
TIMEOUT_MS = 30_000

SIDEBAR = '[data-testid="stSidebar"]'
SIDEBAR_NAV = '[data-testid="stSidebarNav"]'
FILE_UPLOADER = '[data-testid="stFileUploader"]'
MAIN = '[data-testid="stMain"]'
WRITING_TITLES = ["Cijfers uploaden", "Teksten", "Edities en historie"]
RESTRICTED_TITLES = [*WRITING_TITLES, "Beheer"]
MAIN_PAGE_TITLE = "Monitor Sociaal Domein"  # the h1 of Overzicht, the default page


@dataclass(frozen=True)
class App:
    url: str  # http://localhost:<port>, the host the redirect_uri names (the login cookie's host)
    data_dir: Path


@contextlib.contextmanager
def dashboard_with_login(demo_data_dir: Path, work: Path) -> Iterator[App]:
    """The dashboard with the same test login service as `monitor dashboard --demo --login`,
    on a copy of the demo store in `work`."""
    data_dir = work / "data"
    shutil.copytree(demo_data_dir, data_dir)
    port = free_port()  # the redirect URI in the secrets names it
    with (
        demo_login(port, free_port()) as secrets_file,
        running_dashboard(
            data_dir,
            ["--secrets.files", str(secrets_file)],
            log=work / "server.log",
            host="localhost",
            port=port,
        ) as dashboard,
    ):
        yield App(dashboard.url, data_dir)


@contextlib.contextmanager
def fresh_context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser: no login cookie."""
    fresh = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")
    fresh.set_default_timeout(TIMEOUT_MS)
    yield fresh
    fresh.close()


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"login-{name}.png", full_page=True)


def wait_until_run(page: Page) -> Page:
    """The page script has run: an h1 is there and Streamlit reports it is no longer running."""
    page.locator("h1").first.wait_for()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    return page


def open_path(context: BrowserContext, app: App, path: str = "") -> Page:
    page = context.new_page()
    page.goto(f"{app.url}/{path}")
    return wait_until_run(page)


def log_in(context: BrowserContext, app: App, user: str) -> Page:
    """Click Inloggen, choose the predefined user at the provider, come back logged in."""
    page = open_path(context, app)
    outside: list[str] = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not is_local(request.url) else None,
    )
    page.locator(SIDEBAR).get_by_role("button", name="Inloggen").click()
    predefined = page.get_by_role("form", name="Kies een demogebruiker")
    predefined.wait_for()
    # The demo's login pages are Dutch and load nothing from the internet.
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.title() == "Inloggen · Monitor Sociaal Domein (demo)"
    screenshot(page, f"provider-{user}")
    predefined.get_by_role("button", name=user, exact=True).click()
    page.wait_for_url(f"{app.url}/**")
    expect(page.locator(SIDEBAR)).to_contain_text(f"Ingelogd als {user}@voorbeeld.nl")
    assert outside == [], outside
    return wait_until_run(page)


def is_local(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    return url.startswith(("data:", "blob:")) or host in {"localhost", "127.0.0.1", "::1"}
