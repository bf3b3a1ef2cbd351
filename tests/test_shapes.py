"""Every figure shape is handled at every step: built, worded, drawn and exported."""

from __future__ import annotations

import pytest

from monitor.domain.catalogue import Eenheid
from monitor.domain.registry import Shape, figure_specs
from monitor.figures.builders import BUILDERS
from monitor.publication.edition import latest_edition, published_edition
from monitor.publication.sentences import WRITERS
from monitor.render.charts import AXIS_TITLES, FORMATS, chart_spec


def test_every_shape_has_a_builder_and_a_sentence_writer():
    assert set(BUILDERS) == set(Shape)
    assert set(WRITERS) == set(Shape)


def test_every_unit_has_an_axis_title_and_a_number_format():
    assert set(AXIS_TITLES) == set(Eenheid)
    assert set(FORMATS) == set(Eenheid)


def test_the_shipped_catalogue_shows_every_shape(catalogue):
    assert {spec.shape for spec in figure_specs(catalogue)} == set(Shape)


@pytest.mark.parametrize("shape", list(Shape), ids=str)
def test_a_published_figure_of_every_shape_is_drawn(demo_data_dir, catalogue, shape):
    edition = published_edition(demo_data_dir, latest_edition(demo_data_dir), catalogue)
    figure = next(f for f in edition.figures if f.shape is shape)
    spec = chart_spec(figure)
    assert spec["description"], figure.figure_id
