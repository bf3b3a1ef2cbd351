"""The `monitor` command as a municipal user runs it: import, export, refusal, dry run."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import tree_digest

pytestmark = [pytest.mark.slow]

MONITOR = str(Path(sys.executable).parent / "monitor")

WIDE_CLIENTS = """Voorziening;mrt-22;jun-22;sep-22;dec-22;mrt-23;jun-23;sep-23;dec-23;mrt-24
Hulp bij het huishouden;412;420;431;428;433;440;441;437;445
Begeleiding;221;230;228;235;240;238;236;242;244
Beschermd Wonen;7;8;9;6;5;7;8;9;7
Woonvoorziening;48;52;9;51;55;50;47;49;53
"""


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONITOR_DATA_DIR": str(data_dir)}
    return subprocess.run([MONITOR, *args], capture_output=True, text=True, env=env, timeout=120)


def export_rows(data_dir: Path, *args: str) -> list[list[str]]:
    result = run(data_dir, "exporteer", *args)
    assert result.returncode == 0, result.stderr
    text = result.stdout.lstrip("\ufeff")
    return [row for row in csv.reader(text.splitlines(), delimiter=";")]


def test_wide_clients_table_round_trips_with_less_than_ten(tmp_path):
    source = tmp_path / "clienten.csv"
    source.write_text(WIDE_CLIENTS, encoding="utf-8")
    data_dir = tmp_path / "data"
    imported = run(data_dir, "importeer", str(source), "--indicator", "wmo.clienten")
    assert imported.returncode == 0, imported.stderr
    assert "Opgeslagen als versie 1." in imported.stdout
    rows = export_rows(data_dir, "wmo-clienten-per-voorziening")
    assert rows[0] == WIDE_CLIENTS.splitlines()[0].split(";")
    table = {row[0]: row[1:] for row in rows[1:5]}
    assert table["Beschermd Wonen"] == ["<10"] * 9
    assert table["Woonvoorziening"][2] == "<10"
    assert table["Hulp bij het huishouden"][0] == "412"
    assert table["Begeleiding"][-1] == "244"


def test_export_without_edition_uses_the_latest_quarter_in_the_store(tmp_path):
    source = tmp_path / "clienten.csv"
    source.write_text(WIDE_CLIENTS, encoding="utf-8")
    data_dir = tmp_path / "data"
    run(data_dir, "importeer", str(source), "--indicator", "wmo.clienten")
    latest = export_rows(data_dir, "wmo-clienten-per-voorziening")
    explicit = export_rows(data_dir, "wmo-clienten-per-voorziening", "--editie", "2024-03")
    assert latest == explicit
    older = export_rows(data_dir, "wmo-clienten-per-voorziening", "--editie", "mrt-23")
    assert older[0][-1] == "mrt-23"


def bijzondere_bijstand_table(tmp_path: Path, amounts: dict[str, int]) -> dict[str, list[str]]:
    """The published table of bijzondere bijstand (edition 2024-09) after importing `amounts`
    for every quarter of 2024 up to Q3, row label → values."""
    lines = ["indicator;periode;categorie;waarde"]
    for quarter in ("2024-Q1", "2024-Q2", "2024-Q3"):
        for categorie, amount in amounts.items():
            dutch = f"{amount:,}".replace(",", ".")
            lines.append(f"participatie.bijzondere_bijstand;{quarter};{categorie};{dutch}")
    source = tmp_path / "bijzondere_bijstand.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    assert run(data_dir, "importeer", str(source)).returncode == 0
    rows = export_rows(data_dir, "participatie-bijzondere-bijstand", "--editie", "2024-09")
    assert rows[0] == [
        "Categorie",
        *[f"{y}-Q{q}" for y in (2022, 2023, 2024) for q in (1, 2, 3, 4)][:11],
    ]
    table = rows[1 : rows.index([])]  # the footer (title, source, legend) follows an empty row
    return {row[0]: row[1:] for row in table}


def test_bijzondere_bijstand_merges_small_categories_into_overig(tmp_path):
    amounts = {"Woonkosten": 12000, "Duurzame gebruiksgoederen": 8000, "Energietoeslag": 50000,
               "Maaltijdvoorziening": 1500, "Rechtsbijstand": 900, "Reiskosten": 300}  # fmt: skip
    table = bijzondere_bijstand_table(tmp_path, amounts)

    assert list(table) == ["Duurzame gebruiksgoederen", "Woonkosten", "Energietoeslag", "Overig",
                           "Eindtotaal", "Eindtotaal excl. Energietoeslag"]  # fmt: skip
    # Over the 11 quarters shown, 8.000 × 3 / 11 ≈ 2.182 stays; 1.500 × 3 / 11 ≈ 409 merges.
    assert table["Overig"][-1] == "2700"
    assert table["Eindtotaal"][-1] == "72700"
    assert table["Eindtotaal excl. Energietoeslag"][-1] == "22700"


def test_an_energietoeslag_per_year_counts_as_energietoeslag_without_a_catalogue_change(tmp_path):
    # 'Energietoeslag 2022' is small enough for Overig and 'energietoeslag 2023' is written in
    # lower case; both are one-off national schemes all the same.
    amounts = {"Woonkosten": 12000, "Energietoeslag 2022": 500, "energietoeslag 2023": 40000,
               "Reiskosten": 300}  # fmt: skip
    table = bijzondere_bijstand_table(tmp_path, amounts)

    assert list(table) == ["Woonkosten", "Energietoeslag 2022", "energietoeslag 2023", "Overig",
                           "Eindtotaal", "Eindtotaal excl. Energietoeslag"]  # fmt: skip
    assert table["Overig"][-1] == "300"
    assert table["Eindtotaal"][-1] == "52800"
    assert table["Eindtotaal excl. Energietoeslag"][-1] == "12300"


def test_a_malformed_file_changes_nothing_and_says_why_in_dutch(tmp_path):
    data_dir = tmp_path / "data"
    good = tmp_path / "clienten.csv"
    good.write_text(WIDE_CLIENTS, encoding="utf-8")
    assert run(data_dir, "importeer", str(good), "--indicator", "wmo.clienten").returncode == 0
    before = tree_digest(data_dir)
    bad = tmp_path / "fout.csv"
    bad.write_text(
        "indicator;periode;categorie;waarde\nwmo.lasten;2024-03;;twaalf\n", encoding="utf-8"
    )
    result = run(data_dir, "importeer", str(bad))
    assert result.returncode == 1
    assert "fout.csv, rij 2, kolom 'waarde': 'twaalf' is geen getal" in result.stderr
    assert "Er is niets gewijzigd" in result.stderr
    assert tree_digest(data_dir) == before


def test_dry_run_shows_the_differences_and_publishes_nothing(tmp_path):
    data_dir = tmp_path / "data"
    source = tmp_path / "clienten.csv"
    source.write_text(WIDE_CLIENTS, encoding="utf-8")
    run(data_dir, "importeer", str(source), "--indicator", "wmo.clienten")
    before = tree_digest(data_dir)
    revised = tmp_path / "herzien.csv"
    revised.write_text(WIDE_CLIENTS.replace("412", "415").replace("445", "450"), encoding="utf-8")
    result = run(data_dir, "importeer", str(revised), "--indicator", "wmo.clienten", "--proef")
    assert result.returncode == 0, result.stderr
    assert "gewijzigde cijfers: 2 (waarvan eerdere perioden: 1)" in result.stdout
    assert "412 → 415  [eerdere periode herzien]" in result.stdout
    assert "er is niets opgeslagen" in result.stdout
    assert tree_digest(data_dir) == before


def test_unknown_figure_lists_the_known_ones(tmp_path):
    result = run(tmp_path / "data", "exporteer", "wmo-onbekend")
    assert result.returncode == 2
    assert "wmo-clienten-per-voorziening" in result.stderr


def test_export_on_an_empty_store_explains_what_to_do(tmp_path):
    result = run(tmp_path / "leeg", "exporteer", "wmo-lasten")
    assert result.returncode == 1
    assert "De store in" in result.stderr and "is leeg" in result.stderr


def test_xlsx_export_writes_a_workbook(tmp_path):
    data_dir = tmp_path / "data"
    source = tmp_path / "clienten.csv"
    source.write_text(WIDE_CLIENTS, encoding="utf-8")
    run(data_dir, "importeer", str(source), "--indicator", "wmo.clienten")
    out = tmp_path / "clienten.xlsx"
    result = run(
        data_dir,
        "exporteer",
        "wmo-clienten-per-voorziening",
        "--formaat",
        "xlsx",
        "--bestand",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_versions_lists_who_imported_which_file(tmp_path):
    data_dir = tmp_path / "data"
    source = tmp_path / "clienten.csv"
    source.write_text(WIDE_CLIENTS, encoding="utf-8")
    run(data_dir, "importeer", str(source), "--indicator", "wmo.clienten", "--auteur", "beleid")
    result = run(data_dir, "versies")
    assert "versie 1:" in result.stdout and "beleid" in result.stdout
    assert "clienten.csv (4 rijen, sha256" in result.stdout


def test_the_demo_names_the_version_that_is_current_after_it_published(tmp_path):
    data_dir = tmp_path / "data"
    loaded = run(data_dir, "demo")
    newest = run(data_dir, "versies").stdout.split("versie ", 1)[1].split(":", 1)[0]

    assert loaded.returncode == 0, loaded.stderr
    assert f"geladen (versie {newest});" in loaded.stdout
