"""The server's own record of logins: which ones have ended (logged out, or ended by the beheerder
for a person), so that a copy of a login cookie is worth nothing after *Uitloggen* or a role
change. The cookie only says who logged in and when (the ID token's `iat`); whether that login
still counts is decided here, on every page run and every upload.

One small JSON file next to the snapshots (`aanmeldingen.json`), replaced atomically under a lock,
so several dashboard processes behind one proxy share it."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from monitor.domain.access import Access, AccessSettings, access_for

REGISTER_FILE = "aanmeldingen.json"
LOCK_FILE = "aanmeldingen.lock"
# A login cookie lives at most 30 days (Streamlit's max-age): an ended login older than that
# can no longer be presented, so its entry is dropped.
COOKIE_DAYS = 30
# Clocks of the provider and this server may differ a little.
CLOCK_SKEW_SECONDS = 300


class LoginRegisterError(Exception):
    """The register could not be written; the message is Dutch, for the user."""


@dataclass(frozen=True)
class LoginRegister:
    ended: Mapping[str, float] = field(default_factory=dict)  # login key → its iat
    ended_before: Mapping[str, float] = field(default_factory=dict)  # person → moment
    readable: bool = True


def person_of(user: Mapping[str, object]) -> str:
    """The person a login belongs to: the e-mail address, else the provider's subject."""
    return str(user.get("email") or user.get("sub") or "").strip().lower()


def login_key(user: Mapping[str, object]) -> str:
    """One login: the same cookie (and every copy of it) gives the same key, a new login another."""
    parts = [str(user.get(claim, "")) for claim in ("iss", "sub", "iat", "nonce", "provider")]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def issued_at(user: Mapping[str, object]) -> float | None:
    value = user.get("iat")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def login_is_current(
    user: Mapping[str, object], register: LoginRegister, lifetime_hours: float, now: float
) -> bool:
    """A login counts when it is recent (within the session lifetime, whatever the cookie's own
    age), was not logged out, and was made after the beheerder last ended this person's logins."""
    issued = issued_at(user)
    if issued is None or issued > now + CLOCK_SKEW_SECONDS:
        return False
    if now - issued > lifetime_hours * 3600:
        return False
    if not register.readable or login_key(user) in register.ended:
        return False
    return issued > register.ended_before.get(person_of(user), float("-inf"))


_cache: dict[Path, tuple[int, LoginRegister]] = {}


def read_register(directory: Path) -> LoginRegister:
    """The register as stored (empty when there is none); re-read only when the file changed."""
    path = directory / REGISTER_FILE
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return LoginRegister()
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # An unreadable register must not let ended logins back in: nobody counts as logged in.
        return LoginRegister(readable=False)
    register = LoginRegister(
        ended={str(k): float(v) for k, v in raw.get("beeindigd", {}).items()},
        ended_before={str(k): float(v) for k, v in raw.get("beeindigd_voor", {}).items()},
    )
    _cache[path] = (stamp, register)
    return register


def access_now(
    directory: Path, user: Mapping[str, object] | None, settings: AccessSettings, now: float
) -> Access:
    """What this user may do now: a login the server has ended counts as no login at all."""
    if user and user.get("is_logged_in"):
        register = read_register(directory)
        if not login_is_current(user, register, settings.session_hours, now):
            return access_for(None, settings)
    return access_for(user, settings)


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    try:
        with (directory / LOCK_FILE).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield
    except OSError as error:
        raise LoginRegisterError(
            f"Het uitloggen kon niet op de server worden vastgelegd ({directory} is niet "
            "schrijfbaar). Meld dit bij de beheerder."
        ) from error


def _change(directory: Path, change: dict[str, dict[str, float]], now: float) -> None:
    with _locked(directory):
        current = read_register(directory)
        if not current.readable:
            raise LoginRegisterError(
                f"Het bestand {REGISTER_FILE} is onleesbaar; uitloggen kan niet worden "
                "vastgelegd. Meld dit bij de beheerder."
            )
        oldest = now - COOKIE_DAYS * 86400
        ended = {k: v for k, v in current.ended.items() if v >= oldest} | change.get("ended", {})
        before = {k: v for k, v in current.ended_before.items() if v >= oldest} | change.get(
            "before", {}
        )
        text = json.dumps({"beeindigd": ended, "beeindigd_voor": before}, indent=1, sort_keys=True)
        path = directory / REGISTER_FILE
        partial = path.with_suffix(".json.tmp")
        try:
            with partial.open("w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, path)
        except OSError as error:
            raise LoginRegisterError(
                f"Het uitloggen kon niet op de server worden vastgelegd ({error.strerror}). "
                "Meld dit bij de beheerder."
            ) from error


def end_login(directory: Path, user: Mapping[str, object], now: float | None = None) -> None:
    """*Uitloggen*: this login, and every copy of its cookie, no longer counts."""
    moment = time.time() if now is None else now
    _change(directory, {"ended": {login_key(user): issued_at(user) or moment}}, moment)


def end_logins_of(directory: Path, person: str, now: float | None = None) -> None:
    """End every login a person made until now (after a role change or a lost laptop); the next
    login brings the provider's current roles."""
    moment = time.time() if now is None else now
    _change(directory, {"before": {person.strip().lower(): moment}}, moment)
