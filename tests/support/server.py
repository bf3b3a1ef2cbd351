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

from monitor.config import PROJECT_ROOT
from monitor.demo.login import stop_process

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def free_ports(count: int) -> list[int]:
    """`count` different free ports: all probes stay bound until every port is chosen, so two
    calls in a row cannot hand out the same port."""
    with contextlib.ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]


def free_port() -> int:
    return free_ports(1)[0]


CHROMIUM_MISSING = (
    f"{CHROMIUM} ontbreekt: installeer Chromium van Debian (apt-get install chromium; .ci/run "
    f"doet dat zelf). / {CHROMIUM} is missing: install Debian's chromium."
)


def require_chromium() -> Path:
    if not CHROMIUM.exists():
        raise RuntimeError(CHROMIUM_MISSING)
    return CHROMIUM


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


START_SECONDS = 90


@dataclass(frozen=True)
class Dashboard:
    url: str  # without a trailing slash
    process: subprocess.Popen
    log: Path | None  # stdout and stderr of the server, when asked for

    @property
    def pid(self) -> int:
        return self.process.pid

    def stopped(self) -> str | None:
        """None while the server runs; otherwise its exit code and the end of its log."""
        if self.process.poll() is None:
            return None
        tail = self.log.read_text(errors="replace")[-3000:] if self.log else ""
        return f"streamlit stopped (exit code {self.process.returncode}):\n{tail}"


def is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # nosec B310
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


@contextlib.contextmanager
def running_dashboard(
    data_dir: Path,
    extra_args: list[str] | None = None,
    *,
    log: Path | None = None,
    host: str = "127.0.0.1",
    port: int | None = None,
) -> Iterator[Dashboard]:
    """`streamlit run app.py` with this store (on a free port unless given), stopped afterwards.
    `host` is the name in the URL (a login cookie belongs to the host its redirect URI names)."""
    port = port or free_port()
    env = {**os.environ, "MONITOR_DATA_DIR": str(data_dir)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port), "--browser.gatherUsageStats", "false",
        *(extra_args or []),
    ]  # fmt: skip
    with running_server(command, env, port, log=log, host=host) as dashboard:
        yield dashboard


@contextlib.contextmanager
def running_server(
    command: list[str],
    env: dict[str, str],
    port: int,
    *,
    cwd: Path = PROJECT_ROOT,
    log: Path | None = None,
    host: str = "127.0.0.1",
) -> Iterator[Dashboard]:
    """Any command that starts the dashboard on `port`, until it answers its health check;
    stopped when the block ends."""
    with log.open("wb") if log else open(os.devnull, "wb") as output:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output,  # nosec B603
                                   stderr=subprocess.STDOUT)  # fmt: skip
    dashboard = Dashboard(f"http://{host}:{port}", process, log)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not is_healthy(dashboard.url):
            if dashboard.stopped() or time.monotonic() > deadline:
                raise RuntimeError(
                    f"streamlit did not start on {dashboard.url}: {dashboard.stopped() or ''}"
                )
            time.sleep(0.2)
        yield dashboard
    finally:
        stop_process(process, 15)
