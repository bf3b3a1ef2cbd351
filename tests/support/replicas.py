"""Dashboard replicas started the way the shipped systemd template unit starts them
(deploy/systemd/monitor-dashboard@.service with its environment file deploy/systemd/monitor.env):
its ExecStart with the instance name (the port) filled in, run from its WorkingDirectory with the
environment the unit gives. Only what differs on a test machine is replaced: the install
directory becomes this checkout and its virtual environment, the data directory the test's own.
A broken unit (an unknown option, a lost environment setting) therefore breaks the tests."""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from monitor.config import PROJECT_ROOT
from tests.support.server import Dashboard, running_server

SYSTEMD = PROJECT_ROOT / "deploy" / "systemd"
UNIT = SYSTEMD / "monitor-dashboard@.service"
DATA_DIR_SETTING = "MONITOR_DATA_DIR"


@dataclass(frozen=True)
class UnitStart:
    command: list[str]
    cwd: Path
    env: dict[str, str]


def service_settings(unit: Path = UNIT) -> dict[str, list[str]]:
    """The [Service] section of a unit file: every value of every key, in order."""
    settings: dict[str, list[str]] = {}
    section = ""
    lines = unit.read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line
            continue
        if section == "[Service]":
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def only(settings: dict[str, list[str]], key: str) -> str:
    values = settings.get(key, [])
    if len(values) != 1:
        raise RuntimeError(f"{UNIT.name}: expected one {key}=, found {values}")
    return values[0]


def instance(value: str, name: str) -> str:
    """systemd's specifiers as far as the unit may use them: %i (the instance name) and %%."""
    filled = value.replace("%%", "\0").replace("%i", name)
    if "%" in filled:
        raise RuntimeError(f"{UNIT.name}: unsupported specifier in {value!r}")
    return filled.replace("\0", "%")


def environment_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile= reads them (comments and blank lines
    skipped, surrounding quotes removed)."""
    values = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip("\"'")
    return values


def unit_environment(
    data_dir: Path, settings: dict[str, list[str]] | None = None
) -> dict[str, str]:
    """What the unit puts in the environment (Environment= and EnvironmentFile=, the file read
    from deploy/systemd/), with the data directory replaced by `data_dir`. The test's own
    MONITOR_* variables are dropped: only the unit decides them."""
    settings = settings or service_settings()
    given: dict[str, str] = {}
    for name in settings.get("EnvironmentFile", []):
        shipped = SYSTEMD / Path(name.lstrip("-")).name
        if not shipped.is_file():
            raise RuntimeError(f"{UNIT.name} reads {name}, which deploy/systemd/ does not ship")
        given |= environment_file(shipped)
    for line in settings.get("Environment", []):
        given |= dict(item.split("=", 1) for item in shlex.split(line))
    if DATA_DIR_SETTING not in given:
        raise RuntimeError(f"{UNIT.name} gives the replicas no {DATA_DIR_SETTING}")
    given[DATA_DIR_SETTING] = str(data_dir)
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return inherited | given


def installed_program(program: str, install: str) -> str:
    """A program of the installed virtual environment (`<WorkingDirectory>/.venv/bin/...`) as
    this checkout's environment has it."""
    prefix = f"{install.rstrip('/')}/.venv/bin/"
    if not program.startswith(prefix):
        raise RuntimeError(f"{UNIT.name}: ExecStart runs {program}, not a program of {prefix}")
    return str(Path(sys.executable).parent / program.removeprefix(prefix))


def replica_start(port: int, data_dir: Path) -> UnitStart:
    """How systemd starts instance `port` of the unit, on this machine and with this store."""
    settings = service_settings()
    install = only(settings, "WorkingDirectory")
    command = shlex.split(instance(only(settings, "ExecStart"), str(port)))
    command[0] = installed_program(command[0], install)
    return UnitStart(command, PROJECT_ROOT, unit_environment(data_dir, settings))


def monitor_command(*args: str) -> list[str]:
    """The `monitor` command of the installed environment, as the beheerder runs it next to
    the replicas (with the same environment file: `unit_environment`)."""
    install = only(service_settings(), "WorkingDirectory")
    return [installed_program(f"{install}/.venv/bin/monitor", install), *args]


@contextlib.contextmanager
def running_replica(port: int, data_dir: Path, *, log: Path | None = None) -> Iterator[Dashboard]:
    """Instance `port` of the unit on `data_dir`, until the block ends."""
    start = replica_start(port, data_dir)
    with running_server(start.command, start.env, port, cwd=start.cwd, log=log) as dashboard:
        yield dashboard
