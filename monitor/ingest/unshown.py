"""Imported values that no figure will show, named in the import report instead of being stored
and forgotten: an indicator no figure draws, a stand in a month that only quarterly figures use,
and periods after the current month that no edition reaches yet."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from monitor.domain.catalogue import Catalogue, Soort
from monitor.domain.numbers import format_dutch
from monitor.domain.periods import PeriodKind
from monitor.domain.registry import Shape, figure_specs
from monitor.ingest.parsing import CijferRow

# Shapes that read a stand only at the end of each quarter.
QUARTER_END_SHAPES = frozenset({Shape.STAND_PER_KWARTAAL, Shape.KENMERKEN})


def shown_indicators(catalogue: Catalogue) -> dict[str, set[Shape]]:
    """Every indicator a figure reads, with the shapes that read it: the declared ones, and the
    totals and counts they are checked against (`optelbaar_tot`, `gekoppeld_aan`)."""
    shapes: dict[str, set[Shape]] = {}
    for spec in figure_specs(catalogue):
        for indicator_id in spec.indicators:
            shapes.setdefault(indicator_id, set()).add(spec.shape)
            indicator = catalogue.get(indicator_id)
            for related in (indicator.optelbaar_tot, indicator.gekoppeld_aan) if indicator else ():
                if related:
                    shapes.setdefault(related, set()).add(Shape.MAANDREEKS_PER_JAAR)
    return shapes


def _counted(number: int, verb_one: str, verb_many: str) -> str:
    """ "1 cijfer komt", "3 cijfers komen": the count with its noun and verb in agreement."""
    if number == 1:
        return f"1 cijfer {verb_one}"
    return f"{format_dutch(number)} cijfers {verb_many}"


def unshown_notes(rows: Iterable[CijferRow], catalogue: Catalogue, today: dt.date) -> list[str]:
    shapes = shown_indicators(catalogue)
    no_figure: Counter[str] = Counter()
    between_quarters: dict[str, list[str]] = {}
    ahead: Counter[str] = Counter()
    for row in rows:
        indicator = catalogue.by_id[row.indicator]
        if row.indicator not in shapes:
            no_figure[row.indicator] += 1
            continue
        if (row.period.year, row.period.first_month) > (today.year, today.month):
            ahead[row.indicator] += 1
        if (
            indicator.soort is Soort.STAND
            and row.period.kind is PeriodKind.MAAND
            and row.period.index % 3
            and shapes[row.indicator] <= QUARTER_END_SHAPES
        ):
            between_quarters.setdefault(row.indicator, []).append(row.period.label)
    notes = []
    for indicator_id, count in sorted(no_figure.items()):
        title = catalogue.by_id[indicator_id].titel
        notes.append(
            f"let op: {indicator_id} ({title}): {_counted(count, 'komt', 'komen')} in geen figuur; "
            "de indicator staat in de catalogus, maar geen grafiek of tabel toont hem (zie "
            "monitor figuren)"
        )
    for indicator_id, labels in sorted(between_quarters.items()):
        months = sorted(set(labels))
        shown = ", ".join(months[:6]) + (", …" if len(months) > 6 else "")
        notes.append(
            f"let op: {indicator_id}: {_counted(len(labels), 'valt', 'vallen')} niet aan het eind "
            f"van een kwartaal ({shown}); de figuren tonen deze stand alleen per kwartaal, dus "
            f"{'dat cijfer komt' if len(labels) == 1 else 'die cijfers komen'} in geen figuur"
        )
    for indicator_id, count in sorted(ahead.items()):
        notes.append(
            f"let op: {indicator_id}: {_counted(count, 'begint', 'beginnen')} na deze maand en "
            "verschijnt pas in een editie met een peildatum die zo ver is"
        )
    return notes
