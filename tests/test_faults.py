"""Faults during import: the store always opens, shows the old or the complete new state, and a
full disk or a kill loses nothing. (The 100-run loop runs in the benchmark command.)"""

from __future__ import annotations

import os

import pytest
from conftest import LONG_HEADER, run_import, tree_digest, write_csv

from benchmarks.faults import (
    kill_loop,
    monitor_import,
    readers_during_import,
    store_state,
    write_large_upload,
)

pytestmark = [pytest.mark.faults, pytest.mark.slow]

KILL_RUNS = 10 if os.environ.get("CI") else 4


def published_store(data_dir, catalogue, tmp_path):
    run_import(
        data_dir,
        catalogue,
        write_csv(tmp_path / "basis.csv", LONG_HEADER + "wmo.lasten;2024-01;;1.000\n"),
    )
    return data_dir


def test_kill_during_import_never_leaves_a_half_published_store(data_dir, catalogue, tmp_path):
    published_store(data_dir, catalogue, tmp_path)
    result = kill_loop(data_dir, tmp_path, KILL_RUNS)
    assert result.problems == []
    assert result.killed_before_publish + result.killed_after_publish == KILL_RUNS


def test_a_full_disk_gives_a_dutch_error_and_loses_nothing(data_dir, catalogue, tmp_path):
    published_store(data_dir, catalogue, tmp_path)
    before = tree_digest(data_dir)
    upload = write_large_upload(tmp_path / "groot.csv")
    process = monitor_import(data_dir, upload, limit_file_bytes=2_000_000)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 1
    assert "Opslaan is mislukt" in stderr and "er is niets veranderd" in stderr
    assert "Traceback" not in stderr
    after = tree_digest(data_dir)
    # The lock file may be touched; every snapshot and the pointer are exactly as before.
    assert {k: v for k, v in after.items() if not k.endswith(".lock")} == {
        k: v for k, v in before.items() if not k.endswith(".lock")
    }


def test_readers_during_an_import_see_no_errors_and_no_half_state(data_dir, catalogue, tmp_path):
    published_store(data_dir, catalogue, tmp_path)
    seen, before, after = readers_during_import(
        data_dir, write_large_upload(tmp_path / "groot.csv")
    )
    assert seen.errors == []
    assert seen.reads > 0
    assert seen.states <= {before, after}
    assert before != after == store_state(data_dir)
