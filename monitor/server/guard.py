"""The guard in front of Streamlit's routes (an ASGI middleware), for what Streamlit leaves open:

- uploads (`/_stcore/upload_file/…`) only from a logged-in beleidsmedewerker, and no larger than
  the import accepts: anonymous visitors could otherwise fill the server's memory;
- `/_stcore/metrics` does not exist for visitors;
- a visitor's "clear cache" message is dropped: it would empty the cache of every session;
- every response carries the security headers (`monitor.server.headers`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import HTTPConnection
from streamlit.proto.BackMsg_pb2 import BackMsg

from monitor.domain.access import Role
from monitor.ingest.reading import MAX_FIGURE_FILE_BYTES
from monitor.server.headers import is_https, with_security_headers
from monitor.server.staff import request_access

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_ROUTE = "/_stcore/upload_file/"
METRICS_ROUTE = "/_stcore/metrics"
STREAM_ROUTE = "/_stcore/stream"
# One figure file per request, plus the multipart envelope around it.
MAX_UPLOAD_REQUEST_BYTES = MAX_FIGURE_FILE_BYTES + 64 * 1024


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        # The body of a refused upload is not read: the connection cannot carry another request.
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _limited(receive: Receive, limit: int) -> Receive:
    """A body that ends (as a disconnect) once it exceeds `limit`, whatever the header said."""
    seen = 0

    async def receive_within_limit() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                return {"type": "http.disconnect"}
        return message

    return receive_within_limit


def _without_cache_clearing(receive: Receive) -> Receive:
    async def receive_kept() -> Message:
        while True:
            message = await receive()
            data = message.get("bytes") if message["type"] == "websocket.receive" else None
            if not data:
                return message
            back = BackMsg()
            try:
                back.ParseFromString(data)
            except Exception:
                return message  # Streamlit refuses what it cannot parse itself
            if back.WhichOneof("type") != "clear_cache":
                return message

    return receive_kept


class Guard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] == "websocket" and path.endswith(STREAM_ROUTE):
            await self.app(scope, _without_cache_clearing(receive), send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = is_https(str(scope.get("scheme", "")), scope.get("headers", []))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": with_security_headers(message["headers"], https)}
            await send(message)

        if path.endswith(METRICS_ROUTE):
            await _refuse(send_with_headers, 404, "Niet gevonden.")
            return
        if UPLOAD_ROUTE in path and scope.get("method") != "OPTIONS":
            if not request_access(HTTPConnection(scope)).has(Role.BELEIDSMEDEWERKER):
                await _refuse(
                    send_with_headers,
                    403,
                    "Uploaden kan alleen voor een ingelogde beleidsmedewerker.",
                )
                return
            length = _content_length(scope)
            if scope.get("method") == "PUT" and (
                length is None or length > MAX_UPLOAD_REQUEST_BYTES
            ):
                await _refuse(
                    send_with_headers,
                    413,
                    f"Een bestand mag hoogstens {MAX_FIGURE_FILE_BYTES // (1024 * 1024)} MB zijn.",
                )
                return
            receive = _limited(receive, MAX_UPLOAD_REQUEST_BYTES)
        await self.app(scope, receive, send_with_headers)


def guard_middleware() -> list[Middleware]:
    return [Middleware(Guard)]
