"""Gemeente Voorbeeld-Klein: the demo municipality that is hard to protect.

About 8.000 inhabitants instead of Gemeente Voorbeeld's size: every count of persons is thinned
from Gemeente Voorbeeld's (each person kept with a fixed chance), so flows are tiny and zeros
common. On top of that, the quirks real municipalities have: few clients combine voorzieningen
(the unique total is just below the sum per voorziening), a kenmerk whose unknown values are not
delivered (the leeftijd categories sum to less than the total), and a revision between the two
editions (late registrations change the spring months after 2026-06 was published).

Everything goes into the store through the real figure import, as uploads would."""

from __future__ import annotations

import random
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from monitor.demo.data import LONG_HEADER, _write_csv
from monitor.domain.catalogue import Catalogue, Eenheid
from monitor.domain.numbers import format_dutch
from monitor.ingest.figure_import import import_files
from monitor.ingest.files import UploadFile
from monitor.store.snapshots import current_snapshot, open_snapshot
from monitor.store.sql import fetch_records

SMALL_NAME = "Gemeente Voorbeeld-Klein"
KEPT = 0.32  # Gemeente Voorbeeld has about 25.000 inhabitants: about 8.000 are kept
FIRST_DELIVERY_UNTIL = "2026-06"  # the first edition is published from these figures
# Indicators whose categories may count one person more than once, and how many of the persons
# counted in the categories are counted twice (few combine voorzieningen).
UNIQUE_TOTALS = ("wmo.clienten", "jeugd.clienten")
OVERLAP = 0.04
UNKNOWN_NOT_DELIVERED = "participatie.uitkeringen_leeftijd"  # categories short of the total
REVISED_MONTHS = ("2026-04", "2026-05", "2026-06")

Row = tuple[str, str, str, Decimal]


def _thin(rng: random.Random, count: int) -> int:
    return sum(1 for _ in range(count) if rng.random() < KEPT)


def _scaled(value: Decimal) -> Decimal:
    return (value * Decimal(str(KEPT))).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _allocated(total: int, shares: dict[str, Decimal]) -> dict[str, Decimal]:
    """`total` persons over the categories in proportion to `shares` (largest remainder)."""
    weight = sum(shares.values(), Decimal(0))
    if weight == 0:
        return {category: Decimal(0) for category in shares}
    exact = {category: Decimal(total) * share / weight for category, share in shares.items()}
    whole = {category: int(value) for category, value in exact.items()}
    rest = sorted(shares, key=lambda category: (whole[category] - exact[category], category))
    for category in rest[: total - sum(whole.values())]:
        whole[category] += 1
    return {category: Decimal(value) for category, value in whole.items()}


def _quarter_of(month: str) -> str:
    year, number = month.split("-")
    return f"{year}-Q{(int(number) - 1) // 3 + 1}"


