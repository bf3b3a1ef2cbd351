"""Building the protection problem of an edition: every cell shown in any figure, and the
relations the catalogue declares between them, kept only where they hold on the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from decimal import Decimal

from monitor.disclosure.model import (
    SHARE_TOLERANCE,
    ProtectionCell,
    ProtectionProblem,
    Relation,
    RelationKind,
    Sense,
    Settings,
)
from monitor.domain.catalogue import Catalogue
from monitor.domain.periods import Period, PeriodKind, period_containing, period_from_key
from monitor.figures.exact import CellKey, ExactTable
from monitor.figures.published import CellStatus

SHARE_SUFFIX = "#aandeel"
HUNDRED = ("#honderd", "", "")


def _month_of(day: dt.date) -> str:
    return period_containing(day, PeriodKind.MAAND).key


def collect_cells(tables: Iterable[ExactTable]) -> dict[CellKey, ProtectionCell]:
    cells: dict[CellKey, ProtectionCell] = {}
    for table in tables:
        for cell in (*table.cells, *table.support):
            if cell.key is None:
                continue
            known = cells.get(cell.key)
            if known is not None and known.value != cell.value:
                raise ValueError(f"cell {cell.key} has two values: {known.value} and {cell.value}")
            cells[cell.key] = ProtectionCell(cell.key, cell.value, cell.sensitive)
    return cells


def _values(cells: dict[CellKey, ProtectionCell]) -> dict[CellKey, Decimal | None]:
    return {key: cell.value for key, cell in cells.items()}


def sum_relations(cells: Collection[CellKey], catalogue: Catalogue) -> list[Relation]:
    """total = Σ categories, for indicators whose categories add up (`optelbaar_tot`)."""
    relations = []
    by_period: dict[tuple[str, str], list[CellKey]] = {}
    for key in cells:
        indicator, categorie, periode = key
        if categorie and catalogue.get(indicator) and catalogue.by_id[indicator].optelbaar_tot:
            by_period.setdefault((indicator, periode), []).append(key)
    for (indicator, periode), parts in sorted(by_period.items()):
        target = catalogue.by_id[indicator].optelbaar_tot
        total = next(
            (k for k in ((target, "", periode), (indicator, "", periode)) if k in cells), None
        )
        if total is None:
            continue
        terms = ((total, 1), *((part, -1) for part in sorted(parts)))
        relations.append(Relation(RelationKind.SOM, terms, total=total))
    return relations


def overlap_relations(cells: Collection[CellKey], catalogue: Catalogue) -> list[Relation]:
    """part ≤ total and total ≤ Σ parts, for counts whose categories overlap
    (`categorieen_overlappen`): a client counts once per voorziening and once in the total."""
    relations = []
    by_period: dict[tuple[str, str], list[CellKey]] = {}
    for key in cells:
        indicator = catalogue.get(key[0])
        if key[1] and indicator is not None and indicator.categorieen_overlappen:
            by_period.setdefault((key[0], key[2]), []).append(key)
    for (indicator_id, periode), parts in sorted(by_period.items()):
        total = (indicator_id, "", periode)
        if total not in cells:
            continue
        relations.extend(
            Relation(
                RelationKind.UNIEK, ((part, 1), (total, -1)), total=total, sense=Sense.HOOGSTENS
            )
            for part in sorted(parts)
        )
        terms = ((total, 1), *((part, -1) for part in sorted(parts)))
        relations.append(Relation(RelationKind.UNIEK, terms, total=total, sense=Sense.HOOGSTENS))
    return relations


def _flow_period(key: CellKey) -> Period | None:
    try:
        return period_from_key(key[2])
    except ValueError:
        return None


def stock_flow_relations(
    cells: dict[CellKey, ProtectionCell], catalogue: Catalogue
) -> list[Relation]:
    """stand(end) = stand(end of the period before) + instroom − uitstroom, per shown period,
    for the total and for every category shown with its own flows (in- en uitstroom of one
    voorziening)."""
    relations = []
    for indicator in catalogue.indicator:
        if not (indicator.instroom and indicator.uitstroom):
            continue
        for key in sorted(k for k in cells if k[0] == indicator.instroom):
            period = _flow_period(key)
            if period is None or period.kind is PeriodKind.JAAR:
                continue
            categorie = key[1]
            end = (indicator.id, categorie, _month_of(period.end))
            before = (indicator.id, categorie, _month_of(period.start - dt.timedelta(days=1)))
            out = (indicator.uitstroom, categorie, key[2])
            members = (end, before, key, out)
            if all(member in cells for member in members):
                terms = ((end, 1), (before, -1), (key, -1), (out, 1))
                relations.append(Relation(RelationKind.VOORRAAD, terms))
    return relations


def share_relations(cells: Collection[CellKey]) -> list[Relation]:
    """The shares of one quarter add up to 100%."""
    groups: dict[tuple[str, str], list[CellKey]] = {}
    for key in cells:
        if key[0].endswith(SHARE_SUFFIX):
            groups.setdefault((key[0], key[2]), []).append(key)
    return [
        Relation(RelationKind.AANDEEL, ((HUNDRED, -1), *((k, 1) for k in sorted(members))))
        for _, members in sorted(groups.items())
    ]


def share_links(
    cells: dict[CellKey, ProtectionCell], catalogue: Catalogue
) -> dict[CellKey, CellKey]:
    """P2: the share of an amount per category follows its linked count per category."""
    links = {}
    for key in cells:
        if not key[0].endswith(SHARE_SUFFIX):
            continue
        indicator = catalogue.get(key[0].removesuffix(SHARE_SUFFIX))
        if indicator is None or not indicator.gekoppeld_aan:
            continue
        period = _flow_period(key)
        if period is None:
            continue
        count = (indicator.gekoppeld_aan, key[1], _month_of(period.end))
        if count in cells:
            links[key] = count
    return links


def settings_of(catalogue: Catalogue) -> Settings:
    return Settings(
        threshold=catalogue.instellingen.drempel,
        zeros_published=catalogue.instellingen.nullen_publiceren,
    )


def structural_keys(cells: Collection[CellKey], catalogue: Catalogue) -> set[CellKey]:
    """Cells of categories the catalogue declares impossible (structural zeros)."""
    return {
        key for key in cells
        if (indicator := catalogue.get(key[0])) is not None and key[1] in indicator.structureel
    }  # fmt: skip


def tolerance(relation: Relation) -> Decimal:
    return SHARE_TOLERANCE if relation.kind is RelationKind.AANDEEL else Decimal(0)


def declared_relations(keys: Collection[CellKey], catalogue: Catalogue) -> list[Relation]:
    """Every relation the catalogue declares between these cells (whether or not it holds)."""
    present = [key for key in keys if key != HUNDRED]
    return [
        *sum_relations(present, catalogue),
        *overlap_relations(present, catalogue),
        *stock_flow_relations(present, catalogue),
        *share_relations(present),
    ]


def relations_that_hold(
    relations: Iterable[Relation], values: dict[CellKey, Decimal | None]
) -> list[Relation]:
    """The relations a reader can use: those that hold on the data. A sum whose categories
    fall short of the total (an unknown category not delivered) still bounds them: Σ ≤ total."""
    kept = []
    for relation in relations:
        if relation.holds(values, tolerance(relation)):
            kept.append(relation)
        elif relation.kind is RelationKind.SOM and relation.at_most().holds(values):
            kept.append(relation.at_most())
    return kept


def protection_problem(
    tables: list[ExactTable],
    catalogue: Catalogue,
    frozen: dict[CellKey, CellStatus] | None = None,
) -> ProtectionProblem:
    cells = collect_cells(tables)
    cells[HUNDRED] = ProtectionCell(HUNDRED, Decimal(100), False)
    values = _values(cells)
    # Relations that hold on the real data are what a reader can use; the declared ones the data
    # misses are what a reader may still believe.
    delivered = [key for key, cell in cells.items() if cell.value is not None]
    declared = declared_relations(delivered, catalogue)
    relations = relations_that_hold(declared, values)
    holding = {frozenset(relation.keys) for relation in relations}
    believed = [relation for relation in declared if frozenset(relation.keys) not in holding]
    settings = settings_of(catalogue)
    fixed = {HUNDRED: CellStatus.WAARDE, **(frozen or {})}
    fixed |= {key: CellStatus.STRUCTUREEL for key in structural_keys(cells, catalogue)}
    shown = frozenset({HUNDRED, *(c.key for t in tables for c in t.cells if c.key is not None)})
    return ProtectionProblem(
        cells, relations, share_links(cells, catalogue), fixed, settings, shown, believed
    )
