"""An upload's file name is only ever a label (issue: an outside attacker's findings): a name such
as '..' or a path gives a Dutch refusal or a clean import, never a write outside the upload's
own folder or a traceback."""

from __future__ import annotations

import pytest

from monitor.ingest.problems import ImportRefused
from monitor.ingest.upload import Upload, run_upload

VALID = b"indicator;periode;categorie;waarde\nwmo.lasten;2024-03;;100\n"


@pytest.mark.parametrize("name", ["..", ".", "", "../../etc/passwd", "..\\..\\x.csv", "/", "a/.."])
def test_a_path_like_upload_name_is_only_a_label(name, data_dir, catalogue):
    try:
        result = run_upload(data_dir, [Upload(name, VALID)], catalogue, "test", True)
    except ImportRefused as refused:
        assert all(problem.message for problem in refused.problems)
        return
    (source,) = result.upload.files
    assert source.name not in ("", ".", "..") and "/" not in source.name
    assert len(result.upload.rows) == 1


def test_an_upload_named_dot_dot_with_csv_content_is_imported_as_csv(data_dir, catalogue):
    result = run_upload(data_dir, [Upload("..", VALID)], catalogue, "test", True)
    assert [source.name for source in result.upload.files] == ["upload"]
