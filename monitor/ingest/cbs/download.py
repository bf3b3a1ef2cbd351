"""A CBS table as CBS's OData bulk export delivers it (the files StatLine's "onbewerkte dataset"
and the CBS open-data API give): the cells (`TypedDataSet.csv`, also saved as `data.csv`), the
table's properties (`DataProperties.csv`: which columns are dimensions and which are topics, with
their units), the table (`TableInfos.csv`: id, title, modification date) and one file per
dimension with CBS's titles for its codes (`RegioS.csv`, `Perioden.csv`, …)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from monitor.ingest.cbs.codes import (
    CbsCodeError,
    CbsPeriod,
    cbs_period,
    cbs_value,
    is_cbs_number,
    provisional,
    region_code,
    region_kind,
)
from monitor.ingest.files import MB, sha256_of
from monitor.ingest.problems import MAX_REPORTED, ImportRefused, Problem
from monitor.ingest.reading import decode, detect_separator

MAX_CBS_FILE_BYTES = 50 * MB
DATA_FILES = ("TypedDataSet.csv", "data.csv")
DIMENSION_TYPES = {"Dimension", "GeoDimension", "TimeDimension", "GeoDetail"}


@dataclass(frozen=True)
class CbsCell:
    onderwerp: str
    onderwerp_titel: str
    eenheid: str
    regio: str
    regio_naam: str
    periode: CbsPeriod
    voorlopig: bool
    dimensies: str  # 'Geslacht=T001038;KenmerkenVanPersonen=T009002', sorted by dimension
    dimensie_titels: str
    waarde: Decimal | None  # None: CBS publishes '.'

    @property
    def regio_soort(self) -> str:
        return region_kind(self.regio)


@dataclass(frozen=True)
class CbsTable:
    tabel: str
    titel: str
    gewijzigd: str
    bestand: str  # the directory name, as the import report names it
    sha256: str  # of the data file
    cells: tuple[CbsCell, ...]


def is_bulk_export(path: Path) -> bool:
    directory = path if path.is_dir() else path.parent
    return (directory / "DataProperties.csv").is_file()


def bulk_directory(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _records(path: Path, shown: str) -> list[dict[str, str]]:
    if not path.is_file():
        raise ImportRefused([Problem(shown, (
            f"het bestand {path.name} ontbreekt. Een CBS-download (OData, 'onbewerkte dataset') "
            "bestaat uit TypedDataSet.csv, DataProperties.csv, TableInfos.csv en een bestand per "
            "dimensie; zet ze samen in één map."
        ))])  # fmt: skip
    if path.stat().st_size > MAX_CBS_FILE_BYTES:
        raise ImportRefused([Problem(shown, (
            f"{path.name} is groter dan {MAX_CBS_FILE_BYTES // MB} MB. Download alleen de "
            "gemeenten en perioden die u nodig heeft."
        ))])  # fmt: skip
    text, _encoding = decode(path.read_bytes(), shown)
    separator = detect_separator(text.splitlines()[:5], shown)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=separator))


def _data_file(directory: Path) -> Path:
    for name in DATA_FILES:
        if (directory / name).is_file():
            return directory / name
    found = sorted(directory.glob("*TypedDataSet*.csv"))
    return found[0] if found else directory / DATA_FILES[0]


@dataclass(frozen=True)
class _Dimension:
    key: str
    kind: str
    titles: dict[str, str]
    statuses: dict[str, str]


def _dimension(directory: Path, key: str, kind: str, shown: str) -> _Dimension:
    records = _records(directory / f"{key}.csv", f"{shown}/{key}.csv")
    titles = {r["Key"].strip(): (r.get("Title") or "").strip() for r in records}
    statuses = {r["Key"].strip(): (r.get("Status") or "").strip() for r in records}
    return _Dimension(key, kind, titles, statuses)


def read_bulk_export(path: Path) -> CbsTable:
    """The whole table of one bulk export directory; refused in Dutch, naming file, row and
    column, when a file is missing or a code or value is not as CBS writes it."""
    directory = bulk_directory(path)
    shown = directory.name
    infos = _records(directory / "TableInfos.csv", f"{shown}/TableInfos.csv")
    properties = _records(directory / "DataProperties.csv", f"{shown}/DataProperties.csv")
    info = infos[0] if infos else {}
    tabel = (info.get("Identifier") or "").strip()
    if not tabel:
        raise ImportRefused(
            [Problem(f"{shown}/TableInfos.csv", "de tabel-id (Identifier) ontbreekt.")]
        )
    dimensions = [
        _dimension(directory, p["Key"], p["Type"], shown)
        for p in properties
        if p["Type"] in DIMENSION_TYPES
    ]
    topics = [p for p in properties if p["Type"] == "Topic"]
    geo = next((d for d in dimensions if d.kind == "GeoDimension"), None)
    time = next((d for d in dimensions if d.kind == "TimeDimension"), None)
    if geo is None or time is None:
        raise ImportRefused([Problem(f"{shown}/DataProperties.csv", (
            "de tabel heeft geen regio- of periodedimensie; alleen tabellen per regio en periode "
            "zijn vergelijkingscijfers."
        ))])  # fmt: skip
    others = sorted((d for d in dimensions if d not in (geo, time)), key=lambda d: d.key)
    data = _data_file(directory)
    data_name = f"{shown}/{data.name}"
    cells: list[CbsCell] = []
    problems: list[Problem] = []
    for number, record in enumerate(_records(data, data_name), start=2):
        try:
            regio = region_code(record[geo.key])
            period = cbs_period(record[time.key])
        except CbsCodeError as error:
            column = geo.key if "regio" in str(error) else time.key
            problems.append(Problem(data_name, f"{error}.", row=number, column=column))
            continue
        except KeyError as missing:
            raise ImportRefused(
                [Problem(data_name, f"de kolom {missing} ontbreekt.", row=1)]
            ) from None
        codes = [(d, record.get(d.key, "").strip()) for d in others]
        dimensies = ";".join(f"{d.key}={code}" for d, code in codes)
        titles = "; ".join(d.titles.get(code, code) for d, code in codes)
        voorlopig = provisional(time.statuses.get(period.code, "")) or provisional(
            time.titles.get(period.code, "")
        )
        for topic in topics:
            try:
                value = cbs_value(record.get(topic["Key"], ""))
            except CbsCodeError as error:
                problems.append(Problem(data_name, f"{error}.", row=number, column=topic["Key"]))
                continue
            cells.append(CbsCell(
                topic["Key"], topic["Title"].strip(), (topic.get("Unit") or "").strip(), regio,
                geo.titles.get(regio, regio), period, voorlopig, dimensies, titles, value,
            ))  # fmt: skip
        if len(problems) >= MAX_REPORTED:
            break
    if problems:
        raise ImportRefused(problems)
    if not cells:
        raise ImportRefused([Problem(data_name, "het bestand bevat geen cijfers.")])
    return CbsTable(tabel, (info.get("Title") or tabel).strip(), (info.get("Modified") or "").strip(),
                    shown, sha256_of(data), tuple(cells))  # fmt: skip


# A lone TypedDataSet CSV (as StatLine's CSV download and the CBS parquet files hold it) has no
# DataProperties: its table id comes from the file name, its period from the table (the
# Kerncijfers wijken en buurten are one table per year), its topics from the columns CBS numbers
# (`AantalInwoners_5`) that hold numbers only.
TABLE_ID = re.compile(r"(?<![0-9])(\d{5}(?:NED|ned|ENG|eng))(?![A-Za-z])")
KWB_YEARS = {
    "83220NED": 2015, "83487NED": 2016, "83765NED": 2017, "84286NED": 2018, "84583NED": 2019,
    "84799NED": 2020, "85039NED": 2021, "85318NED": 2022, "85618NED": 2023, "85984NED": 2024,
    "86165NED": 2025,
}  # fmt: skip
REGION_COLUMNS = ("RegioS", "WijkenEnBuurten", "Gemeenten", "Regio")
CBS_COLUMN = re.compile(r"[A-Za-z][A-Za-z0-9_]*_\d+")
CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
NAME_COLUMN = re.compile(r"Gemeentenaam_\d+")
# KWB columns that describe the region rather than count in it (a code 1-3 is no cijfer).
ATTRIBUTE_COLUMNS = ("Gemeentenaam", "SoortRegio", "Codering", "Indelingswijziging",
                     "MeestVoorkomendePostcode", "Dekkingspercentage")  # fmt: skip


def _unit_of(key: str) -> str:
    """The unit a lone CSV does not state, from CBS's own naming of the topic."""
    lowered = key.lower()
    if lowered.startswith(("percentage", "perc")):
        return "%"
    if "relatief" in lowered or "per1000" in lowered:
        return "per 1 000 inwoners"
    return "aantal"


