"""A figure as configuration: one `[[figuur]]` block of the catalogue, validated on its own.

What a block may say depends on its shape (`vorm`): how many indicators it reads, which period
grain it can show, and whether it shows one chosen category or a chosen list of categories.
Checks that need the rest of the catalogue (do the indicators exist?) are in
`monitor.domain.catalogue`.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from monitor.domain.strict_model import STRICT, NonEmpty, PlacedError


class Shape(StrEnum):
    CUMULATIEVE_LASTEN = "cumulatieve_lasten"  # line per year, cumulative, begroting + prognose
    MAANDREEKS_PER_JAAR = "maandreeks_per_jaar"  # line per year with trend sentences
    VERDELING_PER_KWARTAAL = "verdeling_per_kwartaal"  # 100% stacked percentages per quarter
    STAND_PER_KWARTAAL = "stand_per_kwartaal"  # table: category × quarter-end peildatum
    KENMERKEN = "kenmerken"  # as above with a Totaal row; chart as percentages
    IN_UITSTROOM = "in_uitstroom"  # instroom and uitstroom per month or quarter
    BIJZONDERE_BIJSTAND = "bijzondere_bijstand"  # Overig rule and both Eindtotaal rows
    KERNCIJFERS = "kerncijfers"  # sociale basis: indicators of one thema per period
    VERGELIJKING = "vergelijking"  # a CBS rate of the gemeente beside reference groups, per year


class Grain(StrEnum):
    MAAND = "maand"
    KWARTAAL = "kwartaal"


# What each shape reads, in the order the figure uses them.
INDICATOR_ROLES: dict[Shape, tuple[str, ...]] = {
    Shape.CUMULATIEVE_LASTEN: ("de lasten per maand", "de begroting", "de prognose"),
    Shape.MAANDREEKS_PER_JAAR: ("de maandwaarden",),
    Shape.VERDELING_PER_KWARTAAL: ("de bedragen per categorie",),
    Shape.STAND_PER_KWARTAAL: ("de stand per categorie",),
    Shape.KENMERKEN: ("de stand per kenmerk",),
    Shape.IN_UITSTROOM: ("de instroom", "de uitstroom"),
    Shape.BIJZONDERE_BIJSTAND: ("de bedragen per categorie",),
}
# The grains a shape can show; the first is the default. In- en uitstroom per month falls back
# to quarters by itself when month counts come under the threshold.
GRAINS: dict[Shape, tuple[Grain, ...]] = {
    Shape.CUMULATIEVE_LASTEN: (Grain.MAAND,),
    Shape.MAANDREEKS_PER_JAAR: (Grain.MAAND,),
    Shape.VERDELING_PER_KWARTAAL: (Grain.KWARTAAL,),
    Shape.STAND_PER_KWARTAAL: (Grain.KWARTAAL,),
    Shape.KENMERKEN: (Grain.KWARTAAL,),
    Shape.IN_UITSTROOM: (Grain.MAAND, Grain.KWARTAAL),
    Shape.BIJZONDERE_BIJSTAND: (Grain.KWARTAAL,),
}
ONE_CATEGORY_SHAPES = frozenset({Shape.MAANDREEKS_PER_JAAR, Shape.IN_UITSTROOM})
CATEGORY_LIST_SHAPES = frozenset(
    {Shape.VERDELING_PER_KWARTAAL, Shape.STAND_PER_KWARTAAL, Shape.KENMERKEN}
)
# Made by the catalogue itself: one per [[thema]], one per [[vergelijking.cijfer]].
DERIVED_SHAPES = {
    Shape.KERNCIJFERS: "per [[thema]] ontstaat vanzelf een figuur met zijn kerncijfers",
    Shape.VERGELIJKING: "per [[vergelijking.cijfer]] ontstaat vanzelf een vergelijkingsfiguur",
}


def _names(shapes: object) -> str:
    return ", ".join(f"'{shape}'" for shape in shapes)  # type: ignore[attr-defined]


class Figuur(BaseModel):
    model_config = STRICT

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    hoofdstuk: str
    sectie: Annotated[str, Field(pattern=r"^\d+\.\d+$")]  # "1.3"
    sectie_titel: NonEmpty  # "Cliëntaantallen"
    titel: NonEmpty
    vorm: Shape
    indicatoren: Annotated[list[str], Field(min_length=1)]
    beschrijving: NonEmpty  # what the figure shows, under it and in the report
    # The subject of the trend sentences: "het gemiddelde aantal cliënten in zorg per maand".
    onderwerp: str = ""
    onderwerp_meervoud: bool = False  # "de gemiddelde lasten … zijn toegenomen"
    periode: Grain | None = None
    verwezen: str = ""  # a split by verwijzer: who was referred ("jeugdigen"), for its sentence
    categorie: str = ""  # one category of the indicator instead of its total
    categorieen: list[NonEmpty] = []  # only these categories, in this order
    # Below this change in percent the trend sentence says "nagenoeg gelijk"; without it, the
    # catalogue's [instellingen].
    nagenoeg_gelijk_procent: Annotated[Decimal, Field(ge=0, le=100)] | None = None

    @model_validator(mode="after")
    def _fits_its_shape(self) -> Figuur:
        if self.vorm in DERIVED_SHAPES:
            raise PlacedError(
                f"vorm '{self.vorm}' kan niet in een [[figuur]]: {DERIVED_SHAPES[self.vorm]}",
                ("vorm",),
            )
        roles = INDICATOR_ROLES[self.vorm]
        if len(self.indicatoren) != len(roles):
            raise PlacedError(
                f"vorm '{self.vorm}' leest {len(roles)} "
                f"{'indicator' if len(roles) == 1 else 'indicatoren'} ({', '.join(roles)}), "
                f"maar er staan er {len(self.indicatoren)} in 'indicatoren'",
                ("indicatoren",),
            )
        if self.periode is not None and self.periode not in GRAINS[self.vorm]:
            raise PlacedError(
                f"vorm '{self.vorm}' kan niet per {self.periode} worden getoond; kies "
                + " of ".join(f"'{grain}'" for grain in GRAINS[self.vorm]),
                ("periode",),
            )
        if self.categorie and self.vorm not in ONE_CATEGORY_SHAPES:
            raise PlacedError(
                f"'categorie' (één categorie in plaats van het totaal) kan alleen bij vorm "
                f"{_names(sorted(ONE_CATEGORY_SHAPES))}; gebruik 'categorieen' om te kiezen "
                "welke categorieën een tabel of verdeling toont",
                ("categorie",),
            )
        if self.categorieen and self.vorm not in CATEGORY_LIST_SHAPES:
            raise PlacedError(
                f"'categorieen' kan alleen bij vorm {_names(sorted(CATEGORY_LIST_SHAPES))}",
                ("categorieen",),
            )
        if len(set(self.categorieen)) != len(self.categorieen):
            raise PlacedError("'categorieen' noemt een categorie meer dan eens", ("categorieen",))
        if self.nagenoeg_gelijk_procent is not None and self.vorm is not Shape.MAANDREEKS_PER_JAAR:
            raise PlacedError(
                "'nagenoeg_gelijk_procent' hoort bij de trendzinnen van vorm "
                f"'{Shape.MAANDREEKS_PER_JAAR}'",
                ("nagenoeg_gelijk_procent",),
            )
        if self.vorm is Shape.MAANDREEKS_PER_JAAR and not self.onderwerp.strip():
            raise PlacedError(
                "een maandreeks heeft een 'onderwerp' nodig voor de zinnen bij de grafiek, "
                'bijvoorbeeld "het gemiddelde aantal cliënten in zorg per maand"',
                ("onderwerp",),
            )
        return self

    @property
    def grain(self) -> Grain:
        return self.periode or GRAINS[self.vorm][0]


def thema_figure_id(thema_id: str) -> str:
    """The id of the kerncijfers figure a [[thema]] gets."""
    return "sociale-basis-" + thema_id.replace("_", "-")
