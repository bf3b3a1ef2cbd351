"""Demo data for the fictional Gemeente Voorbeeld (about 25.000 inhabitants).

The demo is not inserted into the store directly. It is written as the upload files municipal
systems export (long and wide CSV with Dutch number notation, an Excel workbook) and loaded
through `monitor.ingest.figure_import.import_files`, exactly as a beleidsmedewerker would upload them. So the
demo exercises the real readers, validation and publication, every demo figure is something a
real upload can produce, and the files double as examples of the data contract.

The client figures (Wmo, Jeugd, Participatie) are not typed: the demo writes pseudonymised
records (Wmo and Jeugd indicaties with herindicaties since the decentralisation of 1 January
2015, Participatie uitkeringen with their kenmerken) and computes the figures from them through
`monitor.ingest.records.compute.import_records`. The quarterly table per voorziening that the gemeente used to
type is loaded first and then replaced by the computed figures.

Every number comes from a `random.Random` seeded per series with a fixed seed, so the files are
identical byte for byte on every run (the Excel workbook's timestamps are pinned as well).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl

from monitor.domain.catalogue import Catalogue
from monitor.domain.numbers import format_dutch
from monitor.domain.periods import Period, PeriodKind, months_between, quarter_end_months
from monitor.domain.workbooks import pinned_zip
from monitor.ingest.figure_import import import_files
from monitor.ingest.files import UploadFile
from monitor.ingest.records.compute import RecordKind, compute_records, import_records
from monitor.store.snapshots import current_snapshot

SEED = "gemeente-voorbeeld"
MONTHS = months_between(Period.month(2022, 1), Period.month(2026, 9))
QUARTER_ENDS = quarter_end_months(MONTHS[0], MONTHS[-1])
YEARS = (2022, 2023, 2024, 2025, 2026)
CURRENT_YEAR = 2026
LONG_HEADER = ("indicator", "periode", "categorie", "waarde")
EXPORTED_AT = dt.datetime(2026, 10, 1, 9, 0, 0)  # when the demo systems "exported" their files

Row = tuple[str, str, str, str]  # indicator, periode, categorie, waarde as exported

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
# Records: per category the clients in zorg on 1 January 2015 and at the end of the demo, the
# mean length of a zorgperiode in days, the term of one indicatie in days, and the share of new
# zorgperiodes that go to a client who is already in zorg for something else.
WMO_RECORDS = {
    "Hulp bij het huishouden": (390, 450, 1100, 365, 0.25), "Begeleiding": (185, 245, 700, 365, 0.3),
    "Vervoersvoorziening": (285, 305, 1500, 1095, 0.45), "Woonvoorziening": (44, 55, 1600, 1825, 0.5),
    "Hulpmiddelen": (225, 260, 1300, 730, 0.45),
}
JEUGD_RECORDS = {
    "Jeugdhulp ambulant": (150, 165, 330, 180, 0.1), "Jeugdhulp verblijf": (40, 46, 540, 365, 0.3),
    "Jeugd-GGZ": (75, 85, 300, 180, 0.15), "Jeugdbescherming": (32, 36, 640, 365, 0.3),
    "Pleegzorg": (26, 31, 1100, 365, 0.2), "Dyslexie": (18, 21, 420, 365, 0.05),
    "Jeugdreclassering": (6, 6, 300, 180, 0.2),
}
# Beschermd Wonen mostly runs via the centrumgemeente: a handful of clients, never 10 or more.
BESCHERMD_WONEN = ("Beschermd Wonen", 5, 6, 2000, 730, 0.2)
BESCHERMD_WONEN_MAX = 8
# Uitkeringen: in 2015 and at the end, mean length in days; a herbeoordeling every year.
UITKERINGEN = (480, 404, 1450, 365)
LEEFTIJD_BIJ_START = ((18, 26, 0.17), (27, 49, 0.52), (50, 64, 0.31))
LEEFSITUATIE = {"Alleenstaand": 0.58, "Alleenstaande ouder": 0.22, "Gehuwd of samenwonend": 0.20}
TREDE_SHARES = (0.25, 0.33, 0.26, 0.135, 0.018, 0.007)  # trede 5 and 6 stay small
RECORDS_START = dt.date(2015, 1, 1)  # Wmo 2015, Jeugdwet and Participatiewet
RECORDS_EXPORT = dt.date(2026, 9, 30)  # the registrations are exported on the demo's peildatum
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
    records: RecordKind | None = None  # pseudonymised records: figures are computed


@dataclass(frozen=True)
class Zorgperiode:
    client: str
    categorie: str
    begin: dt.date
    end: dt.date  # may lie after the export: then the zorgperiode is still running


def _rng(series: str) -> random.Random:
    # One generator per series, so adding or changing a series never shifts the others.
    # Fictional demo numbers, not security: a seeded, reproducible generator is what we want.
    return random.Random(f"{SEED}/{series}")  # nosec B311


def _nl(value: int | Decimal) -> str:
    return format_dutch(value, 1 if isinstance(value, Decimal) else 0)


def _quarter(month: Period) -> Period:
    return month.containing(PeriodKind.KWARTAAL)


def _path(rng: random.Random, start: float, end: float, spread: float, count: int) -> list[float]:
    """A straight line with noise: a level that moves slowly over `count` periods."""
    return [start + (end - start) * i / (count - 1) + rng.gauss(0, spread) for i in range(count)]


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


def _totals(indicator: str, values: dict[Period, int]) -> list[Row]:
    """Rows without a category: the total, which for person counts counts each client once."""
    return [(indicator, month.key, "", _nl(value)) for month, value in values.items()]


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


def _werk_sheets() -> dict[str, list[list[object]]]:
    """Banenafspraak per quarter end (Excel dates as headers, banen of 25,5 uur with one
    decimal), as a wide sheet named after its indicator."""
    banen = _rng("participatie.banenafspraak")
    banenafspraak: list[list[object]] = [["Geïndiceerd door", *(e.end for e in QUARTER_ENDS)]]
    for name, (start, end) in {"Gemeente": (21.0, 33.5), "UWV": (47.0, 56.0)}.items():
        levels = _path(banen, start, end, 0.6, len(QUARTER_ENDS))
        banenafspraak.append([name, *(round(level, 1) for level in levels)])
    return {"participatie.banenafspraak": banenafspraak}


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


def _write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    workbook.properties.creator = "Uitkeringsadministratie Gemeente Voorbeeld"
    for title, table in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in table:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(pinned_zip(buffer.getvalue(), EXPORTED_AT))


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth), fine for the small monthly means of the demo."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _key(series: str, number: int) -> str:
    # A pseudonymised client key as a koppeltabel would give it: never a BSN-like number.
    return "P" + hashlib.sha256(f"{SEED}/{series}/{number}".encode()).hexdigest()[:11]


def _day_in(month: dt.date, rng: random.Random) -> dt.date:
    following = (month + dt.timedelta(days=32)).replace(day=1)
    return month + dt.timedelta(days=rng.randrange((following - month).days))


def _record_months() -> list[dt.date]:
    return [
        dt.date(p.year, p.index, 1)
        for p in months_between(Period.month(2015, 1), Period.month(2026, 9))
    ]


def _zorgperiodes(
    series: str, categories: dict[str, tuple], cap: int | None = None
) -> list[Zorgperiode]:
    """Zorgperiodes per category, month by month since 2015: the clients in zorg on 1 January
    2015, then new zorgperiodes at the rate that keeps the level on a slow line from its 2015 to
    its last value (mean length in days). Some go to a client already in zorg for another
    category, so a client can have several at once; quiet months have little instroom."""
    rng = _rng(f"{series}.records")
    months = _record_months()
    periods: list[Zorgperiode] = []
    clients = 0

    def new_client() -> str:
        nonlocal clients
        clients += 1
        return _key(series, clients)

    for categorie, (first, _last, mean_days, _term, _shared) in categories.items():
        for _ in range(first):
            length = round(rng.expovariate(1 / mean_days)) + 1
            end = RECORDS_START + dt.timedelta(days=length)
            periods.append(Zorgperiode(new_client(), categorie, RECORDS_START, end))
    active = list(periods)
    for step, month in enumerate(months):
        # Who is in zorg at the start of the month, plus who came in since: a superset of who
        # is in zorg on any day of the month, so the cap is never exceeded.
        active = [z for z in active if z.end > month]
        in_zorg = sorted({z.client for z in active})
        per_categorie: dict[str, set[str]] = {c: set() for c in categories}
        for z in active:
            per_categorie[z.categorie].add(z.client)
        quiet = Period.month(month.year, month.month) in WMO_QUIET_MONTHS
        for categorie, (first, last, mean_days, _term, shared) in categories.items():
            level = first + (last - first) * step / (len(months) - 1)
            count = _poisson(rng, level * 30.44 / mean_days * (0.3 if quiet else 1.0))
            same = per_categorie[categorie]
            for _ in range(count):
                if cap is not None and len(same) >= cap:
                    continue
                client = _existing_client(rng, in_zorg, same) if rng.random() < shared else None
                client = client or new_client()
                begin = _day_in(month, rng)
                length = round(rng.expovariate(1 / mean_days)) + 1
                period = Zorgperiode(client, categorie, begin, begin + dt.timedelta(days=length))
                periods.append(period)
                active.append(period)
                same.add(client)
    return periods


def _existing_client(rng: random.Random, in_zorg: list[str], excluded: set[str]) -> str | None:
    """A client in zorg for something else, or None when a few draws find none."""
    for _ in range(10):
        if not in_zorg:
            return None
        client = rng.choice(in_zorg)
        if client not in excluded:
            return client
    return None


def _indicaties(
    rng: random.Random, period: Zorgperiode, term: int, open_end: bool
) -> list[tuple[dt.date, dt.date | None]]:
    """A zorgperiode as its indicaties: herindicaties follow the day after (sometimes they
    overlap a few days); the indicatie running at the export ends on its term date in the
    future, or has no einddatum."""
    indicaties: list[tuple[dt.date, dt.date | None]] = []
    begin = period.begin
    while True:
        end = begin + dt.timedelta(days=round(term * rng.uniform(0.8, 1.2)))
        if end >= period.end:
            if period.end <= RECORDS_EXPORT:
                indicaties.append((begin, period.end))
            else:
                indicaties.append((begin, None if open_end else end))
            return indicaties
        indicaties.append((begin, end))
        following = end + dt.timedelta(days=1)
        if rng.random() < 0.1:
            following -= dt.timedelta(days=rng.randint(1, 20))  # a herindicatie granted early
        if following > RECORDS_EXPORT:
            return indicaties
        begin = following


def _indicatie_rows(
    series: str, categories: dict[str, tuple], periods: list[Zorgperiode]
) -> list[tuple[str, str, dt.date, dt.date | None]]:
    rng = _rng(f"{series}.indicaties")
    rows = []
    for period in periods:
        term = categories[period.categorie][3]
        open_end = period.categorie == "Hulpmiddelen" and rng.random() < 0.5
        for begin, end in _indicaties(rng, period, term, open_end):
            rows.append((period.client, period.categorie, begin, end))
    rows.sort(key=lambda r: (r[2], r[0], r[1]))
    return rows


def _wmo_records() -> list[list[str]]:
    categories = dict(WMO_RECORDS)
    periods = _zorgperiodes("wmo", categories)
    name, *settings = BESCHERMD_WONEN
    bw = {name: tuple(settings)}
    periods += _zorgperiodes("wmo.bw", bw, cap=BESCHERMD_WONEN_MAX)
    rows = _indicatie_rows("wmo", categories | bw, periods)
    header = ["client", "voorziening", "begindatum", "einddatum"]
    return [header, *([c, v, b.isoformat(), e.isoformat() if e else ""] for c, v, b, e in rows)]


def _jeugd_records() -> list[list[str]]:
    periods = _zorgperiodes("jeugd", JEUGD_RECORDS)
    rows = _indicatie_rows("jeugd", JEUGD_RECORDS, periods)
    rng = _rng("jeugd.verwijzer")
    verwijzers = list(VERWIJZER_SHARES)
    weights = list(VERWIJZER_SHARES.values())
    header = ["client", "productcategorie", "begindatum", "einddatum", "verwijzer"]
    return [
        header,
        *(
            [
                c,
                v,
                b.strftime("%d-%m-%Y"),
                e.strftime("%d-%m-%Y") if e else "",
                rng.choices(verwijzers, weights)[0],
            ]
            for c, v, b, e in rows
        ),
    ]


def _kort(day: dt.date) -> str:
    return f"{day.day}-{day.month}-{day.year}"  # 31-3-2024, as a Dutch Excel writes it


def _uitkering_rows(
    rng: random.Random, number: int, begin: dt.date, end: dt.date
) -> list[tuple[dt.date, str, list[str]]]:
    """One uitkering as yearly records (herbeoordeling): the regeling, the client's kenmerken,
    a trede that moves a step now and then, and loonkostensubsidie for some who work."""
    low, high, _ = rng.choices(LEEFTIJD_BIJ_START, [share for *_, share in LEEFTIJD_BIJ_START])[0]
    geboortejaar = begin.year - rng.randint(low, high)
    regeling = (
        "IOAW" if begin.year - geboortejaar >= 50 and rng.random() < 0.3 else "Participatiewet"
    )
    if rng.random() < 0.02:
        regeling = "IOAZ"  # registered, but not counted as P-wet or IOAW
    geslacht = "V" if rng.random() < 0.54 else "M"
    leefsituatie = rng.choices(list(LEEFSITUATIE), list(LEEFSITUATIE.values()))[0]
    trede = rng.choices(range(1, 7), TREDE_SHARES)[0]
    subsidie = trede >= 4 and rng.random() < 0.55 + 0.3 * (begin.year - 2015) / 11
    end = min(end, dt.date(geboortejaar + 67, 1, 1))  # bijstand stops at the AOW-leeftijd
    client = _key("participatie", number)
    records = []
    start = begin
    while start <= RECORDS_EXPORT:
        stop = min(start + dt.timedelta(days=UITKERINGEN[3] - 1), end)
        einde = _kort(stop) if stop <= RECORDS_EXPORT else ""
        records.append((start, client, [
            client, regeling, _kort(start), einde, geslacht, str(geboortejaar), leefsituatie,
            str(trede), "ja" if subsidie else "nee",
        ]))  # fmt: skip
        if stop >= end:
            break
        start = stop + dt.timedelta(days=1)
        if rng.random() < 0.2:
            trede = max(1, min(6 if trede >= 4 else 5, trede + rng.choice((-1, 1))))
        if rng.random() < 0.04:
            leefsituatie = rng.choice(list(LEEFSITUATIE))
    return records


def _participatie_records() -> list[list[str]]:
    """Uitkeringen P-wet and IOAW (and a few IOAZ, which do not count) since 2015."""
    first, last, mean_days, _term = UITKERINGEN
    rng = _rng("participatie.records")
    months = _record_months()
    starts = [RECORDS_START] * first
    for step, month in enumerate(months):
        level = first + (last - first) * step / (len(months) - 1)
        starts += [_day_in(month, rng) for _ in range(_poisson(rng, level * 30.44 / mean_days))]
    rows = []
    for number, begin in enumerate(starts, start=1):
        length = round(rng.expovariate(1 / mean_days)) + 1
        rows += _uitkering_rows(rng, number, begin, begin + dt.timedelta(days=length))
    rows.sort(key=lambda r: (r[0], r[1]))
    header = ["client", "regeling", "begindatum", "einddatum", "geslacht", "geboortejaar",
              "leefsituatie", "trede", "loonkostensubsidie"]  # fmt: skip
    return [header, *(row for *_, row in rows)]


def _write_tab_separated(path: Path, rows: Sequence[Sequence[str]]) -> None:
    # As Excel's "Tekst (tab als scheidingsteken)" writes it: Windows-1252, tabs, CRLF.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))


def _wmo_per_voorziening(records: Path) -> list[list[str]]:
    """The quarterly table per voorziening as the gemeente typed it before it delivered records:
    the same counts the records give, so the records import confirms them."""
    computed = compute_records(
        [UploadFile(records, records.name)], RecordKind.WMO,
        tot=Period.month(2026, 9), vanaf=MONTHS[0],
    )  # fmt: skip
    values = {
        (row["categorie"], row["periode"]): row["waarde"]
        for row in computed.figures.to_pylist()
        if row["indicator"] == "wmo.clienten" and row["categorie"]
    }
    names = [*WMO_RECORDS, BESCHERMD_WONEN[0]]
    table = [["Voorziening", *(month.label for month in QUARTER_ENDS)]]
    table += [[name, *(_nl(values.get((name, m.key), 0)) for m in QUARTER_ENDS)] for name in names]
    return table


def write_demo_files(directory: Path) -> list[DemoFile]:
    """Write the demo upload files into `directory` and return them in import order."""
    directory.mkdir(parents=True, exist_ok=True)
    finance = {chapter: _finance(chapter) for chapter in FINANCE}
    iwmo, _ = _declared("wmo.lasten_berichtenverkeer", finance["wmo"][1], WMO_LASTEN_SHARES)
    ijw, ijw_totals = _declared(
        "jeugd.lasten_berichtenverkeer", finance["jeugd"][1], JEUGD_PRODUCT_SHARES
    )
    long_files: dict[str, list[Row]] = {
        "financien_lasten_begroting_prognose.csv": [
            row for rows, _ in finance.values() for row in rows
        ],
        "iwmo_declaraties_per_voorziening.csv": iwmo,
        "ijw_declaraties.csv": ijw + _verwijzer(ijw_totals),
        "bijzondere_bijstand.csv": _bijzondere_bijstand(),
        "sociale_basis_kerncijfers.csv": _sociale_basis(),
    }
    files: list[DemoFile] = []
    for name, rows in long_files.items():
        _write_csv(directory / name, [LONG_HEADER, *rows])
        files.append(DemoFile(directory / name, None))
    workbook = directory / "banenafspraak.xlsx"
    _write_xlsx(workbook, _werk_sheets())
    files.append(DemoFile(workbook, None))
    wmo = directory / "wmo_indicaties.csv"
    _write_csv(wmo, _wmo_records())
    wide = directory / "wmo_clienten_per_voorziening.csv"
    _write_csv(wide, _wmo_per_voorziening(wmo))
    files.append(DemoFile(wide, "wmo.clienten"))
    files.append(DemoFile(wmo, None, RecordKind.WMO))
    jeugd = directory / "jeugd_indicaties.csv"
    _write_csv(jeugd, _jeugd_records())
    files.append(DemoFile(jeugd, None, RecordKind.JEUGD))
    uitkeringen = directory / "uitkeringen.csv"
    _write_tab_separated(uitkeringen, _participatie_records())
    files.append(DemoFile(uitkeringen, None, RecordKind.PARTICIPATIE))
    return files


def load_demo(data_dir: Path, catalogue: Catalogue, *, replace: bool = False) -> int:
    """Import the demo files into the store through the real import paths (figure files, then
    records, whose computed figures replace the typed table with the same keys); returns the
    last version number. Refuses a store that already has figures unless `replace` is set, in
    which case the demo figures replace the figures with the same keys and leave the rest."""
    if current_snapshot(data_dir) is not None and not replace:
        raise ValueError(
            f"De store in {data_dir} bevat al cijfers; de demo zou die overschrijven. Laad de demo "
            "in een lege map (MONITOR_DATA_DIR), of kies bewust voor vervangen (monitor demo "
            "--vervang)."
        )
    with tempfile.TemporaryDirectory(prefix="monitor-demo-") as temporary:
        files = write_demo_files(Path(temporary))
        groups: dict[str | None, list[UploadFile]] = {}
        for demo in files:
            if demo.records is None:
                groups.setdefault(demo.indicator, []).append(UploadFile(demo.path, demo.path.name))
        version = 0
        for key, uploads in groups.items():
            result = import_files(
                data_dir, uploads, catalogue, author="demo", indicator_id=key, action="demo"
            )
            version = result.version or version
        for demo in files:
            if demo.records is None:
                continue
            computed = import_records(
                data_dir, [UploadFile(demo.path, demo.path.name)], demo.records, author="demo",
                tot=Period.month(2026, 9), vanaf=MONTHS[0], action="demo",
            )  # fmt: skip
            version = computed.version or version
    return version
