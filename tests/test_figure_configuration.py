"""Figures as configuration: `[[figuur]]` blocks in the catalogue declare every figure of the
wmo, jeugd and participatie chapters. The shipped catalogue declares today's figures exactly as
they were when they lived in code (a golden list recorded before the move), plus the figures per
voorziening; a mistake in a block is a Dutch message with the file and the line."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.config import DEFAULT_CATALOGUE, PROJECT_ROOT
from monitor.disclosure.model import RelationKind
from monitor.disclosure.relations import protection_problem
from monitor.domain.catalogue import Catalogue, CatalogueError, load_catalogue
from monitor.domain.editions import edition_from_text
from monitor.domain.registry import FigureSpec, figure_specs, spec_by_id, standard_figures
from monitor.domain.toml_lines import line_of
from monitor.figures.builders import FigureContext, build_exact_table
from monitor.figures.published import CellStatus
from monitor.publication.edition import published_edition
from monitor.render.report import report_html
from monitor.store.snapshots import reading

GOLDEN = PROJECT_ROOT / "tests/fixtures/figures/figures_before_configuration.json"
NEW_FIGURES = [
    "wmo-clienten-hulp-bij-het-huishouden",
    "wmo-in-uitstroom-hulp-bij-het-huishouden",
    "wmo-clienten-begeleiding",
    "wmo-in-uitstroom-begeleiding",
]
EDITION = edition_from_text("2026-09")
HBH = "Hulp bij het huishouden"


def as_record(spec: FigureSpec) -> dict:
    record = dataclasses.asdict(spec)
    return {
        key: list(value) if isinstance(value, tuple) else str(value) if key == "shape" else value
        for key, value in record.items()
    }


def golden() -> list[dict]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def as_before(spec: FigureSpec) -> dict:
    """A figure in the fields the golden list has (figures later gained more)."""
    record = as_record(spec)
    return {key: record[key] for key in golden()[0]}


# ------------------------------------------------------------------ the shipped configuration


def test_the_shipped_catalogue_declares_every_figure_as_it_was(catalogue):
    specs = figure_specs(catalogue)
    before = [as_before(spec) for spec in specs if spec.figure_id not in NEW_FIGURES]
    assert before == golden()
    assert all(not spec.categorie and not spec.categories for spec in specs
               if spec.figure_id not in NEW_FIGURES)  # fmt: skip


def test_the_figures_per_voorziening_follow_the_client_figures_of_the_wmo(catalogue):
    ids = [spec.figure_id for spec in figure_specs(catalogue) if spec.chapter == "wmo"]
    assert ids[ids.index("wmo-in-uitstroom") + 1 :] == NEW_FIGURES
    hbh = spec_by_id(catalogue, "wmo-clienten-hulp-bij-het-huishouden")
    assert (hbh.section, hbh.section_title, hbh.categorie) == ("1.4", HBH, HBH)
    flows = spec_by_id(catalogue, "wmo-in-uitstroom-begeleiding")
    assert (flows.section, flows.indicators, flows.categorie) == (
        "1.5", ("wmo.instroom", "wmo.uitstroom"), "Begeleiding"
    )  # fmt: skip


def test_a_catalogue_without_figures_shows_the_figures_it_was_published_with(catalogue):
    """A catalogue frozen with an edition before figures were configuration has no `figuur`:
    it is rebuilt with the standard figures, exactly the list of then."""
    frozen = catalogue.model_dump(mode="json")
    del frozen["figuur"]
    old = Catalogue.model_validate_json(json.dumps(frozen))
    assert [as_record(spec) for spec in figure_specs(old)] == [
        {**record, "categorie": "", "categories": [], "nearly_equal_percent": Decimal("0.5")}
        for record in golden()
    ]


def test_the_standard_figures_are_the_shipped_figures_of_then(catalogue):
    shipped = [figure for figure in catalogue.figuur if figure.id not in NEW_FIGURES]
    assert list(standard_figures()) == shipped


def test_a_standard_figure_whose_indicators_are_missing_is_left_out(tmp_path):
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8")
    without = _without_figures(text).replace('id = "participatie.banenafspraak"',
                                             'id = "participatie.banen_eigen"')  # fmt: skip
    path = tmp_path / "catalogus.toml"
    path.write_text(without, encoding="utf-8")
    ids = [spec.figure_id for spec in figure_specs(load_catalogue(path))]
    assert "participatie-banenafspraak" not in ids
    assert "participatie-bijzondere-bijstand" in ids


def _without_figures(text: str) -> str:
    """The catalogue text without its [[figuur]] blocks (each ends at a blank line)."""
    return re.sub(r"\[\[figuur\]\]\n(?:[^\n]+\n)+", "", text)


# ------------------------------------------------------------------ configuration errors

FIGURE = """
[[figuur]]
id = "wmo-eigen"
hoofdstuk = "wmo"
sectie = "1.9"
sectie_titel = "Eigen figuur"
titel = "Een eigen figuur"
vorm = "maandreeks_per_jaar"
indicatoren = ["wmo.clienten"]
onderwerp = "het aantal cliënten"
beschrijving = "Een figuur die de gemeente zelf toevoegt."
"""


def refused(tmp_path: Path, block: str) -> tuple[str, str]:
    """The message for the shipped catalogue with `block` appended, and the text it read."""
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8") + block
    path = tmp_path / "catalogus.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    message = str(raised.value)
    assert str(path) in message
    return message, text


def line_with(text: str, fragment: str) -> int:
    """The last line of `text` containing `fragment` (the appended block is at the end)."""
    return max(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


@pytest.mark.parametrize(
    ("change", "field_line", "expected"),
    [
        (('"wmo.clienten"]', '"wmo.klanten"]'), "indicatoren =",
         "indicator 'wmo.klanten' staat niet in de catalogus"),
        (('"maandreeks_per_jaar"', '"taartdiagram"'), "vorm =", "vorm"),
        (('["wmo.clienten"]', '["wmo.instroom"]\nperiode = "week"'), "periode =", "periode"),
        (('"maandreeks_per_jaar"', '"in_uitstroom"'), "indicatoren =",
         "vorm 'in_uitstroom' leest 2 indicatoren (de instroom, de uitstroom), "
         "maar er staan er 1"),
        (('"maandreeks_per_jaar"', '"stand_per_kwartaal"\ncategorie = "Begeleiding"'),
         "categorie =", "'categorie' (één categorie in plaats van het totaal) kan alleen bij"),
        (('"maandreeks_per_jaar"', '"kerncijfers"'), "vorm =",
         "per [[thema]] ontstaat vanzelf een figuur"),
        (('id = "wmo-eigen"', 'id = "wmo-lasten"'), "id =", "deze id staat al eerder"),
        (('sectie = "1.9"\nsectie_titel = "Eigen figuur"',
          'sectie = "1.3"\nsectie_titel = "Klanten"'), "sectie_titel =",
         "sectie 1.3 heet elders 'Cliëntaantallen'"),
        (('["wmo.clienten"]', '["jeugd.clienten"]'), "indicatoren =",
         "indicator 'jeugd.clienten' hoort bij hoofdstuk 'jeugd'"),
        (('onderwerp = "het aantal cliënten"\n', ""), "[[figuur]]",
         "een maandreeks heeft een 'onderwerp' nodig"),
        (('"wmo.clienten"]', '"wmo.clienten"]\ncategorieen = ["Begeleiding"]'), "categorieen =",
         "'categorieen' kan alleen bij vorm"),
        (('titel = "Een eigen figuur"', 'titl = "Een eigen figuur"'), "titl =", "titl"),
    ],
)  # fmt: skip
def test_a_mistake_in_a_figure_names_the_file_and_the_line(tmp_path, change, field_line, expected):
    message, text = refused(tmp_path, FIGURE.replace(*change))
    assert expected in message, message
    assert f"regel {line_with(text, field_line)}" in message, message


def test_a_category_the_indicator_does_not_have_is_refused(tmp_path):
    block = FIGURE.replace('"wmo.clienten"]', '"wmo.lasten"]\ncategorie = "Begeleiding"')
    message, text = refused(tmp_path, block)
    assert "indicator 'wmo.lasten' heeft geen categorieën" in message
    assert f"regel {line_with(text, 'categorie = ')}" in message


def test_figures_count_flows_of_persons_in_persons(tmp_path):
    block = FIGURE.replace('"maandreeks_per_jaar"', '"in_uitstroom"').replace(
        '["wmo.clienten"]', '["wmo.lasten", "wmo.uitstroom"]'
    )
    message, _ = refused(tmp_path, block)
    assert (
        "vorm 'in_uitstroom' toont personen, maar indicator 'wmo.lasten' heeft eenheid 'euro'"
        in message
    )


# ------------------------------------------------------------------ where a value sits

TOML = """# kop
[instellingen]
drempel = 10

