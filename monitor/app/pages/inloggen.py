"""Shown instead of the monitor when reading is not public and nobody is logged in."""

from __future__ import annotations

import streamlit as st

from monitor.app.session import login_configured

st.title("Monitor Sociaal Domein")
if login_configured():
    st.info("Deze monitor is alleen toegankelijk na inloggen. Gebruik de knop Inloggen links.")
else:
    st.error(
        "Deze monitor is niet openbaar en inloggen is niet ingericht. Neem contact op met de beheerder."
    )
