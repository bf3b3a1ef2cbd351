"""The audit: what can a reader derive about each hidden cell? (docs/disclosure.md, R1–R3)

The reader knows every published value, every relation (equalities and the inequalities of
incomplete breakdowns and unique totals), that counts are non-negative integers,
and what the markers mean (`<10`: 0…9, or 1…9 when zeros are published; `x`: at least 10).
For each hidden cell two exact integer programs (HiGHS through scipy) give the smallest and
largest value consistent with all of that; the audit fails when the interval is too narrow.
The audit needs no exact value: it sees exactly what a reader sees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from monitor.disclosure.model import (
    HIDING,
    SHARE_TOLERANCE,
    ProtectionProblem,
    Relation,
    RelationKind,
    Sense,
    Settings,
)
from monitor.figures.exact import CellKey
from monitor.figures.published import CellStatus


@dataclass(frozen=True)
class Finding:
    rule: str  # R1, R2, R3 or "inconsistent"
    keys: tuple[CellKey, ...]
    low: float
    high: float

    def describe(self) -> str:
        cells = ", ".join("/".join(part for part in key if part) for key in self.keys)
        span = f"{_number(self.low)} tot en met {_number(self.high)}"
        if self.rule == "R1":
            return f"R1: {cells} is exact terug te rekenen ({span})."
        if self.rule == "R2":
            return f"R2: {cells} heeft te weinig mogelijke waarden ({span}); minimaal 4 nodig."
        if self.rule == "R3":
            return f"R3: de som van de kleine cellen {cells} is exact bekend en klein ({span})."
        return f"De relatie tussen {cells} klopt niet met de gepubliceerde cijfers."


def _number(value: float) -> str:
    return "∞" if math.isinf(value) else f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class ReaderView:
    """What a reader knows: published values, markers and relations."""

    published: dict[CellKey, Decimal]
    hidden: dict[CellKey, CellStatus]  # PRIMAIR or SECUNDAIR
    is_count: dict[CellKey, bool]
    relations: tuple[Relation, ...]
    settings: Settings
    # Declared relations a reader may take at their word without being able to check them;
    # dropped for a group where they contradict what the reader sees.
    believed: tuple[Relation, ...] = ()


def _usable(relation: Relation, view: ReaderView) -> bool:
    # A relation with a cell the reader has never seen (not delivered) tells them nothing.
    return all(key in view.published or key in view.hidden for key in relation.keys)


def components(view: ReaderView) -> list[tuple[list[CellKey], list[Relation]]]:
    """Groups of hidden cells linked by relations, with the relations that bind them."""
    parent: dict[CellKey, CellKey] = {key: key for key in view.hidden}

    def find(key: CellKey) -> CellKey:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    usable = [
        r
        for r in (*view.relations, *view.believed)
        if _usable(r, view) and any(k in view.hidden for k in r.keys)
    ]
    for relation in usable:
        hidden = [key for key in relation.keys if key in view.hidden]
        for other in hidden[1:]:
            parent[find(other)] = find(hidden[0])
    groups: dict[CellKey, tuple[list[CellKey], list[Relation]]] = {}
    for key in sorted(view.hidden):
        groups.setdefault(find(key), ([], []))[0].append(key)
    for relation in usable:
        root = find(next(key for key in relation.keys if key in view.hidden))
        groups[root][1].append(relation)
    return [groups[root] for root in sorted(groups)]


def _bounds(key: CellKey, view: ReaderView) -> tuple[float, float]:
    threshold = view.settings.threshold
    if view.hidden[key] is CellStatus.PRIMAIR:
        return (1.0 if view.settings.zeros_published else 0.0, float(threshold - 1))
    if view.is_count[key]:
        return (float(threshold), math.inf)
    return (0.0, math.inf)


class GroupProgram:
    """The integer program of one group of hidden cells."""

    def __init__(self, keys: list[CellKey], relations: list[Relation], view: ReaderView) -> None:
        self.keys = keys
        self.index = {key: i for i, key in enumerate(keys)}
        rows, lower, upper = [], [], []
        for relation in relations:
            row = np.zeros(len(keys))
            constant = 0.0
            for key, coefficient in relation.terms:
                if key in self.index:
                    row[self.index[key]] += coefficient
                else:
                    constant += coefficient * float(view.published[key])
            slack = float(SHARE_TOLERANCE) if relation.kind is RelationKind.AANDEEL else 0.0
            rows.append(row)
            at_most = relation.sense is Sense.HOOGSTENS
            lower.append(-math.inf if at_most else -constant - slack)
            upper.append(-constant + slack)
        self.constraints = LinearConstraint(np.array(rows), lower, upper) if rows else None
        bounds = [_bounds(key, view) for key in keys]
        self.bounds = Bounds([b[0] for b in bounds], [b[1] for b in bounds])
        self.integrality = np.array([1 if view.is_count[key] else 0 for key in keys])

    def extreme(self, weights: np.ndarray, maximise: bool) -> float | None:
        """min (or max) of weights·x; None when the program is infeasible."""
        objective = -weights if maximise else weights
        result = milp(
            objective,
            constraints=self.constraints,
            integrality=self.integrality,
            bounds=self.bounds,
        )
        if result.status == 3:  # unbounded
            return math.inf if maximise else -math.inf
        if result.status == 4 and self.feasible():
            # HiGHS says "infeasible or unbounded"; a feasible program is unbounded.
            return math.inf if maximise else -math.inf
        if not result.success:
            return None
        return float(weights @ result.x)

    def feasible(self) -> bool:
        result = milp(
            np.zeros(len(self.keys)),
            constraints=self.constraints,
            integrality=self.integrality,
            bounds=self.bounds,
        )
        return bool(result.success)

    def interval(self, members: list[CellKey]) -> tuple[float, float] | None:
        weights = np.zeros(len(self.keys))
        for key in members:
            weights[self.index[key]] = 1.0
        low, high = self.extreme(weights, False), self.extreme(weights, True)
        if low is None or high is None:
            return None
        return low, high


def _group_findings(
    keys: list[CellKey], relations: list[Relation], view: ReaderView
) -> list[Finding] | None:
    """The findings of one group; None when what the reader sees contradicts the relations."""
    findings: list[Finding] = []
    settings = view.settings
    program = GroupProgram(keys, relations, view)
    for key in keys:
        span = program.interval([key])
        if span is None:
            return None
        low, high = span
        exact = (high - low) < (0.5 if view.is_count[key] else float(SHARE_TOLERANCE) * 10)
        if exact:
            findings.append(Finding("R1", (key,), low, high))
        elif view.hidden[key] is CellStatus.PRIMAIR and high - low < settings.minimum_range:
            findings.append(Finding("R2", (key,), low, high))
    for relation in relations:
        hidden = [key for key in relation.keys if key in view.hidden]
        if len(hidden) < 2 or not all(view.hidden[k] is CellStatus.PRIMAIR for k in hidden):
            continue
        span = program.interval(hidden)
        if span and span[1] - span[0] < 0.5 and span[1] < settings.threshold:
            findings.append(Finding("R3", tuple(hidden), *span))
    return findings


def audit(view: ReaderView) -> list[Finding]:
    """Every way a reader could learn too much about a hidden cell."""
    findings: list[Finding] = []
    believed = set(view.believed)
    for keys, relations in components(view):
        found = _group_findings(keys, relations, view)
        if found is None and believed & set(relations):
            # The published cells contradict a declared relation: the reader sees that it
            # does not hold here and stops believing it.
            found = _group_findings(keys, [r for r in relations if r not in believed], view)
        if found is None:
            found = [Finding("inconsistent", tuple(keys), 0, 0)]
        findings.extend(found)
    return findings


def reader_view(problem: ProtectionProblem, statuses: dict[CellKey, CellStatus]) -> ReaderView:
    """What a reader of the edition sees, given these statuses."""
    shown = [key for key in problem.cells if problem.is_shown(key)]
    published = {
        key: problem.cells[key].value
        for key in shown
        if statuses[key] is CellStatus.WAARDE and problem.cells[key].value is not None
    }
    # A structural zero (`–`) is known to every reader: it cannot occur, so it is 0.
    published |= {key: Decimal(0) for key in shown if statuses[key] is CellStatus.STRUCTUREEL}
    hidden = {key: statuses[key] for key in shown if statuses[key] in HIDING}
    is_count = {key: problem.cells[key].is_count for key in shown}
    return ReaderView(
        published,  # type: ignore[arg-type]
        hidden,
        is_count,
        tuple(problem.relations),
        problem.settings,
        tuple(problem.believed),
    )
