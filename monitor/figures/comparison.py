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
    published_rates,
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


def rate_definition(rate: VergelijkingsCijfer) -> RateDefinition | None:
    """The numerator and denominator a group's ratio of sums needs; None when only the rate CBS
    publishes itself is configured. The dimension codes hold for the denominator too when it is
    in the same table."""
    if rate.teller is None or rate.noemer is None:
        return None
    teller_tabel, teller = _topic(rate.teller)
    noemer_tabel, noemer = _topic(rate.noemer)
    noemer_dimensies = rate.dimensies if noemer_tabel == teller_tabel else ""
    return RateDefinition(
        teller_tabel, teller, noemer_tabel, noemer, rate.per, rate.dimensies, noemer_dimensies
    )


def _yearly(rates: list[GroupRate], last_year: int) -> dict[str, GroupRate]:
    """Year figures only (CBS tables mix half-years in), up to the edition's year."""
    return {
        r.periode_label: r
        for r in rates
        if r.periode.endswith("JJ00") and int(r.periode[:4]) <= last_year
    }


def _own_and_national(
    ctx: FigureContext, rate: VergelijkingsCijfer, gemeente: str
) -> tuple[list[GroupRate], list[GroupRate]]:
    """The gemeente's and Nederland's rate: as CBS publishes it where configured, otherwise
    from numerator and denominator like every group."""
    if rate.cijfer is not None:
        tabel, onderwerp = _topic(rate.cijfer)
        return (
            published_rates(ctx.con, tabel, onderwerp, rate.dimensies, "gemeente", [gemeente]),
            published_rates(ctx.con, tabel, onderwerp, rate.dimensies, "Nederland", NEDERLAND),
        )
    definition = rate_definition(rate)
    assert definition is not None  # nosec B101 - the catalogue requires one of the two
    return (
        group_rates(ctx.con, definition, "gemeente", [gemeente]),
        group_rates(ctx.con, definition, "Nederland", NEDERLAND),
    )


def build_vergelijking(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    settings = ctx.catalogue.vergelijking
    assert settings is not None  # nosec B101 - the registry declares this figure only then
    rate = next(c for c in settings.cijfer if c.id == spec.vergelijking)
    year = ctx.edition.year
    own, national = _own_and_national(ctx, rate, settings.gemeente)
    groups: list[tuple[str, dict[str, GroupRate]]] = [
        (ctx.catalogue.instellingen.gemeente_naam, _yearly(own, year)),
        ("Nederland", _yearly(national, year)),
    ]
    notes = []
    definition = rate_definition(rate)
    if definition is None:
        notes.append(
            "Gemeenten van dezelfde grootteklasse, een regio en gekozen gemeenten zijn niet te "
            "vergelijken: CBS publiceert in deze tabel het cijfer zelf, zonder de tellers en "
            "noemers waaruit een groepscijfer wordt berekend."
        )
    else:
        inwoners = (
            _topic(rate.inwoners) if rate.inwoners else (definition.noemer_tabel, definition.noemer)
        )
        by_size = size_class_rates(ctx.con, definition, inwoners, settings.gemeente)
        groups.append((SIZE_CLASS_ROW, _yearly(by_size, year)))
        if settings.regio:
            name = settings.regio_naam or "Regio"
            found = group_rates(ctx.con, definition, name, settings.regio)
            groups.append((name, _yearly(found, year)))
        if settings.vergelijkbaar:
            found = group_rates(ctx.con, definition, PEERS_ROW, settings.vergelijkbaar)
            groups.append((PEERS_ROW, _yearly(found, year)))
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
    notes[:0] = [
        f"{name}, {label}: {found[label].coverage()}"
        + (f" ({found[label].group})" if name == SIZE_CLASS_ROW else "")
        for name, found in groups[2:]
        for label in years
        if label in found
    ]
    if rate.verschil_met_eigen_cijfers:
        notes.append(rate.verschil_met_eigen_cijfers)
    return ExactTable(spec, unit, "Groep", tuple(rows), tuple(years), cells, tuple(notes))
