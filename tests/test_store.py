"""The snapshot store: immutable versions, an atomic pointer, and readers that never see half a write."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from conftest import LONG_HEADER, run_import, tree_digest, write_csv

from monitor.store.snapshots import (
    StoreError,
    VersionInfo,
    current_snapshot,
    open_snapshot,
    store_dir,
    write_version,
)

INFO = VersionInfo("test", "import", "Testversie")


def writes_lasten(
    value: int, periode: str = "2024-03"
) -> Callable[[duckdb.DuckDBPyConnection], int]:
    """A `change` that publishes one figure wmo.lasten for `periode`."""

    def change(con: duckdb.DuckDBPyConnection) -> int:
        con.execute("DELETE FROM cijfers WHERE indicator = 'wmo.lasten' AND periode = ?", [periode])
        con.execute(
            "INSERT INTO cijfers VALUES "
            "('wmo.lasten', ?, 'maand', 2024, 3, DATE '2024-03-31', '', '', ?, 'upload')",
            [periode, value],
        )
        return 1

    return change


def lasten(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [
        int(value) for (value,) in con.sql("SELECT waarde FROM cijfers ORDER BY periode").fetchall()
    ]


def temporaries(data_dir: Path) -> list[Path]:
    directory = store_dir(data_dir)
    return (
        sorted(directory.glob(".tmp-*")) + sorted(directory.glob("*.wal"))
        if directory.exists()
        else []
    )


@pytest.mark.parametrize("exists", [False, True], ids=["geen map", "lege map"])
def test_a_missing_or_empty_data_dir_is_a_valid_empty_store(exists, data_dir):
    if exists:
        data_dir.mkdir()
    assert current_snapshot(data_dir) is None

    con = open_snapshot(data_dir)
    try:
        assert con.execute("SELECT count(*) FROM cijfers").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM versions").fetchone() == (0,)
    finally:
        con.close()
    assert tree_digest(data_dir) == {}


def test_publishing_creates_the_first_snapshot_and_the_pointer(data_dir):
    version = write_version(data_dir, INFO, writes_lasten(100))

    assert version == 1
    assert (store_dir(data_dir) / "CURRENT").read_text(encoding="ascii") == "v000001.duckdb\n"
    assert current_snapshot(data_dir) == store_dir(data_dir) / "v000001.duckdb"
    con = open_snapshot(data_dir)
    try:
        assert lasten(con) == [100]
        assert con.sql("SELECT version, author, rows_written FROM versions").fetchall() == [
            (1, "test", 1)
        ]
    finally:
        con.close()
    assert temporaries(data_dir) == []


def test_a_new_version_is_a_new_file_and_the_old_snapshot_stays_unchanged(data_dir):
    write_version(data_dir, INFO, writes_lasten(100))
    first = tree_digest(data_dir)["store/v000001.duckdb"]

    assert write_version(data_dir, INFO, writes_lasten(200, "2024-04")) == 2

    after = tree_digest(data_dir)
    assert after["store/v000001.duckdb"] == first
    assert "store/v000002.duckdb" in after
    con = open_snapshot(data_dir)
    try:
        assert lasten(con) == [100, 200]
        assert [v for (v,) in con.sql("SELECT version FROM versions ORDER BY 1").fetchall()] == [
            1,
            2,
        ]
    finally:
        con.close()


def test_a_failing_change_leaves_the_store_byte_identical_without_temporary_files(data_dir):
    write_version(data_dir, INFO, writes_lasten(100))
    before = tree_digest(data_dir)

    def fails_halfway(con: duckdb.DuckDBPyConnection) -> int:
        writes_lasten(999)(con)
        raise RuntimeError("de wijziging mislukt")

    with pytest.raises(RuntimeError, match="de wijziging mislukt"):
        write_version(data_dir, INFO, fails_halfway)

    assert tree_digest(data_dir) == before
    assert temporaries(data_dir) == []
    con = open_snapshot(data_dir)
    try:
        assert lasten(con) == [100]
    finally:
        con.close()


def test_a_failing_first_publish_leaves_an_empty_store(data_dir):
    def fails(con: duckdb.DuckDBPyConnection) -> int:
        raise RuntimeError("mislukt")

    with pytest.raises(RuntimeError):
        write_version(data_dir, INFO, fails)

    assert current_snapshot(data_dir) is None
    assert temporaries(data_dir) == []
    assert not list(store_dir(data_dir).glob("v*.duckdb"))


def test_temporaries_left_by_a_killed_publish_are_removed_by_the_next(data_dir):
    write_version(data_dir, INFO, writes_lasten(100))
    stale = store_dir(data_dir) / ".tmp-000002-afgebroken.duckdb"
    stale.write_bytes(b"half geschreven")

    assert write_version(data_dir, INFO, writes_lasten(200)) == 2
    assert not stale.exists()


def test_a_pointer_to_a_strange_file_is_reported_as_a_damaged_store(data_dir):
    store_dir(data_dir).mkdir(parents=True)
    (store_dir(data_dir) / "CURRENT").write_text("../../etc/passwd\n", encoding="ascii")

    with pytest.raises(StoreError, match="beschadigd"):
        open_snapshot(data_dir)


def test_a_reader_keeps_reading_its_version_while_the_next_is_published(data_dir):
    write_version(data_dir, INFO, writes_lasten(100))
    reader = open_snapshot(data_dir)
    try:
        write_version(data_dir, INFO, writes_lasten(200))

        assert lasten(reader) == [100]
        fresh = open_snapshot(data_dir)
        try:
            assert lasten(fresh) == [200]
        finally:
            fresh.close()
    finally:
        reader.close()


@pytest.mark.slow
def test_an_import_in_another_process_publishes_while_a_reader_holds_the_snapshot(
    data_dir, catalogue, tmp_path
):
    run_import(
        data_dir,
        catalogue,
        write_csv(tmp_path / "eerste.csv", LONG_HEADER + "wmo.lasten;2024-03;;100\n"),
    )
    revised = write_csv(tmp_path / "tweede.csv", LONG_HEADER + "wmo.lasten;2024-03;;200\n")
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from monitor.domain.catalogue import load_catalogue
        from monitor.config import DEFAULT_CATALOGUE
        from monitor.ingest.files import UploadFile
        from monitor.ingest.figure_import import import_files

        source = Path({str(revised)!r})
        result = import_files(
            Path({str(data_dir)!r}),
            [UploadFile(source, source.name)],
            load_catalogue(DEFAULT_CATALOGUE),
            author="ander proces",
        )
        print(result.version)
        """
    )

    reader = open_snapshot(data_dir)
    try:
        completed = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
        )
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout.strip() == "2"
        assert lasten(reader) == [100]
    finally:
        reader.close()

    con = open_snapshot(data_dir)
    try:
        assert lasten(con) == [200]
        assert con.execute("SELECT author FROM versions WHERE version = 2").fetchone() == (
            "ander proces",
        )
    finally:
        con.close()


