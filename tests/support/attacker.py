"""An attacker written apart from the gate's audit: an exact integer program over what a reader
sees (published values, the meaning of `<10` and `x`, every relation the reader knows, equalities
and inequalities alike), asked for the smallest and largest value of every hidden cell.

Deliberately a second formulation: it shares no code with monitor/disclosure/audit.py beyond the
relation objects, so a mistake in the audit's program does not hide itself here."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from decimal import Decimal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from monitor.disclosure.model import Relation, RelationKind, Sense
from monitor.figures.exact import CellKey
from monitor.figures.published import CellStatus

HIDDEN = (CellStatus.PRIMAIR, CellStatus.SECUNDAIR)
# A published share is rounded to one decimal: a sum of n published shares is known to ±n × 0,05.
SHARE_ROUNDING = 0.05


def _every_cell_a_count(key: CellKey) -> bool:
    return True


def hidden_ranges(
    shown: dict[CellKey, tuple[CellStatus, Decimal | None]],
    relations: Iterable[Relation],
    threshold: int = 10,
    is_count: Callable[[CellKey], bool] = _every_cell_a_count,
) -> dict[CellKey, tuple[float, float]]:
    """For every hidden cell that takes part in a relation: (lowest, highest) possible value.
    A hidden count is an integer (`<10`: 0…9, `x`: at least the threshold); any other hidden
    cell (an amount, a share) is only known to be at least 0."""
    hidden = sorted(k for k, (status, _) in shown.items() if status in HIDDEN)
    index = {key: i for i, key in enumerate(hidden)}
    rows, lower, upper = [], [], []
    for relation in relations:
        if not any(key in index for key in relation.keys):
            continue
        if any(key not in shown or (key not in index and shown[key][1] is None)
               for key in relation.keys):  # fmt: skip
            continue  # a cell the reader never saw: the relation tells them nothing
        row = np.zeros(len(hidden))
        constant = 0.0
        for key, coefficient in relation.terms:
            if key in index:
                row[index[key]] += coefficient
            else:
                constant += coefficient * float(shown[key][1])  # type: ignore[arg-type]
        slack = 0.0
        if relation.kind is RelationKind.AANDEEL:
            slack = SHARE_ROUNDING * sum(1 for key in relation.keys if key not in index) + 1e-9
        rows.append(row)
        lower.append(-math.inf if relation.sense is Sense.HOOGSTENS else -constant - slack)
        upper.append(-constant + slack)
    if not rows:
        return {}
    involved = [key for key in hidden if any(row[index[key]] for row in rows)]
    counts = [is_count(k) for k in hidden]
    low_bounds = [0.0 if shown[k][0] is CellStatus.PRIMAIR or not count else float(threshold)
                  for k, count in zip(hidden, counts, strict=True)]  # fmt: skip
    high_bounds = [float(threshold - 1) if shown[k][0] is CellStatus.PRIMAIR and count else math.inf
                   for k, count in zip(hidden, counts, strict=True)]  # fmt: skip
    constraint = LinearConstraint(np.array(rows), lower, upper)
    bounds = Bounds(low_bounds, high_bounds)
    integer = np.array([1.0 if count else 0.0 for count in counts])
    ranges = {}
    for key in involved:
        objective = np.zeros(len(hidden))
        objective[index[key]] = 1.0
        low = milp(objective, constraints=constraint, bounds=bounds, integrality=integer)
        high = milp(-objective, constraints=constraint, bounds=bounds, integrality=integer)
        assert low.success, f"what the reader sees is inconsistent for {key}: {low.message}"
        top = math.inf if high.status in (3, 4) or not high.success else float(-high.fun)
        ranges[key] = (float(low.fun), top)
    return ranges


def leaks(
    shown: dict[CellKey, tuple[CellStatus, Decimal | None]],
    relations: Iterable[Relation],
    threshold: int = 10,
    is_count: Callable[[CellKey], bool] = _every_cell_a_count,
) -> list[str]:
    """Every hidden count the reader pins exactly, and every `<10` left fewer than four values."""
    found = []
    for key, (low, high) in hidden_ranges(shown, relations, threshold, is_count).items():
        if not is_count(key):
            continue
        if high - low < 0.5:
            found.append(f"{key} is exact {low:g}")
        elif shown[key][0] is CellStatus.PRIMAIR and high - low < 3:
            found.append(f"{key} has only {low:g} … {high:g}")
    return found
