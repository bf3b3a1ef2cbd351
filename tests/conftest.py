"""Shared fixtures: the shipped catalogue, an empty store directory, and builders for upload files."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import Catalogue, load_catalogue
from monitor.ingest.figure_import import ImportResult, import_files
from monitor.ingest.files import UploadFile
from tests.support.login import fresh_context
from tests.support.server import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING

LONG_HEADER = "indicator;periode;categorie;waarde\n"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright, for the browser tests."""
    if not CHROMIUM.exists():
        pytest.fail(CHROMIUM_MISSING)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context: no login cookie."""
    with fresh_context(browser) as fresh:
        yield fresh


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(DEFAULT_CATALOGUE)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Where the store lives; it does not exist yet, which is a valid empty store."""
    return tmp_path / "data"


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` exactly as given (no newline translation) in `encoding`."""
    path.write_bytes(text.encode(encoding))
    return path


def run_import(
    data_dir: Path, catalogue: Catalogue, *paths: Path, **options: object
) -> ImportResult:
    files = [UploadFile(path, path.name) for path in paths]
    return import_files(data_dir, files, catalogue, author="test", **options)


def tree_digest(directory: Path) -> dict[str, str]:
    """Every file under `directory` by relative path with its SHA-256: equal digests mean the
    directory is byte-identical (an absent directory gives an empty digest)."""
    if not directory.exists():
        return {}
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    """A store with the demo edition of Gemeente Voorbeeld, shared read-only by the session."""
    from monitor.demo.data import load_demo
    from monitor.demo.texts import DEMO_EDITIONS, publish_demo_editions
    from monitor.domain.editions import edition_from_text
    from monitor.render.artefact_audit import exported_findings

    directory = tmp_path_factory.mktemp("demo") / "data"
    load_demo(directory, catalogue)
    publish_demo_editions(
        directory, catalogue, [edition_from_text(e) for e in DEMO_EDITIONS], exported_findings
    )
    return directory


@pytest.fixture
def demo_copy(demo_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo store, made the configured store (MONITOR_DATA_DIR), for
    tests that write to it: the session's demo store stays as it was."""
    directory = tmp_path / "data"
    shutil.copytree(demo_data_dir, directory)
    monkeypatch.setenv("MONITOR_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def fresh_streamlit_caches() -> Iterator[None]:
    """Streamlit's caches outlive an AppTest run; each test starts without them."""
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
