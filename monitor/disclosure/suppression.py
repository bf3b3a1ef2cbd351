"""Primary and secondary suppression to a fixed point (docs/disclosure.md, "Rules").

Deterministic: cells and relations are visited in key order and ties are broken by key, so the
same data gives the same pattern whatever order the rows arrived in.
"""

from __future__ import annotations

from monitor.disclosure.model import (
    HIDING,
    ProtectionCell,
    ProtectionProblem,
    Relation,
    RelationKind,
    Sense,
)
from monitor.figures.exact import CellKey
from monitor.figures.published import CellStatus


def primary_status(cell: ProtectionCell, problem: ProtectionProblem) -> CellStatus:
    """P1: a person count under the threshold is `<10` (zeros too, unless zeros are published)."""
    if cell.value is None:
        return CellStatus.ONTBREEKT
    if not cell.is_count or cell.value >= problem.settings.threshold:
        return CellStatus.WAARDE
    if cell.value == 0 and problem.settings.zeros_published:
        return CellStatus.WAARDE
    return CellStatus.PRIMAIR


def initial_statuses(problem: ProtectionProblem) -> dict[CellKey, CellStatus]:
    statuses = {key: primary_status(cell, problem) for key, cell in problem.cells.items()}
    for key, earlier in problem.frozen.items():
        if earlier is CellStatus.STRUCTUREEL and key in statuses:
            statuses[key] = CellStatus.STRUCTUREEL
            continue
        # History: what was hidden stays hidden; the marker follows today's value.
        if key in statuses and earlier in HIDING and statuses[key] is CellStatus.WAARDE:
            statuses[key] = CellStatus.SECUNDAIR
    return statuses


def _margins(problem: ProtectionProblem) -> set[CellKey]:
    return {relation.total for relation in problem.relations if relation.total is not None}


def candidate_order(
    keys: list[CellKey], problem: ProtectionProblem, statuses: dict[CellKey, CellStatus]
) -> list[CellKey]:
    """Cells that may become a secondary, in the order they are taken: published, not frozen
    by history, for counts at least the threshold; interior cells before margins; then by key.

    The order never looks at a value. The method is published (and the code is open): had the
    cheapest cell been taken, a reader would know every `x` is at most each other eligible
    published cell of its relation, which pinned a looptijd `<10` to 9 (docs/disclosure.md)."""
    margins = _margins(problem)
    eligible = []
    for key in keys:
        cell = problem.cells[key]
        if statuses[key] is not CellStatus.WAARDE or key in problem.frozen or cell.value is None:
            continue
        if cell.is_count and cell.value < problem.settings.threshold:
            continue
        eligible.append(key)
    return sorted(eligible, key=lambda k: (k in margins, k))


def _needs_secondary(
    relation: Relation, problem: ProtectionProblem, statuses: dict[CellKey, CellStatus]
) -> bool:
    if relation.sense is Sense.HOOGSTENS:
        # An inequality bounds rather than reveals; how far, only the exact audit can tell, and
        # its repair adds what is needed.
        return False
    hidden = [key for key in relation.keys if statuses[key] in HIDING]
    if len(hidden) == 1:
        return True
    if len(hidden) < 2 or relation.kind is RelationKind.AANDEEL:
        return False
    # Only small cells hidden: the reader knows their sum exactly (R3). Whether that sum is
    # small is not asked: a secondary that appears only when it is would tell the reader so.
    return all(statuses[key] is CellStatus.PRIMAIR for key in hidden)


def _apply_links(problem: ProtectionProblem, statuses: dict[CellKey, CellStatus]) -> bool:
    """P2: an amount is hidden when its linked count of persons is hidden."""
    changed = False
    for amount, count in sorted(problem.links.items()):
        if statuses.get(count) in HIDING and statuses.get(amount) is CellStatus.WAARDE:
            statuses[amount] = CellStatus.SECUNDAIR
            changed = True
    return changed


def hide_cheapest(
    keys: list[CellKey], problem: ProtectionProblem, statuses: dict[CellKey, CellStatus]
) -> bool:
    candidates = candidate_order(keys, problem, statuses)
    if not candidates:
        return False
    statuses[candidates[0]] = CellStatus.SECUNDAIR
    return True


def secondary_suppression(
    problem: ProtectionProblem, statuses: dict[CellKey, CellStatus]
) -> dict[CellKey, CellStatus]:
    """Add secondaries until no relation reveals a hidden cell by itself (a fixed point)."""
    statuses = dict(statuses)
    # Sorted by their (sorted) terms: the same relation written in another order is the same.
    relations = sorted(
        problem.relations, key=lambda r: (r.kind.value, r.sense.value, sorted(r.terms))
    )
    changed = True
    while changed:
        changed = _apply_links(problem, statuses)
        for relation in relations:
            if _needs_secondary(relation, problem, statuses):
                changed |= hide_cheapest(list(relation.keys), problem, statuses)
    return statuses


def suppress(problem: ProtectionProblem) -> dict[CellKey, CellStatus]:
    return secondary_suppression(problem, initial_statuses(problem))
