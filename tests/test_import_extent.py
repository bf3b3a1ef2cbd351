"""How much one import may cover: periods and dates far in the future, and more
categories than any indicator has, are refused in Dutch (file, row, column) before anything is
stored, in figure files and records files alike."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LONG_HEADER, run_import, tree_digest, write_csv

from monitor.ingest.extent import MAX_CATEGORIES, YEARS_AHEAD
from monitor.ingest.files import UploadFile
from monitor.ingest.problems import ImportRefused
from monitor.ingest.records.compute import RecordKind, compute_records

MONITOR = str(Path(sys.executable).parent / "monitor")
RECORDS_HEADER = "client;voorziening;begindatum;einddatum\n"
TOO_LATE = dt.date.today().year + YEARS_AHEAD + 1


def refusal(data_dir: Path, catalogue, path: Path) -> list[str]:
    before = tree_digest(data_dir)
    with pytest.raises(ImportRefused) as refused:
        run_import(data_dir, catalogue, path)
    assert tree_digest(data_dir) == before
    return [str(problem) for problem in refused.value.problems]


def test_a_period_far_in_the_future_is_refused_with_its_row(data_dir, catalogue, tmp_path):
    rows = f"wmo.lasten;2024-01;;100\nwmo.lasten;{TOO_LATE}-01;;100\n"
    problems = refusal(data_dir, catalogue, write_csv(tmp_path / "ver.csv", LONG_HEADER + rows))
    assert problems == [
        f"ver.csv, rij 3: periode {TOO_LATE}-01: het jaar {TOO_LATE} ligt meer dan {YEARS_AHEAD} "
        "jaar in de toekomst. Staat het voor 'geen einde'? Laat de einddatum dan leeg; is het een "
        "tikfout, verbeter de periode."
    ]


def test_next_years_begroting_is_fine(data_dir, catalogue, tmp_path):
    year = dt.date.today().year + 1
    path = write_csv(tmp_path / "begroting.csv", LONG_HEADER + f"wmo.begroting;{year};;5.000.000\n")
    assert run_import(data_dir, catalogue, path).version == 1


def test_more_categories_than_any_indicator_has_are_refused(data_dir, catalogue, tmp_path):
    rows = "".join(
        f"participatie.bijzondere_bijstand;2024-Q1;Cliënt {n};100\n"
        for n in range(MAX_CATEGORIES + 1)
    )
    problems = refusal(data_dir, catalogue, write_csv(tmp_path / "veel.csv", LONG_HEADER + rows))
    assert problems == [
        f"veel.csv: participatie.bijzondere_bijstand heeft {MAX_CATEGORIES + 1} verschillende "
        f"categorieën; meer dan {MAX_CATEGORIES} is geen indeling maar waarschijnlijk een verkeerde "
        "kolom (zoals cliëntnummers). Controleer welke kolom de categorie is."
    ]


def records_refusal(path: Path) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        compute_records([UploadFile(path, path.name)], RecordKind.WMO)
    return [str(problem) for problem in refused.value.problems]


def test_an_open_end_written_as_2099_is_refused_in_records(tmp_path):
    path = write_csv(tmp_path / "records.csv", RECORDS_HEADER + "a;Hbh;2024-01-01;\n"
                     "b;Hbh;2024-02-01;31-12-2099\n")  # fmt: skip
    assert records_refusal(path) == [
        f"records.csv, rij 3, kolom 'einddatum': de datum 31-12-2099 ligt meer dan {YEARS_AHEAD} "
        "jaar in de toekomst. Staat die voor 'geen einddatum'? Laat de einddatum dan leeg als de "
        "indicatie nog loopt."
    ]
    cli = subprocess.run([MONITOR, "importeer", "--records", "wmo", str(path), "--proef"],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert cli.returncode == 1 and "31-12-2099" in cli.stderr and "Traceback" not in cli.stderr


def test_records_with_a_client_number_as_voorziening_are_refused(tmp_path):
    rows = "".join(f"k{n};{100000 + n};2024-01-01;\n" for n in range(MAX_CATEGORIES + 1))
    path = write_csv(tmp_path / "records.csv", RECORDS_HEADER + rows)
    assert records_refusal(path) == [
        f"records.csv: wmo.clienten heeft {MAX_CATEGORIES + 1} verschillende categorieën; meer "
        f"dan {MAX_CATEGORIES} is geen indeling maar waarschijnlijk een verkeerde kolom (zoals "
        "cliëntnummers). Controleer welke kolom de categorie is."
    ]