[[figuur]]
id = "a"

[[figuur]]
id = "b"
vorm = "x"

[[thema]]
id = "t"
[[thema.indicator]]
naam = "eerste"
[[thema.indicator]]
naam = "tweede"
eenheid = "uren"
"""


@pytest.mark.parametrize(
    ("location", "line"),
    [
        (("instellingen", "drempel"), 3),
        (("figuur", 1, "vorm"), 10),
        (("figuur", 0, "vorm"), 5),  # absent: the block's header
        (("figuur", 1), 8),
        (("thema", 0, "indicator", 1, "eenheid"), 18),
        (("thema", 0, "indicator", 0, "naam"), 15),
        (("figuur", 2, "id"), None),
        ((), None),
    ],
)
def test_line_of_finds_the_line_a_beheerder_opens(location, line):
    assert line_of(TOML, location) == line


# ------------------------------------------------------------------ the figures on the data


def exact(store: Path, catalogue: Catalogue, figure_id: str):
    with reading(store) as con:
        return build_exact_table(
            FigureContext(con, EDITION, catalogue, ""), spec_by_id(catalogue, figure_id)
        )


def test_clients_of_one_voorziening_are_its_cells_of_the_client_table(demo_data_dir, catalogue):
    edition = published_edition(demo_data_dir, EDITION, catalogue, gemeente="")
    monthly = edition.figure("wmo-clienten-hulp-bij-het-huishouden")
    table = edition.figure("wmo-clienten-per-voorziening")
    compared = 0
    for stand in table.row_cells(HBH):
        year, month = stand.periode.split("-")
        cell = monthly.cell(year, monthly.columns[int(month) - 1])
        assert (cell.key, cell.status, cell.value) == (stand.key, stand.status, stand.value)
        compared += 1
    assert compared == len(EDITION.quarters) == 11
    assert monthly.cell("2024", "jan").value == Decimal(438)
    assert any("hulp bij het huishouden" in sentence and "2,2%" in sentence
               for sentence in monthly.sentences), monthly.sentences  # fmt: skip


def test_in_and_outflow_of_one_voorziening_are_its_own_counts(demo_data_dir, catalogue):
    figure = published_edition(demo_data_dir, EDITION, catalogue, gemeente="").figure(
        "wmo-in-uitstroom-begeleiding"
    )
    with reading(demo_data_dir) as con:
        stored = dict(con.execute(
            "SELECT periode, waarde FROM cijfers WHERE indicator = 'wmo.instroom' "
            "AND categorie = 'Begeleiding' AND periode LIKE '2024-%' AND gemeente = ''"
        ).fetchall())  # fmt: skip
    first = figure.cell("Instroom", figure.columns[0])
    assert first.key == ("wmo.instroom", "Begeleiding", "2024-Q1")
    months = ("2024-01", "2024-02", "2024-03")
    expected = stored.get("2024-Q1", sum(stored[m] for m in months))
    assert first.value == Decimal(expected)


def test_the_stock_of_one_voorziening_and_its_flows_are_a_relation_the_gate_knows(
    demo_data_dir, catalogue
):
    """With a voorziening's in- and uitstroom published beside its stock, a reader knows
    stand(eind) = stand(begin) + instroom − uitstroom for that voorziening: the gate must too."""
    with reading(demo_data_dir) as con:
        context = FigureContext(con, EDITION, catalogue, "")
        tables = [build_exact_table(context, spec) for spec in figure_specs(catalogue)]
    problem = protection_problem(tables, catalogue)
    stock_flow = [r for r in problem.relations if r.kind is RelationKind.VOORRAAD]
    per_voorziening = {key[1] for r in stock_flow for key in r.keys}
    assert {"", HBH, "Begeleiding"} <= per_voorziening


def test_a_figure_added_to_a_gemeente_catalogue_is_published_with_the_categories_it_chose(
    demo_copy, tmp_path
):
    block = """
