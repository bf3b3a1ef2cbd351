"""Computing the exact table of each declared figure for an edition, from the SQL modules.

One builder per shape; the registry says which shape a figure has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import duckdb

from monitor.domain.catalogue import Catalogue, Eenheid
from monitor.domain.editions import Edition
from monitor.domain.periods import MONTH_ABBREVIATIONS, period_from_key
from monitor.domain.registry import FigureSpec, Shape
from monitor.domain.table_roles import LABELS, TableRole
from monitor.figures.comparison import build_vergelijking
from monitor.figures.exact import CellRef, ExactCell, ExactTable
from monitor.store.sql import execute, fetch_records

BEGROTING, PROGNOSE, SALDO = (
    LABELS[TableRole.BEGROTING],
    LABELS[TableRole.PROGNOSE],
    LABELS[TableRole.SALDO],
)
AVERAGE, CHANGE = LABELS[TableRole.GEMIDDELDE], LABELS[TableRole.VERANDERING]
TOTAAL, INSTROOM, UITSTROOM = (
    LABELS[TableRole.TOTAAL],
    LABELS[TableRole.INSTROOM],
    LABELS[TableRole.UITSTROOM],
)
MONTHS = list(MONTH_ABBREVIATIONS)
MONTH_ROLES = (TableRole.MAAND,) * len(MONTHS)


class FigureContext:
    """What every builder needs: a connection (one cursor per query), the edition and settings."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, edition: Edition, catalogue: Catalogue, gemeente: str
    ) -> None:
        self.con = con
        self.edition = edition
        self.catalogue = catalogue
        self.gemeente = gemeente

    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        cursor = self.con.cursor()
        try:
            execute(cursor, "macros/totaal_per_periode")
            return fetch_records(cursor, name, gemeente=self.gemeente, **params)
        finally:
            cursor.close()

    def window(self) -> dict[str, dt.date]:
        return {
            "eerste": dt.date(self.edition.years[0], 1, 1),
            "laatste": self.edition.peildatum_date,
        }

    def total_window(self, indicator: str, categorie: str = "") -> dict[str, Any]:
        """Window parameters for queries of a total, or of one category when one is named.
        Amounts may be summed over categories when no total was delivered; person counts may not
        (a client in two categories counts once)."""
        return {
            **self.window(),
            "som_categorieen": not self.sensitive(indicator),
            "categorie": categorie,
        }

    def unit_of(self, indicator: str) -> Eenheid:
        return self.catalogue.by_id[indicator].eenheid

    def sensitive(self, indicator: str) -> bool:
        return self.catalogue.by_id[indicator].gevoelig


def ordered_categories(ctx: FigureContext, indicator: str, names: set[str]) -> list[str]:
    """Categories in the catalogue's order (age and duration classes in their natural order),
    any others after them alphabetically."""
    declared = [c for c in ctx.catalogue.by_id[indicator].categorieen if c in names]
    return declared + sorted(names - set(declared))


def shown_categories(ctx: FigureContext, spec: FigureSpec, names: set[str]) -> list[str]:
    """The categories a figure shows: those its configuration chose, in that order, or all."""
    if spec.categories:
        return [name for name in spec.categories if name in names]
    return ordered_categories(ctx, spec.main_indicator, names)


def hidden_note(spec: FigureSpec, shown: list[str], names: set[str]) -> tuple[str, ...]:
    """A sentence naming what the chosen categories leave out, so a reader knows the table is not
    all of it (and a Totaal row is not the sum of the rows shown)."""
    hidden = sorted(names - set(shown))
    if not spec.categories or not hidden:
        return ()
    return (f"Niet getoond: {', '.join(hidden)}.",)


def _grid(
    rows: list[str], columns: list[str], make: Callable[[str, str], ExactCell]
) -> tuple[ExactCell, ...]:
    return tuple(make(row, column) for row in rows for column in columns)


