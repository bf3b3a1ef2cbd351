"""The history of the store: every version as a beleidsmedewerker reads it (who, when, which
files), and rollback to an earlier one. The admin pages reach versions only through here."""

from __future__ import annotations

from pathlib import Path

from monitor.domain.numbers import format_moment
from monitor.store.snapshots import (
    StoreError,
    VersionInfo,
    current_version,
    damaged_versions,
    named_snapshot,
    reading,
    replace_with_earlier,
    snapshot_damage,
    snapshot_for_version,
    store_damage,
    version_of,
    write_version,
)
from monitor.store.sql import fetch_records

__all__ = [
    "StoreError",
    "current_version",
    "damaged_versions",
    "rollback",
    "store_damage",
    "version_lines",
    "version_records",
]


def version_records(data_dir: Path) -> list[dict]:
    with reading(data_dir) as con:
        return fetch_records(con, "store/list_versions")


def version_lines(data_dir: Path) -> list[str]:
    lines = []
    for record in version_records(data_dir):
        when = format_moment(record["created_at"])
        lines.append(
            f"versie {record['version']}: {when}, {record['author']}, {record['action']}: "
            f"{record['description']} ({record['rows_written']} cijfers)"
        )
        lines.extend(f"    {name}" for name in record["files"])
    return lines or ["De store is leeg: er is nog niets opgeslagen."]


def rollback(data_dir: Path, version: int, author: str) -> int:
    """Make the figures equal to those of `version` again. The rollback is itself a new,
    recorded version, so it can be undone the same way."""
    earlier = snapshot_for_version(data_dir, version)
    described = next(
        (r["description"] for r in version_records(data_dir) if r["version"] == version), ""
    )
    description = f"Teruggedraaid naar versie {version} ({described})".replace(" ()", "")
    damaged = named_snapshot(data_dir)
    if damaged is not None and snapshot_damage(damaged) is not None:
        description += f"; de beschadigde versie {version_of(damaged)} is overgeslagen"
    info = VersionInfo(author, "rollback", description)
    return write_version(data_dir, info, replace_with_earlier, earlier=earlier)
