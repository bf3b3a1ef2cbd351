"""The snapshot store: every write (an import, a text, an edition, a rollback) creates a new immutable DuckDB file and then switches a
small pointer atomically, so readers never see half an import and an import can run while a
dashboard is serving.

Layout under the data directory::

    store/CURRENT                  name of the current snapshot file (replaced atomically)
    store/v000001.duckdb           immutable snapshots; older ones give history and rollback
    store/v000001.duckdb.sha256    checksum written with the snapshot: a damaged snapshot is
                                   detected and the last good one is served instead
    store/.lock                    serialises writers (flock)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from monitor.store.sql import execute

SNAPSHOT_NAME = re.compile(r"v(\d{6})\.duckdb")
# Every table of a snapshot with the query that copies it from the previous version.
PREVIOUS_TABLES = (
    ("cijfers", "store/copy_cijfers_from_previous"),
    ("versions", "store/copy_versions_from_previous"),
    ("version_files", "store/copy_version_files_from_previous"),
    ("texts", "store/copy_texts_from_previous"),
    ("editions", "store/copy_editions_from_previous"),
    ("edition_cells", "store/copy_edition_cells_from_previous"),
    ("edition_catalogues", "store/copy_edition_catalogues_from_previous"),
    ("edition_withdrawals", "store/copy_edition_withdrawals_from_previous"),
    ("edition_notes", "store/copy_edition_notes_from_previous"),
    ("cbs_tabellen", "store/copy_cbs_tabellen_from_previous"),
    ("cbs_cijfers", "store/copy_cbs_cijfers_from_previous"),
)
# A snapshot written before the store table was named `cijfers` reads through these views.
LEGACY_VIEWS = (
    "store/legacy/view_cijfers",
    "store/legacy/view_versions",
    "store/legacy/view_version_files",
    "store/legacy/view_texts",
    "store/legacy/view_editions",
    "store/legacy/view_edition_cells",
)
SCHEMA = (
    "store/create_cijfers",
    "store/create_versions",
    "store/create_version_files",
    "store/create_texts",
    "store/create_editions",
    "store/create_edition_cells",
    "store/create_edition_catalogues",
    "store/create_edition_withdrawals",
    "store/create_edition_notes",
    "store/create_cbs_tabellen",
    "store/create_cbs_cijfers",
)
# Tables younger than the earlier schema: a snapshot without them reads them as empty.
# Each with the query that stands in for it, empty, when a snapshot opened for reading lacks it.
YOUNGER_TABLES = {
    "edition_catalogues": "store/legacy/temp_edition_catalogues",
    "edition_withdrawals": "store/legacy/temp_edition_withdrawals",
    "edition_notes": "store/legacy/temp_edition_notes",
    "cbs_tabellen": "store/legacy/temp_cbs_tabellen",
    "cbs_cijfers": "store/legacy/temp_cbs_cijfers",
}


class StoreError(RuntimeError):
    """The store cannot be read or written; the message is Dutch and user-facing."""


@dataclass(frozen=True)
class SourceFile:
    """A file that went into a version, as recorded in the history."""

    name: str
    sha256: str
    data_rows: int


@dataclass(frozen=True)
class VersionInfo:
    author: str
    action: str
    description: str
    files: tuple[SourceFile, ...] = ()


def store_dir(data_dir: Path) -> Path:
    return data_dir / "store"


def named_snapshot(data_dir: Path) -> Path | None:
    """The snapshot file the pointer names, or None for an empty store, whether or not it is
    intact (see `current_snapshot`)."""
    pointer = store_dir(data_dir) / "CURRENT"
    try:
        name = pointer.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    if not SNAPSHOT_NAME.fullmatch(name):
        raise StoreError(f"De store in {data_dir} is beschadigd: CURRENT wijst naar '{name}'.")
    return store_dir(data_dir) / name


def current_snapshot(data_dir: Path) -> Path | None:
    """The snapshot readers get: the one the pointer names or, when that one is damaged, the
    newest intact one before it (`store_damage` says which one is damaged and why)."""
    named = named_snapshot(data_dir)
    if named is None or snapshot_damage(named) is None:
        return named
    return _last_intact_before(named)


def current_version(data_dir: Path) -> int:
    """The version readers get; 0 for an empty store."""
    snapshot = current_snapshot(data_dir)
    return 0 if snapshot is None else version_of(snapshot)


def snapshot_for_version(data_dir: Path, version: int) -> Path:
    path = store_dir(data_dir) / f"v{version:06d}.duckdb"
    named = named_snapshot(data_dir)
    # A file newer than the pointer was never current (a write killed before the switch):
    # it is not history and must not come back through a rollback.
    if not path.exists() or named is None or version > version_of(named):
        raise StoreError(f"Versie {version} bestaat niet in de store.")
    damage = snapshot_damage(path)
    if damage is not None:
        raise StoreError(f"Versie {version} van de store is beschadigd: {damage}.")
    return path


def checksum_path(snapshot: Path) -> Path:
    return snapshot.with_name(f"{snapshot.name}.sha256")


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# Verdicts per (file, size, modification time): a snapshot never changes once written, so a
# process hashes each file once; a file changed on disk has a new key and is checked again.
_verdicts: dict[tuple[str, int, int], str | None] = {}


def snapshot_damage(snapshot: Path) -> str | None:
    """Why `snapshot` cannot be trusted (Dutch), or None when it is intact. Snapshots written
    before checksums were kept are checked by opening them."""
    try:
        status = snapshot.stat()
    except OSError:
        return "het bestand ontbreekt"
    key = (str(snapshot), status.st_size, status.st_mtime_ns)
    if key not in _verdicts:
        _verdicts[key] = _damage(snapshot)
    return _verdicts[key]


def _damage(snapshot: Path) -> str | None:
    try:
        expected = checksum_path(snapshot).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        expected = None
    except (OSError, UnicodeDecodeError):
        return "het controlegetal is onleesbaar"
    if expected is not None:
        return None if _sha256_of_file(snapshot) == expected else "het controlegetal klopt niet"
    try:
        duckdb.connect(str(snapshot), read_only=True).close()
    except duckdb.Error:
        return "het bestand is geen leesbare database"
    return None


def _last_intact_before(snapshot: Path) -> Path | None:
    directory = snapshot.parent
    earlier = sorted(
        (int(m[1]), p) for p in directory.iterdir() if (m := SNAPSHOT_NAME.fullmatch(p.name))
    )
    for version, path in reversed(earlier):
        if version < version_of(snapshot) and snapshot_damage(path) is None:
            return path
    return None


def damaged_versions(data_dir: Path) -> list[tuple[int, str]]:
    """Every snapshot of the store that is damaged, with why: for the beheerder's overview
    (a damaged older version breaks the edition published in it and a rollback to it)."""
    directory = store_dir(data_dir)
    if not directory.exists():
        return []
    found = []
    for path in sorted(directory.iterdir()):
        if SNAPSHOT_NAME.fullmatch(path.name) and (why := snapshot_damage(path)) is not None:
            found.append((version_of(path), why))
    return found


def store_damage(data_dir: Path) -> str | None:
    """A Dutch message for the beheerder when the current snapshot is damaged, else None."""
    named = named_snapshot(data_dir)
    damage = None if named is None else snapshot_damage(named)
    if named is None or damage is None:
        return None
    fallback = _last_intact_before(named)
    shown = (
        f"het dashboard toont versie {version_of(fallback)}, de laatste goede versie. Herstel "
        f"met `monitor terugdraaien {version_of(fallback)}` (of op de beheerpagina), of "
        "zet het bestand terug uit de back-up"
        if fallback is not None
        else "er is geen eerdere goede versie; zet het bestand terug uit de back-up"
    )
    return f"Versie {version_of(named)} van de store is beschadigd ({damage}): {shown}."


def version_of(snapshot: Path) -> int:
    match = SNAPSHOT_NAME.fullmatch(snapshot.name)
    if not match:
        raise ValueError(f"not a snapshot file: {snapshot}")
    return int(match[1])


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for name in SCHEMA:
        execute(con, name)


def open_snapshot(data_dir: Path, version: int | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current snapshot (or to an earlier `version`); an empty
    store gives an empty in-memory database with the same schema, so readers need no special
    case."""
    snapshot = (
        current_snapshot(data_dir) if version is None else snapshot_for_version(data_dir, version)
    )
    if snapshot is None:
        con = duckdb.connect(":memory:")
        _create_schema(con)
        return con
    con = duckdb.connect(str(snapshot), read_only=True)
    if has_legacy_schema(con, snapshot.stem):
        con.close()
        return _open_legacy(snapshot)
    for table, stand_in in YOUNGER_TABLES.items():
        if not has_table(con, snapshot.stem, table):
            execute(con, stand_in)
    return con


