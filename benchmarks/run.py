"""Run every benchmark and print one table: `uv run python benchmarks/run.py`
(or only some: `uv run python benchmarks/run.py figure_import chapter_build`).

Each figure is compared with a baseline measured in the same run on the same machine.
Targets are goals to watch, not test assertions.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import faults, figures, first_visit, records, replicas
from benchmarks.common import print_table

BENCHMARKS = (
    figures.figure_import,
    figures.chapter_build,
    figures.report_build,
    figures.browser_load,
    first_visit.first_visit,
    records.records_import,
    faults.fault_benchmarks,
    replicas.replica_load,
)


def main() -> int:
    print(
        f"Benchmarks Monitor Sociaal Domein, {dt.date.today():%d-%m-%Y}, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    selected = [b for b in BENCHMARKS if not sys.argv[1:] or b.__name__ in sys.argv[1:]]
    results = []
    for benchmark in selected:
        results.extend(benchmark())
    table = print_table(results)
    record(table)
    return 0


def record(table: str) -> None:
    """Append this run, with its date and machine, to docs/benchmarks.md."""
    path = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        path.write_text(
            "# Benchmarks\n\nResultaten van `uv run python benchmarks/run.py`, nieuwste onderaan. "
            "Elke meting staat naast een basislijn die in dezelfde run is gemeten.\n",
            encoding="utf-8",
        )
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n## {dt.datetime.now():%d-%m-%Y %H:%M} ({machine})\n\n```\n{table}\n```\n")


if __name__ == "__main__":
    sys.exit(main())
