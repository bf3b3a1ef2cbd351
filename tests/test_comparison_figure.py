"""The "Vergelijking" figure on real CBS data (tests/support/comparison.py): the gemeente beside
Nederland, its grootteklasse, its region and chosen peers, with its sentence, its coverage, CBS
as source in the definition and the exports, through the gate and the export audit, and drawn on
the chapter page in a real browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import CatalogueError, load_catalogue
from monitor.domain.editions import edition_from_text
from monitor.domain.registry import figure_specs
from monitor.ingest.cbs.cbs_import import import_cbs
from monitor.publication.edition import PublishedEdition, published_edition
from monitor.publication.editorial import publish_edition
from monitor.render.artefact_audit import exported_findings
from monitor.render.export import export_bytes
from monitor.render.report import report_html
from tests.support.comparison import FIXTURES, SENTENCE, comparison_catalogue, comparison_store
from tests.support.server import CHROMIUM, running_dashboard

EDITION = edition_from_text("2026-09")
FIGURE = "participatie-vergelijking-bijstand"


@pytest.fixture(scope="module")
def setting(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    directory = tmp_path_factory.mktemp("vergelijking")
    data_dir, catalogue_path = (
        comparison_store(demo_data_dir, directory),
        comparison_catalogue(directory),
    )
    # Readers see a published edition with the catalogue it was published with.
    publish_edition(
        data_dir, EDITION, load_catalogue(catalogue_path), "test", audit=exported_findings
    )
    return data_dir, catalogue_path


@pytest.fixture(scope="module")
def edition(setting: tuple[Path, Path]) -> PublishedEdition:
    data_dir, catalogue_path = setting
    return published_edition(data_dir, EDITION, load_catalogue(catalogue_path))


def test_the_figure_follows_the_chapter_own_sections(setting):
    specs = [s for s in figure_specs(load_catalogue(setting[1])) if s.chapter == "participatie"]

    assert specs[-1].figure_id == FIGURE
    assert (specs[-1].section, specs[-1].section_title) == ("3.7", "Vergelijking")


def test_the_gemeente_stands_beside_its_reference_groups(edition):
    figure = edition.figure(FIGURE)

    assert figure.rows == ("Gemeente Aa en Hunze", "Nederland", "Gemeenten van dezelfde "
                           "grootteklasse", "Drenthe", "Gekozen vergelijkbare gemeenten")  # fmt: skip
    assert figure.columns == ("2020",)
    # 380 / 25.445, 421.110 / 17.407.585, the 186 gemeenten of 20.000-50.000 inwoners, the 12
    # of Drenthe, and 560 / 59.000 for Aalsmeer and Aalten, each × 1.000.
    assert [c.display() for c in figure.cells] == ["14,9", "24,2", "15,5", "23,0", "9,5"]
    assert figure.sentences[0] == SENTENCE
    assert figure.sentences[1] == (
        "Ter vergelijking in 2020: gemeenten van dezelfde grootteklasse 15,5, Drenthe 23,0 en "
        "gekozen vergelijkbare gemeenten 9,5."
    )
    assert (
        "Gemeenten van dezelfde grootteklasse, 2020: 186 van 186 met cijfers (gemeenten met "
        "20.000 tot 50.000 inwoners)" in figure.notes
    )
    assert "CBS telt personen met bijstand, de gemeente telt uitkeringen." in figure.notes
    assert figure.sources == ("CBS, tabel 84799NED (CC BY 4.0)",)
    assert "(CBS-tabel 84799NED)" in figure.definition


def test_the_exports_name_cbs_and_pass_the_audit(edition):
    figure = edition.figure(FIGURE)
    text = export_bytes(figure, "csv").decode("utf-8-sig")

    assert "Gemeente Aa en Hunze;14,9" in text and "Nederland;24,2" in text
    assert "Bron: CBS, tabel 84799NED (CC BY 4.0)" in text
    assert "Eenheid: per 1.000 inwoners" in text
    assert exported_findings(edition) == []


@pytest.fixture(scope="module")
def dashboard(setting, tmp_path_factory) -> Iterator[str]:
    data_dir, catalogue_path = setting
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MONITOR_CATALOGUS", str(catalogue_path))
        log = tmp_path_factory.mktemp("dashboard") / "server.log"
        with running_dashboard(data_dir, log=log) as running:
            yield running.url


@pytest.mark.browser
@pytest.mark.slow
def test_the_participatie_page_draws_the_comparison_with_its_sentence(dashboard, browser):
    assert CHROMIUM
    context = browser.new_context(viewport={"width": 1366, "height": 6000}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{dashboard}/participatie?editie=2026-09")
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=60_000
    )
    heading = page.get_by_text(
        "Personen met bijstand per 1.000 inwoners: vergeleken met andere gemeenten"
    )
    heading.first.wait_for(timeout=30_000)
    heading.first.scroll_into_view_if_needed()
    page.get_by_text(SENTENCE).first.wait_for(timeout=30_000)
    chart = page.locator(
        '[data-testid="stVegaLiteChart"][aria-label*="vergeleken met andere gemeenten"] svg.marks'
    )
    chart.first.wait_for(timeout=30_000)
    context.close()


def test_the_report_carries_the_comparison_with_cbs_as_source(edition, setting):
    html = report_html(edition, load_catalogue(setting[1]), {})

    assert "Personen met bijstand per 1.000 inwoners: vergeleken met andere gemeenten" in html
    assert SENTENCE in html
    assert "CBS, tabel 84799NED (CC BY 4.0)" in html


WMO_RATE = """
[vergelijking]
gemeente = "GM0518"

