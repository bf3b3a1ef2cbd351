"""Monitor Sociaal Domein: the Streamlit entry point. A thin router; pages live in monitor/pages."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Monitor Sociaal Domein", layout="wide")
navigation = st.navigation([st.Page("monitor/pages/overzicht.py", title="Overzicht", default=True)])
navigation.run()
