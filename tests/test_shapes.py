"""Every figure shape is handled at every step: built, worded, drawn and exported."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from monitor.domain.catalogue import Eenheid, load_catalogue
from monitor.domain.registry import Shape, figure_specs
from monitor.figures.builders import BUILDERS
from monitor.figures.published import PublishedFigure
from monitor.publication.edition import latest_edition, published_edition
from monitor.publication.sentences import WRITERS, sentences_for
from monitor.render.charts import AXIS_TITLES, FORMATS, chart_spec
from monitor.render.overview import _prognose_kerncijfer, budget_signal
from tests.support.comparison import comparison_catalogue, comparison_store


def test_every_shape_has_a_builder_and_a_sentence_writer():
    assert set(BUILDERS) == set(Shape)
    assert set(WRITERS) == set(Shape)


def test_every_unit_has_an_axis_title_and_a_number_format():
    assert set(AXIS_TITLES) == set(Eenheid)
    assert set(FORMATS) == set(Eenheid)


def test_the_shipped_catalogue_shows_every_shape_but_the_cbs_comparison(catalogue):
    # The comparison needs a real gemeente's CBS code; the demo gemeente is fictional.
    assert {spec.shape for spec in figure_specs(catalogue)} == set(Shape) - {Shape.VERGELIJKING}
    assert catalogue.vergelijking is None


@pytest.fixture(scope="module")
def every_shape(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo's cijfers with a CBS table and a catalogue that compares: every shape."""
    directory = tmp_path_factory.mktemp("vormen")
    catalogue = load_catalogue(comparison_catalogue(directory))
    assert {spec.shape for spec in figure_specs(catalogue)} == set(Shape)
    data_dir = comparison_store(demo_data_dir, directory)
    return published_edition(data_dir, latest_edition(data_dir), catalogue), catalogue


@pytest.mark.parametrize("shape", list(Shape), ids=str)
def test_a_published_figure_of_every_shape_is_drawn(every_shape, shape):
    edition, _ = every_shape
    figure = next(f for f in edition.figures if f.shape is shape)
    spec = chart_spec(figure)
    assert spec["description"], figure.figure_id


def reworded(figure: PublishedFigure) -> PublishedFigure:
    """The same figure with every row and column that has a role labelled differently, as a
    gemeente's own catalogue or a later wording change might."""

    def relabel(labels: tuple[str, ...], roles: tuple) -> dict[str, str]:
        padded = roles or (None,) * len(labels)
        return {
            label: f"{label} (anders)" if role else label
            for label, role in zip(labels, padded, strict=True)
        }

    rows, columns = (
        relabel(figure.rows, figure.row_roles),
        relabel(figure.columns, figure.column_roles),
    )
    cells = tuple(replace(c, row=rows[c.row], column=columns[c.column]) for c in figure.cells)
    return replace(figure, rows=tuple(rows.values()), columns=tuple(columns.values()), cells=cells)


@pytest.mark.parametrize("shape", list(Shape), ids=str)
def test_sentences_and_charts_find_cells_by_role_not_by_label(every_shape, shape):
    edition, catalogue = every_shape
    figure = next(f for f in edition.figures if f.shape is shape)
    spec = next(s for s in figure_specs(catalogue) if s.figure_id == figure.figure_id)
    other = reworded(figure)
    if figure.row_roles or figure.column_roles:
        assert other.rows != figure.rows or other.columns != figure.columns
    assert len(sentences_for(other, spec)) == len(sentences_for(figure, spec)) > 0
    drawn = [len(d) for d in chart_spec(figure)["datasets"].values()]
    assert [len(d) for d in chart_spec(other)["datasets"].values()] == drawn


def test_the_budget_signal_reads_the_begroting_by_role(demo_data_dir, catalogue):
    edition = published_edition(demo_data_dir, latest_edition(demo_data_dir), catalogue)
    figure = edition.figure("wmo-lasten")
    assert budget_signal(reworded(figure), "Wmo") == budget_signal(figure, "Wmo")
    assert _prognose_kerncijfer(reworded(figure), "Wmo") == _prognose_kerncijfer(figure, "Wmo")
    assert _prognose_kerncijfer(figure, "Wmo") is not None
