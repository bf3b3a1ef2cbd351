"""Who sends a request, from its signed login cookie and the server's login register: the same
decision the pages make (`monitor.store.logins.access_now`), for requests that run no page."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping

from starlette.requests import HTTPConnection

# The decoding Streamlit itself applies to the cookie when a page connects: signature, chunks.
from streamlit.web.server.starlette.starlette_websocket import _get_signed_cookie_with_chunks

from monitor import config
from monitor.domain.access import Access, AccessSettings
from monitor.store.logins import access_now

USER_COOKIE = "_streamlit_user"


def _secrets() -> Mapping:
    import streamlit as st

    try:
        return st.secrets.to_dict()
    except Exception:
        # No secrets file, or an unreadable one: no login is configured.
        return {}


def cookie_user(cookies: Mapping[str, str]) -> dict[str, object]:
    """The user in a validly signed login cookie; empty for no cookie or a forged one."""
    try:
        decoded = _get_signed_cookie_with_chunks(dict(cookies), USER_COOKIE)
    except Exception:
        return {}
    if not decoded:
        return {}
    try:
        user = json.loads(decoded.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return user if isinstance(user, dict) else {}


def request_access(connection: HTTPConnection) -> Access:
    secrets = _secrets()
    settings = AccessSettings.from_secrets(secrets)
    user = cookie_user(connection.cookies) if "auth" in secrets else {}
    return access_now(config.data_dir(), user, settings, time.time())