def _numeric_column(records: list[dict[str, str]], key: str) -> bool:
    # An empty column counts: CBS publishes some topics of a year later (still all '.').
    return all(is_cbs_number(record.get(key) or "") for record in records)


def _title_of(key: str) -> str:
    """`PersonenPerSoortUitkeringBijstand_83` → `Personen per soort uitkering bijstand`."""
    words = CAMEL.sub(" ", key.rsplit("_", 1)[0].replace("_", " ")).split()
    text = " ".join(words).lower()
    return text[:1].upper() + text[1:]


def read_typed_dataset(path: Path) -> CbsTable:
    """A lone TypedDataSet CSV of a CBS table: a region column, CBS's numbered topic columns, and
    either a Perioden column or a table that is one year (Kerncijfers wijken en buurten)."""
    shown = path.name
    found = TABLE_ID.search(path.name)
    if found is None:
        raise ImportRefused([Problem(shown, (
            "de CBS-tabel is niet te herkennen: noem de tabel-id in de bestandsnaam (zoals "
            "84799NED_TypedDataSet.csv), of importeer de hele download (OData) met "
            "DataProperties.csv en TableInfos.csv."
        ))])  # fmt: skip
    tabel = found[1].upper()
    records = _records(path, shown)
    header = list(records[0]) if records else []
    region = next((c for c in REGION_COLUMNS if c in header), None)
    if region is None:
        raise ImportRefused([Problem(shown, (
            f"geen regiokolom ({', '.join(REGION_COLUMNS)}) in de kopregel; alleen tabellen per "
            "regio zijn vergelijkingscijfers."
        ), row=1)])  # fmt: skip
    year = KWB_YEARS.get(tabel)
    if "Perioden" not in header and year is None:
        raise ImportRefused([Problem(shown, (
            f"tabel {tabel} heeft geen kolom Perioden en is geen bekende jaartabel (Kerncijfers "
            "wijken en buurten); importeer de hele download (OData) met Perioden.csv."
        ), row=1)])  # fmt: skip
    name_column = next((c for c in header if NAME_COLUMN.fullmatch(c)), None)
    topics = [c for c in header if CBS_COLUMN.fullmatch(c) and not c.startswith(ATTRIBUTE_COLUMNS)
              and _numeric_column(records, c)]  # fmt: skip
    cells: list[CbsCell] = []
    problems: list[Problem] = []
    for number, record in enumerate(records, start=2):
        try:
            regio = region_code(record[region])
            period = cbs_period(record["Perioden"] if year is None else f"{year}JJ00")
        except CbsCodeError as error:
            column = region if "regio" in str(error) else "Perioden"
            problems.append(Problem(shown, f"{error}.", row=number, column=column))
            if len(problems) >= MAX_REPORTED:
                break
            continue
        naam = "Nederland" if region_kind(regio) == "land" else regio
        if name_column and region_kind(regio) == "gemeente":
            naam = (record.get(name_column) or regio).strip()
        for key in topics:
            value = cbs_value(record.get(key) or "")
            # A lone CSV carries no period status (that is in Perioden.csv): not voorlopig.
            cells.append(CbsCell(key, _title_of(key), _unit_of(key), regio, naam, period, False,
                                 "", "", value))  # fmt: skip
    if problems:
        raise ImportRefused(problems)
    if not cells:
        raise ImportRefused([Problem(shown, "het bestand bevat geen cijfers per regio.")])
    title = f"CBS-tabel {tabel}" + (f" (Kerncijfers wijken en buurten {year})" if year else "")
    return CbsTable(tabel, title, "", shown, sha256_of(path), tuple(cells))
