"""The indicator catalogue: a TOML data file, validated with pydantic when it is loaded.

A gemeente extends it without programming: a new `[[indicator]]` block, a new `[[thema]]`
with its own indicators for the sociale basis, or a `[[figuur]]` that shows indicators.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, Field, ValidationError, model_validator

from monitor.domain.figure_config import Figuur, Shape, thema_figure_id
from monitor.domain.periods import PeriodKind
from monitor.domain.strict_model import STRICT, NonEmpty, PlacedError
from monitor.domain.toml_lines import line_of

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
    PER_1000 = "per 1.000 inwoners"  # a rate, e.g. CBS's Wmo-cliënten per 1.000 inwoners


class Soort(StrEnum):
    STAND = "stand"  # measured on a peildatum (last day of the period)
    STROOM = "stroom"  # accumulated over the period


class Richting(StrEnum):
    HOGER = "hoger"
    LAGER = "lager"


class _Strict(BaseModel):
    model_config = STRICT


class CatalogueError(ValueError):
    """The catalogue file is missing or invalid; the message is Dutch and names the place."""


def _check_unit_and_target(
    gevoelig: bool, eenheid: Eenheid, streefwaarde: float | None, richting: Richting | None
) -> None:
    if gevoelig and eenheid is not Eenheid.PERSONEN:
        raise ValueError("alleen indicatoren met eenheid 'personen' kunnen gevoelig zijn")
    if streefwaarde is not None and richting is None:
        raise ValueError("een streefwaarde heeft een richting nodig ('hoger' of 'lager')")


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
    categorieen: list[str] = []  # the order in which categories are shown (others follow A-Z)
    structureel: list[str] = []  # categories that cannot occur: shown as `–`, known to be 0
    definitie: NonEmpty
    bron: NonEmpty
    beleidsdoel: str = ""
    streefwaarde: float | None = None
    richting: Richting | None = None
    voorlopig: bool = False
    # Relations a reader can use to recompute hidden counts (docs/disclosure.md), declared here so
    # the gate protects every view of the same population together.
    optelbaar_tot: str = ""  # the categories add up to this indicator's total at the same period
    instroom: str = ""  # for a stand: stand(t) = stand(t-1) + instroom(t) - uitstroom(t)
    uitstroom: str = ""
    gekoppeld_aan: str = ""  # an amount per category linked to this count per category (P2)
    # A person counts once per category and once in the total (the empty category): then every
    # category ≤ the total ≤ the sum of the categories, which a reader can use as well.
    categorieen_overlappen: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.hoofdstuk not in HOOFDSTUKKEN:
            raise ValueError(
                f"hoofdstuk '{self.hoofdstuk}' bestaat niet; kies uit {', '.join(HOOFDSTUKKEN)}"
            )
        if not self.id.startswith(self.hoofdstuk + "."):
            raise ValueError(f"id '{self.id}' moet beginnen met '{self.hoofdstuk}.'")
        _check_unit_and_target(self.gevoelig, self.eenheid, self.streefwaarde, self.richting)
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

    @model_validator(mode="after")
    def _consistent(self) -> ThemaIndicator:
        # Checked here too, so a mistake is reported at its place in the thema.
        _check_unit_and_target(self.gevoelig, self.eenheid, self.streefwaarde, self.richting)
        return self


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
    # Publish real zeros as 0 (then `<10` means 1…9); by default a zero is `<10` too.
    nullen_publiceren: bool = False
    # A trend sentence says "nagenoeg gelijk" below this change in percent; 0 states every change
    # ("toegenomen met 0,4%"), as some gemeenten write.
    nagenoeg_gelijk_procent: Annotated[Decimal, Field(ge=0, le=100)] = Decimal("0.5")


CBS_TOPIC = r"^\d{5}[A-Z]{3}:[A-Za-z][A-Za-z0-9_]*$"


class VergelijkingsCijfer(_Strict):
    """A rate per gemeente from CBS, shown per chapter beside reference groups: CBS's numerator
    and denominator topics as `TABEL:Onderwerp` (e.g. `84799NED:AantalInwoners_5`), from which
    every group is a ratio of sums, and/or the rate CBS publishes itself (`cijfer`, e.g.
    `83262NED:WmoClientenPer1000Inwoners_2`), shown as CBS publishes it for the gemeente and
    Nederland. `dimensies` chooses the codes of the table's other dimensions (its totals)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    hoofdstuk: str
    titel: NonEmpty  # "Personen met bijstand per 1.000 inwoners"
    teller: Annotated[str, Field(pattern=CBS_TOPIC)] | None = None
    noemer: Annotated[str, Field(pattern=CBS_TOPIC)] | None = None
    cijfer: Annotated[str, Field(pattern=CBS_TOPIC)] | None = None
    dimensies: str = ""  # 'Geslacht=T001038;KenmerkenVanPersonen=T009002', as CBS codes them
    per: Annotated[int, Field(ge=1)] = 1000  # 1000 for per 1.000 inwoners, 100 for a percentage
    # The inwoners that decide the gemeentegrootteklasse, when the denominator is not inwoners.
    inwoners: Annotated[str, Field(pattern=CBS_TOPIC)] | None = None
    definitie: NonEmpty
    # Where the gemeente's own figures and CBS's are defined differently, said plainly.
    verschil_met_eigen_cijfers: str = ""

    @model_validator(mode="after")
    def _in_a_chapter(self) -> VergelijkingsCijfer:
        if self.hoofdstuk not in HOOFDSTUKKEN:
            raise ValueError(
                f"hoofdstuk '{self.hoofdstuk}' bestaat niet; kies uit {', '.join(HOOFDSTUKKEN)}"
            )
        if (self.teller is None) != (self.noemer is None):
            raise ValueError("geef teller én noemer, of geen van beide")
        if self.teller is None and self.cijfer is None:
            raise ValueError("geef teller en noemer, of het cijfer dat CBS zelf publiceert")
        return self

    @property
    def tables(self) -> list[str]:
        """The CBS tables this rate reads."""
        references = (self.teller, self.noemer, self.cijfer, self.inwoners)
        return sorted({reference.split(":")[0] for reference in references if reference})