[[figuur]]
id = "wmo-clienten-thuis"
hoofdstuk = "wmo"
sectie = "1.6"
sectie_titel = "Ondersteuning thuis"
titel = "Cliënten met ondersteuning thuis"
vorm = "stand_per_kwartaal"
indicatoren = ["wmo.clienten"]
categorieen = ["Hulp bij het huishouden", "Begeleiding", "Bestaat niet"]
beschrijving = "Cliënten met hulp bij het huishouden of begeleiding op de peildatum."
"""
    path = tmp_path / "catalogus.toml"
    path.write_text(DEFAULT_CATALOGUE.read_text(encoding="utf-8") + block, encoding="utf-8")
    own = load_catalogue(path)
    ids = [spec.figure_id for spec in figure_specs(own) if spec.chapter == "wmo"]
    assert ids[-1] == "wmo-clienten-thuis"
    edition = published_edition(demo_copy, EDITION, own, gemeente="")
    figure = edition.figure("wmo-clienten-thuis")
    assert figure.rows == (HBH, "Begeleiding")
    everything = edition.figure("wmo-clienten-per-voorziening")
    for row in figure.rows:
        assert figure.row_cells(row) == everything.row_cells(row)
    assert figure.notes == (
        "Niet getoond: Beschermd Wonen, Hulpmiddelen, Vervoersvoorziening, Woonvoorziening.",
    )


def test_a_chosen_breakdown_keeps_the_total_of_every_category(demo_copy, tmp_path):
    block = """
