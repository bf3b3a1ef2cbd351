"""Which page an address asks for that its visitor may not open, and what the visitor is told."""

from __future__ import annotations

from monitor.app.navigation import refusal_text, refused_entry
from monitor.domain.access import Access, Role

ANONYMOUS = Access(logged_in=False, name="", roles=frozenset(), can_view=True)
RAADSLID = Access(logged_in=True, name="raadslid", roles=frozenset(), can_view=True)
BELEID = Access(
    logged_in=True, name="beleid", roles=frozenset({Role.BELEIDSMEDEWERKER}), can_view=True
)


def test_an_anonymous_visitor_of_the_upload_address_is_told_to_log_in() -> None:
    refused = refused_entry("https://monitor.voorbeeld.nl/upload", ANONYMOUS)

    assert refused is not None and refused.title == "Cijfers uploaden"
    assert "Log in met de knop Inloggen" in refusal_text(refused, ANONYMOUS, can_log_in=True)


def test_a_logged_in_reader_is_told_the_role_is_missing_and_without_login_so_is_that() -> None:
    refused = refused_entry("http://localhost:8501/beheer/", RAADSLID)

    assert refused is not None
    assert "uw account heeft die rol niet" in refusal_text(refused, RAADSLID, can_log_in=True)
    assert "niet ingericht" in refusal_text(refused, ANONYMOUS, can_log_in=False)


def test_an_address_the_visitor_may_open_refuses_nothing() -> None:
    assert refused_entry("http://localhost:8501/upload", BELEID) is None
    assert refused_entry("http://localhost:8501/wmo", ANONYMOUS) is None
    assert refused_entry(None, ANONYMOUS) is None
