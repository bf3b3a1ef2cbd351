"""Uploaded files before they are read: the name a user knows and the SHA-256 the history
records. Shared by the figure import and the records import; sizes in messages are in `MB`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024  # a mebibyte; every size in a message is in these units


@dataclass(frozen=True)
class UploadFile:
    path: Path
    name: str  # the name the user knows (an upload keeps its original name)
    # The indicator of a wide file, chosen for this file alone; None falls back to the one
    # given for every file (`--indicator`), then to the sheet name.
    indicator_id: str | None = None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
