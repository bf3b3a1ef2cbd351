"""Nobody can make the server render reports as often as they like: a publication's report is
rendered once, however many readers ask at the same moment; the draft's report only for a
beleidsmedewerker, one at a time per server and once per cool-down per person."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import monitor.render.report as report
from monitor.domain.editions import edition_from_text
from monitor.publication.editorial import published_editions, stored_report
from monitor.render.report_limits import COOL_DOWN_SECONDS, ReportRefused, limited_render
from tests.test_admin_pages import ANONYMOUS, BELEID, app_as

JUNE = edition_from_text("2026-06")
PDF = b"%PDF-rapport"


@pytest.fixture(autouse=True)
def _fresh_caches(fresh_streamlit_caches: None) -> None:
    """Every test of this file starts without Streamlit's caches."""


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_second_draft_render_while_one_runs_is_refused_in_dutch(clock: Clock) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_render() -> bytes:
        started.set()
        release.wait(60)
        return PDF

    first = threading.Thread(target=limited_render, args=(slow_render, "a@gemeente.nl", clock))
    first.start()
    try:
        assert started.wait(60)
        with pytest.raises(ReportRefused, match="Er wordt op dit moment al een rapport gemaakt"):
            limited_render(lambda: PDF, "b@gemeente.nl", clock)
    finally:
        release.set()
        first.join(60)
    assert limited_render(lambda: PDF, "b@gemeente.nl", clock) == PDF


def test_the_same_person_waits_a_cool_down_between_draft_renders(clock: Clock) -> None:
    assert limited_render(lambda: PDF, "c@gemeente.nl", clock) == PDF
    clock.now += COOL_DOWN_SECONDS - 1
    with pytest.raises(ReportRefused, match=r"Probeer het over \d+ seconden opnieuw"):
        limited_render(lambda: PDF, "c@gemeente.nl", clock)
    assert limited_render(lambda: PDF, "d@gemeente.nl", clock) == PDF  # someone else may
    clock.now += 1
    assert limited_render(lambda: PDF, "c@gemeente.nl", clock) == PDF


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every real render of the report, counted (the render itself runs unchanged)."""
    counted: list[str] = []
    real = report.report_pdf

    def counting(*args: object) -> bytes:
        counted.append("render")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(report, "report_pdf", counting)
    yield counted


@pytest.mark.slow  # renders a PDF
def test_readers_asking_together_for_an_old_publication_get_one_render(
    demo_copy: Path, renders: list[str]
) -> None:
    version = next(i.version for i in published_editions(demo_copy) if i.edition == JUNE)
    assert stored_report(demo_copy, JUNE, version) is None
    results: list[bytes] = []
    start = threading.Barrier(4)

    def ask() -> None:
        start.wait(60)
        results.append(report.published_report(demo_copy, JUNE, version))

    readers = [threading.Thread(target=ask) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(300)

    assert renders == ["render"]
    assert len(results) == 4 and len(set(results)) == 1
    assert results[0] == stored_report(demo_copy, JUNE, version)


def overzicht(user: dict) -> AppTest:
    at = app_as(user)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_reader_gets_the_kept_report_and_no_way_to_render_the_draft(demo_copy: Path) -> None:
    at = overzicht(ANONYMOUS)

    assert [b.label for b in at.get("download_button")] == ["Rapport downloaden (pdf)"]
    assert not [b for b in at.button if b.label == "Conceptrapport maken"]


@pytest.mark.slow  # renders the draft's PDF
def test_a_beleidsmedewerker_renders_the_draft_once_and_is_told_in_dutch_to_wait(
    demo_copy: Path, renders: list[str]
) -> None:
    at = overzicht(BELEID)
    assert not at.get("download_button")  # nothing rendered before the click

    at.button(key="concept-maken").click().run()
    assert renders == ["render"]
    assert [b.label for b in at.get("download_button")] == ["Conceptrapport downloaden (pdf)"]

    at.button(key="concept-maken").click().run()
    assert renders == ["render"]
    assert any("Probeer het over" in w.value for w in at.warning)
    assert [b.label for b in at.get("download_button")] == ["Conceptrapport downloaden (pdf)"]
