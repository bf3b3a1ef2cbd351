"""One published figure on a page: chart, sentences, table, definitions and method note."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from monitor.domain.registry import Shape
from monitor.figures.published import (
    MARKER_LEGEND,
    METHOD_NOTE,
    CellStatus,
    PublishedCell,
    PublishedFigure,
)
from monitor.publication.sentences import change_words
from monitor.render.charts import alt_text, chart_spec
from monitor.render.export import export_bytes
from monitor.render.markdown_text import literal_markdown


@lru_cache(maxsize=512)
def table_frame(figure: PublishedFigure) -> pd.DataFrame:
    """The published values as Dutch text, whatever the browser's locale. Cached per (immutable)
    figure and shared by sessions, so callers must not change it. st.table renders every cell,
    header and index as Markdown: the labels come from data files and are made literal."""
    frame = pd.DataFrame(
        [[cell.display() for cell in figure.row_cells(row)] for row in figure.rows],
        columns=[literal_markdown(column) for column in figure.columns],
        index=pd.Index(
            [literal_markdown(row) for row in figure.rows], name=literal_markdown(figure.row_header)
        ),
    )
    return frame


@lru_cache(maxsize=512)
def _chart_for_page(figure: PublishedFigure) -> tuple[str, tuple[tuple[str, bytes], ...]]:
    """The chart spec without its data, and its data already in the Arrow form Streamlit sends.
    Streamlit takes Arrow bytes as they are; converting the same rows on every page view for
    every reader is what it would otherwise do."""
    spec = chart_spec(figure)
    datasets = spec.pop("datasets", {})
    arrow = tuple(
        (name, dataframe_util.convert_anything_to_arrow_bytes(rows))
        for name, rows in datasets.items()
    )
    return json.dumps(spec), arrow


def prepare_figure(figure: PublishedFigure) -> None:
    """Build what a page view of `figure` draws from the caches (its chart), before a reader
    asks: the server does this for the newest editions when it starts."""
    _chart_for_page(figure)


def render_figure(figure: PublishedFigure) -> None:
    # Titles, sentences and notes carry names from the catalogue and the data files: shown as
    # text, never as Markdown (a link or an image in a category would reach every reader).
    st.subheader(literal_markdown(figure.title), anchor=figure.figure_id)
    if figure.shape is Shape.KERNCIJFERS:
        render_kerncijfer_metrics(figure)
    spec_json, datasets = _chart_for_page(figure)
    spec = json.loads(spec_json)
    spec["datasets"] = dict(datasets)
    st.vega_lite_chart(spec, alt=alt_text(figure), theme=None)
    # One element per block of paragraphs: every Streamlit element costs each reader's page
    # view server time, whatever its size.
    if figure.sentences:
        st.markdown("\n\n".join(literal_markdown(sentence) for sentence in figure.sentences))
    notes = [
        *(literal_markdown(note) for note in figure.notes),
        *([METHOD_NOTE] if figure.has_hidden_cells else []),
    ]
    if notes:
        st.caption("\n\n".join(notes))
    render_table(figure)
    render_downloads(figure)
    with st.expander("Definitie, bron en peildatum"):
        st.markdown(
            f"{literal_markdown(figure.definition)}\n\n"
            f"**Bron:** {literal_markdown('; '.join(figure.sources))}\n\n"
            f"**Editie:** {figure.edition_label} (peildatum {figure.edition})"
        )


MARKER_CAPTION = "Tekens: " + "; ".join(f"{m} = {meaning}" for m, meaning in MARKER_LEGEND) + "."


def render_table(figure: PublishedFigure) -> None:
    # Drawn only while open: a table on every figure costs the server and each browser more
    # than the chart itself, and with many readers at once that decides how fast a page opens.
    table = st.expander("Toon als tabel", key=f"tabel-{figure.figure_id}", on_change="rerun")
    if table.open:
        table.table(table_frame(figure))
        table.caption(MARKER_CAPTION)


def _delta(latest: PublishedCell, earlier: PublishedCell) -> str | None:
    # Compared as on the Overzicht and in the sentence: one kerncijfer, one comparison.
    change = change_words(latest, earlier)
    return None if change is None else f"{change} t.o.v. {earlier.column}"


def render_kerncijfer_metrics(figure: PublishedFigure) -> None:
    columns = st.columns(max(1, min(3, len(figure.rows))))
    for index, row in enumerate(figure.rows):
        cells = [c for c in figure.row_cells(row) if c.status is not CellStatus.ONTBREEKT]
        if not cells:
            continue
        latest = cells[-1]
        delta = _delta(latest, cells[-2]) if len(cells) > 1 else None
        columns[index % len(columns)].metric(
            literal_markdown(f"{row} ({latest.column})"),
            latest.display(),
            delta=delta,
            delta_color="off",
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
    # Like the table, the four buttons exist only while the menu is open.
    menu = st.popover(
        "Downloaden",
        icon=":material/download:",
        key=f"downloads-{figure.figure_id}",
        on_change="rerun",
    )
    if not menu.open:
        return
    for file_format, label, mime in DOWNLOADS:
        menu.download_button(
            label,
            data=_bytes_later(figure, file_format),
            file_name=f"{figure.figure_id}_{figure.edition}.{file_format}",
            mime=mime,
            key=f"download-{figure.figure_id}-{file_format}",
            on_click="ignore",
        )
