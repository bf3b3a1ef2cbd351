"""Run every benchmark and print one table: `uv run python benchmarks/run.py`.

Each figure is compared with a baseline measured in the same run on the same machine.
Targets are goals to watch, not test assertions.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import faults, figures
from benchmarks.common import print_table

BENCHMARKS = (
    figures.figure_import,
    figures.chapter_build,
    figures.browser_load,
    faults.fault_benchmarks,
)


def main() -> int:
    print(
        f"Benchmarks Monitor Sociaal Domein, {dt.date.today():%d-%m-%Y}, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    results = []
    for benchmark in BENCHMARKS:
        results.extend(benchmark())
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
