"""The edition is in the address: a link opens that edition, the address follows the choice,
and a link to a withdrawn or unpublished edition says so instead of silently showing another."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.domain.editions import edition_from_text
from monitor.publication.editorial import withdraw_edition

APP = Path(__file__).resolve().parent.parent / "app.py"
REASON = "Te vroeg gepubliceerd: de lasten Jeugd over september ontbraken."


@pytest.fixture(autouse=True)
def _fresh_caches(fresh_streamlit_caches: None) -> None:
    """Every test of this file starts without Streamlit's caches."""


@pytest.fixture
def store(demo_copy: Path) -> Path:
    return demo_copy


def opened(address: str | None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    if address is not None:
        at.query_params["editie"] = address
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notices(at: AppTest) -> list[str]:
    """The address notices (the Overzicht draws its signals as warnings too)."""
    return [w.value for w in at.warning if "U ziet editie" in w.value]


def shown(at: AppTest) -> str:
    return at.sidebar.selectbox[0].value.split("@")[0]


def test_a_link_opens_its_edition(store: Path) -> None:
    at = opened("2026-06")
    assert shown(at) == "2026-06"
    assert notices(at) == []
    assert at.query_params["editie"] == "2026-06"


def test_the_address_follows_the_edition_chosen(store: Path) -> None:
    at = opened(None)
    assert shown(at) == "2026-09" and at.query_params["editie"] == "2026-09"
    at.sidebar.selectbox[0].select(at.sidebar.selectbox[0].options[1]).run()
    assert shown(at) == "2026-06" and at.query_params["editie"] == "2026-06"


def test_a_link_to_a_withdrawn_edition_says_why_and_keeps_its_address(store: Path) -> None:
    withdraw_edition(store, edition_from_text("2026-09"), REASON, "beleid@voorbeeld.nl")
    at = opened("2026-09")
    (warning,) = notices(at)
    assert warning.startswith("Editie t/m september 2026 is op ")
    assert f"ingetrokken. Reden: {REASON} U ziet editie t/m juni 2026." in warning
    assert shown(at) == "2026-06"
    assert at.query_params["editie"] == "2026-09", "the link can be passed on as it was"


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("2025-12", "Editie t/m december 2025 is niet gepubliceerd. U ziet editie t/m september 2026."),
        ("volgende", "'volgende' is geen editie (bijvoorbeeld ?editie=2026-06). U ziet editie t/m september 2026."),
        ("concept", "Het concept is alleen zichtbaar voor beleidsmedewerkers. U ziet editie t/m september 2026."),
    ],
)  # fmt: skip
def test_a_link_to_an_edition_a_reader_cannot_see_says_so(store: Path, address, message) -> None:
    at = opened(address)
    assert notices(at) == [message]
    assert shown(at) == "2026-09"
