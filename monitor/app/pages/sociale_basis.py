"""Chapter page: Sociale basis, per thema its ambitie, kerncijfers and stand van zaken."""

from __future__ import annotations

import streamlit as st

from monitor.app.components.figure_view import render_figure
from monitor.app.components.text_view import render_text
from monitor.app.session import current_published, current_texts
from monitor.domain.registry import thema_figure_id
from monitor.figures.published import METHOD_NOTE
from monitor.publication.editorial import thema_key
from monitor.render.markdown_text import literal_markdown

st.title("4. Sociale basis")
published = current_published()
if published is None:
    st.info("Er zijn nog geen cijfers gepubliceerd.")
    st.stop()
st.caption(f"Editie {published.edition.label}. {METHOD_NOTE}")
texts = current_texts()
render_text(texts.get("sociale_basis"))
for number, thema in enumerate(published.catalogue.thema, start=1):
    st.header(literal_markdown(f"4.{number} {thema.titel}"), divider="gray")
    st.markdown(f"**Ambitie.** {literal_markdown(thema.ambitie)}")
    render_figure(published.figure(thema_figure_id(thema.id)))
    render_text(texts.get(thema_key(thema.id)), "Stand van zaken en acties")
