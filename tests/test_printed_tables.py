"""Tables as finance and care systems export them: title rows above the header, and total and
partial-total rows between the categories. They import as meant, or are refused with the row and
column to change; a partial total never becomes a category."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from conftest import run_import, write_csv
from test_figure_import import only, published, refused

from monitor.ingest.titles import likely_separator
from monitor.ingest.total_rows import (
    RowLabel,
    excluded_names,
    label_kind,
    rounding_tolerance,
)

LASTEN = "wmo.lasten_berichtenverkeer"


def notes_of(result) -> str:
    return "\n".join(result.upload.notes)


def test_title_rows_above_the_header_are_found_named_and_not_imported(
    data_dir, catalogue, tmp_path
):
    text = (
        "Lasten Wmo, per voorziening;;;\n"
        "Bron: financiële administratie Gemeente Voorbeeld;;;\n"
        "Voorziening;jan-24;feb-24;mrt-24\n"
        "Hulp bij het huishouden;100;110;120\n"
        "Begeleiding;200;210;220\n"
    )
    result = run_import(
        data_dir, catalogue, write_csv(tmp_path / "lasten.csv", text), indicator_id=LASTEN
    )

    assert published(data_dir) == [
        (LASTEN, "2024-01", "Begeleiding", Decimal(200)),
        (LASTEN, "2024-01", "Hulp bij het huishouden", Decimal(100)),
        (LASTEN, "2024-02", "Begeleiding", Decimal(210)),
        (LASTEN, "2024-02", "Hulp bij het huishouden", Decimal(110)),
        (LASTEN, "2024-03", "Begeleiding", Decimal(220)),
        (LASTEN, "2024-03", "Hulp bij het huishouden", Decimal(120)),
    ]
    assert (
        "kopregel op rij 3; rij 1 en 2 zijn titelregels ('Lasten Wmo, per voorziening', "
        "'Bron: financiële administratie Gemeente Voorbeeld'), niet geïmporteerd"
    ) in notes_of(result)


def test_a_title_line_without_separators_no_longer_gets_separator_advice(
    data_dir, catalogue, tmp_path
):
    text = "Lasten Wmo 2024\nVoorziening;jan-24\nBegeleiding;200\nHuishoudelijke hulp;veel\n"
    problem = only(
        refused(data_dir, catalogue, write_csv(tmp_path / "t.csv", text), indicator_id=LASTEN)
    )

    # The row a spreadsheet shows: the title is row 1, the header row 2.
    assert (problem.row, problem.column) == (4, "jan-24")
    assert "scheidingsteken" not in problem.message


def test_a_header_problem_names_the_header_row_below_the_titles(data_dir, catalogue, tmp_path):
    text = "Lasten Wmo 2024;;\n\nVoorziening;jan-24;jan-24\nBegeleiding;200;210\n"
    problem = only(
        refused(data_dir, catalogue, write_csv(tmp_path / "t.csv", text), indicator_id=LASTEN)
    )

    assert problem.row == 3
    assert "twee keer in de kopregel" in problem.message


def test_an_xlsx_sheet_with_a_merged_title_and_an_empty_row_imports(data_dir, catalogue, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = LASTEN
    sheet.append(["Monitor Sociaal Domein: lasten Wmo", None, None])
    sheet.merge_cells("A1:C1")
    sheet.append([])
    sheet.append(["Voorziening", "jan-24", "feb-24"])
    sheet.append(["Begeleiding", 200, 210])
    sheet.append(["Totaal", 200, 210])
    path = tmp_path / "lasten.xlsx"
    workbook.save(path)

    result = run_import(data_dir, catalogue, path)

    assert published(data_dir) == [
        (LASTEN, "2024-01", "", Decimal(200)),
        (LASTEN, "2024-01", "Begeleiding", Decimal(200)),
        (LASTEN, "2024-02", "", Decimal(210)),
        (LASTEN, "2024-02", "Begeleiding", Decimal(210)),
    ]
    assert "kopregel op rij 3; rij 1 is een titelregel" in notes_of(result)


PRINTED = (
    "Voorziening;jan-24;feb-24\n"
    "Hulp bij het huishouden;101;111\n"
    "Begeleiding;212;213\n"
    "Hulpmiddelen;53;61\n"
    "Totaal excl. Hulpmiddelen;313;324\n"
    "Eindtotaal;366;385\n"
)


def test_a_partial_total_is_checked_but_never_stored_as_a_category(data_dir, catalogue, tmp_path):
    result = run_import(
        data_dir, catalogue, write_csv(tmp_path / "lasten.csv", PRINTED), indicator_id=LASTEN
    )

    stored = published(data_dir)
    assert {row[2] for row in stored} == {
        "",
        "Hulp bij het huishouden",
        "Begeleiding",
        "Hulpmiddelen",
    }
    assert (LASTEN, "2024-02", "", Decimal(385)) in stored
    assert (
        "rij 5 'Totaal excl. Hulpmiddelen' is een subtotaal: niet geïmporteerd, wel gecontroleerd"
        in notes_of(result)
    )


def test_a_partial_total_that_does_not_match_its_categories_is_refused(
    data_dir, catalogue, tmp_path
):
    text = PRINTED.replace("Hulpmiddelen;313;324", "Hulpmiddelen;313;334")
    problem = only(
        refused(data_dir, catalogue, write_csv(tmp_path / "l.csv", text), indicator_id=LASTEN)
    )

    assert (problem.row, problem.column) == (5, "feb-24")
    assert "zonder Hulpmiddelen 324: een verschil van 10" in problem.message


def test_a_total_further_from_its_categories_than_rounding_is_refused(
    data_dir, catalogue, tmp_path
):
    text = PRINTED.replace("Eindtotaal;366;385", "Eindtotaal;366;405")
    problem = only(
        refused(data_dir, catalogue, write_csv(tmp_path / "l.csv", text), indicator_id=LASTEN)
    )

    assert (problem.file, problem.row, problem.column) == ("l.csv", 6, "feb-24")
    assert "'Eindtotaal' is 405 en de som van de categorieën 385" in problem.message


def test_a_total_in_thousands_may_differ_by_rounding_and_is_kept_as_printed(
    data_dir, catalogue, tmp_path
):
    text = (
        "Voorziening;jan-24\n"
        "Hulp bij het huishouden;1.235.000\n"
        "Begeleiding;2.346.000\n"
        "Totaal;3.582.000\n"
    )
    result = run_import(
        data_dir, catalogue, write_csv(tmp_path / "lasten.csv", text), indicator_id=LASTEN
    )

    assert (LASTEN, "2024-01", "", Decimal(3_582_000)) in published(data_dir)
    assert (
        "rij 4 'Totaal' wijkt in kolom 'jan-24' 1.000 af van de som van de categorieën "
        "(3.581.000): binnen de afronding"
    ) in notes_of(result)


def test_a_client_total_below_one_of_its_voorzieningen_is_refused(data_dir, catalogue, tmp_path):
    # Clients overlap between voorzieningen, so the total need not be their sum, but no
    # voorziening can have more clients than the total.
    text = "Voorziening;mrt-24\nHulp bij het huishouden;40\nBegeleiding;30\nTotaal;35\n"
    problem = only(
        refused(
            data_dir, catalogue, write_csv(tmp_path / "c.csv", text), indicator_id="wmo.clienten"
        )
    )

    assert (problem.row, problem.column) == (4, "mrt-24")
    assert "minder dan categorie 'Hulp bij het huishouden' (40)" in problem.message


def test_a_partial_total_in_a_long_file_is_not_a_category(data_dir, catalogue, tmp_path):
    text = (
        "indicator;periode;categorie;waarde\n"
        f"{LASTEN};2024-01;Begeleiding;200\n"
        f"{LASTEN};2024-01;PGB;50\n"
        f"{LASTEN};2024-01;Subtotaal zorg in natura;200\n"
    )
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "lang.csv", text))

    assert [row[2] for row in published(data_dir)] == ["Begeleiding", "PGB"]
    assert (
        "rij 4 'Subtotaal zorg in natura' is een subtotaal: niet geïmporteerd, niet gecontroleerd"
        in (notes_of(result))
    )


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Totaal", RowLabel.TOTAL),
        ("  EINDTOTAAL ", RowLabel.TOTAL),
        ("", RowLabel.TOTAL),
        ("Eindtotaal excl. PGB", RowLabel.PARTIAL_TOTAL),
        ("Subtotaal", RowLabel.PARTIAL_TOTAL),
        ("Totaal jeugdhulp met verblijf", RowLabel.PARTIAL_TOTAL),
        ("Hulp bij het huishouden", RowLabel.CATEGORY),
        ("Totaalpakket", RowLabel.CATEGORY),
    ],
)
def test_row_labels_are_classified_as_printed(label, kind):
    assert label_kind(label) is kind


def test_the_categories_a_partial_total_leaves_out_are_read_from_its_label():
    assert excluded_names("Eindtotaal excl. PGB en Hulpmiddelen") == ("PGB", "Hulpmiddelen")
    assert excluded_names("Totaal exclusief Verblijf/Opvang") == ("Verblijf", "Opvang")
    assert excluded_names("Subtotaal") == ()


def test_rounding_tolerance_follows_the_precision_of_the_values():
    assert rounding_tolerance([Decimal("10.5"), Decimal("3.25")]) == Decimal("0.01")
    assert rounding_tolerance([Decimal(1_235_000), Decimal(2_346_000), Decimal(3_582_000)]) == 1500
    assert rounding_tolerance([Decimal(17), Decimal(30)]) == 1


def test_the_separator_is_that_of_the_table_not_of_a_title_with_commas():
    lines = ["Lasten Wmo, Jeugd, Participatie\n", "Voorziening;jan-24\n", "Begeleiding;1,5\n"]
    assert likely_separator(lines) == ";"
    assert likely_separator(["a|b\n"]) is None
