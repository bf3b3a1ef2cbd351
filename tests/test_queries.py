"""Every SQL file under queries/ runs against a real store, so a broken query fails CI."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd
import pytest

from monitor.config import QUERIES_DIR
from monitor.domain.safe_text import UNSAFE_PATTERN
from monitor.ingest.cbs.cbs_import import staged_cells
from monitor.ingest.cbs.download import read_bulk_export
from monitor.store.snapshots import PREVIOUS_TABLES, SCHEMA, current_snapshot
from monitor.store.sql import execute, load_sql

QUERY_NAMES = sorted(
    p.relative_to(QUERIES_DIR).with_suffix("").as_posix() for p in QUERIES_DIR.rglob("*.sql")
)
# These read snapshots of the schema before the rename to `cijfers`; test_store_upgrade runs
# them on such snapshots, through the store paths that choose them.
LEGACY_QUERY_NAMES = [name for name in QUERY_NAMES if name.startswith("store/legacy/")]
CURRENT_QUERY_NAMES = [name for name in QUERY_NAMES if name not in LEGACY_QUERY_NAMES]

# A value for every named parameter used in queries/, chosen to hit the demo data.
PARAMETERS = {
    "indicator": "wmo.lasten_berichtenverkeer",
    "indicatoren": ["wmo.clienten", "wmo.lasten_berichtenverkeer"],
    "gemeente": "",
    "eerste": dt.date(2024, 1, 1),
    "laatste": dt.date(2026, 9, 30),
    "eerste_jaar": 2024,
    "laatste_jaar": 2026,
    "som_categorieen": True,
    "categorie": "",
    "overig_grens": 2000,
    "energietoeslag": ["Energietoeslag"],
    "kwartalen": 11,
    "prefix": "sociale_basis.mantelzorg.",
    "version": 999,
    "created_at": dt.datetime(2026, 1, 1),
    "author": "test",
    "action": "test",
    "description": "test",
    "rows_written": 0,
    "versie": 999,
    "auteur": "test",
    "aangemaakt_op": dt.datetime(2026, 1, 1),
    "file_name": "test.csv",
    "sha256": "0" * 64,
    "data_rows": 0,
    "editie": "2026-09",
    "catalogus": "{}",
    "reden": "test",
    "opmerking": "test",
    "ingetrokken_op": dt.datetime(2026, 10, 2),
    "database": "previous",
    "table": "cijfers",
    "sleutel": "thema:mantelzorg",
    "tekst": "Tekst",
    "gepubliceerd_op": dt.datetime(2026, 10, 1),
    # Records queries read CSV files: a real CBS file of the fixtures, read as 19 text columns.
    "bestand": str(
        QUERIES_DIR.parent
        / "tests/fixtures/cbs/wmojads_gemeente_2017_2019_wmo_hbh_jeugdzorg_bijstand.csv"
    ),
    "bestanden": [
        str(
            QUERIES_DIR.parent
            / "tests/fixtures/cbs/wmojads_gemeente_2017_2019_wmo_hbh_jeugdzorg_bijstand.csv"
        )
    ],
    "scheidingsteken": ",",
    "kolommen": {
        "gemeente": "VARCHAR",
        "client": "VARCHAR",
        "begindatum": "VARCHAR",
        "einddatum": "VARCHAR",
        "categorie": "VARCHAR",
        **{f"negeer_{i}": "VARCHAR" for i in range(5, 19)},
    },
    "soort": "participatie",
    "maximum": 50,
    "gap_dagen": 1,
    "per_categorie": True,
    "tot": dt.date(2026, 9, 30),
    "vanaf": dt.date(2024, 1, 1),
    "stand": "wmo.clienten",
    "instroom": "wmo.instroom",
    "uitstroom": "wmo.uitstroom",
    "met_trede": True,
    "bron": 0,
    "patroon": UNSAFE_PATTERN,
    "factor": 10,
    "perioden": 12,
    "minimum": 50,
    "grootste_aantal": 1_000_000,
    "personen": ["wmo.clienten"],
    "tabel": "83262NED",
    "teller_tabel": "83262NED",
    "teller": "WmoClienten_1",
    "noemer_tabel": "83262NED",
    "noemer": "WmoClientenPer1000Inwoners_2",
    "dimensies": "Geslacht=T001038;KenmerkenVanPersonen=T009002;TypeMaatwerkarrangement=T001024",
    "noemer_dimensies": "Geslacht=T001038;KenmerkenVanPersonen=T009002;TypeMaatwerkarrangement=T001024",
    "leden": ["GM0518", "NL01"],
    "onderwerp": "WmoClienten_1",
}


def sql_header(text: str) -> str:
    """The leading comment block of a query file: its lines up to the first that is no comment."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    return "\n".join(lines)


def undeclared_parameters(text: str) -> set[str]:
    """`$named` parameters the body uses but the header's Parameters line does not name."""
    header = sql_header(text)
    declared = header.split("-- Parameters:", 1)[1] if "-- Parameters:" in header else ""
    body = text[len(header) :]
    return {p for p in re.findall(r"\$([a-z_0-9]+)", body) if f"${p}" not in declared}


def test_every_query_file_has_a_header_with_purpose_and_parameters():
    for name in QUERY_NAMES:
        text = load_sql(name)
        assert text.startswith("-- Purpose:"), name
        assert "-- Parameters:" in sql_header(text), name
        assert undeclared_parameters(text) == set(), name


