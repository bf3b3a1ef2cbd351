"""Real CBS figures (tests/fixtures/cbs, Bron: CBS, CC BY 4.0) through the whole way in and out:
Wmo-cliënten Hulp bij het huishouden for 2017-2019 of every gemeente, uploaded as a long
Windows-1252 file with a gemeente column, and exported again per gemeente with `monitor export`."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import run_import, tree_digest

from monitor.domain.catalogue import Catalogue
from monitor.ingest.figure_import import ImportResult
from monitor.store.snapshots import open_snapshot

pytestmark = [pytest.mark.slow]

MONITOR = str(Path(sys.executable).parent / "monitor")
CBS_FILE = (
    Path(__file__).parent
    / "fixtures"
    / "cbs"
    / "wmojads_gemeente_2017_2019_wmo_hbh_jeugdzorg_bijstand.csv"
)
INDICATOR = "wmo.clienten"
CATEGORIE = "Hulp bij het huishouden"
UPLOAD_HEADER = ["indicator", "periode", "categorie", "waarde", "gemeente", "gemeentenaam"]

# Values read from the CBS file by eye (codering_regio, perioden, wmoclienten).
BELLINGWEDDE = "GM0007"  # 2017 = 355; merged into Westerwolde in 2018
SUDWEST_FRYSLAN = "GM1900"  # 2017 = 2430, 2018 = 2900, 2019 = 2960
DEN_HAAG = "GM0518"  # 2017 = 12895
HEERDE = "GM0246"  # suppressed by CBS in every year: no figure at all


def cbs_records() -> list[dict[str, str]]:
    with CBS_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_upload(path: Path, records: list[dict[str, str]], keep_empty: bool = False) -> Path:
    """The CBS rows as a long upload for wmo.clienten: `;`-separated, Windows-1252, with the
    gemeentenaam as an extra column that the import ignores."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(UPLOAD_HEADER)
    for record in records:
        text = record["wmoclienten"].strip()
        if not text and not keep_empty:
            continue
        waarde = Decimal(text) if text else None
        if waarde is not None:
            assert waarde == waarde.to_integral_value(), record
        writer.writerow(
            [
                INDICATOR,
                record["perioden"],
                CATEGORIE,
                "" if waarde is None else str(int(waarde)),
                record["codering_regio"],
                record["gemeentenaam"],
            ]
        )
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def non_empty(records: list[dict[str, str]]) -> list[dict[str, str]]:
    return [record for record in records if record["wmoclienten"].strip()]


