"""Showing a beleidsmedewerker's text: Markdown, never raw HTML."""

from __future__ import annotations

import streamlit as st

from monitor.publication.editorial import TextRecord


def render_text(text: TextRecord | None, heading: str | None = None) -> None:
    if text is None or not text.text:
        return
    if heading:
        st.markdown(f"**{heading}**")
    # unsafe_allow_html stays off: a <script> in a text is shown as text, never run.
    st.markdown(text.text, unsafe_allow_html=False)
