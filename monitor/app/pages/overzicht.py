"""Overzicht: the edition, kerncijfers per chapter, signals and the leeswijzer in short."""

from __future__ import annotations

import streamlit as st

from monitor.app.session import (
    current_access,
    current_choice,
    current_published,
    current_texts,
    data_dir,
)
from monitor.domain.access import Role
from monitor.domain.registry import chapter_title
from monitor.figures.published import METHOD_NOTE
from monitor.publication.edition import store_version
from monitor.publication.editorial import stored_report
from monitor.render.markdown_text import literal_markdown
from monitor.render.overview import overview
from monitor.render.report import published_report, report_pdf
from monitor.render.report_limits import ReportRefused, limited_render

DRAFT_REPORT_KEY = "conceptrapport"


st.title("Monitor Sociaal Domein")
published = current_published()
if published is None:
    st.info(
        "Er is nog geen editie gepubliceerd. Beleidsmedewerkers importeren cijfers en publiceren "
        "een editie (of laad de demo met `monitor demo`)."
    )
    st.stop()

texts = current_texts()
settings = published.catalogue.instellingen
st.markdown(
    f"**{literal_markdown(settings.gemeente_naam)}** · editie **{published.edition.label}**"
)
summary = overview(published, published.catalogue)

if summary.signals:
    st.header("Signalen", divider="gray")
    for signal in summary.signals:
        st.warning(literal_markdown(signal.text))

for chapter, kerncijfers in summary.kerncijfers.items():
    st.header(chapter_title(chapter), divider="gray")
    columns = st.columns(max(1, min(3, len(kerncijfers))))
    for index, kerncijfer in enumerate(kerncijfers):
        with columns[index % len(columns)]:
            st.metric(
                literal_markdown(kerncijfer.label),
                kerncijfer.value,
                delta=kerncijfer.change,
                delta_color="off",
            )
            if kerncijfer.target:
                st.caption(literal_markdown(kerncijfer.target.capitalize()))

st.header("Rapport voor de raad", divider="gray")
st.markdown(
    "Het hele rapport van deze editie als pdf: alle hoofdstukken met grafieken, zinnen, tabellen, "
    "teksten en definities, geschikt om bij een raadsvoorstel te voegen."
)
choice = current_choice()
file_name = f"monitor-sociaal-domein_{published.edition.key}.pdf"
if choice is not None and not choice.is_draft:
    edition, version = choice.edition, choice.version
    kept = stored_report(data_dir(), edition, version)
    if kept is None:
        st.caption("Het rapport wordt gemaakt als u op de knop klikt; dat duurt enkele seconden.")
    st.download_button(
        "Rapport downloaden (pdf)",
        # A publication's report is made once and then served as kept: asking again, by a
        # click or a replayed request, never renders it a second time.
        data=kept if kept is not None else (lambda: published_report(data_dir(), edition, version)),
        file_name=file_name,
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
elif current_access().has(Role.BELEIDSMEDEWERKER):
    # The draft's report is rendered afresh each time (about 9 s of server CPU): only for
    # beleidsmedewerkers, on a click in this script run, one at a time and not too often.
    made = st.session_state.get(DRAFT_REPORT_KEY)
    if made is not None and made[0] != (published.edition.key, store_version(data_dir())):
        made = None
    if st.button("Conceptrapport maken", icon=":material/picture_as_pdf:", key="concept-maken"):
        try:
            with st.spinner("Het conceptrapport wordt gemaakt…"):
                # The cool-down counts per logged-in beleidsmedewerker, not per browser tab.
                pdf = limited_render(
                    lambda: report_pdf(published, published.catalogue, texts),
                    current_access().author,
                )
        except ReportRefused as refused:
            st.warning(str(refused))
        else:
            made = ((published.edition.key, store_version(data_dir())), pdf)
            st.session_state[DRAFT_REPORT_KEY] = made
    if made is not None:
        st.download_button(
            "Conceptrapport downloaden (pdf)",
            data=made[1],
            file_name=file_name.replace(".pdf", "_concept.pdf"),
            mime="application/pdf",
            on_click="ignore",
            icon=":material/download:",
        )

st.header("Leeswijzer", divider="gray")
st.markdown(
    f"""
Deze monitor toont de stand van het sociaal domein **{published.edition.label}**: het lopende jaar
tot de peildatum en de twee jaren ervoor. Per hoofdstuk (Wmo, Jeugd, Participatie en Sociale basis)
staat bij elke grafiek in gewone zinnen wat er veranderde, en onder *Toon als tabel* de cijfers zelf.

**AVG.** {METHOD_NOTE} Een punt (.) betekent dat een cijfer niet is aangeleverd.

Meer over bronnen, definities en toegankelijkheid staat op de pagina *Over deze monitor*.
"""
)