class Vergelijking(_Strict):
    """How the gemeente compares with others: its CBS code, the reference groups a beheerder
    chooses (Nederland and the gemeentegrootteklasse are always there) and the rates shown."""

    gemeente: Annotated[str, Field(pattern=r"^GM\d{4}$")]
    regio_naam: str = ""
    regio: list[Annotated[str, Field(pattern=r"^GM\d{4}$")]] = []
    vergelijkbaar: list[Annotated[str, Field(pattern=r"^GM\d{4}$")]] = []
    cijfer: list[VergelijkingsCijfer] = []


class Catalogue(_Strict):
    instellingen: Instellingen = Instellingen()
    indicator: list[Indicator]
    thema: list[Thema] = []
    vergelijking: Vergelijking | None = None
    # The figures of the wmo, jeugd and participatie chapters; without any, the standard figures
    # (monitor.domain.registry), so a catalogue written before figures were configuration keeps
    # the figures it was published with.
    figuur: list[Figuur] = []

    @model_validator(mode="after")
    def _references_exist(self) -> Catalogue:
        ids = {indicator.id for indicator in self.indicator}
        for indicator in self.indicator:
            for field in ("optelbaar_tot", "instroom", "uitstroom", "gekoppeld_aan"):
                target = getattr(indicator, field)
                if target and target not in ids:
                    raise ValueError(
                        f"indicator '{indicator.id}', veld '{field}': '{target}' bestaat niet"
                    )
        return self

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalogue:
        seen: set[str] = set()
        for indicator in self.all_indicators:
            if indicator.id in seen:
                raise ValueError(f"indicator '{indicator.id}' staat meer dan eens in de catalogus")
            seen.add(indicator.id)
        themes = [t.id for t in self.thema]
        for thema_id in themes:
            if themes.count(thema_id) > 1:
                raise ValueError(f"thema '{thema_id}' staat meer dan eens in de catalogus")
        return self

    @model_validator(mode="after")
    def _figures_fit_the_catalogue(self) -> Catalogue:
        indicators = {indicator.id: indicator for indicator in self.all_indicators}
        taken = {thema_figure_id(thema.id) for thema in self.thema}
        section_titles: dict[tuple[str, str], str] = {}
        for number, figure in enumerate(self.figuur):
            problem = _figure_problem(figure, indicators, taken, section_titles)
            if problem is not None:
                raise PlacedError(problem[0], ("figuur", number, problem[1]))
            taken.add(figure.id)
            section_titles.setdefault((figure.hoofdstuk, figure.sectie), figure.sectie_titel)
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


