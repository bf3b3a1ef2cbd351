"""The writing side of the dashboard, run in-process with Streamlit's AppTest: who sees which pages,
and the beleidsmedewerker's upload, texts and editions against a private copy of the demo store.

Users are simulated with AppTest.user and a fake [auth] section in AppTest.secrets (login is
"configured"; nothing talks to a provider). Each test gets its own copy of the demo store."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import streamlit as st
from conftest import LONG_HEADER, run_import, tree_digest
from streamlit.testing.v1 import AppTest

from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import Catalogue, load_catalogue
from monitor.domain.editions import edition_from_text
from monitor.ingest.upload import indicator_choices
from monitor.publication.editorial import published_editions, texts_for
from monitor.store.history import version_records
from monitor.store.logins import end_login, end_logins_of
from monitor.store.snapshots import open_snapshot

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "app.py"

FAKE_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret-that-is-long-enough-0123456789",
    "client_id": "monitor-test",
    "client_secret": "test-geheim",
    "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
}
MONITOR_SETTINGS = {"publiek": True, "rollen_claim": "roles"}

ANONYMOUS = {"is_logged_in": False}
RAADSLID = {"is_logged_in": True, "email": "raadslid@voorbeeld.nl", "roles": []}
BELEID = {"is_logged_in": True, "email": "beleid@voorbeeld.nl", "roles": ["beleidsmedewerker"]}
BEHEER = {"is_logged_in": True, "email": "beheer@voorbeeld.nl", "roles": ["beheerder"]}
READERS = {"anoniem": ANONYMOUS, "raadslid": RAADSLID}

WRITING_TITLES = ["Cijfers uploaden", "Teksten", "Edities en historie"]
RESTRICTED_TITLES = [*WRITING_TITLES, "Beheer"]
READING_TITLES = [
    "Overzicht",
    "1. Wmo",
    "2. Jeugd",
    "3. Participatie",
    "4. Sociale basis",
    "Over deze monitor",
]
UPLOAD = "monitor/app/admin/upload.py"
TEKSTEN = "monitor/app/admin/teksten.py"
EDITIES = "monitor/app/admin/edities.py"
BEHEER_PAGE = "monitor/app/admin/beheer.py"
WMO = "monitor/app/pages/wmo.py"
RESTRICTED_SCRIPTS = [UPLOAD, TEKSTEN, EDITIES, BEHEER_PAGE]
NO_ACCESS = "U heeft geen toegang tot deze pagina"

DRAFT_LABEL = "t/m september 2026 (concept)"
PUBLISHED_LABELS = ["t/m september 2026", "t/m juni 2026"]
SEPTEMBER = edition_from_text("2026-09")

# The demo publishes wmo.lasten per month through September 2026: this revises March (an earlier
# period) and adds October.
REVISED_MARCH = "1600000"
NEW_OCTOBER = "1450000"
REVISION_CSV = (
    LONG_HEADER + f"wmo.lasten;2026-03;;{REVISED_MARCH}\nwmo.lasten;2026-10;;{NEW_OCTOBER}\n"
).encode()
MALFORMED_CSV = (LONG_HEADER + "wmo.lasten;2026-03;;twaalf\n").encode()

SCRIPT_TEXT = "Let op: <script>alert(1)</script> en **vet** gedrukt."


@pytest.fixture(autouse=True)
def _fresh_caches(fresh_streamlit_caches: None) -> None:
    """Every test of this file starts without Streamlit's caches."""


@pytest.fixture
def store(demo_copy: Path) -> Path:
    return demo_copy


