"""What every page needs from the running app: the store location, the chosen edition and the
published figures of that edition (cached per store version, shared by all sessions)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from monitor import config
from monitor.editions import Edition
from monitor.publication import PublishedEdition, latest_edition, published_edition

EDITION_KEY = "editie"


def data_dir() -> Path:
    return config.data_dir()


def current_edition() -> Edition | None:
    chosen = st.session_state.get(EDITION_KEY)
    return chosen if isinstance(chosen, Edition) else latest_edition(data_dir())


def current_published() -> PublishedEdition | None:
    edition = current_edition()
    if edition is None:
        return None
    return published_edition(data_dir(), edition)
