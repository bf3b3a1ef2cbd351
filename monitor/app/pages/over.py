"""Over deze monitor: leeswijzer, sources, the AVG rule, all definitions, accessibility."""

from __future__ import annotations

import streamlit as st

from monitor.app.session import catalogue
from monitor.domain.registry import CHAPTERS, chapter_title, figure_specs
from monitor.figures.published import MARKER_LEGEND
from monitor.publication.sentences import nearly_equal_rule
from monitor.render.markdown_text import literal_markdown

st.title("Over deze monitor")
nearly_equal = nearly_equal_rule(catalogue().instellingen.nagenoeg_gelijk_procent)

st.header("Leeswijzer", divider="gray")
st.markdown(
    f"""
De Monitor Sociaal Domein laat de gemeenteraad per kwartaal zien hoe het gaat met de Wmo, de
jeugdhulp, de Participatiewet en de sociale basis. Een **editie** hoort bij een peildatum aan het
eind van een kwartaal en toont het lopende jaar tot die peildatum en de twee jaren ervoor. Kies de
editie links in het menu.

- **Trend per jaar**: het gemiddelde per maand van een jaar vergeleken met het jaar ervoor; voor het
  lopende jaar de maanden die er al zijn met dezelfde maanden van het jaar ervoor ("op basis van
  het eerste kwartaal … ten opzichte van dezelfde maanden van").
  {nearly_equal}
- **Peildatum**: aantallen "in zorg" en "lopend" gelden op de laatste dag van de maand of het
  kwartaal.
- **In- en uitstroom** telt geen herindicaties en aansluitende verlengingen mee.
- **Voorlopige cijfers**: aanbieders declareren jeugdhulp laat; de laatste maanden worden nog hoger.
"""
)

st.header("Privacy (AVG)", divider="gray")
st.markdown(
    """
Om te voldoen aan de AVG worden aantallen personen kleiner dan 10 getoond als `<10`. Dat geldt op
het scherm, in grafieken, in downloads en in het rapport. Om terugrekenen te voorkomen zijn enkele
andere cijfers afgeschermd (`x`): totalen, andere indelingen en de relatie tussen stand, instroom en
uitstroom laten anders een afgeschermd aantal terugrekenen.
"""
)
st.table({"Teken": [m for m, _ in MARKER_LEGEND], "Betekenis": [t for _, t in MARKER_LEGEND]})

st.header("Definities en bronnen", divider="gray")
current = catalogue()
for chapter in CHAPTERS:
    st.subheader(chapter_title(chapter))
    for spec in figure_specs(current):
        if spec.chapter != chapter:
            continue
        # Titles, definitions and sources come from the catalogue file: shown as text.
        with st.expander(literal_markdown(f"{spec.section} {spec.title}")):
            st.markdown(literal_markdown(spec.description))
            for indicator_id in spec.indicators:
                indicator = current.by_id[indicator_id]
                st.markdown(
                    f"**{literal_markdown(indicator.titel)}** ({indicator.eenheid.value}; "
                    f"{', '.join(k.value for k in indicator.periodiciteit)}; "
                    f"{'stand op peildatum' if indicator.soort.value == 'stand' else 'over de periode'}): "
                    f"{literal_markdown(indicator.definitie)} *Bron: {literal_markdown(indicator.bron)}.*"
                )
                if indicator.beleidsdoel:
                    st.markdown(f"Beleidsdoel: {literal_markdown(indicator.beleidsdoel)}.")

st.header("Toegankelijkheidsverklaring", divider="gray")
st.markdown(
    """
Wij willen dat iedereen deze monitor kan gebruiken. Overheidswebsites moeten voldoen aan WCAG 2.1
niveau AA.

**Wat wij doen.** Elke grafiek heeft een tekstalternatief (de zinnen onder de grafiek zeggen wat er
veranderde) en een tabel met dezelfde cijfers (*Toon als tabel*). Kleuren komen uit het
kleurenblindveilige Okabe-Ito-palet, en reeksen verschillen ook in lijnstijl en markering, nooit
alleen in kleur. Getallen en maanden staan altijd in Nederlandse notatie. De pagina's zijn met het
toetsenbord te bedienen: in een geopend menu *Downloaden* blijft Tab in het menu (Escape sluit het),
en een brede tabel krijgt de focus en schuift met de pijltjestoetsen. De pagina's passen op schermen
van 768 tot 1920 pixels breed, ook op een tablet.

**Bekende beperkingen.**
- De taal van de pagina staat in de HTML van het onderliggende framework (Streamlit) vast op Engels
  (`lang="en"`, WCAG 3.1.1). Daardoor kan een schermlezer Nederlandse tekst met een Engelse stem
  voorlezen. Wij zetten de taal na het laden op Nederlands; de gedownloade rapporten hebben
  `lang="nl"`.
- Grafieken zelf zijn afbeeldingen; gebruik de tabel en de zinnen voor de exacte cijfers. De
  grafiekbibliotheek (Vega) beschrijft assen en reeksen voor schermlezers in het Engels; de Nederlandse
  beschrijving van elke grafiek staat ervoor.
- Enkele knoppen van het framework zelf hebben een Engelse naam voor schermlezers (bijvoorbeeld
  "Collapse sidebar"). De Engelse knoppen bij elke grafiek staan uit; downloads en de tabel staan
  eronder.
- Voor ingelogde medewerkers met meer dan één menu-onderdeel maakt het framework een menu dat geen
  geldige HTML-lijst is; voor lezers is het menu een gewone lijst.

**Getest.** Automatisch met axe-core op elke pagina bij elke wijziging van de software, zoals de
pagina laadt en met alle tabellen, definities en een downloadmenu geopend; met alleen het
toetsenbord; op schermen van 768, 820, 1366 en 1920 pixels breed.

**Contact.** Loopt u tegen een probleem aan? Neem contact op met de gemeente via het algemene
contactformulier; wij reageren binnen vijf werkdagen.
"""
)
