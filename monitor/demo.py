"""Demo data for the fictional Gemeente Voorbeeld (about 25.000 inhabitants).

The demo is not inserted into the store directly. It is written as the upload files municipal
systems export (long and wide CSV with Dutch number notation, an Excel workbook) and loaded
through `monitor.ingest.import_files`, exactly as a beleidsmedewerker would upload them. So the
demo exercises the real readers, validation and publication, every demo figure is something a
real upload can produce, and the files double as examples of the data contract.

Every number comes from a `random.Random` seeded per series with a fixed seed, so the files are
identical byte for byte on every run (the Excel workbook's timestamps are pinned as well).
"""

from __future__ import annotations

import csv
import io
import random
import re
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl

from monitor.catalogue import Catalogue
from monitor.ingest import UploadFile, import_files
from monitor.numbers import format_dutch
from monitor.periods import Period, PeriodKind, months_between, quarter_end_months
from monitor.store import current_snapshot

SEED = "gemeente-voorbeeld"
MONTHS = months_between(Period.month(2022, 1), Period.month(2026, 9))
QUARTER_ENDS = quarter_end_months(MONTHS[0], MONTHS[-1])
YEARS = (2022, 2023, 2024, 2025, 2026)
CURRENT_YEAR = 2026
LONG_HEADER = ("indicator", "periode", "categorie", "waarde")
ZIP_TIMESTAMP = (2026, 10, 1, 9, 0, 0)
CORE_TIMESTAMP = b"2026-10-01T09:00:00Z"

Row = tuple[str, str, str, str]  # indicator, periode, categorie, waarde as exported
Inflow = Callable[[random.Random, Period], int]

# Booked lasten per month are the year's rate times this pattern: slow January, year-end peak.
SEASON = (0.94, 0.97, 1.01, 0.99, 1.0, 1.01, 0.98, 0.96, 1.0, 1.02, 1.04, 1.08)
# Per chapter, in thousands of euros for 2022-2026: average booked lasten per month, and the
# definitive begroting. The Wmo rate of 2026 is above its begroting so the overview shows a nadeel.
FINANCE = {
    "wmo": ((1310, 1350, 1385, 1415, 1490), (16_000, 16_400, 16_800, 17_200, 17_300)),
    "jeugd": ((1000, 1040, 1070, 1100, 1120), (12_300, 12_600, 13_000, 13_400, 13_600)),
    "participatie": ((720, 710, 700, 690, 680), (8_700, 8_600, 8_500, 8_400, 8_300)),
}
# Jeugd providers declare late: the share of these months booked by the peildatum.
JEUGD_LATE = {Period.month(2026, 7): 0.93, Period.month(2026, 8): 0.85, Period.month(2026, 9): 0.72}

