"""No text in a store can take a renderer down: a category with a control character made
vl-convert abort the whole server (exit 134) and openpyxl refuse the workbook.

The import refuses such categories, but an older store or a computed category may still hold
them: the store here is written through the store's own path, past the import's checks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.figures.published import PublishedFigure
from monitor.publication.edition import published_edition
from monitor.render.export import export_bytes
from monitor.render.safe_text import REPLACEMENT, safe_label, safe_strings, safe_text
from tests.support.unchecked_store import CONTROL_CATEGORIES, MARKUP_CATEGORIES, hostile_demo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEPTEMBER = edition_from_text("2026-09")
FIGURE = "wmo-clienten-per-voorziening"
# Characters vl-convert aborts on (measured: every C0 control but tab, newline and carriage
# return, and the noncharacters U+FFFE and U+FFFF); openpyxl and XML refuse the C0 ones too.
ABORTING = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff"]


def unsafe_characters(text: str) -> list[str]:
    return [char for char in text if char != safe_label(char)]


@pytest.mark.parametrize("char", [*ABORTING, "\t", "\n", "\r", "\x85", "\u202e", "\u2066"])
def test_every_character_a_renderer_refuses_becomes_a_visible_replacement(char: str) -> None:
    assert safe_label(f"a{char}b") == f"a{REPLACEMENT}b"


def test_a_text_of_several_lines_keeps_its_line_breaks_and_tabs() -> None:
    assert safe_text("een\r\ntwee\tdrie\x0bvier\rvijf") == f"een\ntwee\tdrie{REPLACEMENT}vier\nvijf"


def test_ordinary_labels_stay_as_they_are() -> None:
    for label in ("Hulp bij het huishouden", "18-26 jaar", "Súdwest-Fryslân", "€ 1.464.689", "’s"):
        assert safe_label(label) == label


def test_a_chart_spec_keeps_nothing_unsafe_in_any_string_or_key() -> None:
    spec = {"a\x0b": ["b\uffff", {"c": "d\x00"}], "n": 1, "x": None}
    assert json.dumps(safe_strings(spec), ensure_ascii=False) == (
        '{"a\ufffd": ["b\ufffd", {"c": "d\ufffd"}], "n": 1, "x": null}'
    )


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    return hostile_demo(tmp_path_factory.mktemp("vijandig") / "data", catalogue)


@pytest.fixture(scope="module")
def figure(hostile_store: Path, catalogue: Catalogue) -> PublishedFigure:
    figure = published_edition(hostile_store, SEPTEMBER, catalogue).figure(FIGURE)
    assert set(CONTROL_CATEGORIES + MARKUP_CATEGORIES) <= set(figure.rows)
    return figure


def test_csv_and_xlsx_exports_show_the_replacement_instead_of_failing(
    figure: PublishedFigure,
) -> None:
    csv_text = export_bytes(figure, "csv").decode("utf-8-sig")
    wide = openpyxl.load_workbook(io.BytesIO(export_bytes(figure, "xlsx")))["Tabel"]
    long = openpyxl.load_workbook(io.BytesIO(export_bytes(figure, "xlsx", long=True)))["Tabel"]
    wide_labels = "\n".join(str(row[0]) for row in wide.iter_rows(values_only=True))
    long_labels = "\n".join(str(row[1]) for row in long.iter_rows(values_only=True))

    for shown in (csv_text, wide_labels, long_labels):
        assert unsafe_characters(shown.replace("\r\n", "").replace("\n", "")) == []
        assert f"Hulp{REPLACEMENT}thuis" in shown and f"Nul{REPLACEMENT}teken" in shown


def test_the_chart_spec_every_renderer_gets_holds_no_unsafe_character(
    figure: PublishedFigure,
) -> None:
    strings: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            strings.extend(value)
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(json.loads(export_bytes(figure, "vega")))
    assert [s for s in strings if unsafe_characters(s)] == []
    assert f"Hulp{REPLACEMENT}thuis" in strings


@pytest.mark.slow  # a subprocess rendering PNG, SVG and the PDF report
def test_one_process_exports_every_format_and_the_report_and_survives(
    hostile_store: Path, tmp_path: Path
) -> None:
    """Before the fix the first PNG or SVG aborted the process with exit code 134."""
    script = f"""
import sys
from pathlib import Path
from monitor.domain.editions import edition_from_text
from monitor.publication.edition import published_edition
from monitor.publication.editorial import texts_for
from monitor.render.export import export_bytes
from monitor.render.report import report_pdf

store, out = Path(sys.argv[1]), Path(sys.argv[2])
edition = edition_from_text("2026-09")
published = published_edition(store, edition)
figure = published.figure("{FIGURE}")
for file_format in ("png", "svg", "xlsx", "csv"):
    (out / f"figuur.{{file_format}}").write_bytes(export_bytes(figure, file_format))
(out / "rapport.pdf").write_bytes(report_pdf(published, published.catalogue,
                                             texts_for(store, edition)))
print("klaar")
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(hostile_store), str(tmp_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "klaar"
    assert (tmp_path / "figuur.png").read_bytes().startswith(b"\x89PNG")
    svg = (tmp_path / "figuur.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and f"Hulp{REPLACEMENT}thuis" in svg
    assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(tmp_path / "rapport.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert f"Hulp{REPLACEMENT}thuis" in text
