"""The shipped nginx configuration (deploy/nginx/monitor.conf), run by a real nginx with a
self-signed certificate in front of a real dashboard: HTTPS with HSTS and Secure cookies, every
security header exactly once, no metrics, uploads capped, and the page with its live connection
working through the proxy in Debian's Chromium."""

from __future__ import annotations

import http.client
import os
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from monitor.config import PROJECT_ROOT
from monitor.demo.login import stop_process
from tests.support.server import free_port, running_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NGINX = Path("/usr/sbin/nginx")
NGINX_MISSING = (
    f"{NGINX} ontbreekt: installeer nginx van Debian (apt-get install nginx; .ci/run doet dat "
    "zelf). / nginx is missing: install Debian's nginx."
)
SITE = PROJECT_ROOT / "deploy" / "nginx" / "monitor.conf"
ONCE = [
    "strict-transport-security", "x-frame-options", "x-content-type-options", "referrer-policy",
    "content-security-policy",
]  # fmt: skip


@dataclass(frozen=True)
class Proxy:
    https_port: int
    http_port: int
    log: Path


def site_config(dashboard_port: int, https_port: int, http_port: int, certs: Path) -> str:
    """The shipped file with the values a gemeente replaces (marked VERVANG) filled in."""
    text = SITE.read_text(encoding="utf-8")
    replacements = {
        "server 127.0.0.1:8501;": f"server 127.0.0.1:{dashboard_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "server_name monitor.example.nl;": "server_name localhost;",
        "/etc/ssl/monitor/fullchain.pem": str(certs / "cert.pem"),
        "/etc/ssl/monitor/privkey.pem": str(certs / "key.pem"),
    }
    for old, new in replacements.items():
        assert old in text, f"{SITE.name} no longer has {old!r}"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def proxy(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    if not NGINX.exists():
        pytest.fail(NGINX_MISSING)
    work = tmp_path_factory.mktemp("nginx")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=localhost", "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    with running_dashboard(demo_data_dir, log=work / "dashboard.log") as dashboard:
        dashboard_port = int(dashboard.url.rsplit(":", 1)[1])
        https_port, http_port = free_port(), free_port()
        (work / "monitor.conf").write_text(
            site_config(dashboard_port, https_port, http_port, work), encoding="utf-8"
        )
        # Root's nginx workers run as nobody, who cannot enter the test's private directory.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (work / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
            "events {}\nhttp {\n  access_log off;\n"
            + "".join(f"  {kind}_temp_path {work}/{kind};\n"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
            + f"  include {work}/monitor.conf;\n}}\n",
            encoding="utf-8",
        )  # fmt: skip
        nginx = subprocess.Popen(
            [str(NGINX), "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 20
            while status_of(https_port, "/_stcore/health")[0] != 200:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    log = (work / "error.log").read_text(errors="replace")
                    raise RuntimeError(f"nginx did not start:\n{log}")
                time.sleep(0.2)
            yield Proxy(https_port, http_port, work / "error.log")
        finally:
            stop_process(nginx, 10)


def status_of(
    port: int,
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    tls: bool = True,
) -> tuple[int, list[tuple[str, str]]]:
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # our own self-signed test certificate
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            "localhost", port, timeout=10, context=context
        )
    else:
        connection = http.client.HTTPConnection("localhost", port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status, [(k.lower(), v) for k, v in response.getheaders()]
    except OSError:
        return 0, []
    finally:
        connection.close()


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
