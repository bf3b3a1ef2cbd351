"""`monitor audit`: the edition checked from its exported files alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.disclosure.audit import audit
from monitor.domain.editions import edition_from_text
from monitor.publication.edition import published_edition
from monitor.render.artefact_audit import reader_view_from_artefacts, write_artefacts

pytestmark = [pytest.mark.slow]

MONITOR = str(Path(sys.executable).parent / "monitor")


@pytest.mark.parametrize("editie", ["2026-09", "2025-06", "2024-03"])
def test_the_demo_editions_pass_the_audit(demo_data_dir, editie):
    env = {**os.environ, "MONITOR_DATA_DIR": str(demo_data_dir)}
    result = subprocess.run([MONITOR, "controleer", "--editie", editie], capture_output=True, text=True,
                            env=env, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "geslaagd" in result.stdout


@pytest.fixture
def artefacts(demo_data_dir, catalogue, tmp_path):
    published = published_edition(demo_data_dir, edition_from_text("2026-09"), catalogue)
    write_artefacts(published, tmp_path)
    return published, tmp_path


def test_a_secondary_revealed_in_the_csv_is_found(artefacts, catalogue):
    published, directory = artefacts
    figure = published.figure("wmo-lasten-per-voorziening")
    path = directory / f"{figure.figure_id}.csv"
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    # The second hidden share of the first quarter is a secondary: reveal it as a reader would.
    hidden_row = next(
        i
        for i, line in enumerate(lines[1:], 1)
        if line.split(";")[1] == "x" and not line.startswith("Beschermd")
    )
    cells = lines[hidden_row].split(";")
    cells[1] = "12,5"
    lines[hidden_row] = ";".join(cells)
    path.write_bytes(("\ufeff" + "\r\n".join(lines)).encode("utf-8"))
    view, problems = reader_view_from_artefacts(published, directory, catalogue)
    findings = audit(view)
    assert any(f.rule in ("R1", "inconsistent") for f in findings) or problems


def test_a_value_in_the_chart_data_of_a_hidden_cell_is_found(artefacts, catalogue):
    published, directory = artefacts
    figure = published.figure("wmo-clienten-per-voorziening")
    path = directory / f"{figure.figure_id}.vega.json"
    spec = json.loads(path.read_text(encoding="utf-8"))
    datasets = spec["datasets"]
    for records in datasets.values():
        for record in records:
            if record.get("rij") == "Beschermd Wonen":
                record["waarde"] = 7
    path.write_text(json.dumps(spec), encoding="utf-8")
    _, problems = reader_view_from_artefacts(published, directory, catalogue)
    assert any("Beschermd Wonen" in p and "heeft een waarde in de grafiek" in p for p in problems)


def test_hidden_cells_are_null_in_every_exported_chart(artefacts):
    published, directory = artefacts
    for figure in published.figures:
        spec = json.loads((directory / f"{figure.figure_id}.vega.json").read_text(encoding="utf-8"))
        hidden = {(c.row, c.column) for c in figure.cells if c.is_hidden}
        for records in spec.get("datasets", {}).values():
            for record in records:
                if (record.get("rij"), record.get("kolom")) in hidden:
                    assert record["waarde"] is None, (figure.figure_id, record)


def test_chart_menus_offer_no_source_or_editor(artefacts):
    published, directory = artefacts
    for figure in published.figures:
        spec = json.loads((directory / f"{figure.figure_id}.vega.json").read_text(encoding="utf-8"))
        assert spec["usermeta"] == {"embedOptions": {"actions": False}}