# Category tables are laid out by hand, a few entries per line, to keep them readable at a glance.
# fmt: off
WMO_LASTEN_SHARES = {
    "Begeleiding": 0.38, "Hulp bij het huishouden": 0.30, "Hulpmiddelen": 0.10,
    "Vervoersvoorziening": 0.09, "Beschermd Wonen": 0.08, "Woonvoorziening": 0.05,
}
JEUGD_PRODUCT_SHARES = {
    "Jeugdhulp ambulant": 0.40, "Jeugdhulp verblijf": 0.22, "Jeugd-GGZ": 0.16,
    "Jeugdbescherming": 0.09, "Pleegzorg": 0.08, "Dyslexie": 0.03, "Jeugdreclassering": 0.02,
}
VERWIJZER_SHARES = {
    "Gemeente": 0.35, "Huisarts": 0.30, "Gecertificeerde instelling": 0.15,
    "Medisch specialist": 0.10, "Jeugdarts": 0.05, "Overig": 0.05,
}
# Clients per voorziening on the first and the last quarter end.
WMO_VOORZIENINGEN = {
    "Hulp bij het huishouden": (405, 446), "Begeleiding": (204, 243),
    "Vervoersvoorziening": (296, 305), "Woonvoorziening": (47, 55), "Hulpmiddelen": (246, 258),
}
# Kenmerken of the uitkeringen, per indicator participatie.uitkeringen_<name>.
KENMERKEN = {
    "geslacht": {"Man": 0.46, "Vrouw": 0.54},
    "leefsituatie": {"Alleenstaand": 0.58, "Alleenstaande ouder": 0.22,
                     "Gehuwd of samenwonend": 0.20},
    "leeftijd": {"18-26 jaar": 0.10, "27-49 jaar": 0.45, "50 jaar tot AOW-leeftijd": 0.45},
    "looptijd": {"Korter dan 1 jaar": 0.18, "1 tot 3 jaar": 0.22, "3 tot 5 jaar": 0.15,
                 "5 jaar of langer": 0.45},
}
TREDE_SHARES = (0.25, 0.33, 0.26, 0.125, 0.022, 0.013)  # trede 5 and 6 stay under 10
# Average paid per quarter; the last four stay under € 2.000 and so merge into Overig.
BIJZONDERE_BIJSTAND = {
    "Beschermingsbewind": 26_000, "Woonkostentoeslag": 8_500, "Inrichtingskosten": 6_500,
    "Eigen risico zorgverzekering": 4_200, "Kosten kinderopvang": 3_100, "Medische kosten": 2_800,
    "Uitvaartkosten": 1_400, "Kosten rechtsbijstand": 1_100, "Reiskosten": 800, "Dieetkosten": 450,
}
# fmt: on
# Quiet months (summer, year end) in which Wmo instroom falls under 10, as in real registrations.
WMO_QUIET_MONTHS = {Period.month(2022, 8), Period.month(2024, 8), Period.month(2025, 12)}
# The national one-off scheme from 2022-Q2 on: large in 2022-2023, then late applications.
ENERGIETOESLAG = (312_400, 541_300, 288_900, 94_700, 38_600, 262_100, 407_800, 18_300, 4_100)
# Yearly kerncijfers 2022-2025 as the welzijnsorganisaties report them.
SOCIALE_BASIS: dict[str, tuple[int | Decimal, ...]] = {
    "vrijwilligers.bemiddelde_vrijwilligers": (142, 156, 171, 183),
    "mantelzorg.geregistreerde_mantelzorgers": (163, 171, 188, 229),
    "jeugd_en_jongerenwerk.bereikte_jongeren": (410, 436, 468, 489),
    "samenlevingsopbouw.bewonersinitiatieven": (18, 22, 27, 31),
    "ouderenwerk.huisbezoeken": (312, 298, 341, 366),
    "welzijn_op_recept.aanmeldingen": (54, 71, 88, 97),
    "maatschappelijke_diensttijd.deelnemers": (12, 19, 26, 34),
    "buurtbemiddeling.zaken": (41, 47, 52, 58),
    "buurtbemiddeling.percentage_geslaagd": tuple(map(Decimal, ("63.4", "66.0", "71.8", "69.5"))),
    "vervoer.ritten_vrijwillige_vervoersdienst": (2_846, 3_112, 3_390, 3_655),
    "sociaal_raadslieden.hulpvragen": (612, 689, 744, 802),
}


@dataclass(frozen=True)
class DemoFile:
    path: Path
    indicator: str | None  # the --indicator a wide CSV needs; None for long files and XLSX


@dataclass(frozen=True)
class Caseload:
    stand: dict[Period, int]
    instroom: dict[Period, int]
    uitstroom: dict[Period, int]


def _rng(series: str) -> random.Random:
    # One generator per series, so adding or changing a series never shifts the others.
    return random.Random(f"{SEED}/{series}")


def _nl(value: int | Decimal) -> str:
    return format_dutch(value, 1 if isinstance(value, Decimal) else 0)


def _quarter(month: Period) -> Period:
    return month.containing(PeriodKind.KWARTAAL)


def _path(rng: random.Random, start: float, end: float, spread: float, count: int) -> list[float]:
    """A straight line with noise: a level that moves slowly over `count` periods."""
    return [start + (end - start) * i / (count - 1) + rng.gauss(0, spread) for i in range(count)]