@contextlib.contextmanager
def reading(data_dir: Path, version: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """`open_snapshot` for a `with` block: the connection is closed however the block ends."""
    con = open_snapshot(data_dir, version)
    try:
        yield con
    finally:
        con.close()


def has_legacy_schema(con: duckdb.DuckDBPyConnection, database: str) -> bool:
    """Whether the snapshot attached as `database` has the schema from before the rename of
    `figures` to `cijfers` (and of the texts and editions columns to Dutch)."""
    return has_table(con, database, "figures")


def has_table(con: duckdb.DuckDBPyConnection, database: str, table: str) -> bool:
    return bool(execute(con, "store/has_table", database=database, table=table).fetchall()[0][0])


def _open_legacy(snapshot: Path) -> duckdb.DuckDBPyConnection:
    # A view cannot share its name with the table it reads in the same database, so the old
    # file is attached beside an in-memory database that holds today's names as views.
    con = duckdb.connect(":memory:")
    execute(con, "store/legacy/attach_legacy", path=str(snapshot))
    for name in LEGACY_VIEWS:
        execute(con, name)
    for stand_in in YOUNGER_TABLES.values():
        execute(con, stand_in)
    return con


@contextlib.contextmanager
def _writer_lock(directory: Path) -> Iterator[None]:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle = (directory / ".lock").open("a")
    except OSError as error:
        raise StoreError(f"Opslaan is mislukt: {_failure(error)}; er is niets veranderd.") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _missing_directories(directory: Path) -> list[Path]:
    """The directories that publishing would create, deepest first."""
    missing = []
    for candidate in (directory, *directory.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    return missing


def _remove_if_unused(created: list[Path]) -> None:
    # A first write that fails leaves the data directory as it found it: not even a lock file.
    for directory in created:
        (directory / ".lock").unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            directory.rmdir()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _next_version(directory: Path) -> int:
    versions = [int(m[1]) for p in directory.iterdir() if (m := SNAPSHOT_NAME.fullmatch(p.name))]
    return max(versions, default=0) + 1


def _remove_stale_files(directory: Path) -> None:
    # Left behind only by a process killed mid-write; never named by CURRENT, so safe to drop:
    # temporaries, a snapshot renamed into place before the pointer switched, and checksums
    # of snapshots that never got there.
    for stale in directory.glob(".tmp-*"):
        stale.unlink(missing_ok=True)
    named = _pointer_name(directory)
    newest = version_of(directory / named) if named and SNAPSHOT_NAME.fullmatch(named) else 0
    for path in directory.iterdir():
        match = SNAPSHOT_NAME.fullmatch(path.name)
        if match and int(match[1]) > newest:
            path.unlink(missing_ok=True)
    for checksum in directory.glob("v*.duckdb.sha256"):
        if not checksum.with_suffix("").exists():
            checksum.unlink(missing_ok=True)


def _write_checksum(snapshot_file: Path, final: Path) -> None:
    """The checksum of `snapshot_file` under the name that belongs to `final`, on disk before
    the snapshot itself is renamed into place."""
    staging = final.with_name(f".tmp-{final.name}.sha256")
    with staging.open("w", encoding="ascii") as handle:
        handle.write(_sha256_of_file(snapshot_file) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(staging, checksum_path(final))


def write_version(
    data_dir: Path,
    info: VersionInfo,
    change: Callable[[duckdb.DuckDBPyConnection], int],
    earlier: Path | None = None,
    *,
    expected_version: int | None = None,
) -> int:
    """Create the next version: copy the current snapshot's tables into a new file, apply
    `change` (which returns the number of cijfers written) in one transaction, then switch the
    pointer atomically. `earlier` is an older snapshot attached as `earlier` for a rollback.
    `expected_version` is the version the user looked at: when the store has moved on since,
    nothing is written. Returns the new version number. On any error the store is left
    exactly as it was."""
    directory = store_dir(data_dir)
    created = _missing_directories(directory)
    try:
        return _write_locked(data_dir, directory, info, change, earlier, expected_version)
    except BaseException:
        if named_snapshot(data_dir) is None:
            _remove_if_unused(created)
        raise


def _base_snapshot(
    data_dir: Path, earlier: Path | None, expected_version: int | None
) -> Path | None:
    """The snapshot the next version builds on: the current one; for a rollback while the
    current one is damaged, the last intact one (what the damaged version added is lost)."""
    named = named_snapshot(data_dir)
    now = 0 if named is None else version_of(named)
    if expected_version is not None and expected_version != now:
        raise StoreError(
            f"De store is veranderd sinds u keek: u bekeek versie {expected_version}, de store "
            f"staat nu op versie {now}. Bekijk de wijzigingen en probeer het opnieuw; er is "
            "niets veranderd."
        )
    if named is None or snapshot_damage(named) is None:
        return named
    if earlier is None:
        raise StoreError(
            f"{store_damage(data_dir)} Opslaan kan pas weer na dat herstel; er is niets veranderd."
        )
    return _last_intact_before(named) or earlier


def _write_locked(
    data_dir: Path,
    directory: Path,
    info: VersionInfo,
    change: Callable[[duckdb.DuckDBPyConnection], int],
    earlier: Path | None,
    expected_version: int | None,
) -> int:
    with _writer_lock(directory):
        _remove_stale_files(directory)
        current = _base_snapshot(data_dir, earlier, expected_version)
        version = _next_version(directory)
        temporary = directory / f".tmp-{version:06d}-{uuid.uuid4().hex}.duckdb"
        final = directory / f"v{version:06d}.duckdb"
        try:
            con = duckdb.connect(str(temporary))
            try:
                _create_schema(con)
                if current is not None:
                    execute(con, "store/attach_previous", path=str(current))
                if earlier is not None:
                    execute(con, "store/attach_earlier", path=str(earlier))
                con.begin()
                if current is not None:
                    _copy_previous(con, legacy=has_legacy_schema(con, "previous"))
                written = change(con)
                execute(
                    con,
                    "store/insert_version",
                    version=version,
                    created_at=dt.datetime.now().replace(microsecond=0),
                    author=info.author,
                    action=info.action,
                    description=info.description,
                    rows_written=written,
                )
                for source in info.files:
                    execute(
                        con,
                        "store/insert_version_file",
                        version=version,
                        file_name=source.name,
                        sha256=source.sha256,
                        data_rows=source.data_rows,
                    )
                con.commit()
                if current is not None:
                    execute(con, "store/detach_previous")
                if earlier is not None:
                    execute(con, "store/detach_earlier")
                execute(con, "store/checkpoint")
            finally:
                con.close()
            _fsync_file(temporary)
            _write_checksum(temporary, final)
            os.replace(temporary, final)
            _switch_pointer(directory, final.name)
        except BaseException as error:
            temporary.unlink(missing_ok=True)
            Path(f"{temporary}.wal").unlink(missing_ok=True)
            if _pointer_name(directory) != final.name:
                final.unlink(missing_ok=True)
                checksum_path(final).unlink(missing_ok=True)
            if isinstance(error, OSError | duckdb.Error):
                raise StoreError(
                    f"Opslaan is mislukt: {_failure(error)}; er is niets veranderd."
                ) from error
            raise
    return version


def _failure(error: BaseException) -> str:
    """The cause of a failed write in words a beleidsmedewerker can act on."""
    text = str(getattr(error, "strerror", None) or error)
    if any(sign in text for sign in ("No space left", "File too large", "Disk quota")):
        return (
            "de schijf is vol (of het bestand wordt te groot); maak ruimte vrij en probeer opnieuw"
        )
    if "Permission denied" in text or "Read-only file system" in text:
        return f"geen schrijfrechten in de map van de store ({text})"
    return f"de database gaf een fout ({text})"


def _copy_previous(con: duckdb.DuckDBPyConnection, *, legacy: bool) -> None:
    # A fresh file per version (instead of copying the old file) keeps snapshots compact; the
    # copies are by position, so only the renamed cijfers table needs its own query.
    for table, name in PREVIOUS_TABLES:
        if legacy and table == "cijfers":
            name = "store/legacy/copy_cijfers_from_previous"
        # Only a table younger than the previous snapshot may be absent there; any other
        # missing table is an error, never a silent loss.
        if table in YOUNGER_TABLES and not has_table(con, "previous", table):
            continue
        execute(con, name)


def _pointer_name(directory: Path) -> str | None:
    try:
        return (directory / "CURRENT").read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None


def _switch_pointer(directory: Path, name: str) -> None:
    staging = directory / f".tmp-CURRENT-{uuid.uuid4().hex}"
    with staging.open("w", encoding="ascii") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(staging, directory / "CURRENT")
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def replace_with_earlier(con: duckdb.DuckDBPyConnection) -> int:
    execute(con, "store/delete_all_cijfers")
    if has_legacy_schema(con, "earlier"):
        execute(con, "store/legacy/replace_cijfers_from_version")
    else:
        execute(con, "store/replace_cijfers_from_version")
    return int(execute(con, "store/cijfer_count").fetchone()[0])
