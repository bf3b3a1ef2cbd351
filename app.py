"""Monitor Sociaal Domein: the Streamlit entry point. A thin router: who is the user, which pages
may they see, then run the chosen page. Pages live in monitor/pages and monitor/admin."""

from __future__ import annotations

import streamlit as st

from monitor.access import Role
from monitor.dashboard.account import account_controls
from monitor.dashboard.session import current_access, edition_selector
from monitor.dashboard.shell import apply_shell

st.set_page_config(page_title="Monitor Sociaal Domein", page_icon=":bar_chart:", layout="wide")
apply_shell()
access = current_access()

READING = [
    st.Page("monitor/pages/overzicht.py", title="Overzicht", default=True),
    st.Page("monitor/pages/wmo.py", title="1. Wmo", url_path="wmo"),
    st.Page("monitor/pages/jeugd.py", title="2. Jeugd", url_path="jeugd"),
    st.Page("monitor/pages/participatie.py", title="3. Participatie", url_path="participatie"),
    st.Page("monitor/pages/sociale_basis.py", title="4. Sociale basis", url_path="sociale-basis"),
    st.Page("monitor/pages/over.py", title="Over deze monitor", url_path="over"),
]
# Restricted pages are only registered for users with the role; each page checks again.
WRITING = [
    st.Page("monitor/admin/upload.py", title="Cijfers uploaden", url_path="upload"),
    st.Page("monitor/admin/teksten.py", title="Teksten", url_path="teksten"),
    st.Page("monitor/admin/edities.py", title="Edities en historie", url_path="edities"),
]
MANAGING = [st.Page("monitor/admin/beheer.py", title="Beheer", url_path="beheer")]

if access.can_view:
    sections: dict[str, list] = {"Monitor": READING}
    if access.has(Role.BELEIDSMEDEWERKER):
        sections["Beleidsmedewerker"] = WRITING
    if access.has(Role.BEHEERDER):
        sections["Beheerder"] = MANAGING
    # One section as a plain list: Streamlit's sectioned menu is not a valid HTML list (axe).
    navigation = st.navigation(sections if len(sections) > 1 else READING)
    edition_selector(access)
else:
    navigation = st.navigation(
        [st.Page("monitor/pages/inloggen.py", title="Inloggen", default=True)]
    )
account_controls(access)
navigation.run()
