"""Property-based: whatever the overlap between voorzieningen, and however far a breakdown falls
short of its total, an attacker who knows the inequalities pins no hidden count and leaves every
`<10` at least four values (or the gate refuses to publish). The attacker is tests/support/
attacker.py, a formulation of its own, not the gate's audit."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import event, given, settings
from hypothesis import strategies as st

from monitor.config import DEFAULT_CATALOGUE
from monitor.disclosure.model import GateError, ProtectionCell, ProtectionProblem
from monitor.disclosure.protection import audited_statuses
from monitor.disclosure.relations import declared_relations, relations_that_hold, settings_of
from monitor.domain.catalogue import load_catalogue
from monitor.figures.exact import CellKey
from monitor.figures.published import CellStatus
from tests.support.attacker import leaks

CATALOGUE = load_catalogue(DEFAULT_CATALOGUE)
PEILDATUM = "2024-03"
VOORZIENINGEN = ("Begeleiding", "Hulp bij het huishouden", "Hulpmiddelen", "Vervoer",
                 "Woonvoorzieningen", "Dagbesteding")  # fmt: skip
TREDES = tuple(f"Trede {n}" for n in range(1, 7))


def published_to_a_reader(values: dict[CellKey, int]) -> tuple[dict, list] | None:
    """The cells as the gate publishes them and the relations a reader knows; None when the
    gate refuses to publish."""
    exact = {key: Decimal(value) for key, value in values.items()}
    relations = relations_that_hold(declared_relations(list(exact), CATALOGUE), exact)  # type: ignore[arg-type]
    cells = {key: ProtectionCell(key, value, True) for key, value in exact.items()}
    problem = ProtectionProblem(cells, relations, settings=settings_of(CATALOGUE))
    try:
        statuses = audited_statuses(problem)
    except GateError:
        event("the gate refuses to publish")
        return None
    shown = {key: (statuses[key], exact[key] if statuses[key] is CellStatus.WAARDE else None)
             for key in exact}  # fmt: skip
    if any(status is CellStatus.PRIMAIR for status, _ in shown.values()):
        event("small cells present")
    return shown, relations


@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(st.integers(0, 80), min_size=2, max_size=len(VOORZIENINGEN)),
    overlap=st.floats(0, 1),
)
def test_voorzieningen_next_to_a_unique_total_with_random_overlap(parts, overlap):
    # The unique total lies between the largest voorziening (everyone overlaps) and the sum
    # (nobody has two voorzieningen).
    total = max(parts) + round((sum(parts) - max(parts)) * (1 - overlap))
    values = {
        ("wmo.clienten", name, PEILDATUM): v for name, v in zip(VOORZIENINGEN, parts, strict=False)
    }
    values[("wmo.clienten", "", PEILDATUM)] = total
    outcome = published_to_a_reader(values)
    if outcome is not None:
        assert leaks(*outcome) == []


@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(st.integers(0, 80), min_size=2, max_size=len(TREDES)),
    unknown=st.integers(0, 25),
)
def test_a_breakdown_whose_categories_fall_short_of_the_total(parts, unknown):
    values = {("participatie.uitkeringen_trede", name, PEILDATUM): v
              for name, v in zip(TREDES, parts, strict=False)}  # fmt: skip
    values[("participatie.uitkeringen", "", PEILDATUM)] = sum(parts) + unknown
    outcome = published_to_a_reader(values)
    if outcome is not None:
        assert leaks(*outcome) == []
