"""Monitor Sociaal Domein: the Streamlit entry point. A thin router; pages live in monitor/pages."""

from __future__ import annotations

import streamlit as st

from monitor.dashboard.session import edition_selector
from monitor.dashboard.shell import apply_shell

st.set_page_config(page_title="Monitor Sociaal Domein", page_icon=":bar_chart:", layout="wide")
apply_shell()
PAGES = [
    st.Page("monitor/pages/overzicht.py", title="Overzicht", default=True),
    st.Page("monitor/pages/wmo.py", title="1. Wmo", url_path="wmo"),
    st.Page("monitor/pages/jeugd.py", title="2. Jeugd", url_path="jeugd"),
    st.Page("monitor/pages/participatie.py", title="3. Participatie", url_path="participatie"),
    st.Page("monitor/pages/sociale_basis.py", title="4. Sociale basis", url_path="sociale-basis"),
    st.Page("monitor/pages/over.py", title="Over deze monitor", url_path="over"),
]
navigation = st.navigation(PAGES)
edition_selector()
navigation.run()
