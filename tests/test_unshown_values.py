"""Imported values that no figure shows are named in the import report, never stored silently:
an indicator the catalogue knows but no figure draws, a stand between quarter ends that only
quarterly figures read, and periods after the current month."""

from __future__ import annotations

import datetime as dt

from conftest import run_import, write_csv

from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import load_catalogue
from monitor.ingest.unshown import shown_indicators

EXTRA_INDICATOR = """
[[indicator]]
id = "wmo.lasten_pgb"
hoofdstuk = "wmo"
titel = "Lasten Wmo-pgb"
eenheid = "euro"
periodiciteit = ["maand"]
soort = "stroom"
gevoelig = false
definitie = "Lasten van persoonsgebonden budgetten voor de Wmo in de maand."
bron = "Financiële administratie van de gemeente"
"""


def notes_of(result) -> str:
    return "\n".join(result.upload.notes)


def test_an_indicator_no_figure_shows_is_named_at_import(data_dir, tmp_path):
    catalogue_path = tmp_path / "catalogus.toml"
    catalogue_path.write_text(DEFAULT_CATALOGUE.read_text(encoding="utf-8") + EXTRA_INDICATOR)
    catalogue = load_catalogue(catalogue_path)
    text = (
        "indicator;periode;categorie;waarde\nwmo.lasten_pgb;2024-01;;1.250\nwmo.lasten;2024-01;;9\n"
    )

    result = run_import(data_dir, catalogue, write_csv(tmp_path / "pgb.csv", text))

    assert "let op: wmo.lasten_pgb (Lasten Wmo-pgb): 1 cijfer komt in geen figuur" in notes_of(
        result
    )
    assert [note for note in result.upload.notes if note.startswith("let op")] == [
        "let op: wmo.lasten_pgb (Lasten Wmo-pgb): 1 cijfer komt in geen figuur; de indicator staat "
        "in de catalogus, maar geen grafiek of tabel toont hem (zie monitor figuren)"
    ]


def test_a_stand_between_quarter_ends_of_a_quarterly_figure_is_named(data_dir, catalogue, tmp_path):
    text = "Geïndiceerd door;2024-07;2024-09\nGemeente;30;31\nUWV;20;21\n"
    result = run_import(
        data_dir, catalogue, write_csv(tmp_path / "banen.csv", text),
        indicator_id="participatie.banenafspraak",
    )  # fmt: skip

    assert (
        "let op: participatie.banenafspraak: 2 cijfers vallen niet aan het eind van een "
        "kwartaal (jul-24); de figuren tonen deze stand alleen per kwartaal, dus die cijfers "
        "komen in geen figuur"
    ) in notes_of(result)


def test_a_monthly_stand_that_a_monthly_figure_shows_is_not_named(data_dir, catalogue, tmp_path):
    # wmo.clienten is drawn per quarter per voorziening, but its total also per month.
    text = "Voorziening;2024-07\nTotaal;120\n"
    result = run_import(
        data_dir, catalogue, write_csv(tmp_path / "c.csv", text), indicator_id="wmo.clienten"
    )

    assert "let op" not in notes_of(result)


def test_periods_after_the_current_month_are_named(data_dir, catalogue, tmp_path):
    today = dt.date.today()
    ahead = f"{today.year + 1}-{today.month:02d}"
    text = f"indicator;periode;categorie;waarde\nwmo.lasten;{ahead};;100\n"
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "vooruit.csv", text))

    assert "let op: wmo.lasten: 1 cijfer begint na deze maand" in notes_of(result)


def test_totals_a_figure_checks_against_count_as_shown(catalogue):
    shown = shown_indicators(catalogue)

    # participatie.uitkeringen is also the total the kenmerken figures add up to.
    assert "participatie.uitkeringen" in shown


def test_the_shipped_catalogue_has_no_indicator_without_a_figure(catalogue):
    assert set(catalogue.by_id) - set(shown_indicators(catalogue)) == set()
