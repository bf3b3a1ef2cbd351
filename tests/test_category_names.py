"""Category names as gemeenten write them: a new name that nearly matches a stored one, or another
in the same file, is a warning with the name it resembles; a series (Trede 1, Trede 2) is not."""

from __future__ import annotations

from conftest import run_import, write_csv
from test_figure_import import published

from monitor.ingest.categories import looks_alike

HEADER = "indicator;periode;categorie;waarde\n"


def lookalike_warnings(result) -> list[str]:
    return [note for note in result.upload.notes if "is nieuw en lijkt op" in note]


def test_a_near_miss_of_a_stored_category_is_a_warning_naming_it(data_dir, catalogue, tmp_path):
    first = HEADER + "wmo.clienten;2024-03;Woonvoorziening;40\n"
    run_import(data_dir, catalogue, write_csv(tmp_path / "maart.csv", first))
    second = (
        HEADER + "wmo.clienten;2024-06;Woonvoorzieningen;42\nwmo.clienten;2024-06;Begeleding;30\n"
    )
    third = HEADER + "wmo.clienten;2024-09;Begeleiding;31\n"
    run_import(data_dir, catalogue, write_csv(tmp_path / "sep.csv", third))

    result = run_import(data_dir, catalogue, write_csv(tmp_path / "juni.csv", second))

    assert lookalike_warnings(result) == [
        "let op: categorie 'Begeleding' van wmo.clienten is nieuw en lijkt op 'Begeleiding' (in "
        "de store). Bedoelt u dezelfde categorie, gebruik dan één naam; anders wordt dit een "
        "aparte categorie.",
        "let op: categorie 'Woonvoorzieningen' van wmo.clienten is nieuw en lijkt op "
        "'Woonvoorziening' (in de store). Bedoelt u dezelfde categorie, gebruik dan één naam; "
        "anders wordt dit een aparte categorie.",
    ]
    # A warning, not a refusal: what the file says is stored.
    assert ("wmo.clienten", "2024-06", "Woonvoorzieningen", 42) in published(data_dir)


def test_two_spellings_in_one_file_are_a_warning(data_dir, catalogue, tmp_path):
    text = (
        HEADER + "wmo.clienten;2024-03;Hulp bij het huishouden;40\n"
        "wmo.clienten;2024-06;Hulp bij het Huishouden;41\n"
    )
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "hh.csv", text))

    assert lookalike_warnings(result) == [
        "let op: categorie 'Hulp bij het Huishouden' van wmo.clienten is nieuw en lijkt op 'Hulp "
        "bij het huishouden' (ook in dit bestand). Bedoelt u dezelfde categorie, gebruik dan één "
        "naam; anders wordt dit een aparte categorie."
    ]


def test_catalogue_categories_count_as_known(data_dir, catalogue, tmp_path):
    # 'Trede 1' … are the catalogue's own names for participatie.uitkeringen_trede.
    text = HEADER + "".join(
        f"participatie.uitkeringen_trede;2024-03;Trede {n};{20 + n}\n" for n in (1, 2, 3, 4)
    )
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "trede.csv", text))

    assert lookalike_warnings(result) == []


def test_a_series_and_unrelated_names_do_not_look_alike():
    assert not looks_alike("Trede 1", "Trede 2")
    assert not looks_alike("Energietoeslag 2022", "Energietoeslag 2023")
    assert not looks_alike("Begeleiding", "Hulpmiddelen")
    assert looks_alike("Woonvoorzieningen", "woonvoorziening")
    assert looks_alike("Begeleding", "Begeleiding")