[[figuur]]
id = "participatie-kenmerken-vrouwen"
hoofdstuk = "participatie"
sectie = "3.3"
sectie_titel = "Kenmerken"
titel = "Vrouwen met een uitkering"
vorm = "kenmerken"
indicatoren = ["participatie.uitkeringen_geslacht"]
categorieen = ["Vrouw"]
beschrijving = "Vrouwen met een bijstandsuitkering en het totaal van alle uitkeringen."
"""
    path = tmp_path / "catalogus.toml"
    path.write_text(DEFAULT_CATALOGUE.read_text(encoding="utf-8") + block, encoding="utf-8")
    own = load_catalogue(path)
    edition = published_edition(demo_copy, EDITION, own, gemeente="")
    chosen = edition.figure("participatie-kenmerken-vrouwen")
    everything = edition.figure("participatie-kenmerken-geslacht")
    assert chosen.rows == ("Vrouw", "Totaal")
    assert chosen.row_cells("Totaal") == everything.row_cells("Totaal")
    assert chosen.row_cells("Vrouw") == everything.row_cells("Vrouw")
    assert chosen.notes and chosen.notes[0].startswith("Niet getoond: Man")
    hidden = exact(demo_copy, own, "participatie-kenmerken-vrouwen").support
    assert {cell.key[1] for cell in hidden} == set(everything.rows) - {"Vrouw", "Totaal"}
    assert all(cell.status is not CellStatus.ONTBREEKT for cell in chosen.cells)


def test_monitor_figuren_lists_the_configured_figures_with_their_shape_and_category(
    capsys, monkeypatch, tmp_path
):
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MONITOR_CATALOGUS", raising=False)
    assert main(["figuren"]) == 0
    out = capsys.readouterr().out
    assert f"[[figuur]]-blokken van {DEFAULT_CATALOGUE}" in out
    line = next(line for line in out.splitlines()
                if line.startswith("wmo-in-uitstroom-hulp-bij-het-huishouden"))  # fmt: skip
    assert "1.4" in line and "in_uitstroom" in line
    following = out.splitlines()[out.splitlines().index(line) + 1]
    assert "wmo.instroom, wmo.uitstroom (categorie Hulp bij het huishouden)" in following

    path = tmp_path / "oud.toml"
    path.write_text(_without_figures(DEFAULT_CATALOGUE.read_text(encoding="utf-8")), "utf-8")
    monkeypatch.setenv("MONITOR_CATALOGUS", str(path))
    assert main(["figuren"]) == 0
    out = capsys.readouterr().out
    assert "de standaardfiguren" in out
    assert "wmo-clienten-hulp-bij-het-huishouden" not in out
    assert out.startswith(f"{len(golden())} figuren")


def test_a_small_category_left_out_of_a_breakdown_cannot_be_read_from_its_total(
    demo_copy, tmp_path
):
    """Trede 6 has fewer than 10 uitkeringen. A breakdown that leaves it out but shows the
    Totaal would publish it as Totaal minus the rows shown, unless the gate still protects it."""
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8").replace(
        'indicatoren = ["participatie.uitkeringen_trede"]\n',
        'indicatoren = ["participatie.uitkeringen_trede"]\n'
        'categorieen = ["Trede 1", "Trede 2", "Trede 3", "Trede 4", "Trede 5"]\n',
    )
    path = tmp_path / "catalogus.toml"
    path.write_text(text, encoding="utf-8")
    figure = published_edition(demo_copy, EDITION, load_catalogue(path), gemeente="").figure(
        "participatie-trede"
    )
    assert "Trede 6" not in figure.rows
    assert figure.notes[0] == "Niet getoond: Trede 6."
    for column in figure.columns:
        shown = [figure.cell(row, column) for row in figure.rows]
        assert any(cell.is_hidden for cell in shown), column


def test_the_nagenoeg_gelijk_threshold_is_the_gemeentes_for_all_figures_or_for_one(
    demo_data_dir, tmp_path
):
    """In the demo, cliënten met hulp bij het huishouden fell by 0,46% in 2025: "nagenoeg gelijk"
    by default, stated as a change where the gemeente writes every change."""
    shipped = DEFAULT_CATALOGUE.read_text(encoding="utf-8")
    every = shipped.replace("nagenoeg_gelijk_procent = 0.5", "nagenoeg_gelijk_procent = 0")
    assert every != shipped
    one = shipped.replace(
        'categorie = "Hulp bij het huishouden"\nonderwerp',
        'categorie = "Hulp bij het huishouden"\nnagenoeg_gelijk_procent = 0.1\nonderwerp',
    )
    assert one != shipped
    said = {}
    for name, text in (("standaard", shipped), ("alle", every), ("een", one)):
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        edition = published_edition(demo_data_dir, EDITION, load_catalogue(path), gemeente="")
        said[name] = {
            figure_id: edition.figure(figure_id).sentences[0]
            for figure_id in ("wmo-clienten-hulp-bij-het-huishouden", "wmo-lasten-berichtenverkeer")
        }
    hbh = "wmo-clienten-hulp-bij-het-huishouden"
    assert "nagenoeg gelijk aan 2024" in said["standaard"][hbh]
    assert "afgenomen met 0,5% ten opzichte van 2024" in said["alle"][hbh]
    assert said["een"][hbh] == said["alle"][hbh]
    assert (
        said["een"]["wmo-lasten-berichtenverkeer"]
        == said["standaard"]["wmo-lasten-berichtenverkeer"]
    )


def test_the_threshold_belongs_to_the_trend_sentences_of_a_maandreeks(tmp_path):
    block = FIGURE.replace('"maandreeks_per_jaar"', '"stand_per_kwartaal"').replace(
        'onderwerp = "het aantal cliënten"', "nagenoeg_gelijk_procent = 1"
    )
    message, text = refused(tmp_path, block)
    assert "'nagenoeg_gelijk_procent' hoort bij de trendzinnen" in message
    assert f"regel {line_with(text, 'nagenoeg_gelijk_procent =')}" in message


def test_the_report_and_the_leeswijzer_state_the_gemeentes_own_threshold(demo_data_dir, tmp_path):
    shipped = DEFAULT_CATALOGUE.read_text(encoding="utf-8")
    every = shipped.replace("nagenoeg_gelijk_procent = 0.5", "nagenoeg_gelijk_procent = 0")
    path = tmp_path / "catalogus.toml"
    path.write_text(every, encoding="utf-8")
    catalogue = load_catalogue(path)
    edition = published_edition(demo_data_dir, EDITION, catalogue, gemeente="")
    own = html.unescape(report_html(edition, catalogue, {}))
    assert "Elke verandering wordt met een percentage genoemd" in own
    assert "kleiner dan 0,5%" not in own
    standard = html.unescape(report_html(edition, load_catalogue(DEFAULT_CATALOGUE), {}))
    assert 'Een verandering kleiner dan 0,5% heet "nagenoeg gelijk".' in standard
