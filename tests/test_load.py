"""Concurrent readers against one real dashboard: every page renders for every session.

The full 30-session load with page times runs in the benchmark command; here a smaller load checks
that nothing breaks under concurrency (timings are measured there, not asserted here).
"""

from __future__ import annotations

import os

import pytest

from benchmarks.load import CHAPTERS, run_load
from benchmarks.protocol_load import run_protocol_load
from tests.support.server import running_dashboard

pytestmark = [pytest.mark.load, pytest.mark.slow]

SESSIONS = 5 if os.environ.get("CI") else 3


def test_concurrent_sessions_read_every_chapter_without_errors(demo_data_dir):
    with running_dashboard(demo_data_dir) as dashboard:
        result = run_load(dashboard.url, SESSIONS)
    assert result.errors == []
    assert len(result.page_seconds) == SESSIONS * len(CHAPTERS)


def test_sessions_speaking_streamlits_protocol_get_every_page_complete(demo_data_dir):
    """The server-side load benchmark's client: each page arrives whole (its heading and every
    chart, no exception) for 30 concurrent sessions."""
    with running_dashboard(demo_data_dir) as dashboard:
        result = run_protocol_load(dashboard.url, 30)
    assert result.errors == []
    assert len(result.page_seconds) == 30 * len(CHAPTERS)
