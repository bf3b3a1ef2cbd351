"""Monitor Sociaal Domein: the Streamlit entry point, in two roles.

`streamlit run app.py` (and `uvicorn app:app`) import this file as a module: it then defines the
web application, Streamlit behind our guards (`monitor.server`), so that no way of starting the
dashboard serves it without them. Streamlit runs the same file as the page script (`__main__`):
then it is a thin router: who is the user, which pages may they see (`monitor.app.navigation`),
then run the chosen page."""

from __future__ import annotations

import streamlit as st


def run_dashboard() -> None:
    from streamlit.navigation.page import StreamlitPage

    from monitor.app.account import account_controls
    from monitor.app.navigation import LOGIN, SECTIONS, PageEntry, refusal_text, refused_entry
    from monitor.app.session import current_access, edition_selector, login_configured
    from monitor.app.shell import SIDEBAR_WIDTH, apply_shell

    st.set_page_config(
        page_title="Monitor Sociaal Domein",
        page_icon=":bar_chart:",
        layout="wide",
        initial_sidebar_state=SIDEBAR_WIDTH,
    )
    apply_shell()
    access = current_access()

    def page(entry: PageEntry) -> StreamlitPage:
        if entry.default:
            return st.Page(entry.script, title=entry.title, default=True)
        return st.Page(entry.script, title=entry.title, url_path=entry.url_path)

    if access.can_view:
        sections = {
            name: [page(entry) for entry in entries]
            for name, role, entries in SECTIONS
            if role is None or access.has(role)
        }
        # One section as a plain list: Streamlit's sectioned menu is not a valid HTML list (axe).
        navigation = st.navigation(sections if len(sections) > 1 else next(iter(sections.values())))
        chosen = edition_selector(access)
        edition = f" · editie {chosen.label}" if chosen is not None else ""
        # The browser tab and a bookmark name the page and the edition it shows.
        st.set_page_config(page_title=f"{navigation.title}{edition} · Monitor Sociaal Domein")
        if (refused := refused_entry(st.context.url, access)) is not None:
            st.warning(refusal_text(refused, access, login_configured()), icon=":material/lock:")
    else:
        navigation = st.navigation([page(LOGIN)])
        st.set_page_config(page_title=f"{LOGIN.title} · Monitor Sociaal Domein")
    account_controls(access)
    navigation.run()


if __name__ == "__main__":
    run_dashboard()
else:
    from monitor.config import data_dir
    from monitor.server.guard import guard_middleware
    from monitor.server.warm import warm_server

    app = st.App(__file__, middleware=guard_middleware())
    # While the server comes up: the first reader after a start finds the newest editions built.
    warm_server(data_dir())
