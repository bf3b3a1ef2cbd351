"""What every page needs from the running app: the store location, the chosen edition and the
published figures of that edition (cached per store version, shared by all sessions)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from monitor import config
from monitor.catalogue import Catalogue
from monitor.editions import Edition
from monitor.publication import (
    PublishedEdition,
    available_editions,
    current_catalogue,
    published_edition,
    store_version,
)

EDITION_KEY = "editie"


def data_dir() -> Path:
    return config.data_dir()


def catalogue() -> Catalogue:
    return current_catalogue()


@st.cache_data(show_spinner=False, max_entries=16)
def _editions(directory: str, version: str) -> list[Edition]:
    # Keyed on the store version: a new publication makes new editions visible at the next rerun.
    return available_editions(Path(directory))


def editions() -> list[Edition]:
    directory = data_dir()
    return _editions(str(directory.resolve()), store_version(directory))


def edition_selector() -> Edition | None:
    """The edition chooser in the sidebar; remembers the choice across pages."""
    choices = editions()
    if not choices:
        return None
    keys = [edition.key for edition in choices]
    if st.session_state.get(EDITION_KEY) not in keys:
        st.session_state[EDITION_KEY] = keys[0]
    labels = {edition.key: edition.label for edition in choices}
    st.sidebar.selectbox(
        "Editie (peildatum)",
        keys,
        key=EDITION_KEY,
        format_func=lambda key: labels[key],
        help="Elke editie toont het lopende jaar tot de peildatum en de twee jaren ervoor.",
    )
    return next(edition for edition in choices if edition.key == st.session_state[EDITION_KEY])


def current_published() -> PublishedEdition | None:
    choices = editions()
    if not choices:
        return None
    chosen = st.session_state.get(EDITION_KEY, choices[0].key)
    edition = next((e for e in choices if e.key == chosen), choices[0])
    return published_edition(data_dir(), edition)
