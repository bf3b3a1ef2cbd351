"""Property-based: whatever the overlap between voorzieningen, and however far a breakdown falls
short of its total, an attacker who knows the inequalities pins no hidden count and leaves every
`<10` at least four values (or the gate refuses to publish). The attacker is tests/support/
attacker.py, a formulation of its own, not the gate's audit. The last property starts from
Gemeente Voorbeeld-Klein, the small demo gemeente, and revises it at random."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from monitor.config import DEFAULT_CATALOGUE
from monitor.demo.small import small_rows, voorbeeld_rows
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


@pytest.fixture(scope="module")
def small_gemeente(demo_data_dir: Path) -> dict[tuple[str, str], dict[str, int]]:
    """Gemeente Voorbeeld-Klein's figures per (indicator, periode), from the demo store."""
    grouped: dict[tuple[str, str], dict[str, int]] = {}
    for indicator, periode, categorie, value in small_rows(
        voorbeeld_rows(demo_data_dir), CATALOGUE
    ):
        grouped.setdefault((indicator, periode), {})[categorie] = int(value)
    return grouped


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(month=st.integers(1, 56), revisions=st.lists(st.integers(-2, 2), min_size=7, max_size=7))
def test_the_small_gemeentes_clients_and_flows_with_random_revisions(
    small_gemeente: dict[tuple[str, str], dict[str, int]], month: int, revisions: list[int]
) -> None:
    """Gemeente Voorbeeld-Klein's Wmo clients per voorziening of two months with the flows in
    between, each voorziening revised by a late registration or two (into the flows as well)."""
    months = sorted({p for (i, p) in small_gemeente if i == "wmo.clienten"})
    before, now = months[month - 1], months[month]
    values: dict[CellKey, int] = {}
    for indicator, periode in (("wmo.clienten", before), ("wmo.clienten", now),
                               ("wmo.instroom", now), ("wmo.uitstroom", now)):  # fmt: skip
        for categorie, value in small_gemeente[(indicator, periode)].items():
            values[(indicator, categorie, periode)] = value
    parts = sorted(c for c in small_gemeente[("wmo.clienten", now)] if c)
    for categorie, change in zip(parts, revisions, strict=False):
        change = max(change, -values[("wmo.clienten", categorie, now)],
                     -values[("wmo.instroom", categorie, now)])  # fmt: skip
        for key in (("wmo.clienten", categorie, now), ("wmo.instroom", categorie, now),
                    ("wmo.clienten", "", now), ("wmo.instroom", "", now)):  # fmt: skip
            values[key] += change
    outcome = published_to_a_reader(values)
    if outcome is not None:
        assert leaks(*outcome) == []
