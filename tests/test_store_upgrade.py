"""Snapshots written before the store table was named `cijfers` stay readable, copyable and
rollback targets: a gemeente that upgrades keeps its history and its published editions."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import LONG_HEADER, run_import, write_csv

from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.publication.edition import published_edition
from monitor.publication.editorial import published_editions, texts_for
from monitor.render.export import csv_bytes
from monitor.store.history import rollback, version_records
from monitor.store.snapshots import checksum_path, has_legacy_schema, reading, store_dir
from monitor.store.sql import fetch_records

TO_LEGACY = (Path(__file__).parent / "fixtures/store/to_legacy_schema.sql").read_text()
EDITION = edition_from_text("2026-09")


def everything(data_dir: Path, version: int | None = None) -> dict:
    """What a reader can see of a store: cijfers, history, editions, texts, published figures."""
    with reading(data_dir, version) as con:
        cijfers = fetch_records(con, "store/all_cijfers")
    infos = published_editions(data_dir)
    edition = published_edition(data_dir, EDITION, version=version)
    return {
        "cijfers": cijfers,
        "versions": version_records(data_dir),
        "editions": [(i.edition, i.version, i.published_at, i.author) for i in infos],
        "texts": texts_for(data_dir, EDITION, version),
        "figures": [(f.figure_id, csv_bytes(f), f.sentences) for f in edition.figures],
    }


def converted(demo_data_dir: Path, tmp_path: Path, conversion: str) -> tuple[Path, dict]:
    """A copy of the demo store with `conversion` run on every snapshot, and what the store
    showed before it."""
    data_dir = tmp_path / "data"
    shutil.copytree(demo_data_dir, data_dir)
    before = everything(data_dir)
    for snapshot in sorted(store_dir(data_dir).glob("v*.duckdb")):
        con = duckdb.connect(str(snapshot))
        con.execute(conversion)
        con.close()
        # Those snapshots were written before checksums were kept beside them.
        checksum_path(snapshot).unlink()
    return data_dir, before


@pytest.fixture
def legacy_store(demo_data_dir: Path, tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the demo store with every snapshot in the earlier schema."""
    data_dir, before = converted(demo_data_dir, tmp_path, TO_LEGACY)
    for snapshot in sorted(store_dir(data_dir).glob("v*.duckdb")):
        con = duckdb.connect(str(snapshot), read_only=True)
        assert has_legacy_schema(con, snapshot.stem)
        con.close()
    return data_dir, before


def test_a_legacy_snapshot_reads_as_it_did(legacy_store, catalogue: Catalogue) -> None:
    data_dir, before = legacy_store
    after = everything(data_dir)
    assert after["cijfers"] and after["texts"] and after["editions"]
    assert after == before


def test_an_import_on_a_legacy_snapshot_keeps_its_cijfers_and_history(legacy_store, catalogue):
    data_dir, before = legacy_store
    path = write_csv(data_dir.parent / "okt.csv", LONG_HEADER + "wmo.lasten;2026-10;;1234567\n")
    version = run_import(data_dir, catalogue, path).version
    with reading(data_dir) as con:
        assert not has_legacy_schema(con, f"v{version:06d}")
        cijfers = fetch_records(con, "store/all_cijfers")
    added = {"indicator": "wmo.lasten", "periode": "2026-10", "categorie": "", "gemeente": ""}
    assert [c for c in cijfers if c != {**added, "waarde": c["waarde"]}] == before["cijfers"]
    assert version_records(data_dir)[1:] == before["versions"]
    assert texts_for(data_dir, EDITION) == before["texts"]


def test_a_rollback_to_a_legacy_version_restores_its_cijfers(legacy_store, catalogue):
    data_dir, before = legacy_store
    target = before["versions"][0]["version"]
    path = write_csv(data_dir.parent / "okt.csv", LONG_HEADER + "wmo.lasten;2026-10;;1234567\n")
    run_import(data_dir, catalogue, path)
    rollback(data_dir, target, "beheer@voorbeeld.nl")
    with reading(data_dir) as con:
        assert fetch_records(con, "store/all_cijfers") == before["cijfers"]


WITHOUT_YOUNGER = (Path(__file__).parent / "fixtures/store/without_younger_tables.sql").read_text()


def test_a_snapshot_from_before_the_younger_tables_reads_and_copies(
    demo_data_dir: Path, tmp_path: Path, catalogue: Catalogue
) -> None:
    data_dir, before = converted(demo_data_dir, tmp_path, WITHOUT_YOUNGER)
    assert everything(data_dir) == before
    path = write_csv(tmp_path / "okt.csv", LONG_HEADER + "wmo.lasten;2026-10;;1234567\n")
    run_import(data_dir, catalogue, path)
    assert texts_for(data_dir, EDITION) == before["texts"]
    assert [i.edition for i in published_editions(data_dir)] == [e[0] for e in before["editions"]]
