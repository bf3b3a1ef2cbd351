"""The dashboard's pages: one list that `app.py` registers and the tests open.

Plain data, no Streamlit calls, so tests and the router read the same scripts, titles and
addresses. Restricted pages name the role they need; `app.py` registers them only for users
with that role, and every restricted page checks again (hiding a page is not protection).
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.domain.access import Role


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
