"""The newest published editions built while the server starts, and again after a publication.

Building an edition (every figure through the gate, its sentences and chart data) and importing
what the reading pages import costs seconds; without this the first raadslid after a restart, or
after a publication, waits for it. Everything built here lands in the caches the pages read
(`published_edition` and the chart cache), keyed exactly as a page asks.
"""

from __future__ import annotations

import ast
import importlib
import logging
import threading
import time
from pathlib import Path

from streamlit import runtime

from monitor import config
from monitor.app.components.figure_view import prepare_figure
from monitor.app.navigation import READING
from monitor.publication.edition import published_edition, store_version
from monitor.publication.editorial import published_editions

NEWEST_EDITIONS = 2  # what readers open first: the newest edition and the one before it
WATCH_SECONDS = 2.0

WARMED_MESSAGE = "Edities voorbereid voor de eerste lezer"

log = logging.getLogger(__name__)


def page_modules() -> list[str]:
    """The modules the reading pages import (their scripts run on a visit, not at start)."""
    names: list[str] = []
    for entry in READING:
        tree = ast.parse((config.PROJECT_ROOT / entry.script).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.append(node.module)
            elif isinstance(node, ast.Import):
                names.extend(alias.name for alias in node.names)
    return list(dict.fromkeys(names))


def warm_editions(data_dir: Path, count: int = NEWEST_EDITIONS) -> list[str]:
    """Build the newest `count` published editions as a first visit would; returns their keys."""
    warmed = []
    for info in published_editions(data_dir)[:count]:
        edition = published_edition(data_dir, info.edition, version=info.version)
        for figure in edition.figures:
            prepare_figure(figure)
        warmed.append(info.edition.key)
    return warmed


def _warm_and_say(data_dir: Path) -> None:
    try:
        warmed = warm_editions(data_dir)
    except Exception:
        # A store that cannot be read now is the pages' to explain; the server keeps running.
        log.exception("Voorbereiden van de edities mislukt")
        return
    if warmed:
        log.warning("%s: %s", WARMED_MESSAGE, ", ".join(warmed))


def _watch(data_dir: Path, seen: str) -> None:
    """Warm again whenever the store moves on (an import or publication, from any process)."""
    while True:
        time.sleep(WATCH_SECONDS)
        try:
            now = store_version(data_dir)
        except OSError:
            # The store directory is being written or moved: look again at the next tick.
            now = seen
        if now != seen:
            seen = now
            _warm_and_say(data_dir)


_watching: set[Path] = set()


def _start(data_dir: Path) -> None:
    # The pages' modules declare Streamlit caches: imported before the runtime exists they
    # would get caches of their own instead of the server's.
    while not runtime.exists():
        time.sleep(0.1)
    for name in page_modules():
        importlib.import_module(name)
    seen = store_version(data_dir)
    _warm_and_say(data_dir)
    _watch(data_dir, seen)


def warm_server(data_dir: Path) -> None:
    """At server start: import what the pages import and build the newest editions while the
    server comes up, then keep them warm whenever the store moves on (one thread per store)."""
    if data_dir.resolve() in _watching:
        return
    _watching.add(data_dir.resolve())
    threading.Thread(target=_start, args=(data_dir,), name="edities-voorbereiden",
                     daemon=True).start()  # fmt: skip