def test_a_header_that_says_no_parameters_fails_when_the_body_uses_one():
    text = "-- Purpose: one figure.\n-- Parameters: none\nSELECT waarde FROM cijfers WHERE indicator = $indicator\n"
    assert undeclared_parameters(text) == {"indicator"}


COPY_QUERIES = {name for _, name in PREVIOUS_TABLES}
# The records import builds its work tables in this order; a query later in the list reads the
# tables of the ones before it.
RECORDS_WORK_TABLES = ["records/ruw_laden", "records/records_tabel", "records/records_toevoegen",
                       "records/zorgperiodes"]  # fmt: skip


def records_steps_before(name: str) -> list[str]:
    """The work tables a records query reads, built as the import builds them."""
    if name in RECORDS_WORK_TABLES:
        return RECORDS_WORK_TABLES[: RECORDS_WORK_TABLES.index(name)]
    return RECORDS_WORK_TABLES if name.startswith("records/") else []


# The demo store has cijfers for every figure query and for these reads of the store's own tables.
RETURNS_ROWS_ON_THE_DEMO = ("gedeeld/", "participatie/", "sociale_basis/", "store/all_cijfers",
                            "store/list_versions", "store/period_range", "store/published_editions",
                            "store/staged_comparison_")  # fmt: skip


def staged_row() -> pd.DataFrame:
    """One staged figure with a key the demo does not have, as an import registers it."""
    return pd.DataFrame(
        {"indicator": ["wmo.lasten"], "periode": ["2030-01"], "periode_soort": ["maand"],
         "jaar": [2030], "volgnummer": [1], "einddatum": [dt.date(2030, 1, 31)],
         "categorie": [""], "gemeente": [""], "waarde": ["1"], "bron": ["upload"]}
    )  # fmt: skip


def stage_cbs_table(con: duckdb.DuckDBPyConnection) -> None:
    """The real 83262NED download staged as a CBS import stages it."""
    table = read_bulk_export(QUERIES_DIR.parent / "tests/fixtures/cbs/83262NED")
    con.register("staged_cbs_cijfers", staged_cells(table))
    con.register("staged_cbs_tabel", pd.DataFrame({
        "tabel": [table.tabel], "titel": [table.titel], "gewijzigd": [table.gewijzigd],
        "bestand": [table.bestand], "sha256": [table.sha256],
        "geimporteerd_op": [dt.datetime(2026, 12, 1)],
    }))  # fmt: skip


@pytest.mark.parametrize("name", LEGACY_QUERY_NAMES)
def test_every_legacy_query_is_chosen_by_the_store(name):
    source = (QUERIES_DIR.parent / "monitor/store/snapshots.py").read_text(encoding="utf-8")
    assert f'"{name}"' in source


@pytest.mark.parametrize("name", CURRENT_QUERY_NAMES)
def test_query_runs_against_the_demo_store(name, demo_data_dir, tmp_path):
    """Each query runs as publishing runs it: in a new snapshot file, with the current snapshot
    attached as `previous` (and as `earlier` for a rollback) and its tables copied in."""
    snapshot = str(current_snapshot(demo_data_dir))
    con = duckdb.connect(str(tmp_path / "next.duckdb"))
    for schema in SCHEMA:
        execute(con, schema)
    if name != "store/attach_previous":
        execute(con, "store/attach_previous", path=snapshot)
    if name != "store/attach_earlier":
        execute(con, "store/attach_earlier", path=snapshot)
    if name not in COPY_QUERIES | {"store/attach_previous"}:
        for copy in sorted(COPY_QUERIES):
            execute(con, copy)
    if not name.startswith(("store/", "macros/")):
        execute(con, "macros/totaal_per_periode")
    if name == "store/replace_cijfers_from_version":
        execute(con, "store/delete_all_cijfers")
    for step in records_steps_before(name):
        execute(
            con, step, **{k: PARAMETERS[k] for k in re.findall(r"\$([a-z_0-9]+)", load_sql(step))}
        )
    con.register("staged_cijfers", staged_row())
    if name.startswith("cbs/"):
        stage_cbs_table(con)
        if not name.startswith("cbs/voeg_"):
            execute(con, "cbs/voeg_cijfers_toe")
    if name.startswith("store/staged_comparison_"):
        execute(con, "store/create_staged_comparison")
    if name == "plausibility/afwijkingen":
        execute(con, "plausibility/editie_geschiedenis")
        execute(con, "plausibility/editie_te_controleren", eerste=PARAMETERS["eerste"],
                laatste=PARAMETERS["laatste"])  # fmt: skip
    con.register(
        "edition_cells_frame",
        pd.DataFrame({"editie": ["2026-09"], "populatie": ["wmo.clienten"], "categorie": [""],
                      "periode": ["2026-09"], "status": ["waarde"], "waarde": ["986"]}),
    )  # fmt: skip
    text = load_sql(name)
    names = set(re.findall(r"\$([a-z_0-9]+)", text))
    params = {k: PARAMETERS[k] for k in names if k != "path"}
    if "path" in names:
        params["path"] = snapshot
    result = execute(con, name, **params)
    if result.description:
        columns = [column[0] for column in result.description]
        rows = result.fetchall()
        assert len(set(columns)) == len(columns), name
        if name.startswith(RETURNS_ROWS_ON_THE_DEMO):
            assert rows, f"{name} returns nothing on the demo store"
            assert all(len(row) == len(columns) for row in rows), name
    con.close()
