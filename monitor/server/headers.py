"""The security headers every HTTP response carries, and the `Secure` flag on cookies behind
HTTPS. Pure functions over ASGI header lists."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import streamlit

from monitor.app.shell import KEYBOARD_SCRIPT, LANGUAGE_SCRIPT, WIDGET_TEXT_SCRIPT

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources for exactly the inline scripts in `html`, and no other."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(html)
    ]


# The only inline scripts that may run: Streamlit's own in its page, and our three page scripts.
_STREAMLIT_PAGE = Path(streamlit.__file__).parent / "static" / "index.html"
ALLOWED_SCRIPTS = [
    *inline_script_hashes(_STREAMLIT_PAGE.read_text(encoding="utf-8")),
    *inline_script_hashes(LANGUAGE_SCRIPT),
    *inline_script_hashes(KEYBOARD_SCRIPT),
    *inline_script_hashes(WIDGET_TEXT_SCRIPT),
]
# Streamlit's page needs inline styles (emotion); its charts run without `eval`. It loads nothing
# from elsewhere. Images only from the app itself: a text can never load a
# tracking pixel in a reader's browser.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        f"script-src 'self' {' '.join(ALLOWED_SCRIPTS)}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
)
STRICT_TRANSPORT = ("strict-transport-security", "max-age=31536000")


def is_https(scheme: str, headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether the browser reached us over HTTPS: directly, or through the proxy in front (which
    alone can reach the dashboard, as it listens on 127.0.0.1)."""
    if scheme in {"https", "wss"}:
        return True
    forwarded = dict(headers).get(b"x-forwarded-proto", b"")
    return forwarded.split(b",")[0].strip().lower() == b"https"


def secure_cookie(value: bytes) -> bytes:
    if b"secure" in [part.strip().lower() for part in value.split(b";")]:
        return value
    return value + b"; Secure"


def with_security_headers(
    headers: Iterable[tuple[bytes, bytes]], https: bool
) -> list[tuple[bytes, bytes]]:
    """The response's headers with ours added (ours win) and cookies marked Secure under HTTPS."""
    ours = [*SECURITY_HEADERS, *([STRICT_TRANSPORT] if https else [])]
    names = {name.encode() for name, _ in ours}
    kept = [
        (name, secure_cookie(value) if https and name.lower() == b"set-cookie" else value)
        for name, value in headers
        if name.lower() not in names
    ]
    return kept + [(name.encode(), value.encode()) for name, value in ours]
