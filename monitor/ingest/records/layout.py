"""What a records file looks like (data-contract §3): the kinds of records, their columns with
the header texts we accept, the indicators they produce, and how a header row maps onto them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from monitor.ingest.problems import Problem


class RecordKind(StrEnum):
    WMO = "wmo"
    JEUGD = "jeugd"
    PARTICIPATIE = "participatie"


@dataclass(frozen=True)
class RecordColumn:
    name: str  # canonical name in the SQL
    headers: tuple[str, ...]  # accepted header texts, lower case
    required: bool


def _columns(
    category: tuple[str, ...], extra: tuple[RecordColumn, ...]
) -> tuple[RecordColumn, ...]:
    return (
        RecordColumn("client", ("client", "cliënt", "cliënt_id", "client_id"), True),
        RecordColumn("categorie", category, True),
        RecordColumn("begindatum", ("begindatum",), True),
        RecordColumn("einddatum", ("einddatum",), True),
        RecordColumn("gemeente", ("gemeente",), False),
        *extra,
    )


_INDICATIE_CATEGORY = ("voorziening_of_productcategorie", "voorziening", "productcategorie")
COLUMNS: dict[RecordKind, tuple[RecordColumn, ...]] = {
    RecordKind.WMO: _columns(_INDICATIE_CATEGORY, ()),
    RecordKind.JEUGD: _columns(
        _INDICATIE_CATEGORY, (RecordColumn("verwijzer", ("verwijzer",), False),)
    ),
    RecordKind.PARTICIPATIE: _columns(
        ("regeling",),
        (
            RecordColumn("geslacht", ("geslacht",), True),
            RecordColumn("geboortejaar", ("geboortejaar",), True),
            RecordColumn("leefsituatie", ("leefsituatie",), True),
            RecordColumn("trede", ("trede",), False),
            RecordColumn("loonkostensubsidie", ("loonkostensubsidie",), False),
        ),
    ),
}
CATEGORY_NAME = {
    RecordKind.WMO: "voorziening",
    RecordKind.JEUGD: "productcategorie",
    RecordKind.PARTICIPATIE: "regeling",
}
INDICATORS = {
    RecordKind.WMO: ("wmo.clienten", "wmo.instroom", "wmo.uitstroom"),
    RecordKind.JEUGD: ("jeugd.clienten", "jeugd.instroom", "jeugd.uitstroom"),
    RecordKind.PARTICIPATIE: (
        "participatie.uitkeringen",
        "participatie.instroom",
        "participatie.uitstroom",
    ),
}
KIND_LABEL = {
    RecordKind.WMO: "Wmo-indicaties",
    RecordKind.JEUGD: "Jeugd-indicaties",
    RecordKind.PARTICIPATIE: "uitkeringen Participatie",
}
BSN_HEADERS = {"bsn", "burgerservicenummer", "sofinummer"}


def header_key(text: str) -> str:
    return re.sub(r"\s+", "_", text.strip().lower())


def map_header(
    header: list[str], kind: RecordKind, file: str, sheet: str | None, row: int = 1
) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """DuckDB column names in file order, canonical -> header text, and header problems."""
    problems: list[Problem] = []
    by_header = {alias: column for column in COLUMNS[kind] for alias in column.headers}
    names: dict[str, str] = {}
    headers: dict[str, str] = {}
    for index, text in enumerate(header):
        key = header_key(text)
        column = by_header.get(key)
        if key in BSN_HEADERS:
            problems.append(
                Problem(
                    file,
                    "een kolom met burgerservicenummers (BSN) mag niet in de monitor. Lever alleen "
                    "een gepseudonimiseerde cliëntsleutel aan en verwijder deze kolom.",
                    row=row,
                    column=text,
                    sheet=sheet,
                )
            )
        if column is None:
            names[f"negeer_{index}"] = "VARCHAR"
            continue
        if column.name in headers:
            problems.append(
                Problem(
                    file,
                    f"de kolommen '{headers[column.name]}' en '{text}' betekenen allebei "
                    f"{column.name}. Laat er één staan.",
                    row=row,
                    column=text,
                    sheet=sheet,
                )
            )
            names[f"negeer_{index}"] = "VARCHAR"
            continue
        names[column.name] = "VARCHAR"
        headers[column.name] = text.strip()
    missing = [c for c in COLUMNS[kind] if c.required and c.name not in headers]
    for column in missing:
        expected = " of ".join(f"'{h}'" for h in column.headers[:3])
        problems.append(
            Problem(
                file,
                f"de kolom {expected} ontbreekt. Records voor {kind.value} hebben de kopregel "
                f"{example_header(kind)}.",
                row=row,
                sheet=sheet,
            )
        )
    return names, headers, problems


def example_header(kind: RecordKind) -> str:
    if kind is RecordKind.PARTICIPATIE:
        return "client;regeling;begindatum;einddatum;geslacht;geboortejaar;leefsituatie"
    return "client;voorziening_of_productcategorie;begindatum;einddatum"