def _split(rng: random.Random, total: int, shares: Sequence[float]) -> list[int]:
    """Whole counts that add up exactly to `total` (largest remainder), shares jittered a bit."""
    weights = [share * rng.uniform(0.95, 1.05) for share in shares]
    exact = [total * weight / sum(weights) for weight in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _finance(chapter: str) -> tuple[list[Row], dict[Period, int]]:
    rates, begroting = (dict(zip(YEARS, values, strict=True)) for values in FINANCE[chapter])
    rng = _rng(f"{chapter}.lasten")
    late = JEUGD_LATE if chapter == "jeugd" else {}
    lasten = {
        m: round(
            1000 * rates[m.year] * SEASON[m.index - 1] * rng.uniform(0.97, 1.03) * late.get(m, 1)
        )
        for m in MONTHS
    }
    rows = _totals(f"{chapter}.lasten", lasten)
    for year in YEARS:
        # A closed year's last prognose is close to what was booked; the current year's is the
        # expected full year, not an extrapolation of (late) bookings.
        booked = sum(value for m, value in lasten.items() if m.year == year)
        expected = 12_000 * rates[year] if year == CURRENT_YEAR else booked
        prognose = round(expected * rng.uniform(0.99, 1.01) / 1000) * 1000
        rows.append((f"{chapter}.begroting", str(year), "", _nl(1000 * begroting[year])))
        rows.append((f"{chapter}.prognose", str(year), "", _nl(prognose)))
    return rows, lasten


def _declared(
    indicator: str, lasten: dict[Period, int], shares: dict[str, float]
) -> tuple[list[Row], dict[Period, int]]:
    """Declarations via the berichtenverkeer: about 80% of the booked lasten, split by shares."""
    rng = _rng(indicator)
    rows: list[Row] = []
    totals: dict[Period, int] = {}
    for month, booked in lasten.items():
        total = booked * rng.uniform(0.78, 0.82)
        amounts = [round(total * share * rng.uniform(0.94, 1.06)) for share in shares.values()]
        rows.extend((indicator, month.key, c, _nl(a)) for c, a in zip(shares, amounts, strict=True))
        totals[month] = sum(amounts)
    return rows, totals


def _verwijzer(declared: dict[Period, int]) -> list[Row]:
    rng = _rng("jeugd.lasten_verwijzer")
    rows: list[Row] = []
    for end in QUARTER_ENDS:
        total = sum(declared[m] for m in _quarter(end).months())
        for name, share in VERWIJZER_SHARES.items():
            amount = round(total * share * rng.uniform(0.9, 1.1))
            rows.append(("jeugd.lasten_verwijzer", _quarter(end).key, name, _nl(amount)))
    return rows


def _caseload(series: str, start: int, end: int, inflow: Inflow) -> Caseload:
    """A monthly stand with the flows that explain it exactly (stand = previous + in - out, as
    the data contract defines). Uitstroom steers towards a straight line from start to end, so
    the stand keeps a realistic level instead of drifting like a random walk."""
    rng = _rng(series)
    stand: dict[Period, int] = {}
    instroom: dict[Period, int] = {}
    uitstroom: dict[Period, int] = {}
    previous = start
    for step, month in enumerate(MONTHS):
        target = start + (end - start) * step / (len(MONTHS) - 1)
        instroom[month] = inflow(rng, month)
        uitstroom[month] = max(0, round(previous + instroom[month] - target + rng.gauss(0, 2)))
        previous = stand[month] = previous + instroom[month] - uitstroom[month]
    return Caseload(stand, instroom, uitstroom)


def _wmo_inflow(rng: random.Random, month: Period) -> int:
    if month in WMO_QUIET_MONTHS:
        return rng.randint(6, 9)
    return min(40, max(15, round(rng.gauss(28, 5))))


def _totals(indicator: str, values: dict[Period, int]) -> list[Row]:
    """Rows without a category: the total, which for person counts counts each client once."""
    return [(indicator, month.key, "", _nl(value)) for month, value in values.items()]


def _quarterly(indicator: str, values: dict[Period, int]) -> list[Row]:
    """Flows summed per quarter, as registrations that report per quarter deliver them."""
    sums: dict[Period, int] = {}
    for month, value in values.items():
        sums[_quarter(month)] = sums.get(_quarter(month), 0) + value
    return _totals(indicator, sums)


def _wmo_per_voorziening() -> list[list[str]]:
    rng = _rng("wmo.clienten.voorziening")
    table = [["Voorziening", *(month.label for month in QUARTER_ENDS)]]
    for name, (start, end) in WMO_VOORZIENINGEN.items():
        levels = _path(rng, start, end, max(2.0, start * 0.012), len(QUARTER_ENDS))
        table.append([name, *(_nl(round(level)) for level in levels)])
    # Beschermd Wonen mostly runs via the centrumgemeente: a handful of clients, shown as <10.
    table.append(["Beschermd Wonen", *(str(rng.randint(4, 9)) for _ in QUARTER_ENDS)])
    return table


def _bijzondere_bijstand() -> list[Row]:
    rng = _rng("participatie.bijzondere_bijstand")
    energietoeslag = dict(zip(QUARTER_ENDS[1:], ENERGIETOESLAG, strict=False))
    rows: list[Row] = []
    for end in QUARTER_ENDS:
        amounts = {
            c: round(mean * rng.uniform(0.7, 1.3)) for c, mean in BIJZONDERE_BIJSTAND.items()
        }
        if end in energietoeslag:
            amounts["Energietoeslag"] = energietoeslag[end]
        quarter = _quarter(end).key
        rows.extend(
            ("participatie.bijzondere_bijstand", quarter, c, _nl(a)) for c, a in amounts.items()
        )
    return rows


def _kenmerken_sheets(uitkeringen: dict[Period, int]) -> dict[str, list[list[object]]]:
    """Kenmerken on each peildatum, adding up to the uitkeringen of that month: a long sheet with
    Excel dates as periods, and trede as a wide sheet named after its indicator."""
    rng = _rng("participatie.kenmerken")
    kenmerken: list[list[object]] = [list(LONG_HEADER)]
    per_trede: list[list[int]] = []
    for end in QUARTER_ENDS:
        for name, shares in KENMERKEN.items():
            counts = _split(rng, uitkeringen[end], list(shares.values()))
            indicator = f"participatie.uitkeringen_{name}"
            kenmerken.extend(
                [indicator, end.end, c, n] for c, n in zip(shares, counts, strict=True)
            )
        per_trede.append(_split(rng, uitkeringen[end], TREDE_SHARES))
    trede: list[list[object]] = [["Trede", *(_quarter(end).key for end in QUARTER_ENDS)]]
    trede.extend([f"Trede {t + 1}", *(column[t] for column in per_trede)] for t in range(6))
    return {"Kenmerken": kenmerken, "participatie.uitkeringen_trede": trede}


def _werk_sheets() -> dict[str, list[list[object]]]:
    """Loonkostensubsidie per month and banenafspraak per quarter end (Excel dates as headers,
    banen of 25,5 uur with one decimal), as wide sheets named after their indicator."""
    subsidie = _path(_rng("participatie.loonkostensubsidie"), 42, 57, 1.2, len(MONTHS))
    banen = _rng("participatie.banenafspraak")
    banenafspraak: list[list[object]] = [["Geïndiceerd door", *(e.end for e in QUARTER_ENDS)]]
    for name, (start, end) in {"Gemeente": (21.0, 33.5), "UWV": (47.0, 56.0)}.items():
        levels = _path(banen, start, end, 0.6, len(QUARTER_ENDS))
        banenafspraak.append([name, *(round(level, 1) for level in levels)])
    return {
        "participatie.loonkostensubsidie": [
            ["Loonkostensubsidie", *(month.label for month in MONTHS)],
            ["Totaal", *(min(60, max(40, round(level))) for level in subsidie)],
        ],
        "participatie.banenafspraak": banenafspraak,
    }


def _sociale_basis() -> list[Row]:
    return [
        (f"sociale_basis.{name}", str(year), "", _nl(value))
        for name, values in SOCIALE_BASIS.items()
        for year, value in zip(YEARS, values, strict=False)
    ]


def _write_csv(path: Path, rows: Sequence[Sequence[str]]) -> None:
    # As Excel's "CSV UTF-8" export writes it: BOM, semicolons, CRLF.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _pinned_zip(data: bytes) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml and every zip entry; pin both so
    the workbook is the same byte for byte on every run."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", CORE_TIMESTAMP, content)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            target.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


