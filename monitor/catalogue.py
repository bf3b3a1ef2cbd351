"""The indicator catalogue: a TOML data file, validated with pydantic when it is loaded.

A gemeente extends it without programming: a new `[[indicator]]` block, or a new `[[thema]]`
with its own indicators for the sociale basis.
"""

from __future__ import annotations

import re
import tomllib
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from monitor.periods import PeriodKind

HOOFDSTUKKEN = {
    "wmo": "Wmo",
    "jeugd": "Jeugd",
    "participatie": "Participatie",
    "sociale_basis": "Sociale basis",
}


class Eenheid(StrEnum):
    PERSONEN = "personen"
    EURO = "euro"
    AANTAL = "aantal"
    BANEN = "banen"
    PROCENT = "procent"


class Soort(StrEnum):
    STAND = "stand"  # measured on a peildatum (last day of the period)
    STROOM = "stroom"  # accumulated over the period


class Richting(StrEnum):
    HOGER = "hoger"
    LAGER = "lager"


class CatalogueError(ValueError):
    """The catalogue file is missing or invalid; the message is Dutch and names the place."""


NonEmpty = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Indicator(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z0-9_]+)+$")]
    hoofdstuk: str = ""
    thema: str = ""
    titel: NonEmpty
    eenheid: Eenheid
    periodiciteit: Annotated[list[PeriodKind], Field(min_length=1)]
    soort: Soort
    gevoelig: bool
    categorie: str = ""  # label of the category dimension, e.g. "Voorziening"; empty = totals only
    definitie: NonEmpty
    bron: NonEmpty
    beleidsdoel: str = ""
    streefwaarde: float | None = None
    richting: Richting | None = None
    voorlopig: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.hoofdstuk not in HOOFDSTUKKEN:
            raise ValueError(
                f"hoofdstuk '{self.hoofdstuk}' bestaat niet; kies uit {', '.join(HOOFDSTUKKEN)}"
            )
        if not self.id.startswith(self.hoofdstuk + "."):
            raise ValueError(f"id '{self.id}' moet beginnen met '{self.hoofdstuk}.'")
        if self.gevoelig and self.eenheid is not Eenheid.PERSONEN:
            raise ValueError("alleen indicatoren met eenheid 'personen' kunnen gevoelig zijn")
        if self.streefwaarde is not None and self.richting is None:
            raise ValueError("een streefwaarde heeft een richting nodig ('hoger' of 'lager')")
        return self


class ThemaIndicator(_Strict):
    """An indicator inside a sociale-basis thema; hoofdstuk and thema follow from its place."""

    naam: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    titel: NonEmpty
    eenheid: Eenheid
    periodiciteit: Annotated[list[PeriodKind], Field(min_length=1)]
    soort: Soort
    gevoelig: bool = False
    definitie: NonEmpty
    bron: NonEmpty
    beleidsdoel: str = ""
    streefwaarde: float | None = None
    richting: Richting | None = None


class Thema(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    titel: NonEmpty
    ambitie: NonEmpty
    indicator: list[ThemaIndicator] = []


class Instellingen(_Strict):
    gemeente_naam: NonEmpty = "Gemeente Voorbeeld"
    drempel: Annotated[int, Field(ge=1)] = 10
    overig_grens_euro: Annotated[float, Field(ge=0)] = 2000
    energietoeslag_categorieen: list[str] = ["Energietoeslag"]


class Catalogue(_Strict):
    instellingen: Instellingen = Instellingen()
    indicator: list[Indicator]
    thema: list[Thema] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalogue:
        seen: set[str] = set()
        for indicator in self.all_indicators:
            if indicator.id in seen:
                raise ValueError(f"indicator '{indicator.id}' staat meer dan eens in de catalogus")
            seen.add(indicator.id)
        themes = [t.id for t in self.thema]
        if len(themes) != len(set(themes)):
            raise ValueError("een thema-id staat meer dan eens in de catalogus")
        return self

    @cached_property
    def all_indicators(self) -> tuple[Indicator, ...]:
        themed = [
            Indicator(
                id=f"sociale_basis.{thema.id}.{item.naam}",
                hoofdstuk="sociale_basis",
                thema=thema.id,
                **item.model_dump(exclude={"naam"}),
            )
            for thema in self.thema
            for item in thema.indicator
        ]
        return (*self.indicator, *themed)

    @cached_property
    def by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.all_indicators}

    def get(self, indicator_id: str) -> Indicator | None:
        return self.by_id.get(indicator_id)

    def thema_by_id(self, thema_id: str) -> Thema:
        return next(t for t in self.thema if t.id == thema_id)


def _place(location: tuple[int | str, ...], data: dict) -> str:
    """Turn a pydantic error location into Dutch words a beheerder can find in the file."""
    parts: list[str] = []
    node: object = data
    for step in location:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            name = node.get("id") or node.get("naam") if isinstance(node, dict) else None
            parts[-1] = f"{parts[-1]} nr. {step + 1}" + (f" ('{name}')" if name else "")
            continue
        parts.append(f"veld '{step}'" if parts else f"[{step}]")
        node = node.get(step) if isinstance(node, dict) else None
    return ", ".join(parts)


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate the catalogue; raises CatalogueError with Dutch messages."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError(f"Catalogus {path} bestaat niet.") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"Catalogus {path} is geen geldige TOML: {error}") from None
    try:
        return Catalogue.model_validate(data)
    except ValidationError as error:
        lines = [f"Catalogus {path} is niet geldig:"]
        for problem in error.errors():
            place = _place(problem["loc"], data)
            message = re.sub(r"^Value error, ", "", problem["msg"])
            lines.append(f"- {place}: {message}" if place else f"- {message}")
        raise CatalogueError("\n".join(lines)) from None