@pytest.fixture
def navigations(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The page titles app.py hands to st.navigation, one list per run."""
    calls: list[list[str]] = []
    original = st.navigation

    def spy(pages, *args, **kwargs):
        groups = pages.values() if isinstance(pages, dict) else [pages]
        calls.append([page.title for group in groups for page in group])
        return original(pages, *args, **kwargs)

    monkeypatch.setattr(st, "navigation", spy)
    return calls


def app_as(user: dict, script: Path = APP, login: bool = True) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=60)
    if login:
        at.secrets["auth"] = dict(FAKE_AUTH)
    at.secrets["monitor"] = dict(MONITOR_SETTINGS)
    # A login cookie always carries the moment of login (the ID token's iat).
    at.user = {"iat": int(time.time()) - 60, **user} if user.get("is_logged_in") else dict(user)
    return at


def run_ok(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(user: dict, script: str) -> AppTest:
    at = run_ok(app_as(user))
    at.switch_page(script)
    return run_ok(at)


def texts_of(at: AppTest) -> list[str]:
    return [
        element.value
        for kind in ("markdown", "caption", "success", "error", "warning", "info", "code")
        for element in at.get(kind)
    ]


def assert_no_writing_controls(at: AppTest) -> None:
    assert not at.get("file_uploader")
    assert not at.text_area
    assert not at.checkbox
    assert [button.label for button in at.main.button] == []


def figure(store: Path, indicator: str, periode: str) -> str | None:
    con = open_snapshot(store)
    try:
        row = con.execute(
            "SELECT waarde FROM cijfers WHERE indicator = ? AND periode = ? "
            "AND categorie = '' AND gemeente = ''",
            [indicator, periode],
        ).fetchone()
    finally:
        con.close()
    return None if row is None else format(row[0].normalize(), "f")


def figure_rows(store: Path, version: int | None = None) -> list[tuple]:
    con = open_snapshot(store, version)
    try:
        return con.execute("SELECT * FROM cijfers ORDER BY ALL").fetchall()
    finally:
        con.close()


# --- who sees which pages ------------------------------------------------------------------------


def test_login_configured_is_seen_from_the_secrets_given_to_apptest(store: Path) -> None:
    at = run_ok(app_as(BELEID))

    assert any(c.value.startswith("Ingelogd als beleid@voorbeeld.nl") for c in at.sidebar.caption)
    assert [b.label for b in at.sidebar.button] == ["Uitloggen"]


@pytest.mark.parametrize("user", READERS.values(), ids=READERS.keys())
def test_readers_get_only_the_reading_pages_in_the_navigation(
    store: Path, navigations: list[list[str]], user: dict
) -> None:
    run_ok(app_as(user))

    assert navigations[-1] == READING_TITLES


def test_anonymous_visitor_sees_an_inloggen_button_and_no_account(store: Path) -> None:
    at = run_ok(app_as(ANONYMOUS))

    assert [b.label for b in at.sidebar.button] == ["Inloggen"]
    assert not [c for c in at.sidebar.caption if c.value.startswith("Ingelogd als")]


def test_without_login_configured_a_claimed_role_is_ignored(
    store: Path, navigations: list[list[str]]
) -> None:
    # No [auth] section: st.user cannot come from a login, so the app must not trust it.
    at = run_ok(app_as(BELEID, login=False))

    assert navigations[-1] == READING_TITLES
    assert not at.sidebar.button


def test_when_reading_is_not_public_an_anonymous_visitor_gets_only_the_login_page(
    store: Path, navigations: list[list[str]]
) -> None:
    at = app_as(ANONYMOUS)
    at.secrets["monitor"] = {**MONITOR_SETTINGS, "publiek": False}
    run_ok(at)

    assert navigations[-1] == ["Inloggen"]
    assert not at.sidebar.selectbox
    assert [b.label for b in at.sidebar.button] == ["Inloggen"]


def test_beleidsmedewerker_gets_the_writing_pages_but_not_beheer(
    store: Path, navigations: list[list[str]]
) -> None:
    run_ok(app_as(BELEID))

    assert navigations[-1] == READING_TITLES + WRITING_TITLES


def test_beheerder_gets_every_page_including_beheer(
    store: Path, navigations: list[list[str]]
) -> None:
    run_ok(app_as(BEHEER))

    assert navigations[-1] == READING_TITLES + RESTRICTED_TITLES


@pytest.mark.parametrize("script", RESTRICTED_SCRIPTS, ids=lambda s: Path(s).stem)
@pytest.mark.parametrize("user", READERS.values(), ids=READERS.keys())
def test_reader_cannot_switch_to_a_restricted_page(store: Path, user: dict, script: str) -> None:
    at = run_ok(app_as(user))

    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(script)


@pytest.mark.parametrize("script", RESTRICTED_SCRIPTS, ids=lambda s: Path(s).stem)
@pytest.mark.parametrize("user", READERS.values(), ids=READERS.keys())
def test_restricted_page_run_directly_by_a_reader_says_geen_toegang_and_offers_nothing(
    store: Path, user: dict, script: str
) -> None:
    at = run_ok(app_as(user, PROJECT_ROOT / script))

    assert [e.value for e in at.error] == [
        "U heeft geen toegang tot deze pagina. Log in met een account met de juiste rol."
    ]
    assert not at.title
    assert_no_writing_controls(at)


def test_beheer_page_run_directly_by_a_beleidsmedewerker_says_geen_toegang(store: Path) -> None:
    at = run_ok(app_as(BELEID, PROJECT_ROOT / BEHEER_PAGE))

    assert any(NO_ACCESS in e.value for e in at.error)
    assert not at.title
    assert not at.dataframe


def test_beheer_page_opens_for_a_beheerder(store: Path) -> None:
    at = open_page(BEHEER, BEHEER_PAGE)

    assert [t.value for t in at.title] == ["Beheer"]
    assert not at.error
    assert any("versies" in text for text in texts_of(at))


def test_session_that_loses_its_role_on_the_upload_page_no_longer_sees_the_uploader(
    store: Path,
) -> None:
    at = open_page(BELEID, UPLOAD)
    assert at.get("file_uploader")

    at.user = dict(ANONYMOUS)  # logged out, or the role was withdrawn
    run_ok(at)

    assert [t.value for t in at.title] == ["Monitor Sociaal Domein"]  # the default page
    assert_no_writing_controls(at)


# --- editions in the sidebar ---------------------------------------------------------------------


@pytest.mark.parametrize("user", READERS.values(), ids=READERS.keys())
def test_readers_can_choose_only_published_editions(store: Path, user: dict) -> None:
    at = run_ok(app_as(user))

    assert at.sidebar.selectbox[0].options == PUBLISHED_LABELS


def test_beleidsmedewerker_can_also_choose_the_draft_edition(store: Path) -> None:
    at = run_ok(app_as(BELEID))

    assert at.sidebar.selectbox[0].options == [DRAFT_LABEL, *PUBLISHED_LABELS]


# --- upload --------------------------------------------------------------------------------------


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.get("file_uploader")[0].set_value((name, data, "text/csv"))
    run_ok(at)
    at.button(key="upload-controleren").click()
    return run_ok(at)


def test_upload_shows_validation_preview_and_diff_and_publishes_only_after_confirmation(
    store: Path,
) -> None:
    at = open_page(BELEID, UPLOAD)
    old_march = figure(store, "wmo.lasten", "2026-03")
    before = tree_digest(store)

    upload(at, "lasten_herzien.csv", REVISION_CSV)

    assert not at.error, [e.value for e in at.error]
    assert [s.value for s in at.subheader] == [
        "Validatie",
        "Voorbeeld van de ingelezen cijfers",
        "Verschillen met de opgeslagen cijfers",
    ]
    assert "Geen fouten gevonden." in [s.value for s in at.success]
    preview = at.dataframe[0].value
    assert list(preview["Periode"]) == ["mrt-26", "okt-26"]
    assert set(preview["Bestand"]) == {"lasten_herzien.csv"}
    summary = next(md.value for md in at.markdown if "gewijzigde cijfers" in md.value)
    assert summary.startswith("**1** nieuwe cijfers, **1** gewijzigde cijfers")
    assert "(waarvan **1** in eerdere perioden)" in summary
    assert any("eerdere perioden worden herzien" in w.value for w in at.warning)
    changed = at.dataframe[1].value
    assert list(changed["Periode"]) == ["mrt-26"]
    assert list(changed["Wordt"]) == ["1.600.000"]
    assert list(changed["Eerdere periode herzien"]) == ["ja"]
    assert tree_digest(store) == before, "checking an upload must not change the store"
    publish = at.button(key="upload-opslaan")
    assert publish.disabled, "publishing needs the confirmation first"

    at.checkbox(key="upload-bevestigd").check()
    run_ok(at)
    assert tree_digest(store) == before, "ticking the box must not change the store"
    at.button(key="upload-opslaan").click()
    run_ok(at)

    newest = version_records(store)[0]
    saved = f"Opgeslagen als concept (versie {newest['version']}). Raadsleden zien deze cijfers pas"
    assert any(s.value.startswith(saved) for s in at.success)
    assert newest["author"] == "beleid@voorbeeld.nl"
    assert any("lasten_herzien.csv" in name for name in newest["files"])
    assert figure(store, "wmo.lasten", "2026-10") == NEW_OCTOBER
    assert figure(store, "wmo.lasten", "2026-03") == REVISED_MARCH != old_march
    run_ok(at)  # the next rerun forgets the checked upload: it cannot be published twice
    assert "Opslaan als concept" not in [button.label for button in at.main.button]


def test_checking_other_files_asks_for_a_new_confirmation(store: Path) -> None:
    at = open_page(BELEID, UPLOAD)
    upload(at, "eerste.csv", REVISION_CSV)
    at.checkbox(key="upload-bevestigd").check()
    run_ok(at)

    upload(at, "tweede.csv", (LONG_HEADER + "wmo.lasten;2026-01;;1\n").encode())

    assert at.checkbox(key="upload-bevestigd").value is False
    assert at.button(key="upload-opslaan").disabled


def test_publishing_after_the_store_changed_since_the_check_does_not_publish_unseen_changes(
    store: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    at = open_page(BELEID, UPLOAD)
    upload(at, "lasten_herzien.csv", REVISION_CSV)  # October is shown as a *new* figure
    cli = tmp_path / "cli.csv"
    cli.write_text(LONG_HEADER + "wmo.lasten;2026-10;;999\n", encoding="utf-8")
    run_import(store, catalogue, cli)  # e.g. `monitor import` from another desk
    at.checkbox(key="upload-bevestigd").check()
    run_ok(at)

    at.button(key="upload-opslaan").click()
    run_ok(at)

    assert not [s.value for s in at.success if s.value.startswith("Opgeslagen")]
    assert any("De store is veranderd sinds u keek" in e.value for e in at.error)
    assert figure(store, "wmo.lasten", "2026-10") == "999"


def test_malformed_upload_is_refused_in_dutch_with_file_row_and_column_and_changes_nothing(
    store: Path,
) -> None:
    at = open_page(BELEID, UPLOAD)
    before = tree_digest(store)

    upload(at, "fout.csv", MALFORMED_CSV)

    assert [e.value for e in at.error] == ["De upload is geweigerd. Er is niets gewijzigd."]
    report = at.code[0].value
    assert "fout.csv, rij 2, kolom 'waarde': 'twaalf' is geen getal" in report
    assert "Er is niets gewijzigd" in report
    assert not at.dataframe
    assert "Opslaan als concept" not in [button.label for button in at.main.button]
    assert tree_digest(store) == before


def test_each_wide_file_gets_its_own_indicator_chosen_by_its_dutch_title_and_unit(
    store: Path,
) -> None:
    at = open_page(BELEID, UPLOAD)
    at.get("file_uploader")[0].set_value(
        [
            ("lasten_wmo.csv", b"Onderdeel;2026-10\nTotaal;1700000\n", "text/csv"),
            ("lasten_jeugd.csv", b"Onderdeel;2026-10\nTotaal;900000\n", "text/csv"),
        ]
    )
    run_ok(at)
    wmo, jeugd = at.selectbox(key="upload-indicator-0"), at.selectbox(key="upload-indicator-1")
    assert wmo.label == "Indicator van lasten\\_wmo.csv"  # the file name is text, not Markdown
    assert "Lasten Wmo (euro)" in wmo.options
    assert "Cliënten Wmo in zorg (personen)" in wmo.options
    assert not [option for option in wmo.options if "wmo." in option or "jeugd." in option]
    wmo.set_value("wmo.lasten")
    jeugd.set_value("jeugd.lasten")
    run_ok(at)
    assert "heet deze `jeugd.lasten`" in " ".join(c.value for c in at.caption)
    at.button(key="upload-controleren").click()
    run_ok(at)

    assert not at.error, [c.value for c in at.code]
    preview = at.dataframe[0].value
    assert dict(zip(preview["Bestand"], preview["Indicator"], strict=True)) == {
        "lasten_wmo.csv": "wmo.lasten",
        "lasten_jeugd.csv": "jeugd.lasten",
    }
    at.checkbox(key="upload-bevestigd").check()
    run_ok(at)
    at.button(key="upload-opslaan").click()
    run_ok(at)
    assert figure(store, "wmo.lasten", "2026-10") == "1700000"
    assert figure(store, "jeugd.lasten", "2026-10") == "900000"


def test_two_indicators_with_the_same_title_are_told_apart_by_their_id(tmp_path: Path) -> None:
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8")
    alike = text.replace('titel = "Lasten Jeugd"', 'titel = "Lasten Wmo"', 1)
    assert alike != text
    path = tmp_path / "catalogus.toml"
    path.write_text(alike, encoding="utf-8")
    choices = indicator_choices(load_catalogue(path))
    assert choices["wmo.lasten"] == "Lasten Wmo (euro) – wmo.lasten"
    assert choices["jeugd.lasten"] == "Lasten Wmo (euro) – jeugd.lasten"
    assert choices["wmo.clienten"] == "Cliënten Wmo in zorg (personen)"


def test_a_wide_file_without_a_chosen_indicator_is_refused_with_the_way_to_choose_it(
    store: Path,
) -> None:
    at = open_page(BELEID, UPLOAD)
    before = tree_digest(store)

    upload(at, "lasten.csv", b"Onderdeel;2026-10\nTotaal;1700000\n")

    report = at.code[0].value
    assert "lasten.csv" in report and "er is geen indicator opgegeven" in report
    assert "op de pagina Cijfers uploaden per bestand" in report
    assert tree_digest(store) == before


# --- texts ---------------------------------------------------------------------------------------


def write_text(at: AppTest, text: str) -> AppTest:
    at.text_area[0].input(text)
    run_ok(at)
    at.button(key="tekst-opslaan").click()
    return run_ok(at)


def test_saved_text_with_html_is_shown_on_the_chapter_page_as_inert_markdown(store: Path) -> None:
    at = open_page(BELEID, TEKSTEN)
    assert at.selectbox(key="tekst-editie").value == SEPTEMBER
    assert at.selectbox(key="tekst-sleutel").value == "wmo"

    write_text(at, SCRIPT_TEXT)

    version = version_records(store)[0]["version"]
    assert [s.value for s in at.success] == [f"Opgeslagen (versie {version})."]
    at.switch_page(WMO)
    run_ok(at)
    assert at.sidebar.selectbox[0].value == f"{SEPTEMBER.key}@concept"
    shown = [md for md in at.markdown if "alert(1)" in md.value]
    assert len(shown) == 1
    assert shown[0].value == SCRIPT_TEXT  # the tag is kept as literal text
    assert shown[0].allow_html is False  # and Streamlit is told never to render it as HTML


def test_saving_a_text_again_makes_a_new_version_and_the_newest_is_read(store: Path) -> None:
    at = open_page(BELEID, TEKSTEN)
    write_text(at, "Eerste versie.")
    first = texts_for(store, SEPTEMBER)["wmo"]

    write_text(at, "Tweede versie, **herzien**.")

    second = texts_for(store, SEPTEMBER)["wmo"]
    assert second.text == "Tweede versie, **herzien**."
    assert second.version > first.version
    assert second.author == "beleid@voorbeeld.nl"
    assert [r["action"] for r in version_records(store)[:2]] == ["tekst", "tekst"]
    assert texts_for(store, SEPTEMBER, first.version)["wmo"].text == "Eerste versie."


def test_unpublished_text_stays_invisible_to_a_raadslid(store: Path) -> None:
    write_text(open_page(BELEID, TEKSTEN), SCRIPT_TEXT)

    at = open_page(RAADSLID, WMO)

    assert at.sidebar.selectbox[0].value == f"{SEPTEMBER.key}@{_published_version(store)}"
    assert not [md for md in at.markdown if "alert(1)" in md.value]


def _published_version(store: Path) -> int:
    return next(i.version for i in published_editions(store) if i.edition == SEPTEMBER)


# --- editions and history ------------------------------------------------------------------------


@pytest.mark.slow  # publishing renders the edition's report (PDF)
def test_publishing_the_draft_edition_records_it_and_shows_its_text_to_readers(
    store: Path,
) -> None:
    write_text(open_page(BELEID, TEKSTEN), "Tekst voor de raad.")
    at = open_page(BELEID, EDITIES)
    assert at.selectbox(key="editie-publiceren").value == SEPTEMBER
    assert at.button(key="editie-knop").disabled

    at.checkbox(key="editie-zeker").check()
    run_ok(at)
    at.button(key="editie-knop").click()
    run_ok(at)

    newest = version_records(store)[0]
    assert [s.value for s in at.success] == [
        f"Editie t/m september 2026 is gepubliceerd (versie {newest['version']})."
    ]
    assert newest["action"] == "editie"
    infos = published_editions(store)
    assert [i.edition.key for i in infos] == ["2026-09", "2026-06"]
    assert infos[0].version == newest["version"]
    assert infos[0].author == "beleid@voorbeeld.nl"
    reader = open_page(RAADSLID, WMO)
    assert "Tekst voor de raad." in [md.value for md in reader.markdown]


def test_rollback_to_an_earlier_version_is_recorded_as_a_new_version(store: Path) -> None:
    versions_before = [r["version"] for r in version_records(store)]
    at = open_page(BELEID, EDITIES)

    at.selectbox(key="terug-versie").set_value(1)
    run_ok(at)
    at.checkbox(key="terug-zeker").check()
    at.run()
    at.button(key="terug-knop").click()
    run_ok(at)

    records = version_records(store)
    new_version = max(versions_before) + 1
    assert [s.value for s in at.success] == [
        f"Teruggedraaid naar versie 1; dat is nu versie {new_version}."
    ]
    # The page was drawn again: the history starts with the rollback, the choice is fresh.
    history = next(d.value for d in at.dataframe if "Versie" in d.value.columns)
    assert history["Versie"].tolist()[0] == new_version
    assert not at.checkbox(key="terug-zeker").value
    assert at.selectbox(key="terug-versie").format_func(1).startswith("versie 1: ")
    assert [r["version"] for r in records] == [new_version, *versions_before]
    assert records[0]["action"] == "rollback"
    assert records[0]["description"].startswith("Teruggedraaid naar versie 1 (")
    assert records[0]["author"] == "beleid@voorbeeld.nl"
    assert figure_rows(store) == figure_rows(store, 1)
    assert figure_rows(store) != figure_rows(store, max(versions_before))


@pytest.mark.slow  # three AppTest runs of the editions page: 14 s
def test_withdrawing_an_edition_on_the_page_needs_a_reason_and_shows_readers_the_previous_one(
    store: Path,
) -> None:
    at = open_page(BELEID, EDITIES)
    assert at.selectbox(key="intrekken-editie").value == SEPTEMBER
    assert at.button(key="intrekken-knop").disabled
    at.checkbox(key="intrekken-zeker").check()
    run_ok(at)
    before = tree_digest(store)
    at.button(key="intrekken-knop").click()
    run_ok(at)
    assert [e.value for e in at.error] == [
        "Geef een reden voor het intrekken (ten minste 10 tekens); raadsleden krijgen die te zien."
    ]
    assert tree_digest(store) == before

    at.text_area(key="intrekken-reden").input("Cijfers Jeugd over het derde kwartaal onvolledig.")
    run_ok(at)
    at.button(key="intrekken-knop").click()
    run_ok(at)

    newest = version_records(store)[0]
    assert [s.value for s in at.success] == [
        f"Editie t/m september 2026 is ingetrokken (versie {newest['version']})."
    ]
    assert newest["action"] == "intrekking" and "onvolledig" in newest["description"]
    reader = open_page(RAADSLID, WMO)
    assert reader.sidebar.selectbox[0].value.startswith("2026-06@")
    assert SEPTEMBER.key not in " ".join(reader.sidebar.selectbox[0].options)


def publish_after_acknowledging(at: AppTest, acknowledgement: str) -> None:
    """Publish on the editions page: the general check alone leaves the button disabled until
    the page's own acknowledgement (`acknowledgement`, a checkbox key) is given too."""
    at.checkbox(key="editie-zeker").check()
    run_ok(at)
    assert at.button(key="editie-knop").disabled, f"{acknowledgement} needs its own checkbox"
    at.checkbox(key=acknowledgement).check()
    run_ok(at)
    at.button(key="editie-knop").click()
    run_ok(at)


@pytest.mark.slow  # an upload, three AppTest runs of the editions page and a reader's page: 15 s
def test_an_edition_with_gaps_is_published_only_after_acknowledging_them(
    store: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    q4 = tmp_path / "q4.csv"
    q4.write_text(LONG_HEADER + "wmo.lasten;2026-10;;1500000\nwmo.lasten;2026-11;;1500000\n"
                  "wmo.lasten;2026-12;;1500000\n", encoding="utf-8")  # fmt: skip
    run_import(store, catalogue, q4)
    at = open_page(BELEID, EDITIES)
    chooser = at.selectbox(key="editie-publiceren")
    assert chooser.options == ["t/m december 2026", "t/m september 2026 (al gepubliceerd)"]
    assert chooser.value == edition_from_text("2026-12")
    assert "Niet alle indicatoren lopen tot de peildatum van deze editie." in [
        w.value for w in at.warning
    ]

    publish_after_acknowledging(at, "editie-onvolledig")
    assert at.success[0].value.startswith("Editie t/m december 2026 is gepubliceerd")

    reader = open_page(RAADSLID, WMO)
    assert reader.sidebar.selectbox[0].value.startswith("2026-12@")
    (note,) = [i.value for i in reader.info if i.value.startswith("Niet alle cijfers")]
    assert "cijfers over Cliënten Wmo in zorg lopen tot sep-26" in note


@pytest.mark.slow  # an upload and three AppTest runs of the editions page
def test_an_edition_with_a_deviation_from_history_is_published_only_after_acknowledging_it(
    store: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    cents = tmp_path / "augustus.csv"
    cents.write_text(LONG_HEADER + "wmo.lasten;2026-08;;131.250.000\n", encoding="utf-8")
    run_import(store, catalogue, cents)
    at = open_page(BELEID, EDITIES)
    at.selectbox(key="editie-publiceren").set_value(edition_from_text("2026-09"))
    run_ok(at)
    assert any(w.value.startswith("Deze cijfers van dit jaar wijken sterk af") for w in at.warning)
    assert any("wmo.lasten, totaal, aug-26: 131.250.000" in m.value for m in at.markdown)

    publish_after_acknowledging(at, "editie-afwijkingen")
    assert at.success[0].value.startswith("Editie t/m september 2026 is gepubliceerd")


def test_a_published_edition_keeps_its_catalogue_on_the_page_while_the_concept_follows(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitor.config import DEFAULT_CATALOGUE

    changed = tmp_path / "catalogus.toml"
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8")
    assert 'gemeente_naam = "Gemeente Voorbeeld"' in text
    changed.write_text(text.replace('gemeente_naam = "Gemeente Voorbeeld"',
                                    'gemeente_naam = "Gemeente Nieuwnaam"'), encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("MONITOR_CATALOGUS", str(changed))

    reader = run_ok(app_as(RAADSLID))
    assert "**Gemeente Voorbeeld** · editie **t/m september 2026**" in texts_of(reader)

    staff = run_ok(app_as(BELEID))  # staff open the concept first
    assert staff.sidebar.selectbox[0].value.endswith("@concept")
    assert "**Gemeente Nieuwnaam** · editie **t/m september 2026**" in texts_of(staff)


def damage(snapshot: Path) -> None:
    """Flip bytes in the middle of a snapshot, keeping its size: what a failing disk does."""
    with snapshot.open("r+b") as handle:
        handle.seek(snapshot.stat().st_size // 2)
        handle.write(b"\xff" * 64)


def test_a_damaged_current_snapshot_leaves_readers_the_last_good_version(store: Path) -> None:
    newest = max(store.glob("store/v*.duckdb"))
    damage(newest)
    for script in (WMO, "monitor/app/pages/overzicht.py"):
        at = open_page(ANONYMOUS, script)
        assert at.title and not at.error
    beheer = open_page(BEHEER, BEHEER_PAGE)
    assert any("van de store is beschadigd" in e.value for e in beheer.error)
    assert "monitor terugdraaien" in beheer.error[0].value


def test_an_edition_whose_snapshot_is_damaged_says_so_and_the_others_still_open(
    store: Path,
) -> None:
    june = next(i for i in published_editions(store) if i.edition == edition_from_text("2026-06"))
    damage(store / "store" / f"v{june.version:06d}.duckdb")
    at = run_ok(app_as(ANONYMOUS))
    assert not at.error
    selector = at.sidebar.selectbox[0]
    selector.select_index(selector.options.index("t/m juni 2026"))
    run_ok(at)
    assert [e.value for e in at.error] == [
        "Editie t/m juni 2026 kan nu niet worden getoond: het bestand waarin ze is vastgelegd "
        "is beschadigd. Kies een andere editie en meld dit bij de beheerder."
    ]
    beheer = open_page(BEHEER, BEHEER_PAGE)
    assert any(
        f"Versie {june.version} van de store is beschadigd" in w.value for w in beheer.warning
    )


def test_a_login_ended_on_the_server_sees_no_staff_pages_and_is_told_why(
    store: Path, navigations: list[list[str]]
) -> None:
    at = app_as(BELEID)
    end_login(store, dict(at.user))
    run_ok(at)
    assert "Cijfers uploaden" not in navigations[-1]
    assert any("inlogsessie is beëindigd" in info.value for info in at.sidebar.info)
    assert [b.label for b in at.sidebar.button] == ["Opnieuw inloggen"]


def test_ending_a_persons_logins_takes_their_rights_at_the_next_run(
    store: Path, navigations: list[list[str]]
) -> None:
    at = run_ok(app_as(BEHEER))
    assert "Beheer" in navigations[-1]
    end_logins_of(store, "beheer@voorbeeld.nl")
    at.run()
    assert "Beheer" not in navigations[-1] and "Cijfers uploaden" not in navigations[-1]


def test_the_logout_button_ends_the_login_on_the_server(store: Path) -> None:
    at = run_ok(app_as(BELEID))
    copy = dict(at.user)
    at.sidebar.button(key="uitloggen").click().run()
    again = app_as(copy)
    run_ok(again)
    assert not any(c.value.startswith("Ingelogd als") for c in again.sidebar.caption)


def test_the_uploader_says_in_dutch_the_limit_the_import_holds_to(store: Path) -> None:
    at = open_page(BELEID, UPLOAD)
    (uploader,) = at.get("file_uploader")

    # The widget refuses what the import would refuse (Streamlit's own default is 200 MB).
    assert uploader.proto.max_upload_size_mb == 50
    assert any("Hoogstens 50 MB per bestand" in text for text in texts_of(at))
