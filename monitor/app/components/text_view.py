"""Showing a beleidsmedewerker's text: Markdown, never raw HTML."""

from __future__ import annotations

import streamlit as st

from monitor.publication.editorial import TextRecord
from monitor.render.markdown_text import without_images


def render_text(text: TextRecord | None, heading: str | None = None) -> None:
    if text is None or not text.text:
        return
    if heading:
        st.markdown(f"**{heading}**")
    # unsafe_allow_html stays off: a <script> in a text is shown as text, never run. An image
    # would make every reader's browser fetch it from wherever it points: shown as text too.
    st.markdown(without_images(text.text), unsafe_allow_html=False)
