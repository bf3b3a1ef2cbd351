"""The sentences a raadslid reads: like compared with like, who did what, what is hidden and why.

Unit tests on hand-made published figures with hand-computed numbers; the hidden-share sentence
is also attacked through the real gate, and read on the demo store as the page shows it.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.config import DEFAULT_CATALOGUE
from monitor.disclosure.gate import protect
from monitor.domain.catalogue import Eenheid, load_catalogue
from monitor.domain.editions import edition_from_text
from monitor.domain.periods import MONTH_ABBREVIATIONS, Period
from monitor.domain.registry import FigureSpec
from monitor.domain.table_roles import TableRole
from monitor.figures.exact import ExactCell, ExactTable
from monitor.figures.published import (
    INCOMPLETE_BREAKDOWN,
    CellStatus,
    PublishedCell,
    PublishedFigure,
)
from monitor.publication.completeness import incomplete_months
from monitor.publication.edition import published_edition
from monitor.publication.sentences import change_words, sentences_for
from tests.support.shipped import shipped_spec

APP = Path(__file__).resolve().parent.parent / "app.py"
CATALOGUE = load_catalogue(DEFAULT_CATALOGUE)
EDITION = edition_from_text("2026-09")
MONTHS = list(MONTH_ABBREVIATIONS)


def spec(figure_id: str) -> FigureSpec:
    return shipped_spec(figure_id)


def cell(row: str, column: str, value: float | str | None, unit: Eenheid) -> PublishedCell:
    """A published cell: a number, or a marker (`x`, `<10`, `.`) for a cell without value."""
    statuses = {"x": CellStatus.SECUNDAIR, "<10": CellStatus.PRIMAIR, ".": CellStatus.ONTBREEKT}
    if isinstance(value, str) or value is None:
        return PublishedCell(row, column, "", row, None, statuses[value or "."], unit)
    return PublishedCell(row, column, "", row, Decimal(str(value)), CellStatus.WAARDE, unit)


def figure(
    figure_spec: FigureSpec,
    table: dict[str, list],
    columns: list[str],
    unit: Eenheid,
    column_roles: tuple = (),
    row_roles: tuple = (),
    notes: tuple[str, ...] = (),
) -> PublishedFigure:
    cells = tuple(
        cell(row, column, value, unit if column_roles[i:i + 1] != (TableRole.VERANDERING,)
             else Eenheid.PROCENT)
        for row, values in table.items()
        for i, (column, value) in enumerate(zip(columns, values, strict=True))
    )  # fmt: skip
    return PublishedFigure(
        figure_id=figure_spec.figure_id, chapter=figure_spec.chapter, section="", section_title="",
        title="", shape=figure_spec.shape, unit=unit, row_header="", rows=tuple(table),
        columns=tuple(columns), cells=cells, edition=EDITION.key, edition_label=EDITION.label,
        sentences=(), definition="", sources=(), notes=notes, row_roles=row_roles,
        column_roles=column_roles,
    )  # fmt: skip


def maandreeks(months_2025: list, months_2026: list, change: float) -> PublishedFigure:
    columns = [*MONTHS, "Gemiddeld per maand", "Verandering t.o.v. vorig jaar (%)"]
    roles = (*(TableRole.MAAND,) * 12, TableRole.GEMIDDELDE, TableRole.VERANDERING)
    padded = months_2026 + ["."] * (12 - len(months_2026))
    return figure(
        spec("wmo-clienten-totaal"),
        {"2025": [*months_2025, 125, "."], "2026": [*padded, 90, change]},
        columns,
        Eenheid.PERSONEN,
        column_roles=roles,
    )


# 2025: nine months of 100 and three of 200 (average 125); 2026: nine months of 90 (average 90).
# Average against average would be -28,0%; the same nine months: 810 against 900 is -10,0%.
YEAR_2025 = [100] * 9 + [200] * 3
NINE_2026 = [90] * 9


def test_the_current_year_is_compared_with_the_same_months_of_the_year_before():
    sentences = sentences_for(maandreeks(YEAR_2025, NINE_2026, -28), spec("wmo-clienten-totaal"))

    assert sentences == (
        "In 2026 is op basis van de eerste drie kwartalen het gemiddelde aantal cliënten in zorg "
        "per maand afgenomen met 10,0% ten opzichte van dezelfde maanden van 2025.",
    )


# 2026 against the same nine months of 2025: 904 against 900 is +0,4%.
SLIGHTLY_MORE_2026 = [100] * 8 + [104]


def test_a_small_change_is_nagenoeg_gelijk_below_the_threshold_and_stated_when_it_is_zero():
    figure = maandreeks(YEAR_2025, SLIGHTLY_MORE_2026, -27)
    default = spec("wmo-clienten-totaal")
    assert "nagenoeg gelijk aan dezelfde maanden van 2025" in sentences_for(figure, default)[0]

    stated = dataclasses.replace(default, nearly_equal_percent=Decimal(0))
    assert sentences_for(figure, stated)[0].endswith(
        "per maand toegenomen met 0,4% ten opzichte van dezelfde maanden van 2025."
    )
    unchanged = maandreeks(YEAR_2025, [100] * 9, -20)
    assert "nagenoeg gelijk" in sentences_for(unchanged, stated)[0]


def test_a_hidden_month_outside_the_compared_months_does_not_stop_the_comparison():
    hidden_october = [*YEAR_2025[:9], "<10", 200, 200]
    sentences = sentences_for(
        maandreeks(hidden_october, NINE_2026, -28), spec("wmo-clienten-totaal")
    )

    assert "afgenomen met 10,0% ten opzichte van dezelfde maanden van 2025" in sentences[0]


def test_a_hidden_month_among_the_compared_months_stops_the_comparison():
    hidden_march = [100, 100, "x", *YEAR_2025[3:]]
    sentences = sentences_for(maandreeks(hidden_march, NINE_2026, -28), spec("wmo-clienten-totaal"))

    assert sentences == (
        "Voor 2026 kan de verandering op basis van de eerste drie kwartalen niet worden "
        "berekend, omdat een of meer maandcijfers zijn afgeschermd.",
    )


def test_incomplete_recent_months_are_said_after_the_comparison():
    late = incomplete_months([CATALOGUE.by_id["jeugd.lasten_berichtenverkeer"]], EDITION)
    sentences = sentences_for(
        maandreeks(YEAR_2025, NINE_2026, -28), spec("wmo-clienten-totaal"), late
    )

    assert late == (Period.month(2026, 7), Period.month(2026, 8), Period.month(2026, 9))
    assert sentences[1] == (
        "Aanbieders declareren laat: de cijfers over juli tot en met september 2026 zijn nog "
        "onvolledig en kunnen nog hoger uitvallen."
    )


def test_only_late_declared_indicators_have_incomplete_months():
    assert incomplete_months([CATALOGUE.by_id["wmo.lasten_berichtenverkeer"]], EDITION) == ()


QUARTER = ["2026-Q3"]


def test_the_verwijzer_sentence_says_who_referred():
    shares = {"Gemeente": [37.9], "Huisarts": [27.3], "Jeugdarts": [5.1], "Overig": [29.7]}
    verwijzer = figure(spec("jeugd-lasten-per-verwijzer"), shares, QUARTER, Eenheid.PROCENT)

    assert sentences_for(verwijzer, spec("jeugd-lasten-per-verwijzer")) == (
        "In het derde kwartaal van 2026 was het grootste deel van de lasten voor jeugdigen die "
        "de gemeente (37,9%) of een andere verwijzer (29,7%) verwees.",
    )


def test_a_share_chart_says_how_much_is_hidden_and_why():
    # 100 - (50,0 + 20,0) = 30: what the published table already tells.
    shares = {"A": [50.04], "B": [20.0], "C": ["x"], "D": ["x"]}
    verdeling = figure(spec("wmo-lasten-per-voorziening"), shares, QUARTER, Eenheid.PROCENT)

    assert sentences_for(verdeling, spec("wmo-lasten-per-voorziening")) == (
        "In het derde kwartaal van 2026 ging het grootste zichtbare deel van de lasten naar A "
        "(50,0%) en B (20,0%).",
        "30% van de lasten valt onder afgeschermde categorieën: C en D (afgeschermd om "
        "terugrekenen van kleine aantallen te voorkomen).",
    )


TOTAL_ROW = (None, None, None, TableRole.TOTAAL)
KENMERK = spec("participatie-trede")


def test_a_breakdown_says_its_hidden_share_of_the_published_total():
    # (160 - 120) / 160 = 25%.
    counts = {"Trede 1": [120], "Trede 2": ["x"], "Trede 3": ["<10"], "Totaal": [160]}
    trede = figure(KENMERK, counts, ["sep-26"], Eenheid.PERSONEN, row_roles=TOTAL_ROW)

    assert sentences_for(trede, KENMERK)[1] == (
        "25% van de uitkeringen valt onder afgeschermde categorieën: Trede 2 (afgeschermd om "
        "terugrekenen van kleine aantallen te voorkomen) en Trede 3 (minder dan 10 personen)."
    )


def test_a_breakdown_short_of_its_total_says_the_rest_may_be_unknown_too():
    counts = {"Trede 1": [120], "Trede 2": ["x"], "Trede 3": ["<10"], "Totaal": [160]}
    trede = figure(KENMERK, counts, ["sep-26"], Eenheid.PERSONEN, row_roles=TOTAL_ROW,
                   notes=(INCOMPLETE_BREAKDOWN,))  # fmt: skip

    assert "25% van de uitkeringen valt onder afgeschermde categorieën of heeft dit kenmerk " \
        "niet bekend: " in sentences_for(trede, KENMERK)[1]  # fmt: skip


def test_with_the_total_hidden_the_sentence_names_no_amount():
    counts = {"Trede 1": [120], "Trede 2": ["x"], "Trede 3": ["<10"], "Totaal": ["x"]}
    trede = figure(KENMERK, counts, ["sep-26"], Eenheid.PERSONEN, row_roles=TOTAL_ROW)

    hidden = [s for s in sentences_for(trede, KENMERK) if "afgeschermde" in s]
    assert hidden == [
        "Een deel van de uitkeringen valt onder afgeschermde categorieën: Trede 2 (afgeschermd "
        "om terugrekenen van kleine aantallen te voorkomen) en Trede 3 (minder dan 10 personen)."
    ]


def breakdown_through_the_gate(values: dict[str, int]) -> PublishedFigure:
    """A kenmerk breakdown with its Totaal, protected by the real gate."""
    rows = (*values, "Totaal")
    cells = tuple(
        ExactCell(row, "sep-26", "2026-09", "" if row == "Totaal" else row,
                  Decimal(values[row] if row != "Totaal" else sum(values.values())),
                  Eenheid.PERSONEN, True,
                  key=("participatie.uitkeringen", "", "2026-09") if row == "Totaal"
                  else ("participatie.uitkeringen_trede", row, "2026-09"))
        for row in rows
    )  # fmt: skip
    table = ExactTable(KENMERK, Eenheid.PERSONEN, "Trede", rows, ("sep-26",), cells,
                       row_roles=TOTAL_ROW)  # fmt: skip
    return protect(table, EDITION, CATALOGUE)


def test_the_hidden_share_sentence_teaches_nothing_the_table_does_not():
    """An attacker who knows the published table reads the sentence to learn a hidden count:
    two editions that publish the same cells but hide different counts give the same sentence,
    and its share is the published total minus the published visible counts."""
    first = breakdown_through_the_gate({"Trede 1": 120, "Trede 2": 30, "Trede 3": 5})
    second = breakdown_through_the_gate({"Trede 1": 118, "Trede 2": 30, "Trede 3": 7})
    shown = [(c.row, c.display()) for c in first.cells]
    assert shown == [(c.row, c.display()) for c in second.cells]
    assert shown == [("Trede 1", "x"), ("Trede 2", "30"), ("Trede 3", "<10"), ("Totaal", "155")]

    sentence = sentences_for(first, KENMERK)[1]
    assert sentence == sentences_for(second, KENMERK)[1]
    # (155 - 30) / 155 = 80,6%: Trede 1 and 3 together, never one of them.
    assert re.match(r"81% van de uitkeringen valt onder afgeschermde categorieën: ", sentence)
    assert not {"118", "120", "125", "5", "7"} & set(re.findall(r"\d+", sentence))


def test_a_kerncijfer_compares_in_percent_and_a_percentage_in_procentpunt():
    unit = Eenheid.AANTAL
    assert change_words(cell("", "2025", 183, unit), cell("", "2024", 171, unit)) == "+7,0%"
    pct = Eenheid.PROCENT
    assert change_words(cell("", "", 69.5, pct), cell("", "", 71.8, pct)) == "-2,3 procentpunt"


def test_a_stand_of_banen_says_banen():
    counts = {"Gemeente": [30.0, 31.5, 32.0, 33.1, 33.8], "UWV": [53.1, 53.2, 53.5, 54.0, 55.6]}
    banen = figure(spec("participatie-banenafspraak"), counts,
                   ["sep-25", "dec-25", "mrt-26", "jun-26", "sep-26"], Eenheid.BANEN)  # fmt: skip

    assert sentences_for(banen, spec("participatie-banenafspraak")) == (
        "Op de peildatum sep-26 is UWV de grootste categorie met 55,6 banen (een jaar eerder "
        "53,1 banen).",
    )


@pytest.fixture
def demo_page(demo_data_dir: Path, monkeypatch: pytest.MonkeyPatch, fresh_streamlit_caches: None):
    """Opens a page of the demo edition (2026-09) in-process, as a reader sees it."""
    monkeypatch.setenv("MONITOR_DATA_DIR", str(demo_data_dir))

    def open_page(script: str | None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.run()
        if script is not None:
            at.switch_page(script)
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


def paragraphs(at: AppTest) -> list[str]:
    return [p for md in at.markdown for p in md.value.split("\n\n")]


def test_the_jeugd_page_compares_like_with_like_and_says_who_referred(demo_page):
    shown = paragraphs(demo_page("monitor/app/pages/jeugd.py"))

    # Nine months of 2026 against the same nine of 2025 (-6,5%), not against all of 2025 (-8,1%).
    assert (
        "In 2026 zijn op basis van de eerste drie kwartalen de gemiddelde lasten Jeugd via het "
        "berichtenverkeer per maand afgenomen met 6,5% ten opzichte van dezelfde maanden van "
        "2025." in shown
    )
    assert not [p for p in shown if "8,1%" in p]
    assert (
        "Aanbieders declareren laat: de cijfers over juli tot en met september 2026 zijn nog "
        "onvolledig en kunnen nog hoger uitvallen." in shown
    )
    assert (
        "In het derde kwartaal van 2026 was het grootste deel van de lasten voor jeugdigen die "
        "de gemeente (37,9%) of de huisarts (27,3%) verwees." in shown
    )


def test_the_table_compares_the_same_months_as_the_sentence(demo_data_dir: Path):
    figure = published_edition(demo_data_dir, EDITION, CATALOGUE).figure(
        "jeugd-lasten-berichtenverkeer"
    )

    assert figure.cell_in("2026", TableRole.VERANDERING).display() == "-6,5%"
    assert (
        "2026: gemiddelde over 9 maanden; de verandering vergelijkt dezelfde 9 maanden van 2025"
        in figure.notes
    )
    # Two whole years compare their whole years, without a note.
    assert not [note for note in figure.notes if note.startswith("2025")]


def test_the_wmo_page_says_how_much_of_the_lasten_is_hidden(demo_page):
    shown = paragraphs(demo_page("monitor/app/pages/wmo.py"))

    # 100 - (30,5 + 10,2 + 9,4 + 5,0) = 44,9: the published visible shares of 2026-Q3.
    assert (
        "45% van de lasten valt onder afgeschermde categorieën: Begeleiding en Beschermd Wonen "
        "(afgeschermd om terugrekenen van kleine aantallen te voorkomen)." in shown
    )


def test_a_kerncijfer_compares_the_same_way_on_the_overzicht_and_its_chapter_page(demo_page):
    overzicht = {m.label: m for m in demo_page(None).metric}
    sociale_basis = {m.label: m for m in demo_page("monitor/app/pages/sociale_basis.py").metric}

    label = "Bemiddelde vrijwilligers (2025)"
    assert overzicht[label].delta == sociale_basis[label].delta == "+7,0% t.o.v. 2024"
    lasten = overzicht["Geboekte lasten Wmo t/m september 2026"]
    assert (lasten.value, lasten.delta) == ("€\u00a013.193.797", "+4,7% t.o.v. t/m sep-25")