[[vergelijking.cijfer]]
id = "wmo"
hoofdstuk = "wmo"
titel = "Wmo-cliënten per 1.000 inwoners"
cijfer = "83262NED:WmoClientenPer1000Inwoners_2"
dimensies = "Geslacht=T001038;KenmerkenVanPersonen=T009002;TypeMaatwerkarrangement=T001024"
definitie = "Personen met een maatwerkarrangement Wmo per 1.000 inwoners (CBS)."
"""


def test_a_rate_cbs_publishes_itself_compares_the_gemeente_with_nederland(demo_data_dir, tmp_path):
    # 83262NED publishes Wmo-cliënten per 1.000 inwoners (Den Haag 2019: 71, Nederland: 68) but
    # no inwoners to compute a group from: the figure holds the gemeente and Nederland only.
    data_dir = tmp_path / "data"
    shutil.copytree(demo_data_dir, data_dir)
    import_cbs(data_dir, [FIXTURES / "83262NED"], author="test")
    catalogue_path = tmp_path / "catalogus.toml"
    catalogue_path.write_text(
        DEFAULT_CATALOGUE.read_text(encoding="utf-8").replace(
            'gemeente_naam = "Gemeente Voorbeeld"', 'gemeente_naam = "Gemeente \'s-Gravenhage"'
        )
        + WMO_RATE,
        encoding="utf-8",
    )
    figure = published_edition(data_dir, EDITION, load_catalogue(catalogue_path)).figure(
        "wmo-vergelijking-wmo"
    )

    assert figure.rows == ("Gemeente 's-Gravenhage", "Nederland")
    assert figure.cell("Gemeente 's-Gravenhage", "2019").display() == "71"
    assert figure.cell("Nederland", "2019").display() == "68"
    # 2015 is '.' for Den Haag and Nederland alike (not delivered): no column, never a number.
    assert figure.columns == ("2016", "2017", "2018", "2019")
    assert figure.sentences[0] == (
        "Het aantal Wmo-cliënten per 1.000 inwoners ligt in 2019 in Gemeente 's-Gravenhage met "
        "71 boven het landelijk cijfer van 68."
    )
    assert any(
        note.startswith("Gemeenten van dezelfde grootteklasse, een regio") for note in figure.notes
    )


@pytest.mark.parametrize(
    ("fields", "told"),
    [
        ('teller = "84799NED:PersonenPerSoortUitkeringBijstand_83"', "geef teller én noemer"),
        ("", "geef teller en noemer, of het cijfer dat CBS zelf publiceert"),
    ],
)
def test_a_comparison_without_what_it_needs_is_refused_in_dutch(tmp_path, fields, told):
    path = tmp_path / "catalogus.toml"
    path.write_text(
        DEFAULT_CATALOGUE.read_text(encoding="utf-8")
        + f'\n[vergelijking]\ngemeente = "GM1680"\n\n[[vergelijking.cijfer]]\nid = "x"\n'
        f'hoofdstuk = "wmo"\ntitel = "X"\ndefinitie = "X."\n{fields}\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as refused:
        load_catalogue(path)
    assert told in str(refused.value)
