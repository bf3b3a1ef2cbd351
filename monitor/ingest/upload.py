"""The beleidsmedewerker's upload workflow for the browser: the same validation, diff and
publication as `monitor import`, with uploads kept under their own names."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from monitor.domain.catalogue import Catalogue
from monitor.domain.numbers import format_uploaded
from monitor.domain.periods import period_from_key
from monitor.ingest.diff import CijferDiff, DiffLine
from monitor.ingest.figure_import import ImportResult, import_files
from monitor.ingest.files import MB, UploadFile
from monitor.ingest.reading import MAX_FIGURE_FILE_BYTES


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    indicator_id: str | None = None  # for a wide file: chosen per file on the page


UPLOAD_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".xls")
# What the upload widget says and checks before sending: the import's own limit per file.
MAX_UPLOAD_MB = MAX_FIGURE_FILE_BYTES // MB


def _safe_name(name: str) -> str:
    # Only the base name, without path tricks: the name is shown and recorded, not trusted.
    base = re.sub(r"[^\w.\- ]", "_", Path(name).name)[:120].strip()
    return base if base.strip(".") else "upload"


def _stored_path(folder: Path, name: str) -> Path:
    """Where an upload is written: a fixed name with only its known extension, so the name a user
    gave (even '..') is never part of a path."""
    suffix = Path(name).suffix.lower()
    return folder / ("bestand" + (suffix if suffix in UPLOAD_SUFFIXES else ""))


def indicator_choices(catalogue: Catalogue) -> dict[str, str]:
    """The indicators a wide file can hold, id -> what the beleidsmedewerker reads: the Dutch title
    and unit, in catalogue order (chapter by chapter); the id only where two titles are alike."""
    titles = [indicator.titel for indicator in catalogue.by_id.values()]
    return {
        indicator.id: f"{indicator.titel} ({indicator.eenheid.value})"
        + (f" – {indicator.id}" if titles.count(indicator.titel) > 1 else "")
        for indicator in catalogue.by_id.values()
    }


def run_upload(data_dir: Path, uploads: list[Upload], catalogue: Catalogue, author: str,
               dry_run: bool, expected_version: int | None = None) -> ImportResult:  # fmt: skip
    """Validate (and unless dry_run, store) uploaded files; raises ImportRefused, and
    StoreError when the store is no longer at `expected_version` (the version checked)."""
    with tempfile.TemporaryDirectory(prefix="upload-") as work:
        files = []
        for index, upload in enumerate(uploads):
            folder = Path(work) / str(index)
            folder.mkdir()
            path = _stored_path(folder, _safe_name(upload.name))
            path.write_bytes(upload.data)
            files.append(UploadFile(path, _safe_name(upload.name), upload.indicator_id))
        return import_files(data_dir, files, catalogue, author=author, dry_run=dry_run,
                            expected_version=expected_version)  # fmt: skip


def preview_frame(result: ImportResult, limit: int = 500) -> pd.DataFrame:
    """The parsed values as the beleidsmedewerker uploaded them, in Dutch notation."""
    rows = [
        {
            "Bestand": row.file,
            "Rij": row.row,
            "Indicator": row.indicator,
            "Periode": row.period.label,
            "Categorie": row.categorie or "(totaal)",
            "Waarde": format_uploaded(row.waarde),
        }
        for row in result.upload.rows[:limit]
    ]
    return pd.DataFrame(rows)


def _diff_record(line: DiffLine) -> dict[str, str]:
    return {
        "Indicator": line.indicator,
        "Periode": period_from_key(line.periode).label,
        "Categorie": line.categorie or "(totaal)",
        "Was": format_uploaded(line.old),
        "Wordt": format_uploaded(line.new),
        "Eerdere periode herzien": "ja" if line.earlier_period else "",
    }


def changed_frame(diff: CijferDiff) -> pd.DataFrame:
    return pd.DataFrame([_diff_record(line) for line in diff.changed])


def new_frame(diff: CijferDiff, limit: int = 500) -> pd.DataFrame:
    return pd.DataFrame([_diff_record(line) for line in diff.new[:limit]])
