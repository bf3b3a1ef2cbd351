"""What every page needs from the running app: who is looking, which edition they chose, and
the published figures and texts of that edition (cached per store version, shared by all
sessions)."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from monitor import config
from monitor.app.address import follow_address, show_address
from monitor.app.edition_choice import EDITION_KEY, EditionChoice
from monitor.domain.access import Access, AccessSettings, Role
from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import Edition
from monitor.publication.edition import (
    PublishedEdition,
    available_editions,
    current_catalogue,
    published_edition,
    store_version,
)
from monitor.publication.editorial import TextRecord, published_editions, texts_for
from monitor.render.markdown_text import literal_markdown
from monitor.store.history import StoreError
from monitor.store.logins import access_now


def data_dir() -> Path:
    return config.data_dir()


def catalogue() -> Catalogue:
    return current_catalogue()


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, KeyError, AttributeError):
        return {}
    except Exception:
        return {}


def login_configured() -> bool:
    return "auth" in _secrets()


def login_user() -> dict:
    """The login in this session's cookie, as the provider issued it (not yet checked)."""
    return st.user.to_dict() if login_configured() else {}


def current_access() -> Access:
    """What this user may do on this run: the cookie says who logged in, the server's login
    register whether that login still counts (not after *Uitloggen*, a role change or the
    session lifetime)."""
    # One read of the secrets: without a secrets file Streamlit looks for it on every read.
    secrets = _secrets()
    user = st.user.to_dict() if "auth" in secrets else {}
    return access_now(data_dir(), user, AccessSettings.from_secrets(secrets), time.time())


@st.cache_data(show_spinner=False, max_entries=16)
def _choices(directory: str, version: str) -> tuple[list[EditionChoice], list[EditionChoice]]:
    # Keyed on the store version: a new publication appears at the next rerun.
    path = Path(directory)
    published = [
        EditionChoice(
            info.edition,
            info.version,
            f"{info.edition.label} (gecorrigeerd)" if info.replaces else info.edition.label,
            info.replaces,
            info.note,
        )
        for info in published_editions(path)
    ]
    drafts = [
        EditionChoice(edition, None, f"{edition.label} (concept)")
        for edition in available_editions(path)[:1]
    ]
    return published, drafts


def edition_choices(access: Access) -> list[EditionChoice]:
    """Viewers see published editions only; beleidsmedewerkers also the draft of the newest."""
    directory = data_dir()
    published, drafts = _choices(str(directory.resolve()), store_version(directory))
    if access.has(Role.BELEIDSMEDEWERKER):
        return [*drafts, *published]
    return published


def edition_selector(access: Access) -> EditionChoice | None:
    choices = edition_choices(access)
    if not choices:
        return None
    follow_address(choices)
    keys = [choice.key for choice in choices]
    if st.session_state.get(EDITION_KEY) not in keys:
        st.session_state[EDITION_KEY] = keys[0]
    labels = {choice.key: choice.label for choice in choices}
    st.sidebar.selectbox(
        "Editie (peildatum)",
        keys,
        key=EDITION_KEY,
        format_func=lambda key: labels[key],
        help="Elke editie toont het lopende jaar tot de peildatum en de twee jaren ervoor.",
    )
    chosen = current_choice(access)
    if chosen is not None:
        show_address(chosen)
    if chosen is not None and chosen.note:
        st.info(literal_markdown(chosen.note))
    if chosen is not None and chosen.replaces:
        st.sidebar.info(
            "Gecorrigeerde editie: deze vervangt een eerder gepubliceerde versie die is "
            f"ingetrokken. Reden: {literal_markdown(chosen.replaces)}"
        )
    return chosen


def current_choice(access: Access | None = None) -> EditionChoice | None:
    choices = edition_choices(access or current_access())
    chosen = st.session_state.get(EDITION_KEY)
    return next((c for c in choices if c.key == chosen), choices[0] if choices else None)


def current_published() -> PublishedEdition | None:
    choice = current_choice()
    if choice is None:
        return None
    try:
        return published_edition(data_dir(), choice.edition, version=choice.version)
    except StoreError:
        # The snapshot of this publication is damaged: say so and keep the other editions.
        st.error(
            f"Editie {choice.label} kan nu niet worden getoond: het bestand waarin ze is "
            "vastgelegd is beschadigd. Kies een andere editie en meld dit bij de beheerder."
        )
        st.stop()


@st.cache_data(show_spinner=False, max_entries=32)
def _texts(
    directory: str, edition: Edition, version: int | None, store: str
) -> dict[str, TextRecord]:
    # A published edition's snapshot never changes; the draft's texts are keyed on `store`, the
    # current store version, so a saved text shows at the next rerun.
    return texts_for(Path(directory), edition, version)


def current_texts() -> dict[str, TextRecord]:
    choice = current_choice()
    if choice is None:
        return {}
    directory = data_dir()
    store = store_version(directory) if choice.is_draft else ""
    return _texts(str(directory.resolve()), choice.edition, choice.version, store)


def require(role: Role) -> Access:
    """Re-check at the top of a restricted page: registration alone is not protection."""
    access = current_access()
    if not access.has(role):
        st.error("U heeft geen toegang tot deze pagina. Log in met een account met de juiste rol.")
        st.stop()
    return access
