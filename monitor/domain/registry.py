"""The figure registry: every figure of the dashboard, from the catalogue's configuration.

Pages, exports and the report iterate over these declarations, so a figure added to the catalogue
appears everywhere. The query behind each shape lives in `monitor.figures.builders` and `queries/`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from pydantic import TypeAdapter

from monitor.config import STANDARD_FIGURES
from monitor.domain.catalogue import HOOFDSTUKKEN, Catalogue, Instellingen
from monitor.domain.figure_config import Figuur, Grain, Shape, thema_figure_id

__all__ = ["Shape", "thema_figure_id"]  # where pages and renderers take them from


@dataclass(frozen=True)
class FigureSpec:
    figure_id: str
    chapter: str
    section: str  # "1.1"
    section_title: str  # "Financiën"
    title: str
    shape: Shape
    indicators: tuple[str, ...]  # the first is the main indicator
    description: str  # what the figure shows, in Dutch
    subject: str = ""  # for trend sentences: "het gemiddelde aantal cliënten in zorg per maand"
    subject_plural: bool = False  # "de gemiddelde lasten … zijn toegenomen"
    quarterly_only: bool = False  # in/uitstroom: always per quarter
    referred: str = ""  # a split by verwijzer: who was referred ("jeugdigen"), for its sentence
    thema: str = ""
    vergelijking: str = ""  # the id of a [[vergelijking.cijfer]] of the catalogue
    sources: tuple[str, ...] = ()  # sources beside those of the indicators (CBS for a comparison)
    categorie: str = ""  # one category of the main indicator instead of its total
    categories: tuple[str, ...] = ()  # only these categories, in this order (empty: all)
    # A trend sentence says "nagenoeg gelijk" below this change in percent.
    nearly_equal_percent: Decimal = Decimal("0.5")

    @property
    def main_indicator(self) -> str:
        return self.indicators[0]


@cache
def standard_figures() -> tuple[Figuur, ...]:
    """The figures of a catalogue without [[figuur]]: the monitor's figures as they were before
    they became configuration, so an edition published then is rebuilt with the same figures."""
    data = tomllib.loads(STANDARD_FIGURES.read_text(encoding="utf-8"))
    return tuple(TypeAdapter(list[Figuur]).validate_python(data["figuur"]))


def _spec(figure: Figuur, settings: Instellingen) -> FigureSpec:
    return FigureSpec(
        figure.id,
        figure.hoofdstuk,
        figure.sectie,
        figure.sectie_titel,
        figure.titel,
        figure.vorm,
        tuple(figure.indicatoren),
        figure.beschrijving,
        subject=figure.onderwerp,
        subject_plural=figure.onderwerp_meervoud,
        quarterly_only=figure.vorm is Shape.IN_UITSTROOM and figure.grain is Grain.KWARTAAL,
        referred=figure.verwezen,
        categorie=figure.categorie,
        categories=tuple(figure.categorieen),
        nearly_equal_percent=(
            settings.nagenoeg_gelijk_procent
            if figure.nagenoeg_gelijk_procent is None
            else figure.nagenoeg_gelijk_procent
        ),
    )


def _section_order(spec: FigureSpec) -> tuple[int, int, int]:
    major, minor = spec.section.split(".")
    return list(HOOFDSTUKKEN).index(spec.chapter), int(major), int(minor)


def configured_figures(catalogue: Catalogue) -> tuple[FigureSpec, ...]:
    """The catalogue's [[figuur]] blocks in the order of the monitor (chapter, then section; in a
    section as the file has them); a catalogue without any shows the standard figures that its
    indicators allow."""
    if catalogue.figuur:
        specs = [_spec(figure, catalogue.instellingen) for figure in catalogue.figuur]
    else:
        specs = [
            _spec(figure, catalogue.instellingen)
            for figure in standard_figures()
            if all(indicator in catalogue.by_id for indicator in figure.indicatoren)
        ]
    return tuple(sorted(specs, key=_section_order))


def figure_specs(catalogue: Catalogue) -> tuple[FigureSpec, ...]:
    """All figures: the configured ones, one per sociale-basis thema and one per comparison."""
    themed = tuple(
        FigureSpec(
            thema_figure_id(thema.id),
            "sociale_basis",
            f"4.{number}",
            thema.titel,
            f"Kerncijfers {thema.titel.lower()}",
            Shape.KERNCIJFERS,
            tuple(f"sociale_basis.{thema.id}.{item.naam}" for item in thema.indicator),
            f"Kerncijfers van het thema {thema.titel.lower()} per periode. Ambitie: {thema.ambitie}",
            thema=thema.id,
        )
        for number, thema in enumerate(catalogue.thema, start=1)
    )
    configured = configured_figures(catalogue)
    return configured + themed + comparison_figures(catalogue, configured + themed)


KEEP_CAPITAL = frozenset({"Wmo", "CBS", "WW", "AOW", "WIA", "WAO"})


def comparison_subject(titel: str) -> str:
    """`Personen met bijstand per 1.000 inwoners` → `het aantal personen met bijstand per 1.000
    inwoners`, the subject of the comparison sentence."""
    # A name keeps its capital: "het aantal Wmo-cliënten".
    keep = titel.split("-")[0].split()[0] in KEEP_CAPITAL if titel.strip() else False
    lowered = titel if keep else titel[:1].lower() + titel[1:]
    if lowered.startswith(("aantal ", "percentage ", "het ", "de ")):
        return lowered if lowered.startswith(("het ", "de ")) else f"het {lowered}"
    return f"het aantal {lowered}"


def comparison_figures(
    catalogue: Catalogue, others: tuple[FigureSpec, ...]
) -> tuple[FigureSpec, ...]:
    """One "Vergelijking" figure per configured CBS rate, after its chapter's own sections."""
    if catalogue.vergelijking is None:
        return ()
    specs = []
    for chapter in HOOFDSTUKKEN:
        rates = [c for c in catalogue.vergelijking.cijfer if c.hoofdstuk == chapter]
        if not rates:
            continue
        sections = [spec.section for spec in others if spec.chapter == chapter]
        number = (
            sections[0].split(".")[0] if sections else str(list(HOOFDSTUKKEN).index(chapter) + 1)
        )
        last = max((int(section.split(".")[1]) for section in sections), default=0)
        for rate in rates:
            tables = rate.tables
            specs.append(FigureSpec(
                f"{chapter.replace('_', '-')}-vergelijking-{rate.id.replace('_', '-')}",
                chapter,
                f"{number}.{last + 1}",
                "Vergelijking",
                f"{rate.titel}: vergeleken met andere gemeenten",
                Shape.VERGELIJKING,
                (),
                f"{rate.titel} van de gemeente naast Nederland, gemeenten van dezelfde "
                f"grootteklasse en de gekozen vergelijkingsgroepen, per jaar, zoals CBS ze "
                f"publiceert (CBS-tabel {', '.join(tables)}). {rate.definitie} Een groepscijfer "
                "is de som van de tellers gedeeld door de som van de noemers van de gemeenten "
                "met cijfers, niet het gemiddelde van hun cijfers.",
                subject=comparison_subject(rate.titel),
                vergelijking=rate.id,
                sources=(f"CBS, tabel {', '.join(tables)} (CC BY 4.0)",),
            ))  # fmt: skip
    return tuple(specs)


def spec_by_id(catalogue: Catalogue, figure_id: str) -> FigureSpec | None:
    return next((s for s in figure_specs(catalogue) if s.figure_id == figure_id), None)


# The one chapter list, in report order: the catalogue's hoofdstukken.
CHAPTERS: tuple[str, ...] = tuple(HOOFDSTUKKEN)


def chapter_title(chapter: str) -> str:
    return HOOFDSTUKKEN[chapter]