def test_rollback_restores_earlier_figures_as_a_new_recorded_version(data_dir, catalogue, tmp_path):
    from monitor.store.history import rollback

    first = write_csv(tmp_path / "eerste.csv", LONG_HEADER + "wmo.lasten;2024-01;;100\n")
    second = write_csv(
        tmp_path / "tweede.csv", LONG_HEADER + "wmo.lasten;2024-01;;250\nwmo.lasten;2024-02;;300\n"
    )
    run_import(data_dir, catalogue, first)
    run_import(data_dir, catalogue, second)
    version = rollback(data_dir, 1, author="beheer")
    assert version == 3
    con = open_snapshot(data_dir)
    try:
        figures = con.execute("SELECT periode, waarde FROM cijfers ORDER BY periode").fetchall()
        history = con.execute(
            "SELECT version, action, author FROM versions ORDER BY version"
        ).fetchall()
    finally:
        con.close()
    assert [(p, int(w)) for p, w in figures] == [("2024-01", 100)]
    assert history[-1] == (3, "rollback", "beheer")
    assert [v for v, _, _ in history] == [1, 2, 3]


def test_rollback_to_an_unknown_version_changes_nothing(data_dir, catalogue, tmp_path):
    from monitor.store.history import StoreError, rollback

    run_import(
        data_dir,
        catalogue,
        write_csv(tmp_path / "a.csv", LONG_HEADER + "wmo.lasten;2024-01;;100\n"),
    )
    before = tree_digest(data_dir)
    with pytest.raises(StoreError, match="Versie 7 bestaat niet"):
        rollback(data_dir, 7, author="beheer")
    assert tree_digest(data_dir) == before
