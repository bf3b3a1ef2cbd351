"""The disclosure gate: primary suppression (P1), derived values (P3) and the published type."""

from __future__ import annotations

import ast
from decimal import Decimal

import pytest

from monitor.config import DEFAULT_CATALOGUE, PROJECT_ROOT
from monitor.disclosure.gate import protect
from monitor.domain.catalogue import Eenheid, load_catalogue
from monitor.domain.editions import edition_from_text
from monitor.figures.exact import ExactCell, ExactTable
from monitor.figures.published import CellStatus, PublishedCell, PublishedFigure
from tests.support.shipped import shipped_spec

CATALOGUE = load_catalogue(DEFAULT_CATALOGUE)
EDITION = edition_from_text("2024-03")
SPEC = shipped_spec("wmo-clienten-per-voorziening")


def counts_table(values: dict[str, int | None], sensitive: bool = True) -> ExactTable:
    rows = tuple(values)
    cells = tuple(
        ExactCell(row, "mrt-24", "2024-03", row, None if v is None else Decimal(v),
                  Eenheid.PERSONEN, sensitive, key=("test.clienten", row, "2024-03"))
        for row, v in values.items()
    )  # fmt: skip
    return ExactTable(SPEC, Eenheid.PERSONEN, "Voorziening", rows, ("mrt-24",), cells)


def displays(figure: PublishedFigure) -> dict[str, str]:
    return {cell.row: cell.display() for cell in figure.cells}


def test_person_counts_under_ten_are_published_as_less_than_ten():
    figure = protect(counts_table({"A": 50, "B": 3, "C": 9, "D": 10}), EDITION, CATALOGUE)
    assert displays(figure) == {"A": "50", "B": "<10", "C": "<10", "D": "10"}


def test_zero_is_primary_by_default():
    figure = protect(counts_table({"A": 0, "B": 25}), EDITION, CATALOGUE)
    assert figure.cell("A", "mrt-24").status is CellStatus.PRIMAIR


def test_a_hidden_cell_carries_no_value_at_all():
    figure = protect(counts_table({"A": 7}), EDITION, CATALOGUE)
    cell = figure.cell("A", "mrt-24")
    assert cell.value is None
    assert "7" not in repr(cell)


def test_totals_under_ten_are_hidden_too():
    figure = protect(counts_table({"A": 4, "B": 3, "Totaal": 7}), EDITION, CATALOGUE)
    assert set(displays(figure).values()) == {"<10"}


def test_amounts_are_not_suppressed():
    figure = protect(counts_table({"A": 3}, sensitive=False), EDITION, CATALOGUE)
    assert displays(figure) == {"A": "3"}


def test_missing_figures_are_marked_as_not_delivered():
    figure = protect(counts_table({"A": None}), EDITION, CATALOGUE)
    assert displays(figure) == {"A": "."}


def test_a_derived_value_with_a_hidden_input_is_hidden():
    spec = shipped_spec("wmo-clienten-totaal")
    cells = (
        ExactCell("2024", "jan", "2024-01", "", Decimal(5), Eenheid.PERSONEN, True,
                  key=("test.clienten", "", "2024-01")),
        ExactCell("2024", "feb", "2024-02", "", Decimal(30), Eenheid.PERSONEN, True,
                  key=("test.clienten", "", "2024-02")),
        ExactCell("2024", "Gemiddeld per maand", "2024", "gemiddeld", Decimal("17.5"),
                  Eenheid.PERSONEN, False, (("2024", "jan"), ("2024", "feb"))),
    )  # fmt: skip
    table = ExactTable(spec, Eenheid.PERSONEN, "Jaar", ("2024",),
                       ("jan", "feb", "Gemiddeld per maand"), cells)  # fmt: skip
    figure = protect(table, EDITION, CATALOGUE)
    average = figure.cell("2024", "Gemiddeld per maand")
    assert average.status is CellStatus.SECUNDAIR
    assert average.display() == "x"


def test_published_cell_refuses_a_value_on_a_hidden_cell():
    with pytest.raises(ValueError):
        PublishedCell(
            "A", "mrt-24", "2024-03", "A", Decimal(4), CellStatus.PRIMAIR, Eenheid.PERSONEN
        )


def test_published_figures_are_immutable():
    figure = protect(counts_table({"A": 50}), EDITION, CATALOGUE)
    with pytest.raises(AttributeError):
        figure.cells = ()  # type: ignore[misc]


def test_only_the_gate_constructs_published_figures():
    """No module but the gate may build a PublishedFigure: renderers cannot forge one."""
    constructors = []
    for path in sorted((PROJECT_ROOT / "monitor").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PublishedFigure":
                constructors.append(path.relative_to(PROJECT_ROOT).as_posix())
    assert constructors == ["monitor/disclosure/gate.py"]


def test_the_method_note_and_sources_travel_with_the_figure():
    figure = protect(counts_table({"A": 50}), EDITION, CATALOGUE)
    assert figure.sources == ("Cliëntregistratie Wmo",)
    assert "op de peildatum" in figure.definition
    assert figure.edition == "2024-03"
    assert figure.edition_label == "t/m maart 2024"
