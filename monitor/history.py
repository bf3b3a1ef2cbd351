"""The history of the store as lines a beleidsmedewerker reads: who, when, which files."""

from __future__ import annotations

from pathlib import Path

from monitor.sql import fetch_records
from monitor.store import open_snapshot


def version_records(data_dir: Path) -> list[dict]:
    con = open_snapshot(data_dir)
    try:
        return fetch_records(con, "store/list_versions")
    finally:
        con.close()


def version_lines(data_dir: Path) -> list[str]:
    lines = []
    for record in version_records(data_dir):
        when = record["created_at"].strftime("%d-%m-%Y %H:%M")
        lines.append(
            f"versie {record['version']}: {when}, {record['author']}, {record['action']}: "
            f"{record['description']} ({record['figures_written']} cijfers)"
        )
        lines.extend(f"    {name}" for name in record["files"])
    return lines or ["De store is leeg: er is nog niets gepubliceerd."]
