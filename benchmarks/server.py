"""Starting a real dashboard (`streamlit run`) and a real browser, for the load benchmark and the
browser tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def require_chromium() -> Path:
    if not CHROMIUM.exists():
        raise RuntimeError(
            "Debians chromium ontbreekt (/usr/bin/chromium). Installeer het met "
            "`apt-get install -y chromium`; .ci/run doet dat zelf."
        )
    return CHROMIUM


def wait_healthy(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # nosec B310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"{url} answered not in time")


@dataclass(frozen=True)
class Dashboard:
    url: str
    pid: int


def cpu_seconds(pid: int) -> float:
    """CPU time of a process plus that of its children that have ended (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime, stime, cutime, cstime: fields 14-17 of proc(5), counted after the command name.
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def descendant_cpu_seconds(root: int, command_part: str) -> float:
    """CPU time of every living descendant of `root` whose command line contains `command_part`,
    including their ended children: e.g. a browser with all its renderer processes."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            commands[int(entry.name)] = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])

    def descends(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == root:
                return True
        return False

    return sum(
        cpu_seconds(pid) for pid, command in commands.items()
        if command_part in command and descends(pid)
    )  # fmt: skip


@contextlib.contextmanager
def running_dashboard(data_dir: Path, extra_args: list[str] | None = None) -> Iterator[Dashboard]:
    """`streamlit run app.py` on a free port with this store."""
    port = free_port()
    env = {**os.environ, "MONITOR_DATA_DIR": str(data_dir)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port), "--browser.gatherUsageStats", "false",
        *(extra_args or []),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,  # nosec B603
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health")
        yield Dashboard(f"http://127.0.0.1:{port}/", process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
