"""The edition in the address bar (`?editie=2026-06`, `?editie=concept`), so that a raadslid can
bookmark and share an edition: a new address chooses the edition, and the address always names
the edition shown. A link to a withdrawn or unpublished edition says so, with the reason of a
withdrawal, instead of silently showing another one."""

from __future__ import annotations

import streamlit as st

from monitor import config
from monitor.app.edition_choice import EDITION_KEY, EditionChoice
from monitor.domain.editions import edition_from_text
from monitor.domain.numbers import format_moment
from monitor.domain.periods import PeriodError
from monitor.publication.editorial import withdrawal_of
from monitor.render.markdown_text import literal_markdown

ADDRESS_PARAM = "editie"
CONCEPT = "concept"
FOLLOWED_KEY = "editie-adres"  # the address value this session last followed or wrote
NOTICE_KEY = "editie-melding"  # (message, the choice shown instead) for a link not followed


def address_value(choice: EditionChoice) -> str:
    return CONCEPT if choice.is_draft else choice.edition.key


def missing_message(asked: str, shown: EditionChoice) -> str:
    """Why the edition a link asks for is not shown, in the words a reader needs."""
    instead = f"U ziet editie {shown.label}."
    if asked == CONCEPT:
        return f"Het concept is alleen zichtbaar voor beleidsmedewerkers. {instead}"
    try:
        edition = edition_from_text(asked)
    except (PeriodError, ValueError):
        # The address is anyone's text (a link can be sent to a reader): shown, never rendered.
        return (
            f"'{literal_markdown(asked)}' is geen editie (bijvoorbeeld ?editie=2026-06). {instead}"
        )
    withdrawal = withdrawal_of(config.data_dir(), edition)
    if withdrawal is not None:
        return (
            f"Editie {edition.label} is op {format_moment(withdrawal.withdrawn_at)} ingetrokken. "
            f"Reden: {literal_markdown(withdrawal.reason)} {instead}"
        )
    return f"Editie {edition.label} is niet gepubliceerd. {instead}"


def follow_address(choices: list[EditionChoice]) -> None:
    """Before the edition selector is drawn: an address this session has not followed yet (a
    bookmark, a shared link) chooses the edition."""
    asked = st.query_params.get(ADDRESS_PARAM)
    if asked is None or asked == st.session_state.get(FOLLOWED_KEY):
        return
    st.session_state[FOLLOWED_KEY] = asked
    match = next((choice for choice in choices if address_value(choice) == asked), None)
    if match is not None:
        st.session_state[EDITION_KEY] = match.key
        st.session_state.pop(NOTICE_KEY, None)
        return
    shown = next((choice for choice in choices if not choice.is_draft), choices[0])
    st.session_state[EDITION_KEY] = shown.key
    st.session_state[NOTICE_KEY] = (missing_message(asked, shown), shown.key)


def show_address(chosen: EditionChoice) -> None:
    """After the selector: the notice for a link that could not be followed (the address stays
    as the link had it, so it can be passed on), otherwise the address of the edition shown."""
    notice = st.session_state.get(NOTICE_KEY)
    if notice is not None and notice[1] == chosen.key:
        st.warning(notice[0])
        return
    st.session_state.pop(NOTICE_KEY, None)
    value = address_value(chosen)
    st.session_state[FOLLOWED_KEY] = value
    if st.query_params.get(ADDRESS_PARAM) != value:
        st.query_params[ADDRESS_PARAM] = value
