"""Fault injection against the store: kill -9 during import, a full disk, readers during import.

Used by tests/test_faults.py (a few runs in CI) and by the benchmark command (the full 100 runs).
"""

from __future__ import annotations

import hashlib
import os
import random
import resource
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from monitor.store.snapshots import current_snapshot, open_snapshot
from monitor.store.sql import fetch_records

MONITOR = str(Path(sys.executable).parent / "monitor")


UPLOAD_INDICATOR = "wmo.lasten_berichtenverkeer"
UPLOAD_ROWS = 60_000


def expected_summary(value_offset: int, rows: int = UPLOAD_ROWS) -> tuple[int, Decimal]:
    return rows, Decimal(rows * (rows - 1) // 2 + rows * value_offset)


def write_large_upload(path: Path, rows: int = UPLOAD_ROWS, value_offset: int = 0) -> Path:
    """A long-format upload big enough that publishing it takes a noticeable moment."""
    lines = ["indicator;periode;categorie;waarde"]
    for number in range(rows):
        # 25 years of months per category: periods an import accepts (not ten years ahead).
        year, month = 2000 + number // 12 % 25, number % 12 + 1
        categorie = f"Categorie {number // 300}"
        lines.append(f"{UPLOAD_INDICATOR};{year}-{month:02d};{categorie};{number + value_offset}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def store_state(data_dir: Path) -> str:
    """A fingerprint of everything a reader sees: the figures of the current snapshot."""
    con = open_snapshot(data_dir)
    try:
        rows = fetch_records(con, "store/all_cijfers")
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def upload_summary(data_dir: Path) -> tuple[int, Decimal]:
    con = open_snapshot(data_dir)
    try:
        record = fetch_records(con, "store/indicator_summary", indicator=UPLOAD_INDICATOR)[0]
    finally:
        con.close()
    return int(record["aantal"]), Decimal(record["som"])


def monitor_import(
    data_dir: Path, upload: Path, limit_file_bytes: int | None = None
) -> subprocess.Popen[str]:
    env = {**os.environ, "MONITOR_DATA_DIR": str(data_dir)}

    def limit() -> None:
        if limit_file_bytes is not None:
            # A full disk: writes past this size fail (EFBIG) instead of killing the process.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    return subprocess.Popen([MONITOR, "importeer", str(upload), "--auteur", "test"], env=env,  # nosec B603
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limit)  # fmt: skip


@dataclass
class KillLoopResult:
    runs: int
    killed_before_publish: int = 0
    killed_after_publish: int = 0
    problems: list[str] = field(default_factory=list)


def kill_loop(data_dir: Path, work: Path, runs: int, seed: int = 20261122) -> KillLoopResult:
    """Start an import and SIGKILL it at a random moment, `runs` times. After every kill the
    store must open and show either exactly the state before or exactly the new state."""
    chooser = random.Random(seed)
    result = KillLoopResult(runs)
    # Kill moments spread over a whole import, so some fall while the snapshot is written and
    # the pointer switched, not only while the file is read.
    start = time.perf_counter()
    warm_up = monitor_import(data_dir, write_large_upload(work / "warm-up.csv", value_offset=0))
    warm_up.wait(timeout=600)
    duration = time.perf_counter() - start
    for run in range(runs):
        before = store_state(data_dir)
        upload = write_large_upload(work / f"upload-{run}.csv", value_offset=run + 1)
        process = monitor_import(data_dir, upload)
        try:
            process.wait(timeout=chooser.uniform(0.1, 1.1 * duration))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        try:
            after = store_state(data_dir)
            snapshot = current_snapshot(data_dir)
            if snapshot is None or not snapshot.exists():
                result.problems.append(f"run {run}: CURRENT wijst niet naar een bestaande snapshot")
        except (duckdb.Error, OSError) as error:
            result.problems.append(f"run {run}: store opent niet: {error}")
            continue
        if after == before:
            result.killed_before_publish += 1
        elif upload_summary(data_dir) == expected_summary(run + 1):
            result.killed_after_publish += 1  # the complete new version, never a part of it
        else:
            result.problems.append(f"run {run}: de store toont een half gepubliceerde import")
    return result


@dataclass
class ReaderResult:
    reads: int = 0
    errors: list[str] = field(default_factory=list)
    states: set[str] = field(default_factory=set)


def readers_during_import(
    data_dir: Path, upload: Path, readers: int = 10
) -> tuple[ReaderResult, str, str]:
    """`readers` threads read the store continuously while `monitor import` publishes.
    Returns what they saw and the fingerprints before and after."""
    before = store_state(data_dir)
    seen = ReaderResult()
    stop = threading.Event()
    lock = threading.Lock()

    def read() -> None:
        while not stop.is_set():
            try:
                state = store_state(data_dir)
            except Exception as error:
                with lock:
                    seen.errors.append(f"{type(error).__name__}: {error}")
                continue
            with lock:
                seen.reads += 1
                seen.states.add(state)

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    process = monitor_import(data_dir, upload)
    process.wait(timeout=300)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    if process.returncode != 0:
        seen.errors.append(
            f"import exit {process.returncode}: {process.stderr.read() if process.stderr else ''}"
        )
    return seen, before, store_state(data_dir)


def fault_benchmarks(runs: int = 100) -> list:
    """The full kill -9 loop for the benchmark command, with a clean import as the baseline."""
    import tempfile
    import time

    from benchmarks.common import Result

    with tempfile.TemporaryDirectory() as work:
        data_dir = Path(work) / "data"
        start = time.perf_counter()
        clean = monitor_import(data_dir, write_large_upload(Path(work) / "basis.csv"))
        clean.wait(timeout=600)
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        result = kill_loop(data_dir, Path(work), runs)
        per_run = (time.perf_counter() - start) / runs
    verdict = (f"{len(result.problems)} halve toestanden, {result.killed_before_publish} oud / "
               f"{result.killed_after_publish} nieuw")  # fmt: skip
    return [
        Result(
            f"kill -9 tijdens import ({runs} runs), per run",
            per_run,
            "schone import",
            baseline,
            verdict,
        )
    ]