def _month_cell(row: str, column: str, values: dict[tuple[int, int], Decimal], categorie: str,
                unit: Eenheid, sensitive: bool, key: tuple[str, str]) -> ExactCell:  # fmt: skip
    """The cell of one month in a table with a row per year and a column per month; `key` is the
    indicator and category of the base cell it shows."""
    year, month = int(row), MONTHS.index(column) + 1
    periode = f"{year}-{month:02d}"
    return ExactCell(row, column, periode, categorie, values.get((year, month)), unit, sensitive,
                     key=(*key, periode))  # fmt: skip


def build_cumulatieve_lasten(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    lasten, begroting, prognose = spec.indicators
    years = ctx.edition.years
    cumulative = {
        (r["jaar"], r["maand"]): r["waarde"]
        for r in ctx.query(
            "financien/cumulatieve_lasten_per_maand", indicator=lasten, **ctx.window()
        )
    }
    yearly = {
        name: {
            r["jaar"]: r["waarde"]
            for r in ctx.query(
                "financien/jaarbedragen",
                indicator=indicator,
                eerste_jaar=years[0],
                laatste_jaar=years[-1],
            )
        }
        for name, indicator in ((BEGROTING, begroting), (PROGNOSE, prognose))
    }
    columns = [*MONTHS, BEGROTING, PROGNOSE, SALDO]
    rows = [str(year) for year in years]

    def make(row: str, column: str) -> ExactCell:
        year = int(row)
        if column in MONTHS:
            return _month_cell(row, column, cumulative, "lasten cumulatief", Eenheid.EURO, False,
                               (f"{lasten}#cumulatief", ""))  # fmt: skip
        if column == SALDO:
            b, p = yearly[BEGROTING].get(year), yearly[PROGNOSE].get(year)
            value = None if b is None or p is None else b - p
            return ExactCell(
                row,
                column,
                str(year),
                "verwacht voordeel of nadeel",
                value,
                Eenheid.EURO,
                False,
                ((row, BEGROTING), (row, PROGNOSE)),
            )
        indicator = begroting if column == BEGROTING else prognose
        return ExactCell(
            row,
            column,
            str(year),
            column.lower(),
            yearly[column].get(year),
            Eenheid.EURO,
            False,
            key=(indicator, "", str(year)),
        )

    return ExactTable(
        spec, Eenheid.EURO, "Jaar", tuple(rows), tuple(columns), _grid(rows, columns, make),
        column_roles=(*MONTH_ROLES, TableRole.BEGROTING, TableRole.PROGNOSE, TableRole.SALDO),
    )  # fmt: skip


def _trend_note(year: int, trend: dict[str, Any]) -> str:
    """What a partial year's average and change are based on; empty for two whole years."""
    parts = []
    if trend["maanden"] < 12:
        parts.append(f"gemiddelde over {trend['maanden']} maanden")
    if 0 < trend["vergeleken"] < 12:
        parts.append(
            f"de verandering vergelijkt dezelfde {trend['vergeleken']} maanden van {year - 1}"
        )
    return f"{year}: {'; '.join(parts)}" if parts else ""


def build_maandreeks(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    indicator, categorie = spec.main_indicator, spec.categorie
    unit, sensitive = ctx.unit_of(indicator), ctx.sensitive(indicator)
    window = ctx.total_window(indicator, categorie)
    values = {
        (r["jaar"], r["maand"]): r["waarde"]
        for r in ctx.query("gedeeld/maandwaarden_totaal", indicator=indicator, **window)
    }
    trend = {
        r["jaar"]: r
        for r in ctx.query("gedeeld/jaargemiddelde_per_maand", indicator=indicator, **window)
    }
    columns = [*MONTHS, AVERAGE, CHANGE]
    rows = [str(year) for year in ctx.edition.years]

    def month_refs(year: int) -> tuple[CellRef, ...]:
        return tuple((str(year), MONTHS[m - 1]) for (y, m) in sorted(values) if y == year)

    def compared_refs(year: int) -> tuple[CellRef, ...]:
        # The change compares the months both years have: those cells are what it derives from.
        both = [m for (y, m) in sorted(values) if y == year and (year - 1, m) in values]
        return tuple((str(y), MONTHS[m - 1]) for y in (year, year - 1) for m in both)

    def make(row: str, column: str) -> ExactCell:
        year = int(row)
        if column in MONTHS:
            return _month_cell(row, column, values, categorie, unit, sensitive,
                               (indicator, categorie))  # fmt: skip
        info = trend.get(year)
        if column == AVERAGE:
            value = None if info is None else Decimal(info["gemiddelde"])
            return ExactCell(
                row, column, str(year), "gemiddeld per maand", value, unit, False, month_refs(year)
            )
        change = None if info is None else info["verandering_procent"]
        return ExactCell(
            row,
            column,
            str(year),
            "verandering t.o.v. vorig jaar",
            None if change is None else Decimal(change),
            Eenheid.PROCENT,
            False,
            compared_refs(year),
        )

    notes = tuple(
        note
        for year in ctx.edition.years
        if year in trend and (note := _trend_note(year, trend[year]))
    )
    return ExactTable(
        spec, unit, "Jaar", tuple(rows), tuple(columns), _grid(rows, columns, make), notes,
        column_roles=(*MONTH_ROLES, TableRole.GEMIDDELDE, TableRole.VERANDERING),
    )  # fmt: skip


def build_verdeling(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    records = ctx.query(
        "gedeeld/verdeling_per_kwartaal", indicator=spec.main_indicator, **ctx.window()
    )
    quarters = [q.key for q in ctx.edition.quarters]
    shares = {(r["categorie"], r["periode"]): r["procent"] for r in records}
    names = {r["categorie"] for r in records}
    rows = shown_categories(ctx, spec, names)

    def make(row: str, column: str) -> ExactCell:
        value = shares.get((row, column))
        return ExactCell(
            row,
            column,
            column,
            row,
            None if value is None else Decimal(value),
            Eenheid.PROCENT,
            False,
            key=(f"{spec.main_indicator}#aandeel", row, column),
        )

    header = ctx.catalogue.by_id[spec.main_indicator].categorie
    # A hidden category's shares still add up to 100% with the shown ones: the gate sees them.
    hidden = _grid(sorted(names - set(rows)), quarters, make)
    return ExactTable(
        spec,
        Eenheid.PROCENT,
        header,
        tuple(rows),
        tuple(quarters),
        _grid(rows, quarters, make),
        hidden_note(spec, rows, names),
        support=(*_linked_counts(ctx, spec.main_indicator), *hidden),
    )


def _linked_counts(ctx: FigureContext, indicator: str) -> tuple[ExactCell, ...]:
    """The counts of persons per category behind an amount per category (P2), at quarter ends."""
    linked = ctx.catalogue.by_id[indicator].gekoppeld_aan
    if not linked:
        return ()
    records = ctx.query(
        "gedeeld/stand_per_categorie_op_kwartaaleinde", indicator=linked, **ctx.window()
    )
    return tuple(
        ExactCell("", "", r["periode"], r["categorie"], r["waarde"], ctx.unit_of(linked),
                  ctx.sensitive(linked), key=(linked, r["categorie"], r["periode"]))
        for r in records
    )  # fmt: skip


def _stand_table(ctx: FigureContext, spec: FigureSpec, with_total: bool) -> ExactTable:
    indicator = spec.main_indicator
    unit, sensitive = ctx.unit_of(indicator), ctx.sensitive(indicator)
    records = ctx.query(
        "gedeeld/stand_per_categorie_op_kwartaaleinde", indicator=indicator, **ctx.window()
    )
    values = {(r["categorie"], r["periode"]): r["waarde"] for r in records}
    months = [m.key for m in ctx.edition.quarter_end_months]
    labels = {m: period_from_key(m).label for m in months}
    names = {r["categorie"] for r in records}
    every = ordered_categories(ctx, indicator, names)
    rows = shown_categories(ctx, spec, names)
    keys = {(row, month): (indicator, row, month) for row in every for month in months}
    row_roles: tuple[TableRole | None, ...] = ()
    if with_total:
        # The Totaal is that of every category, also where the figure shows only some.
        totals, total_keys = _totals(ctx, indicator, every, months, values)
        values.update(totals)
        keys.update(total_keys)
        row_roles = (*([None] * len(rows)), TableRole.TOTAAL)
        rows.append(TOTAAL)
    columns = [labels[m] for m in months]
    by_label = {label: month for month, label in labels.items()}

    def make(row: str, column: str) -> ExactCell:
        month = by_label[column]
        return ExactCell(
            row,
            column,
            month,
            "" if row == TOTAAL else row,
            values.get((row, month)),
            unit,
            sensitive,
            key=keys[(row, month)],
        )

    header = ctx.catalogue.by_id[indicator].categorie
    # Hidden categories still relate to the Totaal and to other figures: the gate sees them.
    hidden = _grid([row for row in every if row not in rows], columns, make)
    return ExactTable(spec, unit, header, tuple(rows), tuple(columns), _grid(rows, columns, make),
                      hidden_note(spec, rows, names), support=hidden,
                      row_roles=row_roles)  # fmt: skip


def _totals(ctx: FigureContext, indicator: str, rows: list[str], months: list[str],
            values: dict[tuple[str, str], Decimal]) -> tuple[dict, dict]:  # fmt: skip
    """The values and keys of the Totaal row. Where the catalogue says the categories add up to another indicator (the
    kenmerken of uitkeringen add up to all uitkeringen), the total *is* that indicator's cell, so
    it has one key and one status in every view; otherwise it is the sum of the categories."""
    totals: dict[tuple[str, str], Decimal] = {}
    keys: dict[tuple[str, str], tuple[str, str, str]] = {}
    target = ctx.catalogue.by_id[indicator].optelbaar_tot
    delivered = {}
    if target:
        delivered = {
            r["periode"]: r["waarde"]
            for r in ctx.query("gedeeld/maandwaarden_totaal", indicator=target,
                               **ctx.total_window(target))
            if r["waarde"] is not None
        }  # fmt: skip
    for month in months:
        if month in delivered:
            totals[(TOTAAL, month)] = delivered[month]
            keys[(TOTAAL, month)] = (target, "", month)
            continue
        parts = [values[(row, month)] for row in rows if (row, month) in values]
        if parts:
            totals[(TOTAAL, month)] = sum(parts, Decimal(0))
        keys[(TOTAAL, month)] = (indicator, "", month)
    return totals, keys


def build_stand_per_kwartaal(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    with_total = ctx.catalogue.by_id[spec.main_indicator].eenheid is Eenheid.BANEN
    return _stand_table(ctx, spec, with_total=with_total)


def build_kenmerken(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    return _stand_table(ctx, spec, with_total=True)


def build_in_uitstroom(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    instroom, uitstroom = spec.indicators
    sensitive = ctx.sensitive(instroom)
    flows = {
        label: {
            (r["periode_soort"], r["periode"]): r["waarde"]
            for r in ctx.query(
                "gedeeld/stroom_totaal_per_periode",
                indicator=indicator,
                **ctx.total_window(indicator, spec.categorie),
            )
        }
        for label, indicator in ((INSTROOM, instroom), (UITSTROOM, uitstroom))
    }
    months = [m.key for m in ctx.edition.months]
    monthly_complete = all(("maand", m) in flows[label] for label in flows for m in months)
    threshold = ctx.catalogue.instellingen.drempel
    small_month = any(
        value < threshold
        for label in flows
        for (kind, _), value in flows[label].items()
        if kind == "maand"
    )
    notes: tuple[str, ...] = ()
    if spec.quarterly_only or not monthly_complete or small_month:
        kind, periods = "kwartaal", [q.key for q in ctx.edition.quarters]
        if not spec.quarterly_only and small_month:
            notes = ("Per kwartaal weergegeven omdat maandaantallen onder 10 komen.",)
    else:
        kind, periods = "maand", months
    labels = {p: period_from_key(p).label for p in periods}
    by_label = {label: p for p, label in labels.items()}
    rows, columns = [INSTROOM, UITSTROOM], [labels[p] for p in periods]

    def make(row: str, column: str) -> ExactCell:
        period = by_label[column]
        return ExactCell(
            row,
            column,
            period,
            row.lower(),
            flows[row].get((kind, period)),
            Eenheid.PERSONEN,
            sensitive,
            key=(instroom if row == INSTROOM else uitstroom, spec.categorie, period),
        )

    return ExactTable(
        spec,
        Eenheid.PERSONEN,
        "Stroom",
        tuple(rows),
        tuple(columns),
        _grid(rows, columns, make),
        notes,
        row_roles=(TableRole.INSTROOM, TableRole.UITSTROOM),
    )


def build_bijzondere_bijstand(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    settings = ctx.catalogue.instellingen
    quarters = [q.key for q in ctx.edition.quarters]
    records = ctx.query(
        "participatie/bijzondere_bijstand_per_kwartaal",
        overig_grens=settings.overig_grens_euro,
        energietoeslag=list(settings.energietoeslag_categorieen),
        kwartalen=len(quarters),
        **ctx.window(),
    )
    values = {(r["rij"], r["periode"]): r["waarde"] for r in records}
    roles = {r["rij"]: None if r["rol"] is None else TableRole(r["rol"]) for r in records}
    rows = list(roles)

    def make(row: str, column: str) -> ExactCell:
        return ExactCell(
            row,
            column,
            column,
            row,
            values.get((row, column)),
            Eenheid.EURO,
            False,
            key=("participatie.bijzondere_bijstand#rij", row, column),
        )

    return ExactTable(
        spec, Eenheid.EURO, "Categorie", tuple(rows), tuple(quarters), _grid(rows, quarters, make),
        row_roles=tuple(roles.values()),
    )  # fmt: skip


def build_kerncijfers(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    records = ctx.query(
        "sociale_basis/kerncijfers_per_thema", prefix=f"sociale_basis.{spec.thema}.", **ctx.window()
    )
    values = {(r["indicator"], r["periode"]): r["waarde"] for r in records}
    ordered = sorted({(r["einddatum"], r["periode"]) for r in records})
    periods = [periode for _, periode in ordered]
    labels = {p: period_from_key(p).label for p in periods}
    titles = {i: ctx.catalogue.by_id[i].titel for i in spec.indicators}
    by_title = {title: indicator for indicator, title in titles.items()}
    rows, columns = list(titles.values()), [labels[p] for p in periods]
    by_label = {label: p for p, label in labels.items()}

    def make(row: str, column: str) -> ExactCell:
        indicator = by_title[row]
        period = by_label[column]
        return ExactCell(
            row,
            column,
            period,
            indicator,
            values.get((indicator, period)),
            ctx.unit_of(indicator),
            ctx.sensitive(indicator),
            key=(indicator, "", period),
        )

    return ExactTable(
        spec, Eenheid.AANTAL, "Kerncijfer", tuple(rows), tuple(columns), _grid(rows, columns, make)
    )


BUILDERS: dict[Shape, Callable[[FigureContext, FigureSpec], ExactTable]] = {
    Shape.CUMULATIEVE_LASTEN: build_cumulatieve_lasten,
    Shape.MAANDREEKS_PER_JAAR: build_maandreeks,
    Shape.VERDELING_PER_KWARTAAL: build_verdeling,
    Shape.STAND_PER_KWARTAAL: build_stand_per_kwartaal,
    Shape.KENMERKEN: build_kenmerken,
    Shape.IN_UITSTROOM: build_in_uitstroom,
    Shape.BIJZONDERE_BIJSTAND: build_bijzondere_bijstand,
    Shape.KERNCIJFERS: build_kerncijfers,
    Shape.VERGELIJKING: build_vergelijking,
}


def build_exact_table(ctx: FigureContext, spec: FigureSpec) -> ExactTable:
    return BUILDERS[spec.shape](ctx, spec)
