"""The "Vergelijking" figure: a CBS rate of the gemeente per year beside Nederland, gemeenten of
the same grootteklasse, a configured region and chosen peers (`reference_groups`). The cells are
CBS's published figures and rates computed from them, none a count of the gemeente's own
clients, so none is sensitive; they still pass the gate like every other figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.domain.catalogue import Eenheid, VergelijkingsCijfer
from monitor.domain.registry import FigureSpec
from monitor.figures.exact import ExactCell, ExactTable
from monitor.figures.reference_groups import (
    GroupRate,
    RateDefinition,
    group_rates,
    size_class_rates,
)

if TYPE_CHECKING:
    from monitor.figures.builders import FigureContext

NEDERLAND = ("NL01", "NL00")
SIZE_CLASS_ROW = "Gemeenten van dezelfde grootteklasse"
PEERS_ROW = "Gekozen vergelijkbare gemeenten"


def _topic(reference: str) -> tuple[str, str]:
    tabel, onderwerp = reference.split(":", 1)
    return tabel, onderwerp


def rate_definition(rate: VergelijkingsCijfer) -> RateDefinition:
    teller_tabel, teller = _topic(rate.teller)
    noemer_tabel, noemer = _topic(rate.noemer)
    return RateDefinition(teller_tabel, teller, noemer_tabel, noemer, rate.per)


def _yearly(rates: list[GroupRate], last_year: int) -> dict[str, GroupRate]:
    """Year figures only (CBS tables mix half-years in), up to the edition's year."""
    return {
        r.periode_label: r
        for r in rates
        if r.periode.endswith("JJ00") and int(r.periode[:4]) <= last_year
    }


def build_vergelijking(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    settings = ctx.catalogue.vergelijking
    assert settings is not None  # nosec B101 - the registry declares this figure only then
    rate = next(c for c in settings.cijfer if c.id == spec.vergelijking)
    definition = rate_definition(rate)
    year = ctx.edition.year
    own = _yearly(group_rates(ctx.con, definition, "gemeente", [settings.gemeente]), year)
    own_name = ctx.catalogue.instellingen.gemeente_naam
    groups: list[tuple[str, dict[str, GroupRate]]] = [
        (own_name, own),
        ("Nederland", _yearly(group_rates(ctx.con, definition, "Nederland", NEDERLAND), year)),
    ]
    by_size = size_class_rates(ctx.con, definition, _topic(rate.inwoners or rate.noemer),
                               settings.gemeente)  # fmt: skip
    groups.append((SIZE_CLASS_ROW, _yearly(by_size, year)))
    if settings.regio:
        name = settings.regio_naam or "Regio"
        groups.append((name, _yearly(group_rates(ctx.con, definition, name, settings.regio), year)))
    if settings.vergelijkbaar:
        groups.append((PEERS_ROW, _yearly(
            group_rates(ctx.con, definition, PEERS_ROW, settings.vergelijkbaar), year
        )))  # fmt: skip
    years = sorted({label for _, found in groups for label in found})
    unit = {100: Eenheid.PROCENT, 1000: Eenheid.PER_1000}.get(rate.per, Eenheid.AANTAL)
    rows = [name for name, _ in groups]
    cells = tuple(
        ExactCell(
            name, label, label, name, found[label].waarde if label in found else None, unit, False
        )
        for name, found in groups
        for label in years
    )
    notes = [
        f"{name}, {label}: {found[label].coverage()}"
        + (f" ({found[label].group})" if name == SIZE_CLASS_ROW else "")
        for name, found in groups[2:]
        for label in years
        if label in found
    ]
    if rate.verschil_met_eigen_cijfers:
        notes.append(rate.verschil_met_eigen_cijfers)
    return ExactTable(spec, unit, "Groep", tuple(rows), tuple(years), cells, tuple(notes))
