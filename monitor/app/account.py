"""Log in and log out in the sidebar (OIDC through st.login, when configured)."""

from __future__ import annotations

import streamlit as st

from monitor.app.session import login_configured
from monitor.domain.access import Access


def account_controls(access: Access) -> None:
    if not login_configured():
        return
    with st.sidebar:
        st.divider()
        if access.logged_in:
            roles = ", ".join(sorted(role.value for role in access.roles))
            st.caption(f"Ingelogd als {access.name} ({roles})")
            if st.button("Uitloggen", key="uitloggen"):
                st.logout()
        elif st.button("Inloggen", key="inloggen", help="Voor beleidsmedewerkers en beheerders"):
            st.login()
