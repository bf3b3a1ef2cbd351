"""The dashboard's pages: one list that `app.py` registers and the tests open.

Plain data, no Streamlit calls, so tests and the router read the same scripts, titles and
addresses. Restricted pages name the role they need; `app.py` registers them only for users
with that role, and every restricted page checks again (hiding a page is not protection).
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.domain.access import Access, Role


@dataclass(frozen=True)
class PageEntry:
    script: str  # relative to app.py, as st.Page declares it
    title: str  # the menu entry
    url_path: str = ""  # '' for the default page
    chapter: str | None = None  # the chapter a chapter page shows
    role: Role | None = None  # None: every reader may open it

    @property
    def default(self) -> bool:
        return self.url_path == ""


OVERZICHT = PageEntry("monitor/app/pages/overzicht.py", "Overzicht")
CHAPTER_PAGES = (
    PageEntry("monitor/app/pages/wmo.py", "1. Wmo", "wmo", "wmo"),
    PageEntry("monitor/app/pages/jeugd.py", "2. Jeugd", "jeugd", "jeugd"),
    PageEntry(
        "monitor/app/pages/participatie.py", "3. Participatie", "participatie", "participatie"
    ),
    PageEntry(
        "monitor/app/pages/sociale_basis.py", "4. Sociale basis", "sociale-basis", "sociale_basis"
    ),
)
OVER = PageEntry("monitor/app/pages/over.py", "Over deze monitor", "over")
READING = (OVERZICHT, *CHAPTER_PAGES, OVER)

WRITING = (
    PageEntry(
        "monitor/app/admin/upload.py", "Cijfers uploaden", "upload", role=Role.BELEIDSMEDEWERKER
    ),
    PageEntry("monitor/app/admin/teksten.py", "Teksten", "teksten", role=Role.BELEIDSMEDEWERKER),
    PageEntry(
        "monitor/app/admin/edities.py",
        "Edities en historie",
        "edities",
        role=Role.BELEIDSMEDEWERKER,
    ),
)
MANAGING = (PageEntry("monitor/app/admin/beheer.py", "Beheer", "beheer", role=Role.BEHEERDER),)
RESTRICTED = (*WRITING, *MANAGING)

LOGIN = PageEntry("monitor/app/pages/inloggen.py", "Inloggen")

# Menu sections in order, with the role a user needs to see each.
SECTIONS: tuple[tuple[str, Role | None, tuple[PageEntry, ...]], ...] = (
    ("Monitor", None, READING),
    ("Beleidsmedewerker", Role.BELEIDSMEDEWERKER, WRITING),
    ("Beheerder", Role.BEHEERDER, MANAGING),
)


def refused_entry(url: str | None, access: Access) -> PageEntry | None:
    """The restricted page an address names (`.../upload`) that this user may not open, or None.
    Streamlit runs the default page for a page it does not know in the session; the reader is
    then told why instead of landing on the Overzicht without a word."""
    last = (url or "").rstrip("/").rsplit("/", 1)[-1]
    for entry in RESTRICTED:
        if entry.url_path == last and entry.role is not None and not access.has(entry.role):
            return entry
    return None


def refusal_text(entry: PageEntry, access: Access, can_log_in: bool) -> str:
    role = entry.role.value if entry.role is not None else ""
    if not can_log_in:
        return (
            f"De pagina *{entry.title}* is alleen voor medewerkers met de rol {role}, en inloggen "
            "is op deze server niet ingericht. U ziet nu het Overzicht."
        )
    if not access.logged_in:
        return (
            f"De pagina *{entry.title}* is alleen voor ingelogde medewerkers met de rol {role}. "
            "Log in met de knop Inloggen links in het menu; u ziet nu het Overzicht."
        )
    return (
        f"De pagina *{entry.title}* is alleen voor medewerkers met de rol {role}; uw account heeft "
        "die rol niet. U ziet nu het Overzicht."
    )