def _unique_totals(
    cells: dict[tuple[str, str], dict[str, Decimal]],
    stock: str,
    flows: tuple[str, str],
    months: list[str],
) -> None:
    """Totals from the categories: flows their sum, the stock a fixed number of persons below
    it for a unique total (so that stock and flow still add up)."""
    twice = Decimal(0)
    if stock in UNIQUE_TOTALS:
        counted = [sum(v for c, v in cells[(stock, m)].items() if c) for m in months]
        twice = (min(counted) * Decimal(str(OVERLAP))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    for month in months:
        cells[(stock, month)][""] = (
            sum((v for c, v in cells[(stock, month)].items() if c), Decimal(0)) - twice
        )
        for flow in flows:
            if (flow, month) in cells:
                moved = cells[(flow, month)]
                moved[""] = sum((v for c, v in moved.items() if c), Decimal(0))


def _stocks_and_flows(
    cells: dict[tuple[str, str], dict[str, Decimal]], stock: str, inflow: str, outflow: str
) -> None:
    """Make stock and flows of one indicator add up as a reader expects, per category:
    stand(m) = stand(m−1) + instroom(m) − uitstroom(m), quarters the sum of their months, and
    the unique total a fixed number of persons below the sum of the categories."""
    months = sorted(p for (i, p) in cells if i == stock and "-Q" not in p and "-" in p)
    if not months:
        return
    categories = sorted({c for m in months for c in cells[(stock, m)] if c}) or [""]
    for category in categories:
        level = cells[(stock, months[0])].get(category, Decimal(0))
        for month in months[1:]:
            incoming = cells.get((inflow, month), {}).get(category, Decimal(0))
            leaving = min(
                cells.get((outflow, month), {}).get(category, Decimal(0)), level + incoming
            )
            level = level + incoming - leaving
            cells[(stock, month)][category] = level
            for flow, value in ((inflow, incoming), (outflow, leaving)):
                if (flow, month) in cells:
                    cells[(flow, month)][category] = value
    if categories != [""]:
        _unique_totals(cells, stock, (inflow, outflow), months)
    for flow in (inflow, outflow):
        for (indicator, periode), quarter in cells.items():
            if indicator != flow or "-Q" not in periode:
                continue
            in_quarter = [cells[(flow, m)] for m in months if _quarter_of(m) == periode
                          and (flow, m) in cells]  # fmt: skip
            for category in quarter:
                quarter[category] = sum((m.get(category, Decimal(0)) for m in in_quarter),
                                        Decimal(0))  # fmt: skip


def small_rows(big: list[Row], catalogue: Catalogue, seed: str = "voorbeeld-klein") -> list[Row]:
    """The small municipality's figures, derived from Gemeente Voorbeeld's."""
    # Fictional demo numbers, not security: a seeded, reproducible generator is what we want.
    rng = random.Random(seed)  # nosec B311
    cells: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    shares: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for indicator, periode, categorie, value in big:
        unit = catalogue.by_id[indicator].eenheid
        if unit is Eenheid.PERSONEN:
            small = Decimal(_thin(rng, int(value)))
        elif unit in (Eenheid.EURO, Eenheid.AANTAL):
            small = _scaled(value)
        else:
            small = value  # percentages and other ratios stay what they are
        cells[(indicator, periode)][categorie] = small
        shares[(indicator, periode)][categorie] = value
    for indicator in catalogue.indicator:
        if indicator.instroom and indicator.uitstroom:
            _stocks_and_flows(cells, indicator.id, indicator.instroom, indicator.uitstroom)
    # The kenmerken of the uitkeringen divide the same persons as the total does.
    for (indicator, periode), breakdown in cells.items():
        if not indicator.startswith("participatie.uitkeringen_"):
            continue
        total = cells.get(("participatie.uitkeringen", periode), {}).get("")
        if total is None:
            continue
        breakdown.update(_allocated(int(total), shares[(indicator, periode)]))
        if indicator == UNKNOWN_NOT_DELIVERED:
            # The leeftijd of a few is unknown; their category is left out of the export.
            largest = max(breakdown, key=lambda category: breakdown[category])
            breakdown[largest] = max(Decimal(0), breakdown[largest] - rng.randint(1, 3))
    return [(i, p, c, v) for (i, p), values in sorted(cells.items()) for c, v in values.items()]


def _revised(rows: list[Row], seed: str = "voorbeeld-klein-herziening") -> list[Row]:
    """The same figures after late registrations: in the spring months a client or two more or
    fewer per period, in one voorziening and in the unique total alike."""
    rng = random.Random(seed)  # nosec B311 (fictional demo numbers, reproducible on purpose)
    groups: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for indicator, periode, categorie, value in rows:
        groups[(indicator, periode)][categorie] = value
    for (indicator, periode), cells in groups.items():
        parts = sorted(category for category in cells if category)
        if indicator not in UNIQUE_TOTALS or periode not in REVISED_MONTHS or not parts:
            continue
        category = rng.choice(parts)
        change = Decimal(rng.choice((-1, 1, 2)))
        change = max(change, -cells[category], -cells.get("", Decimal(0)))
        cells[category] += change
        if "" in cells:
            cells[""] += change
    return [(i, p, c, v) for (i, p), cells in sorted(groups.items()) for c, v in cells.items()]


def _until(rows: list[Row], last_month: str) -> Iterator[Row]:
    year, month = (int(part) for part in last_month.split("-"))
    last_quarter = f"{year}-Q{(month - 1) // 3 + 1}"
    for row in rows:
        periode = row[1]
        if "-Q" in periode:
            keep = periode <= last_quarter
        elif "-" in periode:
            keep = periode <= last_month
        else:
            keep = int(periode) <= year
        if keep:
            yield row


def voorbeeld_rows(data_dir: Path) -> list[Row]:
    """Gemeente Voorbeeld's own figures as its store holds them (every cijfer, exact)."""
    con = open_snapshot(data_dir)
    try:
        records = fetch_records(con, "store/all_cijfers")
    finally:
        con.close()
    return [
        (str(r["indicator"]), str(r["periode"]), str(r["categorie"]), Decimal(str(r["waarde"])))
        for r in records
        if not r["gemeente"]
    ]


def _import(data_dir: Path, rows: list[Row], catalogue: Catalogue, name: str) -> int:
    with tempfile.TemporaryDirectory(prefix="monitor-klein-") as temporary:
        path = Path(temporary) / name
        _write_csv(path, [LONG_HEADER, *[(i, p, c, format_dutch(v)) for i, p, c, v in rows]])
        result = import_files(
            data_dir, [UploadFile(path, name)], catalogue, author="demo", action="demo"
        )
    return result.version or 0


def load_small_demo(
    data_dir: Path, catalogue: Catalogue, voorbeeld: list[Row], publish: Callable[[str], None]
) -> int:
    """Import the first delivery, publish edition 2026-06 through `publish(data_dir, key)`, then
    import the revised figures through 2026-09 and publish 2026-09."""
    if current_snapshot(data_dir) is not None:
        raise ValueError(
            f"De store in {data_dir} bevat al cijfers; laad de kleine demogemeente in een lege map "
            "(MONITOR_DATA_DIR)."
        )
    rows = small_rows(voorbeeld, catalogue)
    _import(data_dir, list(_until(rows, FIRST_DELIVERY_UNTIL)), catalogue, "eerste_levering.csv")
    publish("2026-06")
    version = _import(data_dir, _revised(rows), catalogue, "tweede_levering_herzien.csv")
    publish("2026-09")
    return version
