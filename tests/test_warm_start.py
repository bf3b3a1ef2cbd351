"""The first reader after a server start, or after a publication, finds the newest editions
built: the server builds them before it answers and again when the store moves on."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.config import PROJECT_ROOT
from monitor.demo.data import load_demo
from monitor.demo.texts import publish_demo_editions
from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.publication.edition import published_edition
from monitor.publication.editorial import published_editions
from monitor.render.artefact_audit import exported_findings
from monitor.server.warm import page_modules, warm_editions
from tests.support.server import running_dashboard

WARMED = "Edities voorbereid voor de eerste lezer: "


def test_warming_fills_the_cache_the_pages_read(demo_data_dir):
    warmed = warm_editions(demo_data_dir)
    newest = published_editions(demo_data_dir)[:2]
    assert warmed == [info.edition.key for info in newest] == ["2026-09", "2026-06"]
    # A page asks exactly like this: the object comes from the cache, nothing is built again.
    first = published_edition(demo_data_dir, newest[0].edition, version=newest[0].version)
    again = published_edition(demo_data_dir, newest[0].edition, version=newest[0].version)
    assert first is again


def test_an_empty_store_has_nothing_to_warm(tmp_path):
    assert warm_editions(tmp_path / "leeg") == []


def test_the_modules_of_every_reading_page_are_named():
    modules = page_modules()
    assert "monitor.render.report" in modules  # the Overzicht offers the report
    assert "monitor.app.components.chapter_view" in modules


def wait_for_line(log: Path, text: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        lines = [line for line in log.read_text(errors="replace").splitlines() if text in line]
        if lines:
            return lines[-1]
        time.sleep(0.5)
    raise AssertionError(f"{text!r} not in the server log:\n{log.read_text(errors='replace')}")


@pytest.mark.slow
def test_the_server_warms_at_start_and_after_a_publication(tmp_path, catalogue: Catalogue):
    data_dir = tmp_path / "data"
    load_demo(data_dir, catalogue)
    publish_demo_editions(data_dir, catalogue, [edition_from_text("2026-06")], exported_findings)
    log = tmp_path / "server.log"
    with running_dashboard(data_dir, log=log):
        assert wait_for_line(log, WARMED).endswith(WARMED + "2026-06")
        subprocess.run(
            [sys.executable, "-m", "monitor.cli", "publiceer", "--editie", "2026-09",
             "--auteur", "test"],
            cwd=PROJECT_ROOT, env={**os.environ, "MONITOR_DATA_DIR": str(data_dir)},
            check=True, capture_output=True,
        )  # fmt: skip
        assert wait_for_line(log, WARMED + "2026-09").endswith(WARMED + "2026-09, 2026-06")
