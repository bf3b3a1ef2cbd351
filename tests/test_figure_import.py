"""Importing figure files (data-contract §2) through `import_files`, with real files and a real store."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import LONG_HEADER, run_import, tree_digest, write_csv

from monitor.domain.catalogue import Catalogue
from monitor.ingest.problems import ImportRefused, Problem
from monitor.store.snapshots import open_snapshot


def published(data_dir: Path) -> list[tuple[str, str, str, Decimal]]:
    con = open_snapshot(data_dir)
    try:
        return con.sql(
            "SELECT indicator, periode, categorie, waarde FROM cijfers ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


def refused(data_dir: Path, catalogue: Catalogue, *paths: Path, **options: object) -> list[Problem]:
    """Import that must be refused: returns the problems after checking that the store directory
    is byte-identical and that every problem names one of the uploaded files."""
    before = tree_digest(data_dir)
    with pytest.raises(ImportRefused) as raised:
        run_import(data_dir, catalogue, *paths, **options)
    assert tree_digest(data_dir) == before
    problems = list(raised.value.problems)
    assert problems
    assert all(problem.file in {path.name for path in paths} for problem in problems)
    assert "Er is niets gewijzigd" in str(raised.value)
    return problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


@pytest.fixture(params=["lege store", "store met een gepubliceerde versie"])
def store(request, data_dir, catalogue, tmp_path) -> Path:
    """A store that is empty or already holds a published version: a refusal changes neither."""
    if request.param != "lege store":
        earlier = write_csv(tmp_path / "eerder.csv", LONG_HEADER + "wmo.lasten;2024-01;;1.000\n")
        run_import(data_dir, catalogue, earlier)
    return data_dir


# ---------------------------------------------------------------- accepted files


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_a_long_csv_is_read_with_any_of_the_three_separators(
    separator, data_dir, catalogue, tmp_path
):
    lines = [
        ["indicator", "periode", "categorie", "waarde"],
        ["wmo.clienten", "mrt-24", "Hulp bij het huishouden", "1.200"],
        ["wmo.clienten", "2024-03", "Totaal", "1.500"],
        ["wmo.lasten", "maart 2024", "", "€ 1.464.689"],
    ]
    text = "".join(separator.join(line) + "\r\n" for line in lines)
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "cijfers.csv", text))

    assert result.version == 1
    assert published(data_dir) == [
        ("wmo.clienten", "2024-03", "", Decimal(1500)),
        ("wmo.clienten", "2024-03", "Hulp bij het huishouden", Decimal(1200)),
        ("wmo.lasten", "2024-03", "", Decimal(1464689)),
    ]


def test_long_format_headers_are_case_insensitive_and_extra_columns_are_noted(
    data_dir, catalogue, tmp_path
):
    text = "Indicator;PERIODE;Categorie;Waarde;Opmerking\nwmo.lasten;2024-03;;12,5;voorlopig\n"
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "cijfers.csv", text))

    assert published(data_dir) == [("wmo.lasten", "2024-03", "", Decimal("12.5"))]
    assert any("'opmerking' is genegeerd" in note for note in result.upload.notes)


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 met BOM"), ("cp1252", "Windows-1252")],
)
def test_a_csv_in_utf8_with_or_without_bom_or_windows_1252_keeps_its_accents(
    encoding, label, data_dir, catalogue, tmp_path
):
    text = (
        LONG_HEADER
        + "wmo.clienten;mrt-24;Hulp bij het huishouden ë;120\n"
        + "wmo.clienten;mrt-24;Cliënten met begeleiding;80\n"
        + "wmo.lasten;2024-03;;€ 44.583\n"
    )
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "cijfers.csv", text, encoding))

    assert published(data_dir) == [
        ("wmo.clienten", "2024-03", "Cliënten met begeleiding", Decimal(80)),
        ("wmo.clienten", "2024-03", "Hulp bij het huishouden ë", Decimal(120)),
        ("wmo.lasten", "2024-03", "", Decimal(44583)),
    ]
    assert f"CSV, puntkomma, {label}," in result.upload.notes[0]


def test_a_wide_csv_gets_its_indicator_from_the_option_and_skips_empty_cells(
    data_dir, catalogue, tmp_path
):
    text = (
        "Voorziening;mrt-22;jun-22;sep-22\n"
        "Hulp bij het huishouden;10;11;12\n"
        "Begeleiding;30;;32\n"
        "Totaal;40;41;44\n"
    )
    source = write_csv(tmp_path / "clienten.csv", text)
    run_import(data_dir, catalogue, source, indicator_id="wmo.clienten")

    assert published(data_dir) == [
        ("wmo.clienten", "2022-03", "", Decimal(40)),
        ("wmo.clienten", "2022-03", "Begeleiding", Decimal(30)),
        ("wmo.clienten", "2022-03", "Hulp bij het huishouden", Decimal(10)),
        ("wmo.clienten", "2022-06", "", Decimal(41)),
        ("wmo.clienten", "2022-06", "Hulp bij het huishouden", Decimal(11)),
        ("wmo.clienten", "2022-09", "", Decimal(44)),
        ("wmo.clienten", "2022-09", "Begeleiding", Decimal(32)),
        ("wmo.clienten", "2022-09", "Hulp bij het huishouden", Decimal(12)),
    ]


def test_a_quarter_of_a_peildatum_indicator_is_stored_as_its_last_month(
    data_dir, catalogue, tmp_path
):
    text = LONG_HEADER + "wmo.clienten;2024-Q1;;150\nwmo.clienten;2024-06-30;;160\n"
    run_import(data_dir, catalogue, write_csv(tmp_path / "clienten.csv", text))

    assert [row[1] for row in published(data_dir)] == ["2024-03", "2024-06"]


def test_a_trailing_empty_column_is_accepted(data_dir, catalogue, tmp_path):
    text = LONG_HEADER + "wmo.lasten;2024-03;;1.000;\n"
    run_import(data_dir, catalogue, write_csv(tmp_path / "cijfers.csv", text))

    assert published(data_dir) == [("wmo.lasten", "2024-03", "", Decimal(1000))]


def test_a_long_xlsx_sheet_is_read_with_numeric_cells_and_dates(data_dir, catalogue, tmp_path):
    source = write_xlsx(
        tmp_path / "cijfers.xlsx",
        {
            "Blad1": [
                ["Indicator", "Periode", "Categorie", "Waarde"],
                ["wmo.lasten", dt.datetime(2024, 3, 31), None, 1464689.5],
                ["wmo.lasten", "apr-24", None, "1.000,50"],
                ["wmo.clienten", "2024-Q1", "Hulp bij het huishouden", 120],
            ]
        },
    )
    run_import(data_dir, catalogue, source)

    assert published(data_dir) == [
        ("wmo.clienten", "2024-03", "Hulp bij het huishouden", Decimal(120)),
        ("wmo.lasten", "2024-03", "", Decimal("1464689.5")),
        ("wmo.lasten", "2024-04", "", Decimal("1000.5")),
    ]


def test_a_wide_xlsx_sheet_is_named_after_its_indicator_and_reads_date_headers(
    data_dir, catalogue, tmp_path
):
    # Excel stores a typed header 'mrt-22' as the date 1 March 2022.
    source = write_xlsx(
        tmp_path / "clienten.xlsx",
        {
            "wmo.clienten": [
                ["Voorziening", dt.datetime(2022, 3, 1), "jun-22", "sep-22"],
                ["Hulp bij het huishouden", 10, 11, 12],
                ["Totaal", 20, 21, 22],
            ]
        },
    )
    result = run_import(data_dir, catalogue, source)

    assert published(data_dir) == [
        ("wmo.clienten", "2022-03", "", Decimal(20)),
        ("wmo.clienten", "2022-03", "Hulp bij het huishouden", Decimal(10)),
        ("wmo.clienten", "2022-06", "", Decimal(21)),
        ("wmo.clienten", "2022-06", "Hulp bij het huishouden", Decimal(11)),
        ("wmo.clienten", "2022-09", "", Decimal(22)),
        ("wmo.clienten", "2022-09", "Hulp bij het huishouden", Decimal(12)),
    ]
    assert (
        "blad 'wmo.clienten', Excel (xlsx), breed formaat, wmo.clienten" in result.upload.notes[0]
    )


# ---------------------------------------------------------------- replace, diff and history


def test_an_import_replaces_only_the_keys_in_the_file_and_leaves_the_rest(
    data_dir, catalogue, tmp_path
):
    first = LONG_HEADER + (
        "wmo.lasten;2024-01;;100\n"
        "wmo.lasten;2024-02;;200\n"
        "wmo.clienten;mrt-24;Begeleiding;50\n"
        "wmo.clienten;mrt-24;;70\n"
    )
    run_import(data_dir, catalogue, write_csv(tmp_path / "eerste.csv", first))
    second = LONG_HEADER + "wmo.lasten;2024-02;;250\nwmo.clienten;mrt-24;;75\n"
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "tweede.csv", second))

    assert result.version == 2
    assert published(data_dir) == [
        ("wmo.clienten", "2024-03", "", Decimal(75)),
        ("wmo.clienten", "2024-03", "Begeleiding", Decimal(50)),
        ("wmo.lasten", "2024-01", "", Decimal(100)),
        ("wmo.lasten", "2024-02", "", Decimal(250)),
    ]


def test_a_dry_run_publishes_nothing_and_shows_new_and_changed_figures(
    data_dir, catalogue, tmp_path
):
    first = (
        LONG_HEADER + "wmo.lasten;2024-01;;100\nwmo.lasten;2024-02;;200\nwmo.lasten;2024-03;;300\n"
    )
    run_import(data_dir, catalogue, write_csv(tmp_path / "eerste.csv", first))
    before = tree_digest(data_dir)
    revision = LONG_HEADER + (
        "wmo.lasten;2024-01;;150\n"  # a late declaration revises an earlier month
        "wmo.lasten;2024-02;;200\n"
        "wmo.lasten;2024-03;;350\n"
        "wmo.begroting;2024;;5.000.000\n"
    )
    source = write_csv(tmp_path / "herzien.csv", revision)
    result = run_import(data_dir, catalogue, source, dry_run=True)

    assert result.version is None
    assert tree_digest(data_dir) == before
    assert [(line.indicator, line.periode, line.new) for line in result.diff.new] == [
        ("wmo.begroting", "2024", Decimal(5000000))
    ]
    assert [
        (line.periode, line.old, line.new, line.earlier_period) for line in result.diff.changed
    ] == [
        ("2024-01", Decimal(100), Decimal(150), True),
        ("2024-03", Decimal(300), Decimal(350), False),
    ]
    assert result.diff.unchanged == 1
    report = result.diff.report()
    assert "gewijzigd wmo.lasten jan-24: 100 → 150  [eerdere periode herzien]" in report
    assert "gewijzigd wmo.lasten mrt-24: 300 → 350\n" in report + "\n"


def test_a_dry_run_on_an_empty_store_creates_nothing(data_dir, catalogue, tmp_path):
    source = write_csv(tmp_path / "cijfers.csv", LONG_HEADER + "wmo.lasten;2024-03;;300\n")
    result = run_import(data_dir, catalogue, source, dry_run=True)

    assert len(result.diff.new) == 1
    assert not data_dir.exists()


def test_every_version_records_its_files_with_name_hash_and_rows(data_dir, catalogue, tmp_path):
    first = write_csv(tmp_path / "lasten.csv", LONG_HEADER + "wmo.lasten;2024-01;;100\n")
    second = write_csv(
        tmp_path / "clienten.csv",
        LONG_HEADER + "wmo.clienten;mrt-24;;70\nwmo.clienten;jun-24;;72\n",
    )
    third = write_csv(tmp_path / "begroting.csv", LONG_HEADER + "wmo.begroting;2024;;5.000.000\n")
    run_import(data_dir, catalogue, first)
    run_import(data_dir, catalogue, second, third)

    con = open_snapshot(data_dir)
    try:
        versions = con.sql(
            "SELECT version, author, action, description, rows_written FROM versions ORDER BY version"
        ).fetchall()
        files = con.sql(
            "SELECT version, file_name, sha256, data_rows FROM version_files ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()

    def sha(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    assert versions == [
        (1, "test", "import", "Import van lasten.csv", 1),
        (2, "test", "import", "Import van clienten.csv, begroting.csv", 3),
    ]
    assert files == sorted(
        [
            (1, "lasten.csv", sha(first), 1),
            (2, "clienten.csv", sha(second), 2),
            (2, "begroting.csv", sha(third), 1),
        ]
    )


# ---------------------------------------------------------------- refusals


def test_an_unknown_indicator_is_refused_with_a_suggestion(store, catalogue, tmp_path):
    source = write_csv(
        tmp_path / "fout.csv", LONG_HEADER + "wmo.clienten;mrt-24;;12\nwmo.clienton;mrt-24;;12\n"
    )
    problem = only(refused(store, catalogue, source))

    assert (problem.file, problem.row, problem.column) == ("fout.csv", 3, "indicator")
    assert "'wmo.clienton' bestaat niet in de catalogus" in problem.message
    assert "Bedoelt u 'wmo.clienten'?" in problem.message


def test_an_unknown_indicator_given_for_a_wide_file_is_refused(store, catalogue, tmp_path):
    source = write_csv(tmp_path / "breed.csv", "Voorziening;mrt-22\nBegeleiding;12\n")
    problem = only(refused(store, catalogue, source, indicator_id="wmo.cliënten"))

    assert "Bedoelt u 'wmo.clienten'?" in problem.message


def test_a_wide_file_without_an_indicator_is_refused(store, catalogue, tmp_path):
    source = write_csv(tmp_path / "breed.csv", "Voorziening;mrt-22\nBegeleiding;12\n")
    problem = only(refused(store, catalogue, source))

    assert "--indicator" in problem.message


def test_a_key_twice_in_one_file_is_refused(store, catalogue, tmp_path):
    text = LONG_HEADER + "wmo.lasten;2024-03;;100\nwmo.lasten;mrt-24;;200\n"
    problem = only(refused(store, catalogue, write_csv(tmp_path / "dubbel.csv", text)))

    assert (problem.file, problem.row) == ("dubbel.csv", 3)
    assert "dubbel cijfer" in problem.message and "dubbel.csv, rij 2" in problem.message


def test_a_key_in_two_files_of_one_upload_is_refused(store, catalogue, tmp_path):
    first = write_csv(
        tmp_path / "een.csv", LONG_HEADER + "wmo.lasten;2024-02;;1\nwmo.lasten;2024-03;;100\n"
    )
    second = write_csv(tmp_path / "twee.csv", LONG_HEADER + "wmo.lasten;2024-03;;200\n")
    problem = only(refused(store, catalogue, first, second))

    assert (problem.file, problem.row) == ("twee.csv", 2)
    assert "staat ook in een.csv, rij 3" in problem.message


@pytest.mark.parametrize(
    ("row", "dutch_words"),
    [
        ("wmo.clienten;mrt-24;Begeleiding;<10", "'<10' is geen exact cijfer"),
        ("wmo.clienten;mrt-24;Begeleiding;< 10", "'< 10' is geen exact cijfer"),
        ("wmo.lasten;2024-03;;twaalf", "'twaalf' is geen getal. Gebruik cijfers"),
        ("wmo.clienten;mrt-24;Begeleiding;-3", "negatief"),
        ("wmo.clienten;mrt-24;Begeleiding;3,5", "geen geheel getal"),
    ],
)
def test_a_value_that_is_not_an_exact_figure_is_refused(
    row, dutch_words, store, catalogue, tmp_path
):
    text = LONG_HEADER + "wmo.lasten;2024-02;;100\n" + row + "\n"
    problem = only(refused(store, catalogue, write_csv(tmp_path / "fout.csv", text)))

    assert (problem.file, problem.row, problem.column) == ("fout.csv", 3, "waarde")
    assert dutch_words in problem.message
    assert str(problem).startswith("fout.csv, rij 3, kolom 'waarde': ")


def test_a_decimal_person_count_is_quoted_as_the_user_wrote_it(store, catalogue, tmp_path):
    text = LONG_HEADER + "wmo.clienten;mrt-24;Begeleiding;1.003,5\n"
    problem = only(refused(store, catalogue, write_csv(tmp_path / "fout.csv", text)))

    assert "1.003,5" in problem.message


def test_a_value_error_in_a_wide_file_names_the_period_column(store, catalogue, tmp_path):
    text = "Voorziening;mrt-22;jun-22\nBegeleiding;12;<10\n"
    source = write_csv(tmp_path / "breed.csv", text)
    problem = only(refused(store, catalogue, source, indicator_id="wmo.clienten"))

    assert (problem.file, problem.row, problem.column) == ("breed.csv", 2, "jun-22")


@pytest.mark.parametrize(
    ("row", "dutch_words"),
    [
        (
            "wmo.lasten;2024-Q1;;100",
            "2024-Q1 is een kwartaal, maar wmo.lasten heeft cijfers per maand",
        ),
        (
            "participatie.uitkeringen_geslacht;feb-24;Vrouw;100",
            "feb-24 is geen peildatum van participatie.uitkeringen_geslacht",
        ),
        ("wmo.lasten;31-02-2024;;100", "bestaat niet"),
        ("wmo.lasten;2024-13;;100", "maand 13 bestaat niet"),
    ],
)
def test_a_period_that_does_not_fit_the_indicator_is_refused(
    row, dutch_words, store, catalogue, tmp_path
):
    text = LONG_HEADER + row + "\n"
    problem = only(refused(store, catalogue, write_csv(tmp_path / "fout.csv", text)))

    assert (problem.file, problem.row, problem.column) == ("fout.csv", 2, "periode")
    assert dutch_words in problem.message


def test_a_wide_header_with_a_period_that_does_not_fit_is_refused(store, catalogue, tmp_path):
    text = "Geslacht;mrt-24;feb-24\nVrouw;100;101\n"
    source = write_csv(tmp_path / "breed.csv", text)
    problem = only(
        refused(store, catalogue, source, indicator_id="participatie.uitkeringen_geslacht")
    )

    assert (problem.row, problem.column) == (1, "feb-24")


def test_an_empty_file_is_refused(store, catalogue, tmp_path):
    problem = only(refused(store, catalogue, write_csv(tmp_path / "leeg.csv", "")))

    assert problem.file == "leeg.csv"
    assert "leeg" in problem.message


def test_a_file_with_only_a_header_is_refused(store, catalogue, tmp_path):
    problem = only(refused(store, catalogue, write_csv(tmp_path / "kop.csv", LONG_HEADER)))

    assert "geen cijfers" in problem.message


def test_a_file_with_a_bsn_column_is_refused(store, catalogue, tmp_path):
    text = (
        "bsn;indicator;periode;categorie;waarde\n"
        "111222333;wmo.lasten;2024-01;;100\n"
        "123456782;wmo.lasten;2024-02;;200\n"
    )
    problem = only(refused(store, catalogue, write_csv(tmp_path / "personen.csv", text)))

    assert (problem.file, problem.column) == ("personen.csv", "bsn")
    assert "burgerservicenummers (BSN)" in problem.message


def test_a_single_budget_amount_that_passes_the_elfproef_is_not_taken_for_a_bsn(
    data_dir, catalogue, tmp_path
):
    # 24.509.000 happens to pass the elfproef (as 024509000); in Excel it is a plain number cell.
    source = write_xlsx(
        tmp_path / "begroting.xlsx",
        {
            "Blad1": [
                ["indicator", "periode", "categorie", "waarde"],
                ["wmo.begroting", 2024, None, 24509000],
            ]
        },
    )
    run_import(data_dir, catalogue, source)

    assert published(data_dir) == [("wmo.begroting", "2024", "", Decimal(24509000))]


def test_a_file_with_an_unknown_separator_is_refused(store, catalogue, tmp_path):
    text = "indicator|periode|categorie|waarde\nwmo.lasten|2024-03||100\n"
    problem = only(refused(store, catalogue, write_csv(tmp_path / "pijp.csv", text)))

    assert (problem.file, problem.row) == ("pijp.csv", 1)
    assert "geen scheidingsteken gevonden" in problem.message


def test_a_half_written_csv_is_refused(store, catalogue, tmp_path):
    text = LONG_HEADER + "wmo.lasten;2024-02;;200\nwmo.lasten;2024-0"
    problem = only(refused(store, catalogue, write_csv(tmp_path / "half.csv", text)))

    assert (problem.file, problem.row) == ("half.csv", 3)
    assert "half geschreven" in problem.message


def test_a_csv_cut_inside_a_quoted_cell_is_refused(store, catalogue, tmp_path):
    text = LONG_HEADER + 'wmo.lasten;2024-02;"Hulp bij'
    problem = only(refused(store, catalogue, write_csv(tmp_path / "half.csv", text)))

    assert "geen geldige CSV" in problem.message


def test_a_truncated_xlsx_is_refused(store, catalogue, tmp_path):
    whole = write_xlsx(
        tmp_path / "heel.xlsx",
        {
            "Blad1": [
                ["indicator", "periode", "categorie", "waarde"],
                ["wmo.lasten", "2024-03", None, 100],
            ]
        },
    )
    data = whole.read_bytes()
    truncated = tmp_path / "half.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    problem = only(refused(store, catalogue, truncated))

    assert problem.file == "half.xlsx"
    assert "beschadigd of half geschreven" in problem.message


@pytest.mark.parametrize(
    ("row", "cells"), [("wmo.lasten;2024-03;;100;7", 5), ("wmo.lasten;2024-03;100", 3)]
)
def test_a_row_with_too_many_or_too_few_columns_is_refused(row, cells, store, catalogue, tmp_path):
    text = LONG_HEADER + "wmo.lasten;2024-02;;200\n" + row + "\n"
    problem = only(refused(store, catalogue, write_csv(tmp_path / "breedte.csv", text)))

    assert (problem.file, problem.row) == ("breedte.csv", 3)
    assert f"deze rij heeft {cells} kolommen en de kopregel 4" in problem.message


def test_a_file_mixing_number_notations_is_refused(store, catalogue, tmp_path):
    text = (
        LONG_HEADER
        + "wmo.lasten;2024-02;;12,5\nwmo.lasten;2024-03;;1.000\nwmo.lasten;2024-04;;12.5\n"
    )
    problem = only(refused(store, catalogue, write_csv(tmp_path / "gemengd.csv", text)))

    assert problem.file == "gemengd.csv"
    assert "'12,5' (rij 2) is Nederlands en '12.5' (rij 4) internationaal" in problem.message


def test_a_file_mixing_number_notations_names_the_row_and_column_of_the_odd_value(
    store, catalogue, tmp_path
):
    text = (
        LONG_HEADER
        + "wmo.lasten;2024-02;;12,5\nwmo.lasten;2024-03;;1.000\nwmo.lasten;2024-04;;12.5\n"
    )
    problem = only(refused(store, catalogue, write_csv(tmp_path / "gemengd.csv", text)))

    assert (problem.row, problem.column) == (4, "waarde")


def test_every_problem_of_a_file_is_reported_at_once(store, catalogue, tmp_path):
    text = LONG_HEADER + (
        "wmo.lasten;2024-01;;100\n"
        "wmo.clienten;mrt-24;Begeleiding;<10\n"
        "wmo.lasten;2024-Q1;;200\n"
        "wmo.lasten;2024-02;;twaalf\n"
    )
    problems = refused(store, catalogue, write_csv(tmp_path / "fout.csv", text))

    assert [(p.row, p.column) for p in problems] == [(3, "waarde"), (4, "periode"), (5, "waarde")]


def test_one_bad_file_refuses_the_whole_upload(store, catalogue, tmp_path):
    good = write_csv(tmp_path / "goed.csv", LONG_HEADER + "wmo.lasten;2024-05;;100\n")
    bad = write_csv(tmp_path / "fout.csv", LONG_HEADER + "wmo.lasten;2024-06;;twaalf\n")
    problem = only(refused(store, catalogue, good, bad))

    assert problem.file == "fout.csv"


def with_padding(path: Path, size: int) -> Path:
    """The workbook with an extra entry of `size` zero bytes: tiny on disk, huge when unpacked."""
    import zipfile

    block = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/nullen.bin", "w", force_zip64=True) as entry,
    ):
        for _ in range(size // len(block)):
            entry.write(block)
    return path


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused_before_it_is_read(
    store, catalogue, tmp_path
):
    from monitor.ingest.reading import MAX_XLSX_UNCOMPRESSED_BYTES

    path = write_xlsx(
        tmp_path / "bom.xlsx",
        {
            "Blad1": [
                ["indicator", "periode", "categorie", "waarde"],
                ["wmo.lasten", "2024-03", None, 100],
            ]
        },
    )
    with_padding(path, MAX_XLSX_UNCOMPRESSED_BYTES + (1 << 20))
    assert path.stat().st_size < 2 * (1 << 20)
    before = tree_digest(store)

    problem = only(refused(store, catalogue, path))

    assert problem.file == "bom.xlsx"
    limit = MAX_XLSX_UNCOMPRESSED_BYTES // (1 << 20)
    assert f"pakt uit tot {limit + 1} MB; de grens is {limit} MB" in problem.message
    assert tree_digest(store) == before


def test_a_linked_amount_whose_category_nearly_matches_its_count_is_refused(
    data_dir, catalogue, tmp_path
):
    counts = LONG_HEADER + "wmo.clienten;2024-03;Woonvoorziening;4\nwmo.clienten;2024-03;;40\n"
    run_import(data_dir, catalogue, write_csv(tmp_path / "clienten.csv", counts))
    amounts = LONG_HEADER + "wmo.lasten_berichtenverkeer;2024-03;Woonvoorzieningen;12.000\n"
    before = tree_digest(data_dir)
    with pytest.raises(ImportRefused) as refused:
        run_import(data_dir, catalogue, write_csv(tmp_path / "lasten.csv", amounts))
    assert [str(p) for p in refused.value.problems] == [
        "lasten.csv: categorie 'Woonvoorzieningen' van wmo.lasten_berichtenverkeer lijkt op "
        "'Woonvoorziening' van wmo.clienten, maar is niet gelijk. Het bedrag wordt alleen samen "
        "met het aantal personen afgeschermd als beide dezelfde naam gebruiken: noem haar "
        "'Woonvoorziening'."
    ]
    assert tree_digest(data_dir) == before


def test_a_linked_amount_without_any_count_is_named_in_the_report(data_dir, catalogue, tmp_path):
    counts = LONG_HEADER + "wmo.clienten;2024-03;Begeleiding;40\nwmo.clienten;2024-03;;40\n"
    run_import(data_dir, catalogue, write_csv(tmp_path / "clienten.csv", counts))
    amounts = LONG_HEADER + "wmo.lasten_berichtenverkeer;2024-03;Trapliften;12.000\n"
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "lasten.csv", amounts))
    assert (
        "Categorie 'Trapliften' van wmo.lasten_berichtenverkeer heeft geen aantal personen in "
        "wmo.clienten; dat bedrag wordt gepubliceerd zonder de afscherming van kleine aantallen."
    ) in result.upload.notes
