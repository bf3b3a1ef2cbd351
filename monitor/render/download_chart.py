"""A downloaded chart that stands on its own: pasted into a raadsvoorstel, a PNG or SVG still says
what it shows, whose figures they are, which edition, where they come from and why points are
missing. The chart itself is the dashboard's spec unchanged; the header and the footer are added
around it here, from the figure's published texts only (title, gemeente, edition, sources, notes
and the fixed method note), never from a cell.
"""

from __future__ import annotations

import textwrap

from monitor.domain.registry import Shape
from monitor.figures.published import METHOD_NOTE, PublishedFigure
from monitor.render.charts import CHART_FONT, chart_spec
from monitor.render.safe_text import safe_label, safe_strings

# Properties that Vega-Lite allows only on the outermost spec: they move to the composed spec.
TOP_LEVEL_ONLY = ("$schema", "config", "datasets", "usermeta", "description")
# Characters per footer line: about the width of the chart (narrow for the small kerncijfers).
LINE_LENGTH = {Shape.KERNCIJFERS: 62}
DEFAULT_LINE_LENGTH = 104
LINE_HEIGHT = 15
LEGEND_CHANNELS = ("color", "strokeDash", "shape", "opacity", "size")
HIDDEN_IN_CHART = "Afgeschermde cijfers ontbreken in de grafiek."


def download_header(figure: PublishedFigure) -> tuple[str, str]:
    """The title and the line under it: what the chart shows, whose and which edition."""
    publisher = f"{figure.gemeente} · " if figure.gemeente else ""
    subtitle = f"{publisher}Monitor Sociaal Domein, editie {figure.edition_label}"
    return safe_label(figure.title), safe_label(subtitle)


def download_footer(figure: PublishedFigure) -> tuple[str, ...]:
    """Source, the figure's notes and, where cells are hidden, the method note, as lines that
    fit under the chart."""
    paragraphs = ["Bron: " + "; ".join(figure.sources) + ".", *figure.notes]
    if figure.has_hidden_cells:
        paragraphs.append(f"{METHOD_NOTE} {HIDDEN_IN_CHART}")
    width = LINE_LENGTH.get(figure.shape, DEFAULT_LINE_LENGTH)
    return tuple(
        line for paragraph in paragraphs for line in textwrap.wrap(safe_label(paragraph), width)
    )


def _footer_spec(lines: tuple[str, ...]) -> dict:
    # One text mark per line; no axis and no frame, so it reads as a caption.
    return {
        "data": {"values": [{"regel": line, "nr": index} for index, line in enumerate(lines)]},
        "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": 11,
                 "color": "#444444", "font": CHART_FONT},
        "encoding": {
            "text": {"field": "regel", "type": "nominal"},
            "y": {"field": "nr", "type": "ordinal", "axis": None},
            "x": {"value": 0},
        },
        "height": LINE_HEIGHT * len(lines),
        "view": {"stroke": None},
    }  # fmt: skip


def download_spec(figure: PublishedFigure) -> dict:
    """The chart as the dashboard draws it, with the header above and the footer below."""
    chart = chart_spec(figure)
    outer = {name: chart.pop(name) for name in TOP_LEVEL_ONLY if name in chart}
    title, subtitle = download_header(figure)
    composed = {
        **outer,
        "title": {"text": title, "subtitle": subtitle, "anchor": "start", "fontSize": 15,
                  "subtitleFontSize": 12, "subtitleColor": "#444444", "offset": 12},
        "vconcat": [chart, _footer_spec(download_footer(figure))],
        "spacing": 14,
        # Each legend stays with its chart, above the footer, as on the page.
        "resolve": {"legend": {channel: "independent" for channel in LEGEND_CHANNELS}},
    }  # fmt: skip
    return safe_strings(composed)  # type: ignore[return-value]
