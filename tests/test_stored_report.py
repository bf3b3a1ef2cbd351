"""The report belongs to the edition: rendered once, at publication, kept with it, and served as
kept afterwards, whatever the store holds later."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import LONG_HEADER, run_import, write_csv

from monitor.cli import main
from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.publication.edition import published_edition
from monitor.publication.editorial import published_editions, report_path, stored_report
from tests.support.report_reading import (
    creation_date,
    euro_signs_at_line_end,
    figures_without_table,
    pdf_text,
)

pytestmark = [pytest.mark.slow]  # renders PDFs

SEPTEMBER, JUNE = edition_from_text("2026-09"), edition_from_text("2026-06")


@pytest.fixture
def store(demo_copy: Path) -> Path:
    return demo_copy


def test_publishing_keeps_the_report_and_the_cli_serves_it_as_kept(
    store: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert main(["publiceer", "--editie", "2026-09"]) == 0
    after = dt.datetime.now(dt.UTC)
    version = published_editions(store)[0].version
    kept = stored_report(store, SEPTEMBER, version)
    assert kept is not None and kept.startswith(b"%PDF")
    # The kept report is the document: a table per figure, amounts whole, made when published.
    (tmp_path / "bewaard.pdf").write_bytes(kept)
    text = pdf_text(tmp_path / "bewaard.pdf")
    assert figures_without_table(published_edition(store, SEPTEMBER, version=version), text) == []
    assert euro_signs_at_line_end(text) == []
    assert before <= creation_date(tmp_path / "bewaard.pdf") <= after

    revision = write_csv(tmp_path / "herzien.csv", LONG_HEADER + "wmo.lasten;2026-03;;9876543\n")
    run_import(store, catalogue, revision)
    out = tmp_path / "rapport.pdf"
    assert main(["rapport", "--editie", "2026-09", "--bestand", str(out)]) == 0
    assert out.read_bytes() == kept
    assert main(["rapport", "--editie", "2026-09", "--concept", "--bestand", str(out)]) == 0
    assert out.read_bytes() != kept, "the concept is rendered from the current store"
    assert stored_report(store, SEPTEMBER, version) == kept


def test_an_edition_published_before_reports_were_kept_gets_its_report_on_first_request(
    store: Path, tmp_path: Path
) -> None:
    version = next(i.version for i in published_editions(store) if i.edition == JUNE)
    assert stored_report(store, JUNE, version) is None
    out = tmp_path / "juni.pdf"
    assert main(["rapport", "--editie", "2026-06", "--bestand", str(out)]) == 0
    assert report_path(store, JUNE, version).read_bytes() == out.read_bytes()
