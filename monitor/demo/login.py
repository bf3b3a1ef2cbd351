"""A one-command login for the demo: a local OIDC test provider (oidc-provider-mock, with Dutch
pages: `login_provider`) with a beleidsmedewerker and a beheerder, and the secrets that point
st.login at it.

For the demo only: production uses the gemeente's own OIDC provider (for example Microsoft
Entra ID), configured in .streamlit/secrets.toml (see .streamlit/secrets.example.toml).
"""

from __future__ import annotations

import contextlib
import secrets
import subprocess  # nosec B404
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

PROVIDER_PORT = 9400
DEMO_USERS = (
    {"sub": "beleid", "email": "beleid@voorbeeld.nl", "name": "Beleidsmedewerker Voorbeeld",
     "roles": ["beleidsmedewerker"]},
    {"sub": "beheer", "email": "beheer@voorbeeld.nl", "name": "Beheerder Voorbeeld", "roles": ["beheerder"]},
    {"sub": "raadslid", "email": "raadslid@voorbeeld.nl", "name": "Raadslid Voorbeeld", "roles": []},
)  # fmt: skip


def demo_secrets(app_port: int, provider_port: int) -> str:
    """secrets.toml text for st.login against the local test provider."""
    return "\n".join(
        [
            "[auth]",
            f'redirect_uri = "http://localhost:{app_port}/oauth2callback"',
            f'cookie_secret = "{secrets.token_hex(32)}"',
            'client_id = "monitor-demo"',
            'client_secret = "demo-geheim"',
            f'server_metadata_url = "http://localhost:{provider_port}/.well-known/openid-configuration"',
            'client_kwargs = { scope = "openid email profile" }',
            "",
            "[monitor]",
            "publiek = true",
            'rollen_claim = "roles"',
            "",
        ]
    )


def start_provider(port: int) -> subprocess.Popen[bytes]:
    """The test login service with the demo users and Dutch pages (`login_provider`)."""
    command = [sys.executable, "-m", "monitor.demo.login_provider", str(port)]
    # Fixed arguments, no shell.
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # nosec B603


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            # Our own http://localhost URL, built by the caller: no user-supplied scheme.
            with urllib.request.urlopen(url, timeout=2) as response:  # nosec B310
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"De test-inlogdienst op {url} start niet.") from None
            time.sleep(0.2)


def stop_process(process: subprocess.Popen, seconds: float = 10) -> None:
    """Ask a child process to stop; kill it if it has not stopped after `seconds`."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def demo_login(app_port: int, provider_port: int = PROVIDER_PORT) -> Iterator[Path]:
    """Run the test provider while the block runs; yields the secrets file to use."""
    provider = start_provider(provider_port)
    try:
        wait_until_up(f"http://localhost:{provider_port}/.well-known/openid-configuration")
        with tempfile.TemporaryDirectory(prefix="monitor-login-") as work:
            secrets_file = Path(work) / "secrets.toml"
            secrets_file.write_text(demo_secrets(app_port, provider_port), encoding="utf-8")
            yield secrets_file
    finally:
        stop_process(provider)
