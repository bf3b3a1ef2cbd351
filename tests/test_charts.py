"""Chart axes and legends as a reader sees them, from the demo edition's published figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitor.domain.registry import Shape
from monitor.figures.published import PublishedFigure
from monitor.publication.edition import latest_edition, published_edition
from monitor.render.charts import chart_spec
from monitor.render.export import export_bytes

SVG_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")
NEEDLESS_DECIMAL = re.compile(r"[€ \d.]*\d,0+")  # 10,0 or € 5.000,00: a zero after the comma
STACKED = {Shape.VERDELING_PER_KWARTAAL, Shape.KENMERKEN, Shape.BIJZONDERE_BIJSTAND}


@pytest.fixture(scope="module")
def figures(demo_data_dir: Path) -> tuple[PublishedFigure, ...]:
    return published_edition(demo_data_dir, latest_edition(demo_data_dir)).figures


def x_axes(spec: dict) -> list[dict]:
    """The x axis of every view with an x field in a spec (a layer or a facet included)."""
    found = []
    if "field" in spec.get("encoding", {}).get("x", {}):
        found.append(spec["encoding"]["x"].get("axis", {}))
    for part in (*spec.get("layer", []), *([spec["spec"]] if "spec" in spec else [])):
        found.extend(x_axes(part))
    return found


def test_no_axis_shows_a_needless_decimal(figures: tuple[PublishedFigure, ...]) -> None:
    needless = {
        figure.figure_id: [
            text
            for text in SVG_TEXT.findall(export_bytes(figure, "svg").decode())
            if NEEDLESS_DECIMAL.fullmatch(text)
        ]
        for figure in figures
    }

    assert {key: texts for key, texts in needless.items() if texts} == {}


def test_every_period_axis_leaves_out_labels_that_would_run_together(
    figures: tuple[PublishedFigure, ...],
) -> None:
    for figure in figures:
        axes = x_axes(chart_spec(figure))

        assert axes, figure.figure_id
        assert all(axis.get("labelOverlap") == "greedy" for axis in axes), figure.figure_id


def test_a_stacked_chart_lists_only_the_categories_it_draws(
    figures: tuple[PublishedFigure, ...],
) -> None:
    fewer = []
    for figure in (f for f in figures if f.shape in STACKED):
        spec = chart_spec(figure)
        rows = spec["datasets"][spec["data"]["name"]]
        drawn = {row["rij"] for row in rows if row["waarde"] is not None}
        listed = spec["encoding"]["color"]["legend"]["values"]

        assert set(listed) == drawn, figure.figure_id
        if len(listed) < len({row["rij"] for row in rows}):
            fewer.append(figure.figure_id)
    # The demo hides Begeleiding and Beschermd Wonen in every quarter of the Wmo lasten.
    assert "wmo-lasten-per-voorziening" in fewer


def test_a_legend_takes_as_many_columns_as_the_drawn_width_has_room_for(
    figures: tuple[PublishedFigure, ...],
) -> None:
    legend = chart_spec(figures[0])["config"]["legend"]

    assert "width" in legend["columns"]["expr"]
    assert "width" in legend["labelLimit"]["expr"]
