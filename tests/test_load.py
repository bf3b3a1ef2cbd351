"""Concurrent readers against one real dashboard: every page renders for every session.

The full 30-session load with page times runs in the benchmark command; here a smaller load checks
that nothing breaks under concurrency (timings are measured there, not asserted here).
"""

from __future__ import annotations

import os

from benchmarks.load import CHAPTERS, run_load
from benchmarks.server import running_dashboard

SESSIONS = 5 if os.environ.get("CI") else 3


def test_concurrent_sessions_read_every_chapter_without_errors(demo_data_dir):
    with running_dashboard(demo_data_dir) as url:
        result = run_load(url, SESSIONS)
    assert result.errors == []
    assert len(result.page_seconds) == SESSIONS * len(CHAPTERS)
