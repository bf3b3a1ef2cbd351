"""The server's login register: after *Uitloggen* or `monitor afmelden`, a copy of the login
cookie gives nothing; a login older than the session lifetime counts for nothing, whatever the
cookie's own 30 days; an unwritable or damaged register never lets an ended login back in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.domain.access import AccessSettings, Role
from monitor.store.logins import (
    REGISTER_FILE,
    LoginRegisterError,
    access_now,
    end_login,
    end_logins_of,
)
from tests.support.permissions import as_service_account

NOW = 1_800_000_000.0
SETTINGS = AccessSettings(session_hours=12)
MONITOR = Path(sys.executable).parent / "monitor"


def cookie(iat: float = NOW - 60, nonce: str = "n1", **claims: object) -> dict[str, object]:
    """The user as Streamlit decodes it from a login cookie (the ID token's claims)."""
    return {
        "is_logged_in": True, "iss": "https://login.voorbeeld.nl", "sub": "beleid",
        "email": "beleid@voorbeeld.nl", "roles": ["beleidsmedewerker"], "iat": iat,
        "nonce": nonce, "provider": "default", **claims,
    }  # fmt: skip


def test_a_fresh_login_has_its_roles(tmp_path: Path) -> None:
    access = access_now(tmp_path, cookie(), SETTINGS, NOW)
    assert access.logged_in and access.has(Role.BELEIDSMEDEWERKER)


def test_after_logout_a_copy_of_the_cookie_is_anonymous(tmp_path: Path) -> None:
    copy = dict(cookie())
    end_login(tmp_path, cookie(), now=NOW)
    access = access_now(tmp_path, copy, SETTINGS, NOW + 1)
    assert not access.logged_in and not access.has(Role.BELEIDSMEDEWERKER)
    # The same person's next login (a new token) counts again.
    assert access_now(tmp_path, cookie(iat=NOW + 5, nonce="n2"), SETTINGS, NOW + 6).logged_in


def test_ending_a_persons_logins_ends_every_login_made_before(tmp_path: Path) -> None:
    laptop, phone = cookie(nonce="laptop"), cookie(iat=NOW - 3000, nonce="phone")
    end_logins_of(tmp_path, "Beleid@Voorbeeld.nl", now=NOW)
    assert not access_now(tmp_path, laptop, SETTINGS, NOW + 1).logged_in
    assert not access_now(tmp_path, phone, SETTINGS, NOW + 1).logged_in
    other = cookie(email="beheer@voorbeeld.nl", sub="beheer", roles=["beheerder"])
    assert access_now(tmp_path, other, SETTINGS, NOW + 1).has(Role.BEHEERDER)
    assert access_now(tmp_path, cookie(iat=NOW + 10, nonce="new"), SETTINGS, NOW + 11).logged_in


def test_a_login_older_than_the_session_lifetime_counts_for_nothing(tmp_path: Path) -> None:
    assert access_now(tmp_path, cookie(iat=NOW - 11 * 3600), SETTINGS, NOW).logged_in
    assert not access_now(tmp_path, cookie(iat=NOW - 13 * 3600), SETTINGS, NOW).logged_in
    longer = AccessSettings.from_secrets({"monitor": {"sessieduur_uren": 24}})
    assert access_now(tmp_path, cookie(iat=NOW - 13 * 3600), longer, NOW).logged_in


@pytest.mark.parametrize("iat", [None, "1800000000", True, NOW + 3600])
def test_a_login_without_a_believable_issue_time_counts_for_nothing(
    tmp_path: Path, iat: object
) -> None:
    assert not access_now(tmp_path, cookie(iat=iat), SETTINGS, NOW).logged_in  # type: ignore[arg-type]


def test_a_damaged_register_lets_nobody_in_and_refuses_to_be_overwritten(tmp_path: Path) -> None:
    (tmp_path / REGISTER_FILE).write_text("{niet af", encoding="utf-8")
    assert not access_now(tmp_path, cookie(), SETTINGS, NOW).logged_in
    with pytest.raises(LoginRegisterError, match="onleesbaar"):
        end_login(tmp_path, cookie(), now=NOW)
    assert (tmp_path / REGISTER_FILE).read_text(encoding="utf-8") == "{niet af"


def test_an_unwritable_register_gives_a_dutch_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        result = subprocess.run(
            as_service_account([str(MONITOR), "afmelden", "--gebruiker", "beleid@voorbeeld.nl"]),
            env={**os.environ, "MONITOR_DATA_DIR": str(tmp_path)},
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        tmp_path.chmod(0o755)
    assert result.returncode == 1
    assert "kon niet op de server worden vastgelegd" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_register_forgets_ended_logins_whose_cookies_have_expired(tmp_path: Path) -> None:
    end_login(tmp_path, cookie(iat=NOW - 40 * 86400, nonce="old"), now=NOW - 40 * 86400)
    end_login(tmp_path, cookie(nonce="recent"), now=NOW)
    stored = json.loads((tmp_path / REGISTER_FILE).read_text(encoding="utf-8"))
    assert len(stored["beeindigd"]) == 1


def test_monitor_afmelden_ends_the_logins_of_a_person(tmp_path: Path) -> None:
    before = cookie()
    result = subprocess.run(
        [str(MONITOR), "afmelden", "--gebruiker", "beleid@voorbeeld.nl"],
        env={**os.environ, "MONITOR_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "beëindigd" in result.stdout
    now = time.time()
    assert not access_now(tmp_path, {**before, "iat": now - 5}, SETTINGS, now).logged_in
