"""Protecting a whole edition: suppression, then audit and repair until the audit passes.

Nothing is published unaudited: when no repair makes the audit pass, `GateError` is raised.
"""

from __future__ import annotations

from monitor.disclosure.audit import Finding, audit, components, reader_view
from monitor.disclosure.model import GateError, ProtectionProblem
from monitor.disclosure.suppression import hide_cheapest, secondary_suppression, suppress
from monitor.figures.exact import CellKey
from monitor.figures.published import CellStatus

MAX_REPAIR_ROUNDS = 500


def _neighbours(keys: tuple[CellKey, ...], problem: ProtectionProblem) -> list[CellKey]:
    index = problem.relations_of()
    return sorted(
        {other for key in keys for relation in index.get(key, []) for other in relation.keys}
    )


def _repair(
    finding: Finding, problem: ProtectionProblem, statuses: dict[CellKey, CellStatus]
) -> bool:
    """Hide the cheapest cell next to the failing one; as a last resort its whole group."""
    if hide_cheapest(_neighbours(finding.keys, problem), problem, statuses):
        return True
    view = reader_view(problem, statuses)
    for keys, relations in components(view):
        if set(finding.keys) & set(keys):
            block = sorted({k for relation in relations for k in relation.keys})
            hidden_any = False
            while hide_cheapest(block, problem, statuses):
                hidden_any = True
            return hidden_any
    return False


def audited_statuses(problem: ProtectionProblem) -> dict[CellKey, CellStatus]:
    """Statuses for every cell that pass the audit (R1–R3)."""
    statuses = suppress(problem)
    for _ in range(MAX_REPAIR_ROUNDS):
        findings = audit(reader_view(problem, statuses))
        if not findings:
            return statuses
        inconsistent = [f for f in findings if f.rule == "inconsistent"]
        if inconsistent:
            raise GateError(inconsistent[0].describe())
        repaired = False
        handled: set[CellKey] = set()
        for finding in findings:
            if set(finding.keys) & handled:
                continue
            handled.update(_neighbours(finding.keys, problem))
            repaired |= _repair(finding, problem, statuses)
        if not repaired:
            raise GateError(
                "De AVG-controle kan niet slagen: " + " ".join(f.describe() for f in findings[:5])
            )
        statuses = secondary_suppression(problem, statuses)
    raise GateError("De AVG-controle slaagt niet binnen het maximale aantal herstelrondes.")
