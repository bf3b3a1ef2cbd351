"""A published edition stays as it was published: every export of it is byte-identical after a
revision of an earlier period, a change of the catalogue and a rollback; only the concept
follows the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LONG_HEADER, run_import, write_csv

from monitor.cli import main
from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import Catalogue
from monitor.publication.editorial import published_editions
from monitor.render.artefact_audit import exported_findings
from monitor.store.history import rollback, version_records

EDITION = "2026-06"
TEXT_FORMATS = ("csv", "xlsx", "vega")
DRAWN = ("wmo-lasten", "wmo-clienten-per-voorziening")  # also as SVG and PNG: drawing is slower


def exports(tmp_path: Path, figure_ids: list[str], *extra: str) -> dict[tuple[str, str], bytes]:
    out = tmp_path / "export"
    out.mkdir(exist_ok=True)
    found = {}
    for figure_id in figure_ids:
        for fmt in TEXT_FORMATS + (("svg", "png") if figure_id in DRAWN else ()):
            target = out / f"{figure_id}.{fmt}"
            code = main(["exporteer", figure_id, "--editie", EDITION, "--formaat", fmt,
                         "--bestand", str(target), *extra])  # fmt: skip
            assert code == 0, (figure_id, fmt)
            found[(figure_id, fmt)] = target.read_bytes()
    return found


@pytest.fixture
def store(demo_copy: Path) -> Path:
    return demo_copy


@pytest.mark.slow
def test_a_published_edition_is_exported_as_it_was_published(
    store: Path, catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    from monitor.publication.edition import published_edition

    info = next(i for i in published_editions(store) if i.edition.key == EDITION)
    figure_ids = [
        f.figure_id for f in published_edition(store, info.edition, version=info.version).figures
    ]
    published = exports(tmp_path, figure_ids)
    concept = exports(tmp_path, figure_ids, "--concept")
    assert "gepubliceerd op" in capsys.readouterr().err

    # A late declaration revises an earlier month, and a small count changes what is hidden.
    revision = write_csv(
        tmp_path / "herzien.csv",
        LONG_HEADER + "wmo.lasten;2026-03;;9876543\n"
        "wmo.clienten;2026-06;Hulp bij het huishouden;4\n",
    )
    run_import(store, catalogue, revision)
    assert exports(tmp_path, figure_ids, "--concept") != concept, "the concept follows the store"
    assert exports(tmp_path, figure_ids) == published

    # The gemeente rewords an indicator and raises the AVG-drempel.
    changed = tmp_path / "catalogus.toml"
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8").replace("drempel = 10", "drempel = 15")
    assert "drempel = 15" in text
    reworded = text.replace('titel = "Lasten Wmo"', 'titel = "Wmo-lasten (geboekt)"', 1)
    assert reworded != text
    changed.write_text(reworded, encoding="utf-8")
    assert exports(tmp_path, figure_ids, "--concept") != concept
    monkeypatch.setenv("MONITOR_CATALOGUS", str(changed))
    assert exports(tmp_path, figure_ids) == published

    # The cijfers go back to before the edition was published.
    before = min(r["version"] for r in version_records(store))
    rollback(store, before, "beheer@voorbeeld.nl")
    assert exports(tmp_path, figure_ids) == published
    assert main(["controleer", "--editie", EDITION]) == 0


def test_without_an_edition_the_newest_published_one_is_exported(store, tmp_path, capsys):
    newest = published_editions(store)[0]
    assert main(["exporteer", "wmo-lasten"]) == 0
    captured = capsys.readouterr()
    assert f"Editie {newest.edition.label}, gepubliceerd op" in captured.err
    assert captured.out.startswith("Jaar;") or ";" in captured.out.splitlines()[0]


def test_a_month_shown_as_not_delivered_is_no_history_for_later_editions(
    store: Path, catalogue: Catalogue
) -> None:
    from monitor.domain.editions import edition_from_text
    from monitor.publication.editorial import publish_edition
    from monitor.store.snapshots import open_snapshot
    from monitor.store.sql import fetch_records

    # The demo runs through September: an edition of December shows Oct–Dec as ".".
    publish_edition(
        store, edition_from_text("2026-12"), catalogue, "test",
        audit=exported_findings, gaps_acknowledged=True,
    )  # fmt: skip
    con = open_snapshot(store)
    try:
        shown = {
            (r["populatie"], r["categorie"], r["periode"]): r["status"]
            for r in con.execute(
                "SELECT populatie, categorie, periode, status FROM edition_cells "
                "WHERE editie = '2026-12'"
            )
            .fetchdf()
            .to_dict("records")
        }
        frozen = {
            (r["populatie"], r["categorie"], r["periode"])
            for r in fetch_records(con, "store/frozen_cells", editie="2027-03")
        }
    finally:
        con.close()
    not_delivered = {key for key, status in shown.items() if status == "ontbreekt"}
    assert ("jeugd.clienten", "", "2026-10") in not_delivered
    assert not_delivered - frozen == not_delivered
    # What the edition did show stays binding.
    assert {key for key, status in shown.items() if status == "waarde"} <= frozen
