"""Security settings that must not drift: XSRF, upload ceiling, no error details, no agent API,
locked dependencies, and a clean bandit report (every exception justified in the code)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from monitor.config import PROJECT_ROOT


def streamlit_config() -> dict:
    return tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_xsrf_protection_stays_on_and_uploads_have_a_ceiling():
    server = streamlit_config()["server"]
    assert server["enableXsrfProtection"] is True
    assert 0 < server["maxUploadSize"] <= 200
    assert server["enableAgentApi"] is False


def test_error_pages_show_no_details():
    assert streamlit_config()["client"]["showErrorDetails"] == "none"


def test_real_secrets_are_never_committed():
    ignored = (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8")
    assert ".streamlit/secrets.toml" in ignored
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout
    assert ".streamlit/secrets.toml" not in tracked.split()


def test_dependencies_are_locked():
    # `uv lock --check` fails when pyproject.toml and uv.lock disagree; offline, from the lock alone.
    uv = [shutil.which("uv")] if shutil.which("uv") else ["python3", "-m", "uv"]
    result = subprocess.run([*uv, "lock", "--check", "--offline"], cwd=PROJECT_ROOT,  # nosec B603
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lock = tomllib.loads((PROJECT_ROOT / "uv.lock").read_text(encoding="utf-8"))
    names = {package["name"] for package in lock["package"]}
    assert {"streamlit", "duckdb", "pandas", "altair", "pydantic"} <= names


def test_bandit_finds_nothing_unjustified():
    bandit = Path(sys.executable).parent / "bandit"
    result = subprocess.run([str(bandit), "-q", "-r", "monitor", "-f", "custom", "--msg-template",
                             "{relpath}:{line} {test_id} {msg}"], cwd=PROJECT_ROOT, capture_output=True, text=True)  # fmt: skip
    findings = [line for line in result.stdout.splitlines() if line.startswith("monitor/")]
    assert findings == []
