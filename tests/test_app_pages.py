"""Every page of the dashboard, run in-process with Streamlit's AppTest against the demo edition
(2026-09, Gemeente Voorbeeld) and against an empty store."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.domain.registry import FigureSpec, figure_specs
from monitor.publication.edition import current_catalogue

APP = Path(__file__).resolve().parent.parent / "app.py"
SMALL_NUMBERS_RULE = "Aantallen kleiner dan 10 worden als <10 getoond"
# Overzicht: "Er is nog geen editie gepubliceerd. …"; chapters: "Er zijn nog geen cijfers gepubliceerd."
NOTHING_PUBLISHED = re.compile(r"^Er (is|zijn) nog geen (editie|cijfers) gepubliceerd")


@dataclass(frozen=True)
class Page:
    script: str  # relative to app.py, as st.Page declares it
    title: str  # the h1
    chapter: str | None = None  # registry chapter for chapter pages

    def __str__(self) -> str:
        return Path(self.script).stem


OVERZICHT = Page("monitor/app/pages/overzicht.py", "Monitor Sociaal Domein")
WMO = Page("monitor/app/pages/wmo.py", "1. Wmo", "wmo")
CHAPTER_PAGES = [
    WMO,
    Page("monitor/app/pages/jeugd.py", "2. Jeugd", "jeugd"),
    Page("monitor/app/pages/participatie.py", "3. Participatie", "participatie"),
    Page("monitor/app/pages/sociale_basis.py", "4. Sociale basis", "sociale_basis"),
]
OVER = Page("monitor/app/pages/over.py", "Over deze monitor")
ALL_PAGES = [OVERZICHT, *CHAPTER_PAGES, OVER]


def chapter_specs(chapter: str) -> list[FigureSpec]:
    return [spec for spec in figure_specs(current_catalogue()) if spec.chapter == chapter]


@pytest.fixture(autouse=True)
def _fresh_caches(fresh_streamlit_caches: None) -> None:
    """Every test of this file starts without Streamlit's caches."""


@pytest.fixture
def demo_app(demo_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("MONITOR_DATA_DIR", str(demo_data_dir))
    return AppTest.from_file(str(APP), default_timeout=60)


@pytest.fixture
def empty_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    empty_store = tmp_path / "leeg"
    empty_store.mkdir()
    monkeypatch.setenv("MONITOR_DATA_DIR", str(empty_store))
    return AppTest.from_file(str(APP), default_timeout=60)


def open_page(at: AppTest, page: Page) -> AppTest:
    """Run the app once (st.navigation registers its pages), then switch to `page`."""
    at.run()
    if page is not OVERZICHT:
        at.switch_page(page.script)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose_edition(at: AppTest, label: str) -> None:
    selector = at.sidebar.selectbox[0]
    selector.select_index(selector.options.index(label))
    at.run()


@pytest.mark.parametrize("page", ALL_PAGES, ids=str)
def test_every_page_opens_without_error_and_shows_its_title(demo_app: AppTest, page: Page) -> None:
    at = open_page(demo_app, page)

    assert [title.value for title in at.title] == [page.title]


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=str)
def test_chapter_page_shows_its_sections_and_every_figure_title(
    demo_app: AppTest, page: Page
) -> None:
    at = open_page(demo_app, page)
    specs = chapter_specs(page.chapter)
    expected_sections = list(dict.fromkeys(f"{s.section} {s.section_title}" for s in specs))

    assert [header.value for header in at.header] == expected_sections
    subheaders = [subheader.value for subheader in at.subheader]
    assert [spec.title for spec in specs if spec.title not in subheaders] == []


