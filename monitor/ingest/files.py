"""Uploaded files before they are read: the name a user knows, the SHA-256 the history records,
and the refusal of an Excel file that is no zip or would unpack too far (a zip bomb). Shared by
the figure import and the records import, so both refuse in the same words and units."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from monitor.ingest.problems import ImportRefused, Problem

MB = 1024 * 1024  # a mebibyte; every size in a message is in these units


@dataclass(frozen=True)
class UploadFile:
    path: Path
    name: str  # the name the user knows (an upload keeps its original name)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_workbook_zip(source: bytes | Path, file: str, limit: int, advice: str) -> None:
    """Refuse an .xlsx that is not a zip, or whose entries unpack to more than `limit` bytes,
    before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(
            io.BytesIO(source) if isinstance(source, bytes) else source
        ) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        message = "dit is geen geldig Excel-bestand (.xlsx); het is beschadigd of half geschreven."
        raise ImportRefused([Problem(file, message)]) from None
    if total > limit:
        message = (
            f"het Excel-bestand pakt uit tot {total / MB:.0f} MB; de grens is {limit // MB} MB. "
            f"{advice}"
        )
        raise ImportRefused([Problem(file, message)])
