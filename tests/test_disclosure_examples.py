"""The nine worked examples of docs/disclosure.md (threshold 10, zeros primary, minimum range 3)."""

from __future__ import annotations

from decimal import Decimal

from monitor.config import DEFAULT_CATALOGUE
from monitor.disclosure.audit import GroupProgram, components, reader_view
from monitor.disclosure.gate import protect_edition
from monitor.disclosure.model import ProtectionCell
from monitor.disclosure.protection import audited_statuses
from monitor.domain.catalogue import Eenheid, load_catalogue
from monitor.domain.editions import edition_from_text
from monitor.figures.exact import ExactCell, ExactTable
from tests.support.disclosure_builders import key, markers, problem, protected_markers, total_roles
from tests.support.shipped import shipped_spec


def test_example_1_one_small_cell_takes_the_first_interior_cell_in_the_fixed_order_along():
    # The first eligible interior cell by key, not the cheapest: the choice says nothing about
    # the value of the `x` (the cheapest would tell a reader x ≤ 25 and x ≤ 40).
    values = {"A": 50, "B": 3, "C": 40, "D": 25, "totaal": 118}
    assert protected_markers(values, [("totaal", ["A", "B", "C", "D"])]) == {
        "A": "x", "B": "<10", "C": "40", "D": "25", "totaal": "118"}  # fmt: skip


def test_example_2_a_zero_is_primary():
    values = {"A": 30, "B": 0, "C": 25, "totaal": 55}
    assert protected_markers(values, [("totaal", ["A", "B", "C"])]) == {
        "A": "x", "B": "<10", "C": "25", "totaal": "55"}  # fmt: skip


def test_example_3_everything_small_is_all_hidden_including_the_total():
    values = {"A": 4, "B": 3, "C": 2, "totaal": 9}
    assert set(protected_markers(values, [("totaal", ["A", "B", "C"])]).values()) == {"<10"}


def test_example_4_two_dimensional_table_with_margins():
    values = {"Ma": 25, "Mb": 3, "Mc": 40, "M": 68, "Va": 30, "Vb": 12, "Vc": 35, "V": 77,
              "a": 55, "b": 15, "c": 75, "totaal": 145}  # fmt: skip
    sums = [("M", ["Ma", "Mb", "Mc"]), ("V", ["Va", "Vb", "Vc"]), ("a", ["Ma", "Va"]),
            ("b", ["Mb", "Vb"]), ("c", ["Mc", "Vc"]), ("totaal", ["M", "V"]),
            ("totaal", ["a", "b", "c"])]  # fmt: skip
    statuses = audited_statuses(problem(values, sums))
    shown = markers(statuses, values)
    assert shown["Mb"] == "<10"
    assert {n for n, m in shown.items() if m == "x"} == {"Ma", "Va", "Vb"}
    # What the reader can conclude about M·b: 0 … 5.
    the_problem = problem(values, sums)
    view = reader_view(the_problem, statuses)
    (keys, relations), = components(view)  # fmt: skip
    assert GroupProgram(keys, relations, view).interval([key("Mb")]) == (0.0, 5.0)


def test_example_5_drill_down_keeps_subtotals_visible():
    values = {"0-11": 30, "12-17": 4, "0-17": 34, "18-64": 50, "65+": 60, "18+": 110, "totaal": 144}
    sums = [("0-17", ["0-11", "12-17"]), ("18+", ["18-64", "65+"]), ("totaal", ["0-17", "18+"])]
    assert protected_markers(values, sums) == {
        "0-11": "x", "12-17": "<10", "0-17": "34", "18-64": "50", "65+": "60", "18+": "110",
        "totaal": "144"}  # fmt: skip


def test_example_6_linked_breakdowns_share_the_total():
    values = {"M": 60, "V": 55, "0-17": 5, "18-64": 70, "65+": 40, "totaal": 115}
    sums = [("totaal", ["M", "V"]), ("totaal", ["0-17", "18-64", "65+"])]
    assert protected_markers(values, sums) == {
        "M": "60", "V": "55", "0-17": "<10", "18-64": "x", "65+": "40", "totaal": "115"}  # fmt: skip


def test_example_7_percentages_carry_the_same_hidden_pattern_as_counts():
    spec = shipped_spec("participatie-kenmerken-leefsituatie")
    rows = {"alleenstaand": 80, "eenouder": 6, "paar": 34, "Totaal": 120}
    cells = tuple(
        ExactCell(row, "mrt-24", "2024-03", row, Decimal(v), Eenheid.PERSONEN, True,
                  key=("participatie.uitkeringen" if row == "Totaal" else "participatie.uitkeringen_leefsituatie",
                       "" if row == "Totaal" else row, "2024-03"))
        for row, v in rows.items()
    )  # fmt: skip
    table = ExactTable(spec, Eenheid.PERSONEN, "Leefsituatie", tuple(rows), ("mrt-24",), cells,
                       row_roles=total_roles(rows))  # fmt: skip
    catalogue = load_catalogue(DEFAULT_CATALOGUE)
    (figure,) = protect_edition([table], edition_from_text("2024-03"), catalogue)
    assert [figure.cell(r, "mrt-24").display() for r in rows] == ["x", "<10", "34", "120"]
    from monitor.render.charts import _share_frame

    shares = _share_frame(figure).set_index("rij")["weergave"].to_dict()
    assert shares == {"alleenstaand": "x", "eenouder": "<10", "paar": "28,3%"}


