"""CBS tables imported as CBS publishes them (tests/fixtures/cbs, Bron: CBS, CC BY 4.0): the
real OData bulk export of 83262NED with its codes, symbols and rounding kept, stored beside the
gemeente's own cijfers without touching them, and every malformed download refused in Dutch
with nothing changed."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import LONG_HEADER, run_import, tree_digest, write_csv

from monitor.ingest.cbs.cbs_import import import_cbs
from monitor.ingest.cbs.codes import CbsCodeError, cbs_period, cbs_value, provisional, region_code
from monitor.ingest.cbs.download import read_bulk_export
from monitor.ingest.problems import ImportRefused
from monitor.store.snapshots import reading
from monitor.store.sql import fetch_records

FIXTURES = Path(__file__).parent / "fixtures" / "cbs"
WMO_83262 = FIXTURES / "83262NED"
MONITOR = str(Path(sys.executable).parent / "monitor")
TOTALS = "Geslacht=T001038;KenmerkenVanPersonen=T009002;TypeMaatwerkarrangement=T001024"


def stored(data_dir: Path, tabel: str = "83262NED") -> dict[tuple[str, str, str, str], dict]:
    with reading(data_dir) as con:
        records = fetch_records(con, "cbs/cijfers_van_tabel", tabel=tabel)
    return {(r["onderwerp"], r["regio"], r["periode"], r["dimensies"]): r for r in records}


@pytest.mark.parametrize(
    ("code", "soort", "label", "end"),
    [
        ("2019JJ00", "jaar", "2019", dt.date(2019, 12, 31)),
        ("2020HJ01", "halfjaar", "1e halfjaar 2020", dt.date(2020, 6, 30)),
        ("2019HJ02", "halfjaar", "2e halfjaar 2019", dt.date(2019, 12, 31)),
        ("2024KW03", "kwartaal", "3e kwartaal 2024", dt.date(2024, 9, 30)),
        ("2024MM02", "maand", "februari 2024", dt.date(2024, 2, 29)),
    ],
)
def test_cbs_period_codes_are_read_as_cbs_means_them(code, soort, label, end):
    period = cbs_period(code)
    assert (period.soort, period.label, period.einddatum) == (soort, label, end)


@pytest.mark.parametrize("code", ["2019JJ01", "2020HJ03", "2024KW05", "2024MM13", "2019", "19JJ00"])
def test_an_impossible_period_code_is_refused(code):
    with pytest.raises(CbsCodeError):
        cbs_period(code)


def test_cbs_symbols_and_padded_codes():
    assert region_code("NL01  ") == "NL01"
    assert region_code("GM0518") == "GM0518"
    assert cbs_value("") is None and cbs_value(".") is None  # geheim, onbekend, onbetrouwbaar
    assert cbs_value("38085") == Decimal(38085)
    assert cbs_value("9.6") == Decimal("9.6")
    assert provisional("Voorlopig") and provisional("Nader voorlopig") and provisional("2020*")
    assert not provisional("Definitief")
    with pytest.raises(CbsCodeError):
        cbs_value("1.166.485")  # StatLine's page notation, not the export's


def test_the_real_83262ned_export_is_read_whole_with_cbs_figures_as_published():
    table = read_bulk_export(WMO_83262)

    assert (table.tabel, table.gewijzigd) == ("83262NED", "2020-11-26T02:00:00")
    assert table.titel == "Wmo-cliënten; type maatwerkarrangement, regio"
    assert len(table.cells) == 96 * 2
    cells = {(c.onderwerp, c.regio, c.periode.code, c.dimensies): c for c in table.cells}
    den_haag = cells[("WmoClienten_1", "GM0518", "2019JJ00", TOTALS)]
    assert (den_haag.waarde, den_haag.regio_naam) == (Decimal(38085), "'s-Gravenhage (gemeente)")
    assert cells[("WmoClientenPer1000Inwoners_2", "GM0518", "2019JJ00", TOTALS)].waarde == 71
    nederland = cells[("WmoClienten_1", "NL01", "2019JJ00", TOTALS)]
    assert (nederland.waarde, nederland.regio_naam, nederland.regio_soort) == (
        Decimal(1166485), "Nederland", "land",
    )  # fmt: skip
    # CBS rounds to fives: every published count is a multiple of 5.
    assert all(
        c.waarde % 5 == 0 for c in table.cells if c.onderwerp == "WmoClienten_1" and c.waarde
    )
    # Not delivered by Den Haag: CBS's '.', no value of ours.
    assert cells[("WmoClienten_1", "GM0518", "2015JJ00", TOTALS)].waarde is None
    assert {c.voorlopig for c in table.cells if c.periode.code == "2020HJ01"} == {True}
    assert {c.voorlopig for c in table.cells if c.periode.code == "2019JJ00"} == {False}


def test_an_import_stores_the_table_beside_the_gemeente_cijfers(data_dir, catalogue, tmp_path):
    run_import(
        data_dir,
        catalogue,
        write_csv(tmp_path / "eigen.csv", LONG_HEADER + "wmo.lasten;2024-01;;1.000\n"),
    )
    with reading(data_dir) as con:
        before = con.sql("SELECT * FROM cijfers ORDER BY ALL").fetchall()

    result = import_cbs(data_dir, [WMO_83262], author="test")

    cells = stored(data_dir)
    assert len(cells) == 192
    secret = cells[("WmoClienten_1", "GM0518", "2015HJ02", TOTALS)]
    assert (secret["waarde"], secret["status"]) == (None, "geheim")
    assert cells[("WmoClienten_1", "NL01", "2019JJ00", TOTALS)]["waarde"] == Decimal(1166485)
    with reading(data_dir) as con:
        assert con.sql("SELECT * FROM cijfers ORDER BY ALL").fetchall() == before
    assert result.version is not None
    assert result.report() == [
        "83262NED Wmo-cliënten; type maatwerkarrangement, regio (Bron: CBS, gewijzigd "
        "26-11-2020): 192 cellen over 1 land, 1 gemeente, perioden 1e halfjaar 2015 t/m 1e "
        "halfjaar 2020; 82 cellen geheim of onbekend ('.'), 12 voorlopig, zoals CBS ze publiceert"
    ]


def test_a_table_downloaded_again_replaces_its_earlier_download(data_dir, tmp_path):
    import_cbs(data_dir, [WMO_83262], author="test")
    revised = tmp_path / "83262NED"
    shutil.copytree(WMO_83262, revised)
    data = revised / "data.csv"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    # CBS revises: Den Haag 2019 becomes 38.090, and the migratieachtergrond rows are gone.
    kept = [
        line.replace(",38085,71", ",38090,71")
        for line in lines
        if '"T009002"' in line or line.startswith('"ID"')
    ]
    data.write_text("".join(kept), encoding="utf-8")

    import_cbs(data_dir, [revised], author="test")

    cells = stored(data_dir)
    assert len(cells) == 64
    assert cells[("WmoClienten_1", "GM0518", "2019JJ00", TOTALS)]["waarde"] == Decimal(38090)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: (d / "Perioden.csv").unlink(), "het bestand Perioden.csv ontbreekt"),
        (
            lambda d: (d / "data.csv").write_text(
                (d / "data.csv").read_text(encoding="utf-8").replace('"2019JJ00"', '"2019JJ01"', 1),
                encoding="utf-8",
            ),
            "rij 16, kolom 'Perioden': '2019JJ01' is geen bestaande CBS-periode",
        ),
        (
            lambda d: (d / "data.csv").write_text(
                (d / "data.csv").read_text(encoding="utf-8").replace(",1166485,", ",1.166.485,", 1),
                encoding="utf-8",
            ),
            "kolom 'WmoClienten_1': '1.166.485' is geen getal zoals CBS het levert",
        ),
    ],
    ids=["dimensie ontbreekt", "periodecode", "waarde"],
)
def test_a_damaged_download_is_refused_in_dutch_and_changes_nothing(
    damage, expected, data_dir, tmp_path
):
    import_cbs(data_dir, [WMO_83262], author="test")
    broken = tmp_path / "83262NED"
    shutil.copytree(WMO_83262, broken)
    damage(broken)
    before = tree_digest(data_dir)

    with pytest.raises(ImportRefused) as refused:
        import_cbs(data_dir, [broken], author="test")

    assert expected in str(refused.value)
    assert tree_digest(data_dir) == before


def test_a_file_that_is_no_cbs_download_is_refused(data_dir):
    other = FIXTURES / "wmojads_gemeente_2017_2019_wmo_hbh_jeugdzorg_bijstand.csv"
    with pytest.raises(ImportRefused) as refused:
        import_cbs(data_dir, [other], author="test")
    assert "de CBS-tabel is niet te herkennen: noem de tabel-id in de bestandsnaam" in str(
        refused.value
    )


def test_the_cli_imports_a_download_given_as_its_directory_or_a_file_in_it(tmp_path):
    environment = dict(os.environ, MONITOR_DATA_DIR=str(tmp_path / "data"))
    for given in (WMO_83262, WMO_83262 / "data.csv"):
        done = subprocess.run(
            [MONITOR, "importeer", "--cbs", str(given), "--auteur", "test"],
            env=environment, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "83262NED Wmo-cliënten; type maatwerkarrangement, regio (Bron: CBS" in done.stdout
    assert len(stored(tmp_path / "data")) == 192