# Shapes whose builder reads their indicators in one unit.
SHAPE_UNITS = {
    Shape.CUMULATIEVE_LASTEN: Eenheid.EURO,
    Shape.BIJZONDERE_BIJSTAND: Eenheid.EURO,
    Shape.IN_UITSTROOM: Eenheid.PERSONEN,
}


def _figure_problem(figure: Figuur, indicators: dict[str, Indicator], taken: set[str],
                    section_titles: dict[tuple[str, str], str]) -> tuple[str, str] | None:  # fmt: skip
    """What in one [[figuur]] does not fit the rest of the catalogue, with the field it is in."""
    if figure.id in taken:
        return "deze id staat al eerder in de catalogus (figuur-ids zijn uniek)", "id"
    if figure.hoofdstuk not in HOOFDSTUKKEN:
        choices = ", ".join(HOOFDSTUKKEN)
        return f"hoofdstuk '{figure.hoofdstuk}' bestaat niet; kies uit {choices}", "hoofdstuk"
    for indicator_id in figure.indicatoren:
        indicator = indicators.get(indicator_id)
        if indicator is None:
            return f"indicator '{indicator_id}' staat niet in de catalogus", "indicatoren"
        if indicator.hoofdstuk != figure.hoofdstuk:
            return (f"indicator '{indicator_id}' hoort bij hoofdstuk '{indicator.hoofdstuk}', "
                    f"de figuur bij '{figure.hoofdstuk}'", "indicatoren")  # fmt: skip
        unit = SHAPE_UNITS.get(figure.vorm)
        if unit is not None and indicator.eenheid is not unit:
            return (f"vorm '{figure.vorm}' toont {unit.value}, maar indicator '{indicator_id}' "
                    f"heeft eenheid '{indicator.eenheid.value}'", "indicatoren")  # fmt: skip
    main = indicators[figure.indicatoren[0]]
    if (figure.categorie or figure.categorieen) and not main.categorie:
        field = "categorie" if figure.categorie else "categorieen"
        return (
            f"indicator '{main.id}' heeft geen categorieën (zijn veld 'categorie' is leeg)",
            field,
        )
    known = section_titles.get((figure.hoofdstuk, figure.sectie))
    if known is not None and known != figure.sectie_titel:
        return (f"sectie {figure.sectie} heet elders '{known}'; geef elke figuur van een sectie "
                "dezelfde sectie_titel", "sectie_titel")  # fmt: skip
    return None


# Words in a title that say the indicator counts people. Such a count is `personen` and
# `gevoelig`, or the AVG rule does not reach it (a catalogue once published 7 vrijwilligers).
PERSON_WORDS = re.compile(
    r"(?<!per )\b(cliënten|clienten|inwoners|personen|mensen|jongeren|jeugdigen|kinderen|ouderen|"
    r"deelnemers|vrijwilligers|mantelzorgers|bewoners|leerlingen|werkzoekenden|"
    r"uitkeringsgerechtigden|bijstandsgerechtigden|aanvragers|ontvangers|gebruikers|"
    r"bezoekers|huishoudens|gezinnen|cliënt|inwoner|persoon)\b",
    re.IGNORECASE,
)


