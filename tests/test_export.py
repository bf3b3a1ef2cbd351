"""CSV and XLSX exports of published figures: Dutch Excel, markers, formula injection, bytes."""

from __future__ import annotations

import csv
import html
import io
import re
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
import vl_convert
from PIL import Image

from monitor.config import DEFAULT_CATALOGUE
from monitor.disclosure.gate import protect
from monitor.domain.catalogue import Eenheid, load_catalogue
from monitor.domain.editions import edition_from_text
from monitor.figures.exact import ExactCell, ExactTable
from monitor.figures.published import METHOD_NOTE
from monitor.render.charts import chart_spec
from monitor.render.export import (
    csv_bytes,
    export_bytes,
    neutralise,
    png_bytes,
    svg_bytes,
    xlsx_bytes,
)
from tests.support.shipped import shipped_spec

CATALOGUE = load_catalogue(DEFAULT_CATALOGUE)
EDITION = edition_from_text("2024-03")


def figure_with(rows: dict[str, list[int | Decimal | None]], unit: Eenheid = Eenheid.PERSONEN,
                sensitive: bool = True):  # fmt: skip
    spec = shipped_spec("wmo-clienten-per-voorziening")
    columns = ("dec-23", "mrt-24")
    periods = ("2023-12", "2024-03")
    cells = tuple(
        ExactCell(row, column, period, row, None if value is None else Decimal(value), unit,
                  sensitive, key=("test.clienten", row, period))
        for row, values in rows.items()
        for column, period, value in zip(columns, periods, values, strict=True)
    )  # fmt: skip
    table = ExactTable(spec, unit, "Voorziening", tuple(rows), columns, cells)
    return protect(table, EDITION, CATALOGUE)


def read_csv_lines(data: bytes) -> list[str]:
    assert data.startswith(b"\xef\xbb\xbf"), "Dutch Excel needs the BOM to read UTF-8"
    return data.decode("utf-8-sig").split("\r\n")


def test_csv_uses_semicolons_dutch_numbers_and_less_than_ten():
    figure = figure_with({"Hulp bij het huishouden": [1464, 7], "Beschermd Wonen": [None, 3]})
    lines = read_csv_lines(csv_bytes(figure))
    assert lines[0] == "Voorziening;dec-23;mrt-24"
    assert lines[1] == "Hulp bij het huishouden;1464;<10"
    assert lines[2] == "Beschermd Wonen;.;<10"


def test_csv_has_a_legend_of_the_markers_and_the_source():
    lines = read_csv_lines(csv_bytes(figure_with({"A": [50, 5]})))
    assert "<10;afgeschermd: een aantal kleiner dan 10 (AVG)" in lines
    assert "x;afgeschermd om terugrekenen te voorkomen" in lines
    assert "Bron: Cliëntregistratie Wmo" in lines


def test_decimal_amounts_use_a_decimal_comma_without_thousands_dots():
    figure = figure_with({"A": [1464689, 12]}, unit=Eenheid.AANTAL, sensitive=False)
    lines = read_csv_lines(csv_bytes(figure))
    assert lines[1] == "A;1464689;12"
    frame = pd.read_csv(io.BytesIO(csv_bytes(figure)), sep=";", decimal=",", thousands=".",
                        encoding="utf-8-sig", nrows=1)  # fmt: skip
    assert frame.iloc[0]["dec-23"] == 1464689


def test_long_csv_gives_tidy_rows_with_canonical_periods():
    figure = figure_with({"Begeleiding": [220, 4]})
    lines = read_csv_lines(csv_bytes(figure, long=True))
    assert lines[:3] == [
        "periode;categorie;waarde",
        "2023-12;Begeleiding;220",
        "2024-03;Begeleiding;<10",
    ]
    assert lines[3] == ""  # no legend in the tidy format: scripts read it


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_neutralised(dangerous):
    figure = figure_with({dangerous: [50, 60]})
    lines = read_csv_lines(csv_bytes(figure))
    first_field = next(csv.reader([lines[1]], delimiter=";"))[0]
    assert first_field == "'" + dangerous
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(figure)))
    cell = workbook["Tabel"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == "'" + dangerous


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Hulp bij het huishouden") == "Hulp bij het huishouden"
    assert neutralise("=1+1") == "'=1+1"


def test_xlsx_holds_real_numbers_and_markers_as_text():
    figure = figure_with({"A": [1250, 3]})
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(figure)))
    sheet = workbook["Tabel"]
    assert [c.value for c in sheet[1]] == ["Voorziening", "dec-23", "mrt-24"]
    assert sheet["B2"].value == 1250 and sheet["B2"].data_type == "n"
    assert sheet["C2"].value == "<10" and sheet["C2"].data_type == "s"
    legend = [row[0].value for row in workbook["Toelichting"].iter_rows()]
    assert "<10" in legend


