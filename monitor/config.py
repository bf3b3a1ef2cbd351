"""Where things live: the store directory, the catalogue and the query files."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_ROOT / "queries"
DEFAULT_CATALOGUE = PROJECT_ROOT / "data" / "catalogus.toml"
# The figures of a catalogue without [[figuur]] blocks (one written before figures were
# configuration); never edited, so such a catalogue keeps the figures it was published with.
STANDARD_FIGURES = PROJECT_ROOT / "data" / "standaardfiguren.toml"


def data_dir() -> Path:
    """`MONITOR_DATA_DIR`, default `data/` (relative to the working directory)."""
    return Path(os.environ.get("MONITOR_DATA_DIR", "data"))


def catalogue_path() -> Path:
    """`MONITOR_CATALOGUS` when a gemeente has its own catalogue, else the shipped one."""
    configured = os.environ.get("MONITOR_CATALOGUS")
    return Path(configured) if configured else DEFAULT_CATALOGUE


def gemeente_code() -> str:
    """The CBS code (e.g. GM0098) of the gemeente the dashboard shows. Empty means the
    figures uploaded without a gemeente column: the gemeente's own figures."""
    return os.environ.get("MONITOR_GEMEENTE", "")
