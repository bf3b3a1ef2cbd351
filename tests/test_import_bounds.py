"""Small files that would cost minutes of CPU or gigabytes of memory (issue: an outside attacker's
findings): every parse is bounded by what the file really holds, and what exceeds a bound is
refused in Dutch. Each import runs in a process of its own (tests/support/bounded_import.py), so
its peak memory can be held against a generous bound and a runaway parse cannot fill the machine;
the subprocess timeout is only a guard, the tests assert the refusal."""

from __future__ import annotations

import pytest

from monitor.ingest.reading import MAX_FIGURE_CELLS
from tests.support.big_files import (
    csv_of_empty_lines,
    long_header,
    many_strings,
    number_rows,
    row,
    text_cell,
    workbook,
)
from tests.support.bounded_import import bounded_import

pytestmark = pytest.mark.slow

PEAK_MB = 500
WMO_HEADER = "client;voorziening;begindatum;einddatum\n"


def refused(result: dict, file: str) -> list[str]:
    assert result["peak_mb"] < PEAK_MB, result
    assert result["problems"], "dit bestand had geweigerd moeten worden"
    assert all(problem.startswith(file) for problem in result["problems"]), result
    return result["problems"]


def test_a_workbook_that_unpacks_to_two_hundred_mb_from_a_few_hundred_kb_is_refused(tmp_path):
    # 11.5 million cells of '<c><v>1</v></c>': 195 MB of sheet XML, packed to under 1 MB.
    path = workbook(tmp_path / "klein.xlsx", number_rows(2_880_000, 4))
    assert path.stat().st_size < 1_000_000

    (problem,) = refused(bounded_import("cijfers", path), "klein.xlsx")

    assert "pakt uit tot 195 MB; de grens is 50 MB" in problem


def test_a_sheet_with_more_cells_than_the_limit_is_refused_before_openpyxl_reads_it(tmp_path):
    path = workbook(tmp_path / "cellen.xlsx", number_rows(MAX_FIGURE_CELLS // 4 + 10, 4))

    (problem,) = refused(bounded_import("cijfers", path), "cellen.xlsx")

    assert "meer dan 500.000 cellen of teksten" in problem


def test_one_row_of_a_million_cells_is_refused(tmp_path):
    path = workbook(tmp_path / "rij.xlsx", number_rows(1, 1_000_000))

    (problem,) = refused(bounded_import("cijfers", path), "rij.xlsx")

    assert "meer dan 16.384 cellen (de grens van Excel)" in problem


def test_a_million_and_a_half_shared_strings_are_refused(tmp_path):
    path = workbook(
        tmp_path / "teksten.xlsx",
        [long_header(), row(2, [b'<c r="A2" t="s"><v>0</v></c>'])],
        shared_strings=many_strings(1_500_000),
    )

    (problem,) = refused(bounded_import("cijfers", path), "teksten.xlsx")

    assert "xl/sharedStrings.xml" in problem and "meer dan 500.000 cellen of teksten" in problem


def test_rows_that_each_reach_the_last_column_are_refused_by_the_cells_they_span(tmp_path):
    rows = (
        row(n, [text_cell(f"A{n}", "wmo.lasten"), b'<c r="XFD%d"><v>1</v></c>' % n])
        for n in range(2, 2_000)
    )
    path = workbook(tmp_path / "breed.xlsx", [long_header(), *rows])

    problems = refused(bounded_import("cijfers", path), "breed.xlsx")

    assert "beslaan meer dan 500.000 cellen" in problems[0]


def test_a_declared_dimension_of_the_whole_sheet_does_not_pad_the_rows(tmp_path):
    data = row(
        2, [text_cell("A2", "wmo.lasten"), text_cell("B2", "2024-03"), b"<c r='D2'><v>7</v></c>"]
    )
    path = workbook(tmp_path / "maat.xlsx", [long_header(), data], dimension="A1:XFD1048576")

    result = bounded_import("cijfers", path)

    assert result["problems"] == [] and result["peak_mb"] < PEAK_MB


def test_a_csv_of_45_mb_of_empty_lines_is_refused_without_splitting_them(tmp_path):
    path = csv_of_empty_lines(tmp_path / "leeg.csv", "indicator;periode;categorie;waarde\n",
                              45_000_000, "wmo.lasten;2024-03;;1\n")  # fmt: skip

    (problem,) = refused(bounded_import("cijfers", path), "leeg.csv")

    assert "45.000.002 regels (lege regels tellen mee); de grens is 1.048.576" in problem


def test_checking_a_csv_costs_its_cells_not_its_columns_times_its_rows(tmp_path):
    # 100.000 unnamed columns and 60.000 one-cell rows: 300 KB, but 6 billion column-row pairs.
    path = tmp_path / "kolommen.csv"
    path.write_text(";" * 100_000 + "\n" + "x\n" * 60_000)

    problems = refused(bounded_import("cijfers", path, timeout=120), "kolommen.csv")

    assert problems[0].startswith("kolommen.csv, rij 2: deze rij heeft 1 kolommen en de kopregel")


def test_a_csv_with_more_cells_than_the_limit_is_refused_at_the_row_that_crosses_it(tmp_path):
    path = tmp_path / "cellen.csv"
    path.write_text("indicator;periode;categorie;waarde\n" + "wmo.lasten;2024-03;;1\n" * 130_000)

    (problem,) = refused(bounded_import("cijfers", path), "cellen.csv")

    assert problem.startswith("cellen.csv, rij 125001: het bestand heeft meer dan 500.000 cellen")


def test_a_records_workbook_with_a_cell_in_the_last_row_and_column_is_refused(tmp_path):
    names = ("client", "voorziening", "begindatum", "einddatum")
    header = row(1, (text_cell(f"{c}1", n) for c, n in zip("ABCD", names, strict=True)))
    values = ("a", "Hbh", "2024-01-01")
    data = row(2, (text_cell(f"{c}2", v) for c, v in zip("ABC", values, strict=True)))
    far = row(1_048_576, [b'<c r="XFD1048576"><v>1</v></c>'])
    path = workbook(tmp_path / "records.xlsx", [header, data, far], dimension="A1:XFD1048576")

    (problem,) = refused(bounded_import("wmo", path), "records.xlsx")

    assert "rij 1048576" in problem and "buiten de 4 kolommen van de kopregel" in problem


def test_a_records_csv_of_45_mb_of_empty_lines_is_refused_for_what_it_is(tmp_path):
    path = csv_of_empty_lines(tmp_path / "leeg.csv", WMO_HEADER, 45_000_000, "a;Hbh;2024-01-01;\n")

    (problem,) = refused(bounded_import("wmo", path), "leeg.csv")

    assert "een reeks lege regels" in problem and "aanhalingsteken" not in problem


def test_a_records_csv_with_one_row_of_3_mb_is_refused_for_its_length(tmp_path):
    path = tmp_path / "lang.csv"
    path.write_text(WMO_HEADER + "a;" + "x" * 3_000_000 + ";2024-01-01;\n")

    (problem,) = refused(bounded_import("wmo", path), "lang.csv")

    assert problem.startswith("lang.csv, rij 2: deze rij is langer dan 2.000.000 bytes")