def test_the_same_figure_gives_the_same_bytes():
    figure = figure_with({"A": [1250, 3], "B": [20, 30]})
    assert xlsx_bytes(figure) == xlsx_bytes(figure)
    assert csv_bytes(figure) == csv_bytes(figure)


def test_exports_refuse_anything_but_a_published_figure():
    exact = pd.DataFrame({"Voorziening": ["A"], "mrt-24": [3]})
    for file_format in ("csv", "xlsx"):
        with pytest.raises(TypeError):
            export_bytes(exact, file_format)  # type: ignore[arg-type]


def test_xlsx_holds_the_published_rounded_values_not_the_computed_ones():
    figure = figure_with({"A": [Decimal("1250.44"), Decimal("12.25")]}, unit=Eenheid.AANTAL,
                         sensitive=False)  # fmt: skip
    assert [cell.display() for cell in figure.cells] == ["1.250,4", "12,3"]
    for long, places in ((False, ("B2", "C2")), (True, ("C2", "C3"))):
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(figure, long=long)))["Tabel"]
        assert [sheet[place].value for place in places] == [1250.4, 12.3]
        assert all(sheet[place].number_format == "#,##0.0" for place in places)


def test_xlsx_percentages_are_excel_percentages_as_published():
    figure = figure_with({"A": [Decimal("12.345"), Decimal("100")]}, unit=Eenheid.PROCENT,
                         sensitive=False)  # fmt: skip
    assert [cell.display() for cell in figure.cells] == ["12,3%", "100,0%"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(figure)))["Tabel"]
    assert sheet["B2"].value == pytest.approx(0.123) and sheet["C2"].value == 1
    assert sheet["B2"].number_format == sheet["C2"].number_format == "0.0%"


def test_every_table_export_names_its_gemeente_edition_and_unit():
    percentages = figure_with({"A": [50, 60]}, unit=Eenheid.PROCENT, sensitive=False)
    lines = read_csv_lines(csv_bytes(percentages))
    assert "Gemeente Voorbeeld, Monitor Sociaal Domein, editie t/m maart 2024" in lines
    assert "Eenheid: procent (12,5 betekent 12,5%)" in lines
    notes = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(percentages)))["Toelichting"]
    texts = [row[0].value for row in notes.iter_rows()]
    assert "Eenheid: procent (12,5 betekent 12,5%)" in texts
    assert "Gemeente Voorbeeld, Monitor Sociaal Domein, editie t/m maart 2024" in texts


def svg_texts(svg: bytes) -> str:
    return " ".join(
        html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode())
    )


def test_a_downloaded_chart_carries_its_title_gemeente_edition_source_and_method_note():
    figure = figure_with({"Hulp bij het huishouden": [1464, 7], "Beschermd Wonen": [None, 3]})
    texts = svg_texts(svg_bytes(figure))
    for expected in (figure.title, "Gemeente Voorbeeld", "editie t/m maart 2024",
                     "Bron: Cliëntregistratie Wmo.", " ".join(METHOD_NOTE.split())):  # fmt: skip
        assert expected in texts, expected
    # The PNG is the same composition: taller than the bare chart by its header and footer.
    bare = Image.open(io.BytesIO(vl_convert.vegalite_to_png(chart_spec(figure), scale=2.0)))
    downloaded = Image.open(io.BytesIO(png_bytes(figure)))
    assert downloaded.height >= bare.height + 2 * 60 and downloaded.width >= bare.width


def test_a_chart_without_hidden_cells_carries_no_method_note():
    figure = figure_with({"A": [1464, 1500]})
    texts = svg_texts(svg_bytes(figure))
    assert "Bron: Cliëntregistratie Wmo." in texts and "<10" not in texts
