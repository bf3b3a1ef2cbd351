"""Texts per chapter and per sociale-basis thema for an edition, with a preview."""

from __future__ import annotations

import streamlit as st

from monitor.app.session import catalogue, data_dir, require
from monitor.domain.access import Role
from monitor.domain.numbers import format_moment
from monitor.domain.registry import CHAPTERS, chapter_title
from monitor.publication.edition import available_editions
from monitor.publication.editorial import EditorialError, save_text, texts_for, thema_key
from monitor.render.markdown_text import has_images, literal_markdown, without_images

access = require(Role.BELEIDSMEDEWERKER)
st.title("Teksten")
editions = available_editions(data_dir())
if not editions:
    st.info("Er zijn nog geen cijfers; teksten horen bij een editie.")
    st.stop()

st.markdown(
    "Teksten horen bij een editie. Ze staan op de hoofdstukpagina's en in het rapport. Gebruik "
    "Markdown: `**vet**`, `*cursief*`, lijstjes met `-`. HTML wordt nooit uitgevoerd en "
    "afbeeldingen worden niet getoond (ze zouden bij elke lezer van buiten worden geladen)."
)
edition = st.selectbox("Editie", editions, format_func=lambda e: e.label, key="tekst-editie")
keys = {chapter: f"Hoofdstuk {chapter_title(chapter)}" for chapter in CHAPTERS}
keys |= {
    thema_key(t.id): f"Sociale basis: {t.titel} (stand van zaken en acties)"
    for t in catalogue().thema
}
key = st.selectbox("Tekst", list(keys), format_func=keys.get, key="tekst-sleutel")
current = texts_for(data_dir(), edition).get(key)
if current:
    st.caption(
        f"Laatst opgeslagen door {literal_markdown(current.author)} op "
        f"{format_moment(current.saved_at)}."
    )
text = st.text_area("Tekst (Markdown)", value=current.text if current else "", height=220,
                    key=f"tekst-{edition.key}-{key}")  # fmt: skip
st.markdown("**Voorbeeld**")
with st.container(border=True):
    # The preview shows what readers will see: an image stays text there too.
    st.markdown(without_images(text) or "_(leeg)_")
if has_images(text):
    st.caption("Deze tekst bevat een afbeelding; lezers en het rapport tonen die als tekst.")
if st.button("Opslaan", type="primary", key="tekst-opslaan"):
    try:
        version = save_text(data_dir(), edition, key, text, access.author)
    except EditorialError as error:
        st.error(str(error))
    else:
        st.success(f"Opgeslagen (versie {version}).")
