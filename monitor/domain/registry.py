"""The figure registry: every figure of the dashboard declared once.

Pages, exports and the report iterate over these declarations, so a figure added here appears
everywhere. The query behind each shape lives in `monitor.figures.builders` and `queries/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from monitor.domain.catalogue import HOOFDSTUKKEN, Catalogue


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

    @property
    def main_indicator(self) -> str:
        return self.indicators[0]


def _lasten(chapter: str, section: str, naam: str) -> FigureSpec:
    return FigureSpec(
        f"{chapter}-lasten",
        chapter,
        section,
        "Financiën",
        f"Lasten {naam} ten opzichte van de begroting",
        Shape.CUMULATIEVE_LASTEN,
        (f"{chapter}.lasten", f"{chapter}.begroting", f"{chapter}.prognose"),
        f"Cumulatieve lasten {naam} per maand, één lijn per jaar, met de definitieve begroting en "
        "de prognose voor het hele jaar. Begroting min prognose is het verwachte voordeel "
        "(positief) of nadeel (negatief).",
    )


def _berichtenverkeer(chapter: str, section: str, naam: str, berichten: str) -> FigureSpec:
    return FigureSpec(
        f"{chapter}-lasten-berichtenverkeer",
        chapter,
        section,
        "Financiën",
        f"Lasten {naam} via het berichtenverkeer per maand",
        Shape.MAANDREEKS_PER_JAAR,
        (f"{chapter}.lasten_berichtenverkeer",),
        f"Lasten die aanbieders via het {berichten}-berichtenverkeer hebben gedeclareerd, per maand, "
        "één lijn per jaar. Dit is ongeveer 80% van alle lasten en niet te vergelijken met de "
        "hele begroting.",
        subject=f"de gemiddelde lasten {naam} via het berichtenverkeer per maand",
        subject_plural=True,
    )


def _in_uitstroom(
    chapter: str, section: str, section_title: str, naam: str, quarterly_only: bool
) -> FigureSpec:
    return FigureSpec(
        f"{chapter}-in-uitstroom",
        chapter,
        section,
        section_title,
        f"In- en uitstroom {naam}",
        Shape.IN_UITSTROOM,
        (f"{chapter}.instroom", f"{chapter}.uitstroom"),
        f"Instroom en uitstroom {naam} per "
        + (
            "kwartaal"
            if quarterly_only
            else "maand (per kwartaal als maandaantallen onder 10 komen)"
        )
        + ". Herindicaties en aansluitende verlengingen tellen niet mee.",
        quarterly_only=quarterly_only,
    )


def _kenmerk(figure_id: str, indicator: str, title: str, section: str = "3.3") -> FigureSpec:
    return FigureSpec(
        figure_id,
        "participatie",
        section,
        "Kenmerken",
        title,
        Shape.KENMERKEN,
        (indicator,),
        "Lopende uitkeringen op de laatste dag van elk kwartaal; de grafiek toont de verdeling in "
        "procenten van het totaal.",
    )


FIXED_FIGURES: tuple[FigureSpec, ...] = (
    _lasten("wmo", "1.1", "Wmo"),
    _berichtenverkeer("wmo", "1.1", "Wmo", "iWmo"),
    FigureSpec(
        "wmo-lasten-per-voorziening",
        "wmo",
        "1.2",
        "Lasten per voorziening",
        "Lasten Wmo per voorziening",
        Shape.VERDELING_PER_KWARTAAL,
        ("wmo.lasten_berichtenverkeer",),
        "Verdeling van de lasten via het berichtenverkeer over de voorzieningen, in procenten per "
        "kwartaal.",
    ),
    FigureSpec(
        "wmo-clienten-per-voorziening",
        "wmo",
        "1.3",
        "Cliëntaantallen",
        "Cliënten in zorg per voorziening",
        Shape.STAND_PER_KWARTAAL,
        ("wmo.clienten",),
        "Aantal cliënten in zorg per voorziening op de laatste dag van elk kwartaal. Een cliënt "
        "met meer voorzieningen telt bij elke voorziening één keer.",
    ),
    FigureSpec(
        "wmo-clienten-totaal",
        "wmo",
        "1.3",
        "Cliëntaantallen",
        "Unieke cliënten Wmo in zorg per maand",
        Shape.MAANDREEKS_PER_JAAR,
        ("wmo.clienten",),
        "Aantal unieke cliënten in zorg op de laatste dag van elke maand (een cliënt telt één "
        "keer), één lijn per jaar.",
        subject="het gemiddelde aantal cliënten in zorg per maand",
    ),
    _in_uitstroom("wmo", "1.3", "Cliëntaantallen", "Wmo", quarterly_only=False),
    _lasten("jeugd", "2.1", "Jeugd"),
    _berichtenverkeer("jeugd", "2.1", "Jeugd", "iJw"),
    FigureSpec(
        "jeugd-lasten-per-productcategorie",
        "jeugd",
        "2.2",
        "Lasten per productcategorie en verwijzer",
        "Lasten Jeugd per productcategorie",
        Shape.VERDELING_PER_KWARTAAL,
        ("jeugd.lasten_berichtenverkeer",),
        "Verdeling van de lasten via het berichtenverkeer over de productcategorieën, in procenten "
        "per kwartaal.",
    ),
    FigureSpec(
        "jeugd-lasten-per-verwijzer",
        "jeugd",
        "2.2",
        "Lasten per productcategorie en verwijzer",
        "Lasten Jeugd per type verwijzer",
        Shape.VERDELING_PER_KWARTAAL,
        ("jeugd.lasten_verwijzer",),
        "Verdeling van de lasten over het type verwijzer, in procenten per kwartaal.",
        referred="jeugdigen",
    ),
    FigureSpec(
        "jeugd-clienten-totaal",
        "jeugd",
        "2.3",
        "Cliëntaantallen",
        "Unieke jeugdigen in zorg per maand",
        Shape.MAANDREEKS_PER_JAAR,
        ("jeugd.clienten",),
        "Aantal unieke jeugdigen met jeugdhulp op de laatste dag van elke maand, één lijn per jaar.",
        subject="het gemiddelde aantal jeugdigen in zorg per maand",
    ),
    _in_uitstroom("jeugd", "2.3", "Cliëntaantallen", "Jeugd", quarterly_only=True),
    _lasten("participatie", "3.1", "Participatie"),
    FigureSpec(
        "participatie-uitkeringen",
        "participatie",
        "3.2",
        "Inkomen",
        "Lopende uitkeringen (Participatiewet en IOAW) per maand",
        Shape.MAANDREEKS_PER_JAAR,
        ("participatie.uitkeringen",),
        "Aantal lopende uitkeringen Participatiewet en IOAW op de laatste dag van elke maand, één "
        "lijn per jaar.",
        subject="het gemiddelde aantal uitkeringen per maand",
    ),
    _in_uitstroom("participatie", "3.2", "Inkomen", "uitkeringen", quarterly_only=True),
    _kenmerk(
        "participatie-kenmerken-geslacht",
        "participatie.uitkeringen_geslacht",
        "Uitkeringen naar geslacht",
    ),
    _kenmerk(
        "participatie-kenmerken-leefsituatie",
        "participatie.uitkeringen_leefsituatie",
        "Uitkeringen naar leefsituatie",
    ),
    _kenmerk(
        "participatie-kenmerken-leeftijd",
        "participatie.uitkeringen_leeftijd",
        "Uitkeringen naar leeftijdsklasse",
    ),
    _kenmerk(
        "participatie-looptijd", "participatie.uitkeringen_looptijd", "Uitkeringen naar looptijd"
    ),
    _kenmerk(
        "participatie-trede",
        "participatie.uitkeringen_trede",
        "Uitkeringen naar trede op de participatieladder",
    ),
    FigureSpec(
        "participatie-loonkostensubsidie",
        "participatie",
        "3.4",
        "Loonkostensubsidie",
        "Cliënten met loonkostensubsidie per maand",
        Shape.MAANDREEKS_PER_JAAR,
        ("participatie.loonkostensubsidie",),
        "Aantal inwoners met loonkostensubsidie op de laatste dag van elke maand, één lijn per jaar.",
        subject="het gemiddelde aantal inwoners met loonkostensubsidie per maand",
    ),
    FigureSpec(
        "participatie-bijzondere-bijstand",
        "participatie",
        "3.5",
        "Bijzondere bijstand",
        "Lasten bijzondere bijstand per categorie",
        Shape.BIJZONDERE_BIJSTAND,
        ("participatie.bijzondere_bijstand",),
        "Bijzondere bijstand die rechtstreeks aan inwoners is betaald, per categorie en kwartaal. "
        "Categorieën met gemiddeld minder dan € 2.000 per kwartaal zijn samengevoegd tot Overig. "
        "Eindtotaal excl. Energietoeslag laat de eenmalige landelijke regelingen weg.",
    ),
    FigureSpec(
        "participatie-banenafspraak",
        "participatie",
        "3.6",
        "Banenafspraak",
        "Banenafspraak: banen naar indicatie door gemeente en UWV",
        Shape.STAND_PER_KWARTAAL,
        ("participatie.banenafspraak",),
        "Aantal banen in het kader van de banenafspraak op de laatste dag van elk kwartaal, naar "
        "wie de doelgroep heeft geïndiceerd.",
    ),
)


def thema_figure_id(thema_id: str) -> str:
    return "sociale-basis-" + thema_id.replace("_", "-")


def figure_specs(catalogue: Catalogue) -> tuple[FigureSpec, ...]:
    """All figures: the fixed ones and one per sociale-basis thema in the catalogue."""
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
    return FIXED_FIGURES + themed + comparison_figures(catalogue, FIXED_FIGURES + themed)


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