def _write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "Uitkeringsadministratie Gemeente Voorbeeld"
    for title, table in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in table:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_pinned_zip(buffer.getvalue()))


def write_demo_files(directory: Path) -> list[DemoFile]:
    """Write the demo upload files into `directory` and return them in import order."""
    directory.mkdir(parents=True, exist_ok=True)
    finance = {chapter: _finance(chapter) for chapter in FINANCE}
    iwmo, _ = _declared("wmo.lasten_berichtenverkeer", finance["wmo"][1], WMO_LASTEN_SHARES)
    ijw, ijw_totals = _declared(
        "jeugd.lasten_berichtenverkeer", finance["jeugd"][1], JEUGD_PRODUCT_SHARES
    )
    wmo = _caseload("wmo.clienten", 912, 986, _wmo_inflow)
    jeugd = _caseload("jeugd.clienten", 362, 404, lambda r, _: max(8, round(r.gauss(21, 4))))
    bijstand = _caseload("participatie", 448, 404, lambda r, _: max(3, round(r.gauss(10, 3))))
    long_files: dict[str, list[Row]] = {
        "financien_lasten_begroting_prognose.csv": [
            row for rows, _ in finance.values() for row in rows
        ],
        "iwmo_declaraties_per_voorziening.csv": iwmo,
        "ijw_declaraties.csv": ijw + _verwijzer(ijw_totals),
        "wmo_clientregistratie.csv": _totals("wmo.clienten", wmo.stand)
        + _totals("wmo.instroom", wmo.instroom)
        + _totals("wmo.uitstroom", wmo.uitstroom),
        "jeugd_clientregistratie.csv": _totals("jeugd.clienten", jeugd.stand)
        + _quarterly("jeugd.instroom", jeugd.instroom)
        + _quarterly("jeugd.uitstroom", jeugd.uitstroom),
        "uitkeringsadministratie.csv": _totals("participatie.uitkeringen", bijstand.stand)
        + _quarterly("participatie.instroom", bijstand.instroom)
        + _quarterly("participatie.uitstroom", bijstand.uitstroom)
        + _bijzondere_bijstand(),
        "sociale_basis_kerncijfers.csv": _sociale_basis(),
    }
    files: list[DemoFile] = []
    for name, rows in long_files.items():
        _write_csv(directory / name, [LONG_HEADER, *rows])
        files.append(DemoFile(directory / name, None))
    workbook = directory / "participatie_kenmerken.xlsx"
    _write_xlsx(workbook, _kenmerken_sheets(bijstand.stand) | _werk_sheets())
    files.append(DemoFile(workbook, None))
    wide = directory / "wmo_clienten_per_voorziening.csv"
    _write_csv(wide, _wmo_per_voorziening())
    files.append(DemoFile(wide, "wmo.clienten"))
    return files


def load_demo(data_dir: Path, catalogue: Catalogue, *, replace: bool = False) -> int:
    """Import the demo files into the store through the real import path; returns the last
    version number. Refuses a store that already has figures unless `replace` is set, in which
    case the demo figures replace the figures with the same keys and leave the rest."""
    if current_snapshot(data_dir) is not None and not replace:
        raise ValueError(
            f"De store in {data_dir} bevat al cijfers; de demo zou die overschrijven. Laad de demo "
            "in een lege map (MONITOR_DATA_DIR), of kies bewust voor vervangen (monitor demo "
            "--vervang)."
        )
    with tempfile.TemporaryDirectory(prefix="monitor-demo-") as temporary:
        groups: dict[str | None, list[UploadFile]] = {}
        for demo in write_demo_files(Path(temporary)):
            groups.setdefault(demo.indicator, []).append(UploadFile(demo.path, demo.path.name))
        version = 0
        for key, uploads in groups.items():
            result = import_files(
                data_dir, uploads, catalogue, author="demo", indicator_id=key, action="demo"
            )
            assert result.version is not None  # not a dry run, so a version was published
            version = result.version
    return version
