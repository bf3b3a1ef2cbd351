"""A chapter page: its sections in the order of the monitor, each with its figures."""

from __future__ import annotations

import streamlit as st

from monitor.app.components.figure_view import render_figure
from monitor.app.components.text_view import render_text
from monitor.app.session import current_published, current_texts
from monitor.domain.registry import chapter_title
from monitor.figures.published import METHOD_NOTE, PublishedFigure
from monitor.render.markdown_text import literal_markdown

CHAPTER_NUMBERS = {"wmo": 1, "jeugd": 2, "participatie": 3, "sociale_basis": 4}


def render_chapter(chapter: str) -> None:
    st.title(f"{CHAPTER_NUMBERS[chapter]}. {chapter_title(chapter)}")
    published = current_published()
    if published is None:
        st.info("Er zijn nog geen cijfers gepubliceerd.")
        return
    st.caption(f"Editie {published.edition.label}. {METHOD_NOTE}")
    render_text(current_texts().get(chapter))
    figures = published.chapter(chapter)
    sections: dict[tuple[str, str], list[PublishedFigure]] = {}
    for figure in figures:
        sections.setdefault((figure.section, figure.section_title), []).append(figure)
    for (section, title), members in sections.items():
        st.header(literal_markdown(f"{section} {title}"), divider="gray")
        for figure in members:
            render_figure(figure)
