"""An edition is not published half-full by accident: before publishing, every indicator is
checked against the peildatum; gaps need an acknowledgement that readers then see."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import LONG_HEADER, run_import, tree_digest, write_csv

from monitor.cli import main
from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.publication.completeness import Reach, completeness, expected_end, publish_candidates
from monitor.publication.editorial import EditorialError, publish_edition, published_editions
from monitor.render.artefact_audit import exported_findings

DECEMBER, SEPTEMBER, JUNE = (edition_from_text(k) for k in ("2026-12", "2026-09", "2026-06"))
FOURTH_QUARTER = LONG_HEADER + "".join(
    f"wmo.lasten;2026-{m};;{1_500_000 + m}\njeugd.lasten;2026-{m};;{900_000 + m}\n"
    for m in (10, 11, 12)
)


@pytest.fixture
def store(demo_copy: Path) -> Path:
    return demo_copy


@pytest.fixture
def two_of_many(store: Path, catalogue: Catalogue, tmp_path: Path) -> Path:
    """October to December for two indicators only, as in a real first upload of a quarter."""
    run_import(store, catalogue, write_csv(tmp_path / "q4.csv", FOURTH_QUARTER))
    return store


def test_the_demo_edition_is_complete(store: Path, catalogue: Catalogue) -> None:
    assert completeness(store, SEPTEMBER, catalogue).complete


def test_two_indicators_do_not_make_a_december_edition(two_of_many: Path, catalogue) -> None:
    found = completeness(two_of_many, DECEMBER, catalogue)
    reached = {r.indicator.id for r in found.indicators if r.reach is Reach.BEREIKT}
    assert {"wmo.lasten", "jeugd.lasten"} <= reached
    clients = next(r for r in found.gaps if r.indicator.id == "wmo.clienten")
    assert (clients.reach, clients.last.key) == (Reach.STOPT_EERDER, "2026-09")
    assert "    - Cliënten Wmo in zorg (wmo.clienten): loopt tot sep-26" in found.report()
    assert "cijfers over Cliënten Wmo in zorg lopen tot sep-26" in found.reader_note()


def test_an_indicator_without_any_cijfer_is_missing(data_dir: Path, catalogue, tmp_path) -> None:
    run_import(
        data_dir, catalogue, write_csv(tmp_path / "l.csv", LONG_HEADER + "wmo.lasten;2026-09;;5\n")
    )
    found = completeness(data_dir, SEPTEMBER, catalogue)
    missing = {r.indicator.id for r in found.gaps if r.reach is Reach.ONTBREEKT}
    assert "wmo.clienten" in missing and "wmo.lasten" not in missing
    assert "cijfers over Cliënten Wmo in zorg ontbreken" in found.reader_note()


def test_a_yearly_indicator_must_reach_the_last_full_year(catalogue: Catalogue) -> None:
    begroting = catalogue.by_id["wmo.begroting"]
    assert expected_end(begroting, SEPTEMBER) == dt.date(2025, 12, 31)
    assert expected_end(begroting, DECEMBER) == dt.date(2026, 12, 31)
    assert expected_end(catalogue.by_id["wmo.lasten"], SEPTEMBER) == dt.date(2026, 9, 30)


def test_gaps_are_published_only_when_acknowledged_and_readers_see_them(
    two_of_many: Path, catalogue: Catalogue
) -> None:
    before = tree_digest(two_of_many)
    with pytest.raises(EditorialError, match="Niet alle indicatoren lopen tot de peildatum"):
        publish_edition(
            two_of_many, DECEMBER, catalogue, "beleid@voorbeeld.nl", audit=exported_findings
        )
    assert tree_digest(two_of_many) == before

    publish_edition(
        two_of_many, DECEMBER, catalogue, "beleid@voorbeeld.nl",
        audit=exported_findings, gaps_acknowledged=True,
    )  # fmt: skip
    newest = published_editions(two_of_many)[0]
    assert newest.edition == DECEMBER
    assert newest.note.startswith(
        "Niet alle cijfers van deze editie lopen tot de peildatum (december 2026)"
    )
    assert "Cliënten Wmo in zorg lopen tot sep-26" in newest.note
    assert published_editions(two_of_many)[1].note is None


@pytest.mark.slow  # publishing renders the edition's report (PDF)
def test_the_cli_prints_the_completeness_and_needs_onvolledig(two_of_many: Path, capsys) -> None:
    assert main(["publiceer", "--editie", "2026-12"]) != 0
    captured = capsys.readouterr()
    assert "Volledigheid van editie t/m december 2026:" in captured.out
    assert "Wmo: 3 van 7 indicatoren compleet" in captured.out  # lasten, begroting, prognose
    assert "Geef --onvolledig" in captured.err
    assert published_editions(two_of_many)[0].edition == SEPTEMBER

    assert main(["publiceer", "--editie", "2026-12", "--onvolledig"]) == 0
    assert published_editions(two_of_many)[0].edition == DECEMBER


def test_only_recent_peildata_are_offered_and_the_published_one_is_kept() -> None:
    quarters = [
        edition_from_text(k)
        for k in ("2026-12", "2026-09", "2026-06", "2026-03", "2025-12", "2025-09")
    ]
    assert publish_candidates(quarters, [JUNE, SEPTEMBER]) == quarters[:2]
    assert publish_candidates(quarters, []) == quarters[:4]
