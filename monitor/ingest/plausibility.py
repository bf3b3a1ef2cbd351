"""Plausibility against history: a cijfer an order of magnitude away from its own series (a
value typed in euros instead of thousands, a count with a digit too many), or a count of persons
larger than any gemeente has inhabitants. Warned at import and to be acknowledged before an
edition with such a cijfer is published; never a refusal, since real series do jump (a one-off
scheme that ends, a new voorziening). One rule in SQL (`plausibility/afwijkingen`) serves both."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from monitor.domain.catalogue import Catalogue, Eenheid
from monitor.domain.editions import Edition
from monitor.domain.numbers import format_uploaded
from monitor.domain.periods import period_from_key
from monitor.store.snapshots import reading
from monitor.store.sql import execute, fetch_records

FACTOR = 10  # the warnings say "een tiende": a change here changes their words too
HISTORY_PERIODS = 12
# Below this neither value nor median is judged: 3 against 40 clients is noise, not a slip.
MINIMUM = 50
# More persons than the largest gemeente has inhabitants is an amount in the wrong column.
LARGEST_COUNT = 1_000_000


@dataclass(frozen=True)
class Deviation:
    indicator: str
    categorie: str
    gemeente: str
    periode: str
    waarde: Decimal
    mediaan: Decimal | None
    perioden: int
    too_large: bool

    def describe(self) -> str:
        what = ", ".join(
            part for part in (self.indicator, self.categorie or "totaal", self.gemeente) if part
        )
        where = f"{what}, {period_from_key(self.periode).label}: {format_uploaded(self.waarde)}"
        if self.too_large:
            return (
                f"{where} personen, meer dan welke gemeente ook inwoners heeft; staat hier een "
                "bedrag?"
            )
        assert self.mediaan is not None  # nosec B101 - a jump is always against a median
        above = abs(self.waarde) > abs(self.mediaan)
        how_far = f"meer dan {FACTOR}×" if above else "minder dan een tiende van"
        return (
            f"{where}, {how_far} de mediaan van de {self.perioden} perioden ervoor "
            f"({format_uploaded(self.mediaan)}). Klopt dit cijfer?"
        )


def _deviations(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> list[Deviation]:
    persons = [i.id for i in catalogue.all_indicators if i.eenheid is Eenheid.PERSONEN]
    records = fetch_records(
        con, "plausibility/afwijkingen", factor=FACTOR, perioden=HISTORY_PERIODS,
        minimum=MINIMUM, grootste_aantal=LARGEST_COUNT, personen=persons,
    )  # fmt: skip
    return [_deviation(record) for record in records]


def _deviation(r: dict) -> Deviation:
    too_large = r["soort"] == "te_groot"
    return Deviation(r["indicator"], r["categorie"], r["gemeente"], r["periode"], r["waarde"],
                     r["mediaan"], r["perioden"], too_large)  # fmt: skip


def staged_deviations(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> list[Deviation]:
    """The implausible cijfers among those staged on `con` (relation `staged_cijfers`)."""
    execute(con, "plausibility/staged_te_controleren")
    execute(con, "plausibility/staged_geschiedenis")
    return _deviations(con, catalogue)


def edition_deviations(data_dir: Path, edition: Edition, catalogue: Catalogue) -> list[Deviation]:
    """The implausible cijfers of the edition's year up to its peildatum, in the current store."""
    with reading(data_dir) as con:
        execute(con, "plausibility/editie_geschiedenis")
        execute(
            con, "plausibility/editie_te_controleren",
            eerste=dt.date(edition.year, 1, 1), laatste=edition.peildatum_date,
        )  # fmt: skip
        return _deviations(con, catalogue)


def import_notes(deviations: list[Deviation]) -> list[str]:
    return [
        f"let op (aannemelijkheid): {deviation.describe()} Een editie met dit cijfer wordt pas "
        "gepubliceerd na bevestiging."
        for deviation in deviations
    ]
