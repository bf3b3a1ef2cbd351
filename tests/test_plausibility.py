"""Plausibility against history: a cijfer an order of magnitude away from its own series, or more
persons than any gemeente has inhabitants, is a warning at import and must be acknowledged
before an edition holding it is published (by the CLI and by publish_edition itself)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LONG_HEADER, run_import, write_csv

from monitor.domain.editions import edition_from_text
from monitor.ingest.plausibility import edition_deviations
from monitor.publication.editorial import EditorialError, publish_edition, published_editions
from monitor.render.artefact_audit import exported_findings

MONITOR = str(Path(sys.executable).parent / "monitor")
SEPTEMBER = edition_from_text("2026-09")
# The demo's Wmo lasten are about 1,3 million a month; a value typed in cents is 100× that.
IN_CENTS = LONG_HEADER + "wmo.lasten;2026-08;;131.250.000\n"


def history(months: int, value: int, indicator: str = "wmo.lasten") -> str:
    return LONG_HEADER + "".join(
        f"{indicator};2025-{month:02d};;{value}\n" for month in range(1, months + 1)
    )


def warnings_of(result) -> list[str]:
    return [note for note in result.upload.notes if note.startswith("let op (aannemelijkheid)")]


def test_a_value_ten_times_its_history_is_a_warning_at_import(data_dir, catalogue, tmp_path):
    run_import(data_dir, catalogue, write_csv(tmp_path / "2025.csv", history(12, 1_000_000)))
    jump = LONG_HEADER + "wmo.lasten;2026-01;;10.500.000\nwmo.lasten;2026-02;;1.100.000\n"

    dry = run_import(data_dir, catalogue, write_csv(tmp_path / "jan.csv", jump), dry_run=True)
    stored = run_import(data_dir, catalogue, write_csv(tmp_path / "jan.csv", jump))

    expected = (
        "let op (aannemelijkheid): wmo.lasten, totaal, jan-26: 10.500.000, meer dan 10× de "
        "mediaan van de 12 perioden ervoor (1.000.000). Klopt dit cijfer? Een editie met dit "
        "cijfer wordt pas gepubliceerd na bevestiging."
    )
    assert warnings_of(dry) == warnings_of(stored) == [expected]


def test_a_file_is_compared_with_its_own_earlier_periods(data_dir, catalogue, tmp_path):
    text = history(6, 100_000) + "wmo.lasten;2025-07;;9.000\n"
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "lasten.csv", text))

    assert warnings_of(result) == [
        "let op (aannemelijkheid): wmo.lasten, totaal, jul-25: 9.000, minder dan een tiende van de "
        "mediaan van de 6 perioden ervoor (100.000). Klopt dit cijfer? Een editie met dit cijfer "
        "wordt pas gepubliceerd na bevestiging."
    ]


def test_small_numbers_and_short_histories_are_not_judged(data_dir, catalogue, tmp_path):
    # 3 against 40 clients is noise; two earlier periods are no history.
    small = history(12, 40, "wmo.clienten") + "wmo.clienten;2026-01;;3\n"
    short = history(2, 1_000, "jeugd.lasten") + "jeugd.lasten;2025-03;;50.000\n"
    result = run_import(
        data_dir,
        catalogue,
        write_csv(tmp_path / "a.csv", small),
        write_csv(tmp_path / "b.csv", short),
    )

    assert warnings_of(result) == []


def test_more_persons_than_any_gemeente_has_inhabitants_is_a_warning(data_dir, catalogue, tmp_path):
    text = LONG_HEADER + "wmo.clienten;2026-03;Begeleiding;1.250.000\n"
    result = run_import(data_dir, catalogue, write_csv(tmp_path / "c.csv", text))

    assert warnings_of(result) == [
        "let op (aannemelijkheid): wmo.clienten, Begeleiding, mrt-26: 1.250.000 personen, meer dan "
        "welke gemeente ook inwoners heeft; staat hier een bedrag? Een editie met dit cijfer wordt "
        "pas gepubliceerd na bevestiging."
    ]


def september_version(data_dir: Path) -> int:
    return {info.edition: info.version for info in published_editions(data_dir)}[SEPTEMBER]


def test_an_edition_with_a_deviation_is_published_only_when_acknowledged(
    demo_copy, catalogue, tmp_path
):
    assert edition_deviations(demo_copy, SEPTEMBER, catalogue) == []
    run_import(demo_copy, catalogue, write_csv(tmp_path / "aug.csv", IN_CENTS))
    before = september_version(demo_copy)

    with pytest.raises(EditorialError) as refused:
        publish_edition(demo_copy, SEPTEMBER, catalogue, "test", audit=exported_findings)
    assert "wmo.lasten, totaal, aug-26: 131.250.000, meer dan 10×" in str(refused.value)
    assert september_version(demo_copy) == before

    publish_edition(demo_copy, SEPTEMBER, catalogue, "test", audit=exported_findings,
                    deviations_acknowledged=True)  # fmt: skip
    assert september_version(demo_copy) > before


def monitor(data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, MONITOR_DATA_DIR=str(data_dir))
    return subprocess.run(
        [MONITOR, *arguments], env=environment, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow  # publishes through the CLI, which renders the edition's report
def test_the_cli_names_the_deviation_and_publishes_only_with_afwijkingen_gezien(
    demo_copy, catalogue, tmp_path
):
    run_import(demo_copy, catalogue, write_csv(tmp_path / "aug.csv", IN_CENTS))

    refused = monitor(demo_copy, "publiceer", "--editie", "2026-09", "--auteur", "test")
    assert refused.returncode != 0
    assert "wmo.lasten, totaal, aug-26: 131.250.000, meer dan 10×" in refused.stdout
    assert "Geef --afwijkingen-gezien om toch te publiceren" in refused.stderr

    done = monitor(
        demo_copy, "publiceer", "--editie", "2026-09", "--auteur", "test", "--afwijkingen-gezien"
    )
    assert done.returncode == 0, done.stderr
    assert "Editie t/m september 2026 gepubliceerd" in done.stdout
