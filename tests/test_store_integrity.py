"""A store that is damaged, half written or moved on while someone looked: readers keep the last
good version, writers refuse in Dutch, and nothing unreviewed is published or restored."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import LONG_HEADER, run_import, tree_digest, write_csv

from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.ingest.diff import diff_against_stored
from monitor.ingest.figure_import import compare_and_store, import_files, stage_rows, validate_files
from monitor.ingest.files import UploadFile
from monitor.publication.editorial import EditorialError, publish_edition, published_editions
from monitor.render.artefact_audit import exported_findings
from monitor.store.history import rollback, version_records
from monitor.store.snapshots import (
    StoreError,
    VersionInfo,
    checksum_path,
    current_snapshot,
    current_version,
    named_snapshot,
    reading,
    snapshot_for_version,
    store_damage,
    store_dir,
)
from monitor.store.sql import fetch_records
from tests.support.permissions import as_service_account

MONITOR = str(Path(sys.executable).parent / "monitor")
EDITION = edition_from_text("2024-03")


def store_with_versions(data_dir: Path, catalogue: Catalogue, tmp_path: Path, count: int) -> None:
    for number in range(1, count + 1):
        csv = write_csv(
            tmp_path / f"v{number}.csv", LONG_HEADER + f"wmo.lasten;2024-01;;{number}00\n"
        )
        run_import(data_dir, catalogue, csv)


def lasten(data_dir: Path) -> list[Decimal]:
    with reading(data_dir) as con:
        return [r["waarde"] for r in fetch_records(con, "store/all_cijfers")]


def damage(snapshot: Path) -> None:
    """Flip bytes in the middle of the file, keeping its size: what a failing disk does."""
    with snapshot.open("r+b") as handle:
        handle.seek(snapshot.stat().st_size // 2)
        block = handle.read(64)
        handle.seek(-len(block), os.SEEK_CUR)
        handle.write(bytes(byte ^ 0xFF for byte in block))


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONITOR_DATA_DIR": str(data_dir)}
    return subprocess.run([MONITOR, *args], capture_output=True, text=True, env=env, timeout=180)


def test_every_snapshot_carries_a_checksum(data_dir, catalogue, tmp_path):
    store_with_versions(data_dir, catalogue, tmp_path, 2)
    snapshots = sorted(store_dir(data_dir).glob("v*.duckdb"))
    assert [s.name for s in snapshots] == ["v000001.duckdb", "v000002.duckdb"]
    assert all(len(checksum_path(s).read_text().strip()) == 64 for s in snapshots)


def test_a_damaged_current_snapshot_is_skipped_for_readers_and_named_for_the_beheerder(
    data_dir, catalogue, tmp_path
):
    store_with_versions(data_dir, catalogue, tmp_path, 3)
    damage(store_dir(data_dir) / "v000003.duckdb")

    assert named_snapshot(data_dir).name == "v000003.duckdb"
    assert current_snapshot(data_dir).name == "v000002.duckdb"
    assert current_version(data_dir) == 2
    assert lasten(data_dir) == [Decimal(200)]
    message = store_damage(data_dir)
    assert message is not None
    assert "Versie 3" in message and "versie 2" in message and "controlegetal" in message
    assert "monitor terugdraaien 2" in message

    listed = cli(data_dir, "versies")
    assert listed.returncode == 0, listed.stderr
    assert "Let op: Versie 3 van de store is beschadigd" in listed.stderr
    assert "Traceback" not in listed.stderr + listed.stdout
    assert "versie 2:" in listed.stdout and "versie 3:" not in listed.stdout


def test_nothing_is_stored_on_top_of_a_damaged_snapshot(data_dir, catalogue, tmp_path):
    store_with_versions(data_dir, catalogue, tmp_path, 2)
    damage(store_dir(data_dir) / "v000002.duckdb")
    before = tree_digest(data_dir)
    upload = write_csv(tmp_path / "nieuw.csv", LONG_HEADER + "wmo.lasten;2024-02;;700\n")

    with pytest.raises(StoreError, match=r"beschadigd.*er is niets veranderd"):
        run_import(data_dir, catalogue, upload)
    refused = cli(data_dir, "importeer", str(upload))
    assert refused.returncode == 1
    assert "Opslaan kan pas weer na dat herstel" in refused.stderr
    assert "Traceback" not in refused.stderr
    unchanged = {k: v for k, v in tree_digest(data_dir).items() if not k.endswith(".lock")}
    assert unchanged == {k: v for k, v in before.items() if not k.endswith(".lock")}


def test_rolling_back_past_a_damaged_snapshot_repairs_the_store(data_dir, catalogue, tmp_path):
    store_with_versions(data_dir, catalogue, tmp_path, 3)
    damage(store_dir(data_dir) / "v000003.duckdb")

    restored = cli(data_dir, "terugdraaien", "2", "--auteur", "beheer")
    assert restored.returncode == 0, restored.stderr

    assert store_damage(data_dir) is None
    assert current_snapshot(data_dir).name == "v000004.duckdb"
    assert lasten(data_dir) == lasten_of_version(data_dir, 2)
    latest = version_records(data_dir)[0]
    assert latest["version"] == 4
    assert "de beschadigde versie 3 is overgeslagen" in latest["description"]
    run_import(data_dir, catalogue, write_csv(tmp_path / "daarna.csv",
                                             LONG_HEADER + "wmo.lasten;2024-02;;900\n"))  # fmt: skip
    assert current_version(data_dir) == 5


def lasten_of_version(data_dir: Path, version: int) -> list[Decimal]:
    with reading(data_dir, version) as con:
        return [r["waarde"] for r in fetch_records(con, "store/all_cijfers")]


def test_a_snapshot_from_before_checksums_is_checked_by_opening_it(data_dir, catalogue, tmp_path):
    store_with_versions(data_dir, catalogue, tmp_path, 2)
    newest = store_dir(data_dir) / "v000002.duckdb"
    checksum_path(newest).unlink()
    assert store_damage(data_dir) is None
    with newest.open("r+b") as handle:
        handle.truncate(100)
    assert current_snapshot(data_dir).name == "v000001.duckdb"
    assert "geen leesbare database" in store_damage(data_dir)


def test_a_rollback_cannot_restore_a_snapshot_that_was_never_current(data_dir, catalogue, tmp_path):
    store_with_versions(data_dir, catalogue, tmp_path, 2)
    directory = store_dir(data_dir)
    # A write killed after renaming its snapshot into place and before switching the pointer.
    orphan = directory / "v000003.duckdb"
    shutil.copy(directory / "v000002.duckdb", orphan)
    shutil.copy(checksum_path(directory / "v000002.duckdb"), checksum_path(orphan))

    with pytest.raises(StoreError, match="Versie 3 bestaat niet"):
        snapshot_for_version(data_dir, 3)
    refused = cli(data_dir, "terugdraaien", "3")
    assert refused.returncode == 1 and "Versie 3 bestaat niet" in refused.stderr

    rollback(data_dir, 1, "beheer")
    assert current_snapshot(data_dir).name == "v000003.duckdb"
    assert version_records(data_dir)[0]["action"] == "rollback"


def test_an_import_that_lands_during_publication_is_never_published(data_dir, catalogue, tmp_path):
    run_import(data_dir, catalogue, write_csv(tmp_path / "basis.csv",
                                             LONG_HEADER + "wmo.lasten;2024-03;;1.000\n"))  # fmt: skip
    reviewed = current_version(data_dir)
    run_import(data_dir, catalogue, write_csv(tmp_path / "later.csv",
                                             LONG_HEADER + "wmo.lasten;2024-03;;9.999\n"))  # fmt: skip
    before = tree_digest(data_dir)

    with pytest.raises(EditorialError, match="u bekeek versie 1, de store staat nu op versie 2"):
        publish_edition(data_dir, EDITION, catalogue, "test", audit=exported_findings, gaps_acknowledged=True,
                        reviewed_version=reviewed)  # fmt: skip
    refused = cli(data_dir, "publiceer", "--editie", "2024-03", "--onvolledig",
                  "--store-versie", str(reviewed))  # fmt: skip
    assert refused.returncode == 1, refused.stdout
    assert "De store is veranderd sinds de controle" in refused.stderr
    assert published_editions(data_dir) == []
    unchanged = {k: v for k, v in tree_digest(data_dir).items() if not k.endswith(".lock")}
    assert unchanged == {k: v for k, v in before.items() if not k.endswith(".lock")}

    published = cli(data_dir, "publiceer", "--editie", "2024-03", "--onvolledig",
                    "--store-versie", str(current_version(data_dir)))  # fmt: skip
    assert published.returncode == 0, published.stderr
    assert [info.edition for info in published_editions(data_dir)] == [EDITION]


def test_a_write_names_the_version_it_was_looked_at_against(data_dir, catalogue, tmp_path):
    first = write_csv(tmp_path / "a.csv", LONG_HEADER + "wmo.lasten;2024-01;;100\n")
    run_import(data_dir, catalogue, first)
    second = write_csv(tmp_path / "b.csv", LONG_HEADER + "wmo.lasten;2024-01;;200\n")
    run_import(data_dir, catalogue, second)
    third = write_csv(tmp_path / "c.csv", LONG_HEADER + "wmo.lasten;2024-01;;300\n")
    with pytest.raises(StoreError, match="u bekeek versie 1, de store staat nu op versie 2"):
        import_files(data_dir, [UploadFile(third, third.name)], catalogue, author="test",
                     expected_version=1)  # fmt: skip
    assert current_version(data_dir) == 2


def test_the_diff_of_an_import_is_against_the_version_it_replaces(data_dir, catalogue, tmp_path):
    run_import(data_dir, catalogue, write_csv(tmp_path / "a.csv",
                                             LONG_HEADER + "wmo.lasten;2024-01;;100\n"))  # fmt: skip
    rows = validate_files([UploadFile(write_csv(tmp_path / "b.csv",
                          LONG_HEADER + "wmo.lasten;2024-01;;300\n"), "b.csv")], catalogue).rows  # fmt: skip
    other = write_csv(tmp_path / "tussen.csv", LONG_HEADER + "wmo.lasten;2024-01;;300\n")

    def compare_while_another_import_runs(con):
        compared = diff_against_stored(con)
        # A second import of the same figure at the same moment, by another process.
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run([MONITOR, "importeer", str(other)], env={**os.environ,
                           "MONITOR_DATA_DIR": str(data_dir)}, capture_output=True, timeout=8)  # fmt: skip
        return compared

    diff, version = compare_and_store(
        data_dir, lambda con: stage_rows(con, rows, "upload"), compare_while_another_import_runs,
        VersionInfo("test", "import", "b.csv"), len(rows), dry_run=False,
    )  # fmt: skip
    # Whichever import landed first, the report says what this one changed in the version it
    # replaced: 100 -> 300 is a change, 300 -> 300 is not.
    replaced = lasten_of_version(data_dir, version - 1)
    assert (len(diff.changed), diff.unchanged) == ((0, 1) if replaced == [Decimal(300)] else (1, 0))


def test_a_read_only_store_gives_a_dutch_refusal(data_dir, catalogue, tmp_path):
    store_with_versions(data_dir, catalogue, tmp_path, 1)
    upload = write_csv(tmp_path / "nieuw.csv", LONG_HEADER + "wmo.lasten;2024-02;;700\n")
    (store_dir(data_dir) / ".lock").unlink()
    store_dir(data_dir).chmod(0o555)
    command = as_service_account([str(MONITOR), "importeer", str(upload)])
    env = {**os.environ, "MONITOR_DATA_DIR": str(data_dir)}
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
    finally:
        store_dir(data_dir).chmod(0o755)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Opslaan is mislukt: geen schrijfrechten in de map van de store" in result.stderr
    assert "Traceback" not in result.stderr
    assert current_version(data_dir) == 1
