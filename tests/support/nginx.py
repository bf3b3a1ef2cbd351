"""Debian's nginx running the shipped site (deploy/nginx/monitor.conf) in front of real
dashboards, for the deployment tests and the replica benchmark: the values a gemeente replaces
(marked VERVANG) filled in, a self-signed certificate, and plain requests to it."""

from __future__ import annotations

import contextlib
import http.client
import os
import ssl
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from monitor.config import PROJECT_ROOT
from monitor.demo.login import stop_process

NGINX = Path("/usr/sbin/nginx")
NGINX_MISSING = (
    f"{NGINX} ontbreekt: installeer nginx van Debian (apt-get install nginx; .ci/run doet dat "
    "zelf). / nginx is missing: install Debian's nginx."
)
SITE = PROJECT_ROOT / "deploy" / "nginx" / "monitor.conf"
# The upstream's replica lines as shipped; a test puts its own dashboards' ports there.
SHIPPED_REPLICAS = "    server 127.0.0.1:8501;\n    server 127.0.0.1:8502;\n"
START_SECONDS = 20


@dataclass(frozen=True)
class Proxy:
    https_port: int  # the site's main listener (plain HTTP when started with tls=False)
    http_port: int  # the listener that redirects to HTTPS
    log: Path  # nginx's error log
    work: Path  # its prefix directory: configuration, logs, temporary files

    @property
    def access_log(self) -> Path:
        """Written only when the test's http block asks for it (see `running_nginx`)."""
        return self.work / "access.log"


def self_signed_certificate(directory: Path) -> Path:
    """cert.pem and key.pem for localhost in `directory`, valid for a day."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=localhost", "-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    return directory


def site_config(
    dashboard_ports: Sequence[int],
    https_port: int,
    http_port: int,
    certs: Path,
    *,
    tls: bool = True,
) -> str:
    """The shipped file with the values a gemeente replaces (marked VERVANG) filled in: one
    upstream line per dashboard. `tls=False` turns the HTTPS listener into plain HTTP on the same
    port (for a load client that does not speak TLS); everything else stays as shipped."""
    text = SITE.read_text(encoding="utf-8")
    replicas = "".join(f"    server 127.0.0.1:{port};\n" for port in dashboard_ports)
    listener = f"listen 127.0.0.1:{https_port} ssl;" if tls else f"listen 127.0.0.1:{https_port};"
    replacements = {
        SHIPPED_REPLICAS: replicas,
        "listen 443 ssl;": listener,
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "server_name monitor.example.nl;": "server_name localhost;",
        "/etc/ssl/monitor/fullchain.pem": str(certs / "cert.pem"),
        "/etc/ssl/monitor/privkey.pem": str(certs / "key.pem"),
    }
    for old, new in replacements.items():
        assert old in text, f"{SITE.name} no longer has {old!r}"
        text = text.replace(old, new)
    return text


@contextlib.contextmanager
def running_nginx(
    work: Path,
    site: str,
    https_port: int,
    http_port: int,
    *,
    tls: bool = True,
    http_extra: str = "access_log off;",
) -> Iterator[Proxy]:
    """nginx with `site` included in its http block (after `http_extra`), its files in `work`,
    until the block ends; up once the dashboard's health check answers through it."""
    if not NGINX.exists():
        raise RuntimeError(NGINX_MISSING)
    (work / "monitor.conf").write_text(site, encoding="utf-8")
    # Root's nginx workers run as nobody, who cannot enter the test's private directory.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        "events {}\nhttp {\n"
        + "".join(f"  {kind}_temp_path {work}/{kind};\n"
                  for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + f"  {http_extra}\n  include {work}/monitor.conf;\n}}\n",
        encoding="utf-8",
    )  # fmt: skip
    nginx = subprocess.Popen(
        [str(NGINX), "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_SECONDS
        while status_of(https_port, "/_stcore/health", tls=tls)[0] != 200:
            if nginx.poll() is not None or time.monotonic() > deadline:
                log = (work / "error.log").read_text(errors="replace")
                raise RuntimeError(f"nginx did not start:\n{log}")
            time.sleep(0.2)
        yield Proxy(https_port, http_port, work / "error.log", work)
    finally:
        stop_process(nginx, 10)


def status_of(
    port: int,
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    tls: bool = True,
) -> tuple[int, list[tuple[str, str]]]:
    """Status and headers (names in lower case) of one request to localhost; (0, []) if no
    answer came."""
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
