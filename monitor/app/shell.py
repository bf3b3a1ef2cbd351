"""Page-wide touches: the document language and print-friendly styling."""

from __future__ import annotations

import logging

import streamlit as st

# Streamlit writes <html lang="en"> (WCAG 3.1.1). Set the real language as soon as the page runs;
# it is our own constant script, not user content.
LANGUAGE_SCRIPT = "<script>document.documentElement.lang = 'nl';</script>"
STYLE = """
<style>
  /* Sentences under charts read as text, not captions. */
  [data-testid="stMarkdown"] [data-testid="stMarkdownContainer"] p { font-size: 1.02rem; line-height: 1.55; }
  table { font-variant-numeric: tabular-nums; }
</style>
"""


def apply_shell() -> None:
    # Its only warning says a chart has both a spec description and alt text. Ours carry the
    # same text on purpose (alt for the page, the description for exported SVG and PDF); a
    # level, unlike a filter, also skips the stack trace Streamlit formats for every chart.
    logging.getLogger("streamlit.elements.vega_charts").setLevel(logging.ERROR)
    st.html(LANGUAGE_SCRIPT, unsafe_allow_javascript=True)
    st.html(STYLE)
