"""One published figure on a page: chart, sentences, table, definitions and method note."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from monitor.charts import alt_text, chart_for
from monitor.export import export_bytes
from monitor.numbers import format_dutch
from monitor.published import (
    MARKER_LEGEND,
    METHOD_NOTE,
    CellStatus,
    PublishedCell,
    PublishedFigure,
    Unit,
)
from monitor.registry import Shape


def table_frame(figure: PublishedFigure) -> pd.DataFrame:
    """The published values as Dutch text, whatever the browser's locale."""
    frame = pd.DataFrame(
        [[cell.display() for cell in figure.row_cells(row)] for row in figure.rows],
        columns=list(figure.columns),
        index=pd.Index(figure.rows, name=figure.row_header),
    )
    return frame


def render_figure(figure: PublishedFigure) -> None:
    st.subheader(figure.title, anchor=figure.figure_id)
    if Shape(figure.shape) is Shape.KERNCIJFERS:
        render_kerncijfer_metrics(figure)
    st.altair_chart(chart_for(figure), alt=alt_text(figure), theme=None)
    for sentence in figure.sentences:
        st.markdown(sentence)
    for note in figure.notes:
        st.caption(note)
    if figure.has_hidden_cells:
        st.caption(METHOD_NOTE)
    with st.expander("Toon als tabel"):
        st.table(table_frame(figure))
        legend = "; ".join(f"{marker} = {meaning}" for marker, meaning in MARKER_LEGEND)
        st.caption(f"Tekens: {legend}.")
    render_downloads(figure)
    with st.expander("Definitie, bron en peildatum"):
        st.markdown(figure.definition.replace("\n\n", "\n\n"))
        st.markdown(f"**Bron:** {'; '.join(figure.sources)}")
        st.markdown(f"**Editie:** {figure.edition_label} (peildatum {figure.edition})")


def _delta(latest: PublishedCell, earlier: PublishedCell) -> str | None:
    if latest.value is None or earlier.value is None:
        return None
    change = latest.value - earlier.value
    sign = "+" if change >= 0 else "-"
    if latest.unit is Unit.PROCENT:
        return f"{sign}{format_dutch(abs(change), 1)} procentpunt t.o.v. {earlier.column}"
    return f"{sign}{format_dutch(abs(change))} t.o.v. {earlier.column}"


def render_kerncijfer_metrics(figure: PublishedFigure) -> None:
    columns = st.columns(max(1, min(3, len(figure.rows))))
    for index, row in enumerate(figure.rows):
        cells = [c for c in figure.row_cells(row) if c.status is not CellStatus.ONTBREEKT]
        if not cells:
            continue
        latest = cells[-1]
        delta = _delta(latest, cells[-2]) if len(cells) > 1 else None
        columns[index % len(columns)].metric(
            f"{row} ({latest.column})", latest.display(), delta=delta, delta_color="off"
        )


DOWNLOADS = (
    ("png", "Grafiek (PNG)", "image/png"),
    ("svg", "Grafiek (SVG)", "image/svg+xml"),
    ("csv", "Tabel (CSV)", "text/csv"),
    ("xlsx", "Tabel (Excel)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)


def _bytes_later(figure: PublishedFigure, file_format: str) -> Callable[[], bytes]:
    # Built only when clicked: rendering every chart as PNG on each page view would be slow.
    return lambda: export_bytes(figure, file_format)


def render_downloads(figure: PublishedFigure) -> None:
    columns = st.columns(len(DOWNLOADS))
    for column, (file_format, label, mime) in zip(columns, DOWNLOADS, strict=True):
        column.download_button(
            label,
            data=_bytes_later(figure, file_format),
            file_name=f"{figure.figure_id}_{figure.edition}.{file_format}",
            mime=mime,
            key=f"download-{figure.figure_id}-{file_format}",
            on_click="ignore",
            icon=":material/download:",
        )
