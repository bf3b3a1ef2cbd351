"""The shipped nginx configuration (deploy/nginx/monitor.conf), run by a real nginx with a
self-signed certificate in front of a real dashboard: HTTPS with HSTS and Secure cookies, every
security header exactly once, no metrics, uploads capped, and the page with its live connection
working through the proxy in Debian's Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.support.nginx import (
    NGINX,
    NGINX_MISSING,
    Proxy,
    running_nginx,
    self_signed_certificate,
    site_config,
    status_of,
)
from tests.support.server import free_ports, running_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ONCE = [
    "strict-transport-security", "x-frame-options", "x-content-type-options", "referrer-policy",
    "content-security-policy",
]  # fmt: skip


@pytest.fixture(scope="module")
def proxy(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    if not NGINX.exists():
        pytest.fail(NGINX_MISSING)
    work = self_signed_certificate(tmp_path_factory.mktemp("nginx"))
    with running_dashboard(demo_data_dir, log=work / "dashboard.log") as dashboard:
        dashboard_port = int(dashboard.url.rsplit(":", 1)[1])
        https_port, http_port = free_ports(2)
        site = site_config([dashboard_port], https_port, http_port, work)
        with running_nginx(work, site, https_port, http_port) as running:
            yield running


def test_nginx_is_installed_for_the_deployment_tests() -> None:
    assert NGINX.exists(), NGINX_MISSING
    assert shutil.which("openssl")


def test_https_answers_carry_every_security_header_exactly_once(proxy: Proxy) -> None:
    for path in ["/", "/wmo", "/_stcore/health", "/niet-bestaand.js"]:
        status, headers = status_of(proxy.https_port, path)
        assert status in {200, 404}, path
        names = [name for name, _ in headers]
        assert [name for name in ONCE if names.count(name) != 1] == [], (path, headers)
        assert dict(headers)["strict-transport-security"].startswith("max-age=")


def test_cookies_over_https_are_secure(proxy: Proxy) -> None:
    _, headers = status_of(proxy.https_port, "/_stcore/health")
    cookies = [value for name, value in headers if name == "set-cookie"]
    assert cookies, "Streamlit sets its XSRF cookie on the health check"
    assert all("; Secure" in cookie for cookie in cookies), cookies


def test_plain_http_is_sent_to_https(proxy: Proxy) -> None:
    status, headers = status_of(proxy.http_port, "/wmo", tls=False)
    assert status == 301
    assert dict(headers)["location"].startswith("https://")


def test_metrics_are_not_reachable_through_the_proxy(proxy: Proxy) -> None:
    assert status_of(proxy.https_port, "/_stcore/metrics")[0] == 404


def test_an_oversized_upload_is_stopped_at_the_proxy(proxy: Proxy) -> None:
    status, _ = status_of(
        proxy.https_port, "/_stcore/upload_file/sessie/bestand", method="PUT",
        headers={"Content-Length": str(60 * 1024 * 1024), "Content-Type": "multipart/form-data"},
    )  # fmt: skip
    assert status == 413


def test_the_dashboard_works_through_the_proxy(proxy: Proxy, browser: Browser) -> None:
    context = browser.new_context(ignore_https_errors=True, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"https://localhost:{proxy.https_port}/wmo")
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
            timeout=60_000
        )
        expect(page.locator("h1").first).to_be_visible()
        page.locator(".vega-embed svg, .vega-embed canvas").first.wait_for(timeout=60_000)
    finally:
        context.close()
