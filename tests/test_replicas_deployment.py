"""Several dashboard replicas behind the shipped nginx site, as a municipality runs them when one
process is not enough: two replicas started the way the shipped systemd unit starts them
(deploy/systemd/monitor-dashboard@.service, ExecStart with the port as instance name) on one
data directory, and a real nginx with deploy/nginx/monitor.conf listing both. Its access log
(written by the test's own http block) says which replica served each request.

Proved: a browser gets one sticky cookie and every request with one cookie reaches one replica,
while different cookies reach both; after a publication with the `monitor` command, a page load
through nginx on either replica shows the new edition, whole and without an error."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from monitor.config import PROJECT_ROOT
from monitor.domain.registry import figure_specs
from monitor.publication.edition import current_catalogue
from tests.support.nginx import (
    NGINX,
    NGINX_MISSING,
    Proxy,
    running_nginx,
    self_signed_certificate,
    site_config,
    status_of,
)
from tests.support.replicas import monitor_command, running_replica, unit_environment
from tests.support.server import Dashboard, free_ports

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STICKY = "monitor_replica"  # the cookie deploy/nginx/monitor.conf sets
# One line per request: the hash key nginx used, the replica(s) it tried, status and path.
ACCESS_LOG = (
    "log_format replicas '$monitor_sticky|$upstream_addr|$status|$request_uri';\n"
    "  access_log {work}/access.log replicas;"
)
PROBE_KEYS = [f"proef-{number}" for number in range(24)]
SHOWN = "editie t/m september 2026"  # the newest demo edition, before the publication
PUBLISHED = "2026-12"
NEW_TITLE = "editie t/m december 2026"
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHARTS = '[data-testid="stVegaLiteChart"]'
WMO_CHARTS = sum(spec.chapter == "wmo" for spec in figure_specs(current_catalogue()))


@dataclass(frozen=True)
class Served:
    key: str
    upstream: str  # "127.0.0.1:port"; several, comma separated, if nginx tried more than one
    status: int
    path: str


@dataclass(frozen=True)
class Deployment:
    proxy: Proxy
    replicas: dict[str, Dashboard]  # upstream address -> replica
    data_dir: Path

    @property
    def url(self) -> str:
        return f"https://localhost:{self.proxy.https_port}"

    def served(self) -> list[Served]:
        if not self.proxy.access_log.exists():
            return []
        lines = self.proxy.access_log.read_text(encoding="utf-8").splitlines()
        entries = [line.split("|", 3) for line in lines]
        return [Served(key, upstream, int(status), path) for key, upstream, status, path in entries]

    def served_for(self, key: str, expected: int, seconds: float = 5) -> list[Served]:
        """The logged requests of `key` once `expected` of them are there (or `seconds` passed):
        nginx writes a request's log line after its response, so the line of the last request
        may follow the answer the client already has."""
        deadline = time.monotonic() + seconds
        while True:
            found = [entry for entry in self.served() if entry.key == key]
            if len(found) >= expected or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def replicas_of(self, key: str) -> set[str]:
        return {entry.upstream for entry in self.served() if entry.key == key}

    def ensure_running(self) -> None:
        stopped = [message for r in self.replicas.values() if (message := r.stopped())]
        if stopped:
            pytest.fail("\n".join(stopped))


@pytest.fixture(scope="module")
def deployment(
    demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployment]:
    if not NGINX.exists():
        pytest.fail(NGINX_MISSING)
    work = self_signed_certificate(tmp_path_factory.mktemp("replicas"))
    # The replicas' shared data directory: the demo, and this test publishes into it.
    data_dir = work / "data"
    shutil.copytree(demo_data_dir, data_dir)
    ports = free_ports(2)
    with (
        running_replica(ports[0], data_dir, log=work / "replica-a.log") as first,
        running_replica(ports[1], data_dir, log=work / "replica-b.log") as second,
    ):
        https_port, http_port = free_ports(2)
        site = site_config(ports, https_port, http_port, work)
        http_extra = ACCESS_LOG.format(work=work)
        with running_nginx(work, site, https_port, http_port, http_extra=http_extra) as proxy:
            replicas = {f"127.0.0.1:{ports[0]}": first, f"127.0.0.1:{ports[1]}": second}
            yield Deployment(proxy, replicas, data_dir)


def sticky_cookies(headers: list[tuple[str, str]]) -> list[str]:
    return [v for name, v in headers if name == "set-cookie" and v.startswith(f"{STICKY}=")]


@pytest.fixture(scope="module")
def replica_of_key(deployment: Deployment) -> dict[str, set[str]]:
    """Each probe key, sent as the sticky cookie three times, and the replicas that served it."""
    for key in PROBE_KEYS:
        for _ in range(3):
            status, _ = status_of(
                deployment.proxy.https_port,
                "/_stcore/health",
                headers={"Cookie": f"{STICKY}={key}"},
            )
            assert status == 200
    return {key: deployment.replicas_of(key) for key in PROBE_KEYS}


def test_a_new_browser_gets_one_sticky_cookie_and_keeps_its_replica(deployment: Deployment) -> None:
    status, headers = status_of(deployment.proxy.https_port, "/_stcore/health")
    assert status == 200
    [cookie] = sticky_cookies(headers)
    value, *attributes = [part.strip() for part in cookie.split(";")]
    assert {"HttpOnly", "Secure", "SameSite=Lax", "Path=/"} <= set(attributes), cookie
    key = value.removeprefix(f"{STICKY}=")
    assert key
    for _ in range(6):
        status, headers = status_of(
            deployment.proxy.https_port, "/_stcore/health", headers={"Cookie": f"{STICKY}={key}"}
        )
        assert status == 200
        assert sticky_cookies(headers) == [], "a browser that has the cookie gets no new one"
    # The first request (without a cookie) was hashed on the key the cookie then carried.
    served = deployment.served_for(key, 7)
    assert len(served) == 7
    assert len({entry.upstream for entry in served}) == 1, served
    assert served[0].upstream in deployment.replicas


def test_one_cookie_reaches_one_replica_and_different_cookies_reach_both(
    deployment: Deployment, replica_of_key: dict[str, set[str]]
) -> None:
    assert {key: len(replicas) for key, replicas in replica_of_key.items()} == dict.fromkeys(
        PROBE_KEYS, 1
    ), replica_of_key
    assert set().union(*replica_of_key.values()) == set(deployment.replicas)


def open_chapter(context: BrowserContext, url: str) -> Page:
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(f"{url}/wmo")
    page.locator(APP_IDLE).wait_for(timeout=60_000)
    expect(page.locator("h1").first).to_have_text("1. Wmo")
    return page


def assert_whole_without_error(page: Page) -> None:
    expect(page.locator(f"{CHARTS} svg.marks")).to_have_count(WMO_CHARTS, timeout=30_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)


def test_a_publication_through_the_cli_shows_on_both_replicas(
    deployment: Deployment, replica_of_key: dict[str, set[str]], browser: Browser
) -> None:
    # One browser per replica: the sticky cookie is a key known to reach that replica.
    key_of: dict[str, str] = {}
    for key, replicas in replica_of_key.items():
        key_of.setdefault(next(iter(replicas)), key)
    assert set(key_of) == set(deployment.replicas)
    contexts: dict[str, BrowserContext] = {}
    try:
        for address, key in key_of.items():
            context = browser.new_context(ignore_https_errors=True, locale="nl-NL")
            context.set_default_timeout(30_000)
            context.add_cookies([{"name": STICKY, "value": key, "url": deployment.url}])
            contexts[address] = context
            # Each replica reads the current editions once, so that a stale cache would show.
            page = open_chapter(context, deployment.url)
            expect(page).to_have_title(f"1. Wmo · {SHOWN} · Monitor Sociaal Domein")
            assert_whole_without_error(page)

        published = subprocess.run(
            monitor_command("publiceer", "--editie", PUBLISHED, "--onvolledig", "--auteur", "test"),
            cwd=PROJECT_ROOT, env=unit_environment(deployment.data_dir),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert published.returncode == 0, published.stdout + published.stderr
        deployment.ensure_running()

        for context in contexts.values():
            page = open_chapter(context, deployment.url)
            expect(page).to_have_title(f"1. Wmo · {NEW_TITLE} · Monitor Sociaal Domein")
            expect(page).to_have_url(f"{deployment.url}/wmo?editie={PUBLISHED}")
            assert_whole_without_error(page)
    finally:
        for context in contexts.values():
            context.close()
    deployment.ensure_running()

    # Every request of each browser, its live connections (logged once closed) included, went
    # to the replica its cookie names; none failed.
    deadline = time.monotonic() + 20
    while True:
        served = defaultdict(list)
        for entry in deployment.served():
            if entry.key in key_of.values():
                served[entry.key].append(entry)
        streams = {
            key: sum(e.path.startswith("/_stcore/stream") for e in served[key])
            for key in key_of.values()
        }
        if min(streams.values()) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert all(count >= 2 for count in streams.values()), streams  # two page loads each
    for address, key in key_of.items():
        assert {entry.upstream for entry in served[key]} == {address}
        assert [entry for entry in served[key] if entry.status >= 500] == []
    for replica in deployment.replicas.values():
        assert replica.log is not None
        assert "Traceback" not in replica.log.read_text(errors="replace")
