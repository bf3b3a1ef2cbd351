"""The figure registry: every figure of the data contract is declared, defined and documented,
and builds on the demo edition."""

from __future__ import annotations

import re

import pytest

from monitor.config import PROJECT_ROOT
from monitor.domain.registry import figure_specs
from monitor.figures.published import CellStatus
from monitor.publication.edition import latest_edition, published_edition

CONTRACT_FIGURE_IDS = (
    "wmo-lasten", "wmo-lasten-berichtenverkeer", "wmo-lasten-per-voorziening",
    "wmo-clienten-per-voorziening", "wmo-clienten-totaal", "wmo-in-uitstroom",
    "jeugd-lasten", "jeugd-lasten-berichtenverkeer", "jeugd-lasten-per-productcategorie",
    "jeugd-lasten-per-verwijzer", "jeugd-clienten-totaal", "jeugd-in-uitstroom",
    "participatie-lasten", "participatie-uitkeringen", "participatie-in-uitstroom",
    "participatie-kenmerken-geslacht", "participatie-kenmerken-leefsituatie",
    "participatie-kenmerken-leeftijd", "participatie-looptijd", "participatie-trede",
    "participatie-loonkostensubsidie", "participatie-bijzondere-bijstand",
    "participatie-banenafspraak",
)  # fmt: skip


def test_every_figure_of_the_data_contract_is_declared(catalogue):
    declared = {spec.figure_id for spec in figure_specs(catalogue)}
    assert set(CONTRACT_FIGURE_IDS) <= declared
    assert {f"sociale-basis-{t.id.replace('_', '-')}" for t in catalogue.thema} <= declared


def test_figure_ids_are_unique(catalogue):
    ids = [spec.figure_id for spec in figure_specs(catalogue)]
    assert len(ids) == len(set(ids))


def test_every_figure_has_a_definition_and_known_indicators(catalogue):
    for spec in figure_specs(catalogue):
        assert len(spec.description) > 40, spec.figure_id
        for indicator in spec.indicators:
            assert indicator in catalogue.by_id, f"{spec.figure_id}: {indicator}"


def test_every_catalogue_indicator_has_a_definition_and_source(catalogue):
    for indicator in catalogue.all_indicators:
        assert len(indicator.definitie) > 30, indicator.id
        assert indicator.bron, indicator.id


def test_the_readme_documents_every_fixed_figure_id():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z-]+)`", readme))
    assert set(CONTRACT_FIGURE_IDS) <= documented


def test_the_readme_opens_with_the_two_commands():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.DOTALL)
    assert (
        blocks[0]
        == "python3 -m pip install uv && python3 -m uv run --frozen monitor dashboard --demo"
    )
    assert blocks[1] == "./test"
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci.splitlines()
    script = (PROJECT_ROOT / "test").read_text(encoding="utf-8")
    # A fresh machine has only Python and pip: the script installs uv and what the browser tests need.
    assert "apt-get install" in script and "chromium" in script
    assert "python3 -m pip install -q uv" in script and "uv run --frozen pytest" in script


@pytest.fixture(scope="module")
def demo_edition(demo_data_dir, catalogue):
    edition = latest_edition(demo_data_dir)
    assert edition is not None and edition.key == "2026-09"
    return published_edition(demo_data_dir, edition, catalogue)


def test_every_figure_has_published_values_on_the_demo(demo_edition, catalogue):
    for spec in figure_specs(catalogue):
        figure = demo_edition.figure(spec.figure_id)
        assert any(c.status is CellStatus.WAARDE for c in figure.cells), spec.figure_id


def test_every_figure_has_a_sentence_on_the_demo(demo_edition):
    for figure in demo_edition.figures:
        assert figure.sentences, figure.figure_id


def test_demo_shows_less_than_ten_for_beschermd_wonen(demo_edition):
    figure = demo_edition.figure("wmo-clienten-per-voorziening")
    row = figure.row_cells("Beschermd Wonen")
    assert {cell.display() for cell in row} == {"<10"}


def test_a_year_on_year_sentence_follows_the_monitor_style(demo_edition):
    sentences = demo_edition.figure("wmo-clienten-totaal").sentences
    assert any(
        re.fullmatch(
            r"In 2025 is het gemiddelde aantal cliënten in zorg per maand (toegenomen|afgenomen) "
            r"met \d+,\d% ten opzichte van 2024\.|In 2025 is het gemiddelde aantal cliënten in zorg "
            r"per maand nagenoeg gelijk aan 2024\.",
            s,
        )
        for s in sentences
    ), sentences
    assert any("op basis van de eerste drie kwartalen" in s for s in sentences), sentences


def test_the_same_store_version_gives_the_same_published_objects(
    demo_data_dir, demo_edition, catalogue
):
    again = published_edition(demo_data_dir, demo_edition.edition, catalogue)
    assert again is demo_edition
