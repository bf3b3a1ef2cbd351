"""Log in and log out in the sidebar (OIDC through st.login, when configured)."""

from __future__ import annotations

import streamlit as st

from monitor.app.session import data_dir, login_configured, login_user
from monitor.domain.access import Access
from monitor.store.logins import LoginRegisterError, end_login


def account_controls(access: Access) -> None:
    if not login_configured():
        return
    with st.sidebar:
        st.divider()
        if access.logged_in:
            roles = ", ".join(sorted(role.value for role in access.roles))
            st.caption(f"Ingelogd als {access.name} ({roles})")
            if st.button("Uitloggen", key="uitloggen"):
                try:
                    # On the server first: a copy of this cookie must not outlive the logout.
                    end_login(data_dir(), login_user())
                except LoginRegisterError as error:
                    st.error(str(error))
                    st.stop()
                st.logout()
        elif login_user().get("is_logged_in"):
            st.info("Uw inlogsessie is beëindigd. Log opnieuw in om verder te werken.")
            if st.button("Opnieuw inloggen", key="inloggen"):
                st.login()
        elif st.button("Inloggen", key="inloggen", help="Voor beleidsmedewerkers en beheerders"):
            st.login()
