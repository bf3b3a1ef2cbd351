"""The guard in front of Streamlit (monitor.server): security headers on every response, the
`Secure` flag behind HTTPS, no metrics for visitors, no cache clearing by visitors, uploads only
for a logged-in beleidsmedewerker and never larger than the import accepts. Pure parts first,
then the guard around a small real ASGI app, then a real `streamlit run app.py`."""

from __future__ import annotations

import contextlib
import re
import select
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect
from streamlit.proto.BackMsg_pb2 import BackMsg

from monitor.app.shell import KEYBOARD_SCRIPT, LANGUAGE_SCRIPT
from monitor.ingest.reading import MAX_FIGURE_FILE_BYTES
from monitor.server.guard import MAX_UPLOAD_REQUEST_BYTES, Guard
from monitor.server.headers import (
    CONTENT_SECURITY_POLICY,
    inline_script_hashes,
    is_https,
    with_security_headers,
)
from tests.support.server import Dashboard, running_dashboard

EXPECTED = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


# --- the headers, as pure functions -------------------------------------------------------------


def test_every_response_gets_the_security_headers_once_and_ours_win() -> None:
    headers = with_security_headers([(b"X-Frame-Options", b"ALLOWALL"), (b"a", b"b")], https=False)
    names = [name.decode().lower() for name, _ in headers]
    assert names.count("x-frame-options") == 1
    assert dict(headers)[b"x-frame-options"] == b"DENY"
    assert b"strict-transport-security" not in dict(headers)
    assert dict(headers)[b"a"] == b"b"


def test_behind_https_cookies_are_secure_and_hsts_is_sent() -> None:
    headers = with_security_headers(
        [(b"set-cookie", b"_streamlit_xsrf=1; Path=/; SameSite=Lax"),
         (b"set-cookie", b"x=1; Secure")], https=True,
    )  # fmt: skip
    cookies = [value for name, value in headers if name == b"set-cookie"]
    assert cookies == [b"_streamlit_xsrf=1; Path=/; SameSite=Lax; Secure", b"x=1; Secure"]
    assert dict(headers)[b"strict-transport-security"].startswith(b"max-age=")
    plain = with_security_headers([(b"set-cookie", b"x=1")], https=False)
    assert dict(plain)[b"set-cookie"] == b"x=1"


def test_https_is_recognised_directly_and_from_the_proxy() -> None:
    assert is_https("https", [])
    assert is_https("http", [(b"x-forwarded-proto", b"https")])
    assert not is_https("http", [(b"x-forwarded-proto", b"http")])
    assert not is_https("http", [])


def test_the_policy_allows_exactly_the_known_inline_scripts() -> None:
    (language,) = inline_script_hashes(LANGUAGE_SCRIPT)
    (keyboard,) = inline_script_hashes(KEYBOARD_SCRIPT)
    assert language in CONTENT_SECURITY_POLICY
    assert keyboard in CONTENT_SECURITY_POLICY
    assert inline_script_hashes("<script>alert(1)</script>")[0] not in CONTENT_SECURITY_POLICY
    assert inline_script_hashes('<script src="x.js"></script>') == []
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


# --- the guard around a real ASGI app -----------------------------------------------------------


def _recording_app(received: list[str]) -> Starlette:
    async def stream(websocket: WebSocket) -> None:
        await websocket.accept()
        with contextlib.suppress(WebSocketDisconnect):
            while True:
                await answer(websocket)

    async def answer(websocket: WebSocket) -> None:
        message = BackMsg()
        message.ParseFromString(await websocket.receive_bytes())
        received.append(str(message.WhichOneof("type")))
        await websocket.send_text("ok")

    return Starlette(routes=[WebSocketRoute("/_stcore/stream", stream)])


def back_message(kind: str) -> bytes:
    message = BackMsg()
    if kind == "clear_cache":
        message.clear_cache = True
    else:
        message.rerun_script.query_string = ""
    return message.SerializeToString()


def test_a_visitor_cannot_clear_the_cache_of_every_session() -> None:
    received: list[str] = []
    client = TestClient(Guard(_recording_app(received)))
    with client.websocket_connect("/_stcore/stream") as connection:
        connection.send_bytes(back_message("clear_cache"))
        connection.send_bytes(back_message("rerun_script"))
        assert connection.receive_text() == "ok"
    assert received == ["rerun_script"]


