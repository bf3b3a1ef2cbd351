"""The demo of Gemeente Voorbeeld: deterministic files that go through the real import."""

from __future__ import annotations

import hashlib

import pytest

from monitor.demo.data import load_demo, write_demo_files


def digests(directory):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def test_demo_files_are_identical_on_every_run(tmp_path):
    write_demo_files(tmp_path / "a")
    write_demo_files(tmp_path / "b")
    assert digests(tmp_path / "a") == digests(tmp_path / "b")


def test_demo_files_include_long_wide_and_excel_uploads(tmp_path):
    files = write_demo_files(tmp_path)
    suffixes = {f.path.suffix for f in files}
    assert suffixes == {".csv", ".xlsx"}
    wide = [f for f in files if f.indicator == "wmo.clienten"]
    assert wide and wide[0].path.read_text(encoding="utf-8-sig").startswith(
        "Voorziening;mrt-22;jun-22;sep-22"
    )


def test_demo_is_not_loaded_over_published_figures(demo_data_dir, catalogue):
    with pytest.raises(ValueError, match="bevat al cijfers"):
        load_demo(demo_data_dir, catalogue)