def catalogue_warnings(catalogue: Catalogue) -> list[str]:
    """What the catalogue allows but probably means otherwise, in Dutch, one line per warning."""
    warnings = []
    for indicator in catalogue.all_indicators:
        word = PERSON_WORDS.search(indicator.titel)
        if word and not (indicator.eenheid is Eenheid.PERSONEN and indicator.gevoelig):
            warnings.append(
                f"Indicator '{indicator.id}' ('{indicator.titel}') spreekt van "
                f"{word[0].lower()}, maar heeft eenheid '{indicator.eenheid.value}'"
                f"{'' if indicator.gevoelig else ' en is niet gevoelig'}: een aantal personen "
                "krijgt eenheid 'personen' en gevoelig = true, anders geldt de AVG-regel (<10) "
                "er niet voor."
            )
    return warnings


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
        if isinstance(node, dict) and isinstance(node.get(step), list):
            parts.append(str(step))
        else:
            parts.append(f"veld '{step}'")
        node = node.get(step) if isinstance(node, dict) else None
    return ", ".join(parts)


def _dutch_message(problem: dict) -> str:
    """pydantic's message for one problem, in Dutch with the fix."""
    kind = problem["type"]
    context = problem.get("ctx") or {}
    given = problem.get("input")
    if kind == "value_error":
        return re.sub(r"^Value error, ", "", problem["msg"])
    if kind == "enum":
        return f"'{given}' is niet toegestaan; kies uit {context.get('expected', '')}".replace(
            " or ", " of "
        )
    if kind == "extra_forbidden":
        return "dit veld bestaat niet; controleer de spelling of verwijder het"
    if kind == "missing":
        return "dit verplichte veld ontbreekt"
    if kind == "string_pattern_mismatch":
        return f"'{given}' heeft niet de goede vorm (kleine letters, cijfers en _, gescheiden door punten)"
    if kind in ("string_too_short", "too_short"):
        return "mag niet leeg zijn"
    if kind in ("bool_parsing", "bool_type"):
        return "moet true of false zijn (zonder aanhalingstekens)"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return "moet een getal zijn"
    if kind == "greater_than_equal":
        return f"moet minstens {context.get('ge')} zijn"
    if kind == "list_type":
        return 'moet een lijst zijn, bijvoorbeeld ["maand"]'
    if kind == "string_type":
        return "moet tekst tussen aanhalingstekens zijn"
    return f"ongeldige waarde ({kind})"


def _toml_problem(error: tomllib.TOMLDecodeError) -> str:
    place = re.search(r"line (\d+), column (\d+)", str(error))
    where = f" op regel {place[1]}, kolom {place[2]}" if place else ""
    return (
        f"het bestand is geen geldige TOML: fout{where}. Zet tekst tussen aanhalingstekens, gebruik true of false "
        "voor ja/nee en controleer of elke [tabel] maar één keer een veld krijgt."
    )


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate the catalogue; raises CatalogueError with Dutch messages."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise CatalogueError(f"Catalogus {path} bestaat niet.") from None
    except UnicodeDecodeError:
        raise CatalogueError(
            f"Catalogus {path} is niet in UTF-8 opgeslagen. Sla het bestand op als UTF-8 "
            "(in Kladblok: Opslaan als, codering UTF-8)."
        ) from None
    except OSError as error:
        raise CatalogueError(
            f"Catalogus {path} kan niet worden gelezen ({error.strerror})."
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"Catalogus {path}: {_toml_problem(error)}") from None
    try:
        return Catalogue.model_validate(data)
    except ValidationError as error:
        lines = [f"Catalogus {path} is niet geldig:"]
        for problem in error.errors():
            cause = (problem.get("ctx") or {}).get("error")
            # A PlacedError says where below the validated block the problem is.
            location = (
                *problem["loc"],
                *(cause.location if isinstance(cause, PlacedError) else ()),
            )
            line = line_of(text, location)
            place = ", ".join(
                part for part in (f"regel {line}" if line else "", _place(location, data)) if part
            )
            message = _dutch_message(problem)
            lines.append(f"- {place}: {message}" if place else f"- {message}")
        raise CatalogueError("\n".join(lines)) from None