def test_wmo_page_has_financien_and_clientaantallen_sections(demo_app: AppTest) -> None:
    at = open_page(demo_app, WMO)

    headers = [header.value for header in at.header]
    assert "1.1 Financiën" in headers
    assert "1.3 Cliëntaantallen" in headers


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=str)
def test_chapter_page_draws_one_chart_per_figure_in_the_order_of_the_monitor(
    demo_app: AppTest, page: Page
) -> None:
    at = open_page(demo_app, page)
    specs = chapter_specs(page.chapter)

    charts = at.get("vega_lite_chart")
    assert len(charts) == len(specs)
    for chart, spec in zip(charts, specs, strict=True):
        assert chart.proto.alt.startswith(f"Grafiek: {spec.title} (")


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=str)
def test_every_chart_carries_a_text_alternative_naming_its_figure(
    demo_app: AppTest, page: Page
) -> None:
    at = open_page(demo_app, page)

    for chart, spec in zip(at.get("vega_lite_chart"), chapter_specs(page.chapter), strict=True):
        description = json.loads(chart.proto.spec).get("description", "")
        assert spec.title in chart.proto.alt
        assert spec.title in description, f"{spec.figure_id}: spec description {description!r}"


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=str)
def test_every_figure_offers_its_chart_and_table_as_downloads(
    demo_app: AppTest, page: Page
) -> None:
    at = open_page(demo_app, page)
    assert not at.get("download_button")  # built only for an open menu
    for spec in chapter_specs(page.chapter):
        at.session_state[f"downloads-{spec.figure_id}"] = True
    buttons = at.run().get("download_button")
    labels = {"png": "Grafiek (PNG)", "svg": "Grafiek (SVG)", "csv": "Tabel (CSV)",
              "xlsx": "Tabel (Excel)"}  # fmt: skip

    for spec in chapter_specs(page.chapter):
        offered = {
            button.proto.label
            for button in buttons
            for file_format in labels
            if button.proto.id.endswith(f"download-{spec.figure_id}-{file_format}")
        }
        assert offered == set(labels.values()), spec.figure_id
    assert len(buttons) == 4 * len(chapter_specs(page.chapter))


def test_figure_table_is_drawn_only_when_asked_for_and_then_shows_the_markers(
    demo_app: AppTest,
) -> None:
    at = open_page(demo_app, WMO)
    assert not at.table

    at.session_state["tabel-wmo-clienten-per-voorziening"] = True
    at.run()

    assert len(at.table) == 1
    beschermd_wonen = at.table[0].value.loc["Beschermd Wonen"]
    assert "<10" in list(beschermd_wonen)
    assert any(caption.value.startswith("Tekens: <10 = ") for caption in at.caption)


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=str)
def test_chapter_page_states_the_small_numbers_rule(demo_app: AppTest, page: Page) -> None:
    at = open_page(demo_app, page)

    texts = [caption.value for caption in at.caption] + [md.value for md in at.markdown]
    assert any(SMALL_NUMBERS_RULE in text for text in texts)


def test_reader_can_choose_the_published_editions_newest_first(demo_app: AppTest) -> None:
    at = open_page(demo_app, OVERZICHT)

    selector = at.sidebar.selectbox[0]
    assert selector.label == "Editie (peildatum)"
    assert selector.options == ["t/m september 2026", "t/m juni 2026"]


def test_reader_is_never_offered_a_draft_edition(demo_app: AppTest) -> None:
    at = open_page(demo_app, OVERZICHT)

    assert not [o for o in at.sidebar.selectbox[0].options if "concept" in o]


def test_choosing_an_older_edition_changes_the_edition_caption(demo_app: AppTest) -> None:
    at = open_page(demo_app, WMO)
    assert at.caption[0].value.startswith("Editie t/m september 2026.")

    choose_edition(at, "t/m juni 2026")

    assert not at.exception
    assert at.caption[0].value.startswith("Editie t/m juni 2026.")


def test_chosen_edition_is_kept_when_switching_pages(demo_app: AppTest) -> None:
    at = open_page(demo_app, WMO)
    choose_edition(at, "t/m juni 2026")

    at.switch_page("monitor/app/pages/jeugd.py")
    at.run()

    assert not at.exception
    assert at.caption[0].value.startswith("Editie t/m juni 2026.")


@pytest.mark.parametrize("page", ALL_PAGES, ids=str)
def test_empty_store_shows_a_dutch_message_instead_of_an_error(
    empty_app: AppTest, page: Page
) -> None:
    at = open_page(empty_app, page)

    assert [title.value for title in at.title] == [page.title]
    assert not at.get("vega_lite_chart")
    assert not at.sidebar.selectbox, "no edition to choose in an empty store"
    if page is not OVER:  # the Over page documents definitions; it needs no figures
        assert any(NOTHING_PUBLISHED.match(info.value) for info in at.info), at.info
