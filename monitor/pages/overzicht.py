"""Overzicht: the published figures of the current edition."""

from __future__ import annotations

import streamlit as st

from monitor.dashboard.session import current_published
from monitor.published import METHOD_NOTE

published = current_published()
st.title("Monitor Sociaal Domein")
if published is None:
    st.info("Er zijn nog geen cijfers gepubliceerd. Importeer cijfers met `monitor import`.")
    st.stop()
st.caption(f"Editie {published.edition.label}")
st.write(METHOD_NOTE)
for figure in published.figures:
    st.subheader(f"{figure.section} {figure.title}")
    for sentence in figure.sentences:
        st.write(sentence)
    table = {figure.row_header: list(figure.rows)}
    for column in figure.columns:
        table[column] = [figure.cell(row, column).display() for row in figure.rows]
    st.dataframe(table, hide_index=True)