# --- a real dashboard ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dashboard(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dashboard]:
    work = tmp_path_factory.mktemp("guarded")
    with running_dashboard(demo_data_dir, log=work / "server.log") as running:
        yield running


def response_of(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # nosec B310
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _read_answer(connection: socket.socket) -> bytes:
    answer = b""
    with contextlib.suppress(OSError):
        while b"\r\n\r\n" not in answer and (part := connection.recv(65536)):
            answer += part
        head, _, body = answer.partition(b"\r\n\r\n")
        length = re.search(rb"(?i)content-length:\s*(\d+)", head)
        while length and len(body) < int(length.group(1)) and (part := connection.recv(65536)):
            answer += part
            body += part
    return answer


def raw_request(url: str, head: str, body_bytes: int = 0) -> tuple[int, str]:
    """Send a request line and headers; a server that answers on the headers alone is read at
    once (before it closes a connection whose body it does not want); then up to `body_bytes` of
    body is offered. Returns the status and the response text."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as connection:
        connection.sendall(head.encode())
        answer = b""
        if select.select([connection], [], [], 2.0)[0]:
            answer = _read_answer(connection)
        chunk = b"0" * 1024 * 1024
        sent = 0
        with contextlib.suppress(OSError):  # the server closed: it did not want the body
            while sent < body_bytes:
                connection.sendall(chunk)
                sent += len(chunk)
        if not answer:
            answer = _read_answer(connection)
    status = int(answer.split(b" ", 2)[1])
    return status, answer.decode(errors="replace")


def xsrf_pair(url: str) -> str:
    """A valid XSRF cookie and header, as any visitor gets them: Streamlit itself would accept
    the upload; only the guard stands in the way."""
    _, headers, _ = response_of(url + "/_stcore/health")
    token = headers["set-cookie"].split(";", 1)[0].split("=", 1)[1]
    return f"Cookie: _streamlit_xsrf={token}\r\nX-Xsrftoken: {token}\r\n"


def rss_megabytes(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


def test_the_page_and_its_assets_carry_the_security_headers(dashboard: Dashboard) -> None:
    for path in ["/", "/wmo", "/_stcore/health"]:
        status, headers, _ = response_of(dashboard.url + path)
        assert status == 200, path
        for name, value in EXPECTED.items():
            assert headers.get(name) == value, (path, name)
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "strict-transport-security" not in headers  # plain http: no HSTS


def test_metrics_are_not_public(dashboard: Dashboard) -> None:
    status, _, body = response_of(dashboard.url + "/_stcore/metrics")
    assert status == 404
    assert b"cache_memory_bytes" not in body


def test_an_anonymous_upload_is_refused_before_its_body_is_read(dashboard: Dashboard) -> None:
    before = rss_megabytes(dashboard.pid)
    for _ in range(4):
        size = 100 * 1024 * 1024
        status, text = raw_request(
            dashboard.url,
            "PUT /_stcore/upload_file/sessie/bestand HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"{xsrf_pair(dashboard.url)}"
            f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {size}\r\n\r\n",
            body_bytes=size,
        )
        assert status == 403
        assert "alleen voor een ingelogde beleidsmedewerker" in text
    time.sleep(1)
    # Four 100 MB uploads held in memory would add 400 MB.
    assert rss_megabytes(dashboard.pid) - before < 50


def test_the_dashboard_listens_on_the_loopback_address_only(dashboard: Dashboard) -> None:
    port = int(dashboard.url.rsplit(":", 1)[1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                listening.append(address)
    assert listening == ["0100007F"], listening  # 127.0.0.1, and no IPv6 or wildcard socket


def test_the_upload_limit_is_the_imports_limit() -> None:
    import tomllib

    from monitor.config import PROJECT_ROOT

    server = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["maxUploadSize"] * 1024 * 1024 == MAX_FIGURE_FILE_BYTES
    assert MAX_FIGURE_FILE_BYTES < MAX_UPLOAD_REQUEST_BYTES < MAX_FIGURE_FILE_BYTES * 1.01
    assert server["address"] == "127.0.0.1"