def export_long(data_dir: Path, gemeente: str, editie: str | None) -> list[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MONITOR_CATALOGUS", "MONITOR_GEMEENTE", "MONITOR_DATA_DIR"}
    }
    env |= {"MONITOR_DATA_DIR": str(data_dir), "MONITOR_GEMEENTE": gemeente}
    edition = ["--editie", editie] if editie else []
    result = subprocess.run(
        [MONITOR, "exporteer", "wmo-clienten-per-voorziening", *edition, "--lang"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.lstrip("\ufeff").splitlines()


def value_rows(lines: list[str]) -> list[str]:
    """The exported rows that carry a published value (not a marker such as '.')."""
    rows = [line.split(";") for line in lines[1:] if line]
    return [";".join(row) for row in rows if len(row) == 3 and row[2].isdigit()]


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    return cbs_records()


@pytest.fixture(scope="module")
def upload(tmp_path_factory, records) -> Path:
    return write_upload(tmp_path_factory.mktemp("upload") / "wmo_hbh_cbs.csv", records)


@pytest.fixture(scope="module")
def imported(tmp_path_factory, catalogue: Catalogue, upload) -> tuple[Path, ImportResult]:
    """One import of the real file into a fresh store, shared read-only by this module."""
    data_dir = tmp_path_factory.mktemp("store") / "data"
    return data_dir, run_import(data_dir, catalogue, upload)


def test_fixture_is_the_real_cbs_extract(records):
    assert len(records) == 936
    assert {record["perioden"] for record in records} == {"2017", "2018", "2019"}
    assert {record["typemaatwerkarrangement"] for record in records} == {CATEGORIE}
    assert len(records) - len(non_empty(records)) == 13  # suppressed by CBS
    assert (CBS_FILE.parent / "PROVENANCE.md").read_text(encoding="utf-8").count("Bron: CBS") >= 1


def test_upload_is_windows_1252_with_non_ascii_names(upload):
    data = upload.read_bytes()
    assert "Súdwest-Fryslân".encode("cp1252") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_import_gives_one_figure_per_non_empty_row(imported, records):
    data_dir, result = imported
    expected = len(non_empty(records))
    assert expected == 923
    assert result.version == 1
    assert len(result.upload.rows) == expected
    assert len(result.diff.new) == expected
    assert result.diff.changed == ()
    con = open_snapshot(data_dir)
    try:
        count = con.execute("SELECT count(*) FROM cijfers").fetchone()
        gemeenten = con.execute("SELECT count(DISTINCT gemeente) FROM cijfers").fetchone()
    finally:
        con.close()
    assert count == (expected,)
    assert gemeenten == (len({r["codering_regio"] for r in non_empty(records)}),)


def test_import_notes_name_the_encoding_and_the_ignored_column(imported):
    _, result = imported
    notes = "\n".join(result.upload.notes)
    assert "Windows-1252" in notes
    assert "puntkomma" in notes
    assert "923 cijfers" in notes
    assert "kolom 'gemeentenaam' is genegeerd" in notes


def test_rows_suppressed_by_cbs_give_no_figure(imported):
    data_dir, result = imported
    assert all(row.gemeente != HEERDE for row in result.upload.rows)
    con = open_snapshot(data_dir)
    try:
        heerde = con.execute("SELECT count(*) FROM cijfers WHERE gemeente = ?", [HEERDE]).fetchone()
    finally:
        con.close()
    assert heerde == (0,)


def test_every_real_value_is_stored_exactly(imported, records):
    data_dir, _ = imported
    con = open_snapshot(data_dir)
    try:
        stored = {
            (gemeente, periode): waarde
            for gemeente, periode, waarde in con.sql(
                "SELECT gemeente, periode, waarde FROM cijfers WHERE indicator = 'wmo.clienten' "
                "AND categorie = 'Hulp bij het huishouden'"
            ).fetchall()
        }
    finally:
        con.close()
    expected = {
        (r["codering_regio"], f"{r['perioden']}-12"): Decimal(r["wmoclienten"])
        for r in non_empty(records)
    }
    assert stored == expected


def test_real_value_round_trips_through_monitor_export(imported):
    data_dir, _ = imported
    lines = export_long(data_dir, BELLINGWEDDE, "2017-12")
    assert lines[0] == "periode;categorie;waarde"
    assert "2017-12;Hulp bij het huishouden;355" in lines
    assert value_rows(lines) == ["2017-12;Hulp bij het huishouden;355"]
    # Without --editie the latest period of this gemeente defines the edition.
    assert export_long(data_dir, BELLINGWEDDE, None) == lines


def test_second_real_gemeente_is_published_separately(imported):
    data_dir, _ = imported
    lines = export_long(data_dir, SUDWEST_FRYSLAN, "2019-12")
    assert value_rows(lines) == [
        "2017-12;Hulp bij het huishouden;2430",
        "2018-12;Hulp bij het huishouden;2900",
        "2019-12;Hulp bij het huishouden;2960",
    ]
    assert "2017-12;Hulp bij het huishouden;355" not in lines
    den_haag = export_long(data_dir, DEN_HAAG, "2017-12")
    assert value_rows(den_haag) == ["2017-12;Hulp bij het huishouden;12895"]


def test_importing_the_real_file_again_changes_nothing(imported, catalogue, upload):
    data_dir, _ = imported
    before = tree_digest(data_dir)
    again = run_import(data_dir, catalogue, upload, dry_run=True)
    assert again.version is None
    assert again.diff.new == ()
    assert again.diff.changed == ()
    assert again.diff.unchanged == 923
    assert "Nieuwe cijfers: 0; gewijzigde cijfers: 0" in again.diff.report()
    assert tree_digest(data_dir) == before


def test_empty_cbs_cells_in_the_upload_are_no_figures(imported, catalogue, records, tmp_path):
    data_dir, _ = imported
    with_empty = write_upload(tmp_path / "met_lege_cellen.csv", records, keep_empty=True)
    again = run_import(data_dir, catalogue, with_empty, dry_run=True)
    assert len(again.upload.rows) == 923
    assert again.diff.new == ()
    assert again.diff.changed == ()


def test_a_real_gemeente_publishes_only_with_its_gaps_named_and_can_withdraw(
    imported, tmp_path, monkeypatch, capsys
):
    """Epe has only the CBS Wmo client counts: publishing names every other indicator as
    missing, needs --onvolledig, and a withdrawal leaves only the concept."""
    from monitor.cli import main

    data_dir = tmp_path / "data"
    shutil.copytree(imported[0], data_dir)
    monkeypatch.setenv("MONITOR_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MONITOR_GEMEENTE", "GM0232")
    assert main(["publiceer", "--editie", "2019-12"]) != 0
    report = capsys.readouterr().out
    assert "Wmo: 1 van 7 indicatoren compleet" in report
    assert "    - Lasten Wmo (wmo.lasten): ontbreekt" in report
    assert main(["publiceer", "--editie", "2019-12", "--onvolledig"]) == 0
    assert main(["controleer"]) == 0
    assert "gepubliceerd op" in capsys.readouterr().err
    assert main(["intrekken", "--editie", "2019-12", "--reden", "Alleen de CBS-cijfers Wmo."]) == 0
    assert main(["exporteer", "wmo-clienten-per-voorziening", "--lang"]) == 0
    assert "concept uit de huidige store" in capsys.readouterr().err


def test_a_gemeente_without_monthly_cijfers_is_told_to_name_an_edition(
    imported, monkeypatch, capsys
):
    from monitor.cli import main

    monkeypatch.setenv("MONITOR_DATA_DIR", str(imported[0]))
    monkeypatch.setenv("MONITOR_GEMEENTE", HEERDE)
    assert main(["exporteer", "wmo-clienten-per-voorziening"]) != 0
    assert f"geen maand- of kwartaalcijfers voor {HEERDE}" in capsys.readouterr().err
