"""Shared pieces of the benchmarks: timing, results and the printed table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    seconds: float
    baseline_name: str
    baseline_seconds: float
    goal: str

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else float("nan")


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """Median wall time of `repeats` runs: robust against one slow run on a busy machine."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def format_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:,.1f} ms".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{seconds:,.2f} s".replace(",", "X").replace(".", ",").replace("X", ".")


def print_table(results: list[Result]) -> str:
    header = f"{'meting':48} {'tijd':>11} {'basislijn':34} {'basis':>11} {'ratio':>8}  doel"
    lines = [header, "-" * len(header)]
    for r in results:
        ratio = f"{r.ratio:,.2f}×".replace(".", ",")
        lines.append(
            f"{r.name:48} {format_seconds(r.seconds):>11} {r.baseline_name:34} "
            f"{format_seconds(r.baseline_seconds):>11} {ratio:>8}  {r.goal}"
        )
    text = "\n".join(lines)
    print(text)
    return text