def test_example_8_months_and_their_quarter():
    # Named so that their keys sort as periods do in the product.
    values = {"1-jan": 12, "2-feb": 15, "3-mrt": 4, "Q1": 31}
    assert protected_markers(values, [("Q1", ["1-jan", "2-feb", "3-mrt"])]) == {
        "1-jan": "x", "2-feb": "15", "3-mrt": "<10", "Q1": "31"}  # fmt: skip


def test_example_9_amounts_of_hidden_counts_are_hidden():
    counts = {"ambulant": 120, "verblijf": 6, "pleegzorg": 25, "totaal": 151}
    the_problem = problem(counts, [("totaal", ["ambulant", "verblijf", "pleegzorg"])])
    amounts = {
        "€ambulant": 300_000,
        "€verblijf": 410_000,
        "€pleegzorg": 190_000,
        "€totaal": 900_000,
    }
    for name, value in amounts.items():
        the_problem.cells[key(name)] = ProtectionCell(key(name), Decimal(value), False)
        the_problem.links[key(name)] = key(name[1:])
    statuses = audited_statuses(the_problem)
    shown = markers(statuses, {**counts, **amounts})
    assert [shown[n] for n in counts] == ["x", "<10", "25", "151"]
    assert shown["€verblijf"] == "x" and shown["€ambulant"] == "x"
    assert shown["€pleegzorg"] == "190000" and shown["€totaal"] == "900000"


def test_two_small_cells_never_protect_each_other():
    """The acceptance case of the issue: A 50, B 2, C 3, D 40, totaal 95."""
    values = {"A": 50, "B": 2, "C": 3, "D": 40, "totaal": 95}
    shown = protected_markers(values, [("totaal", ["A", "B", "C", "D"])])
    assert shown["B"] == shown["C"] == "<10"
    assert "x" in shown.values()


def test_a_secondary_of_exactly_ten_does_not_pin_a_small_cell():
    """x means ≥ 10, so a secondary of 10 next to a 1 would leave the 1 with only 0…1."""
    values = {"A": 10, "B": 1, "C": 200, "totaal": 211}
    statuses = audited_statuses(problem(values, [("totaal", ["A", "B", "C"])]))
    view = reader_view(problem(values, [("totaal", ["A", "B", "C"])]), statuses)
    for keys, relations in components(view):
        low, high = GroupProgram(keys, relations, view).interval([key("B")])
        assert high - low >= 3


def test_structural_zeros_show_a_dash_and_count_as_known_zero(catalogue):
    """A category declared impossible is `–`, and a reader may use it as 0 in a relation."""
    spec = shipped_spec("participatie-kenmerken-geslacht")
    own = catalogue.model_copy(deep=True)
    indicator = own.by_id["participatie.uitkeringen_geslacht"]
    object.__setattr__(indicator, "structureel", ["Onmogelijk"])
    rows = {"Man": 60, "Vrouw": 3, "Onmogelijk": None, "Totaal": 63}
    cells = tuple(
        ExactCell(row, "mrt-24", "2024-03", row, None if v is None else Decimal(v), Eenheid.PERSONEN, True,
                  key=("participatie.uitkeringen" if row == "Totaal" else "participatie.uitkeringen_geslacht",
                       "" if row == "Totaal" else row, "2024-03"))
        for row, v in rows.items()
    )  # fmt: skip
    table = ExactTable(spec, Eenheid.PERSONEN, "Geslacht", tuple(rows), ("mrt-24",), cells,
                       row_roles=total_roles(rows))  # fmt: skip
    (figure,) = protect_edition([table], edition_from_text("2024-03"), own)
    shown = [figure.cell(r, "mrt-24").display() for r in rows]
    assert shown[2] == "–"
    # Vrouw is small; with the dash known as 0, Man alone would reveal it, so the total or Man hides.
    assert shown[1] == "<10" and "x" in shown


def test_zeros_are_published_when_the_gemeente_configures_it(catalogue):
    own = catalogue.model_copy(deep=True)
    object.__setattr__(own.instellingen, "nullen_publiceren", True)
    values = {"A": 0, "B": 40, "totaal": 40}
    from monitor.disclosure.relations import settings_of
    from tests.support.disclosure_builders import markers as marker_map

    the_problem = problem(values, [("totaal", ["A", "B"])])
    the_problem.settings = settings_of(own)
    assert marker_map(audited_statuses(the_problem), values) == {
        "A": "0",
        "B": "40",
        "totaal": "40",
    }
