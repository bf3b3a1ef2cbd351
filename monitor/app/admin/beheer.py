"""Beheer: the configuration in force (catalogue, AVG threshold, roles, store)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor import config
from monitor.app.session import catalogue, data_dir, require
from monitor.domain.access import AccessSettings, Role
from monitor.domain.catalogue import catalogue_warnings
from monitor.store.history import (
    current_version,
    damaged_versions,
    store_damage,
    version_records,
)

require(Role.BEHEERDER)
st.title("Beheer")
if (damage := store_damage(data_dir())) is not None:
    st.error(damage)
for version, why in damaged_versions(data_dir()):
    if version > current_version(data_dir()):
        continue  # the damaged current version, named above
    st.warning(
        f"Versie {version} van de store is beschadigd ({why}). Een editie die in die versie is "
        "gepubliceerd kan niet worden getoond, en terugdraaien naar die versie kan niet. Zet het "
        "bestand terug uit de back-up."
    )
current = catalogue()
st.header("Catalogus", divider="gray")
st.markdown(
    f"Catalogus: `{config.catalogue_path()}` (te wijzigen met `MONITOR_CATALOGUS`). "
    f"{len(current.all_indicators)} indicatoren, {len(current.thema)} thema's. "
    f"AVG-drempel: aantallen kleiner dan **{current.instellingen.drempel}** worden afgeschermd."
)
for warning in catalogue_warnings(current):
    st.warning(warning)
st.dataframe(
    pd.DataFrame([
        {"Id": i.id, "Titel": i.titel, "Eenheid": i.eenheid.value, "Gevoelig": "ja" if i.gevoelig else "nee",
         "Periodiciteit": ", ".join(k.value for k in i.periodiciteit)}
        for i in current.all_indicators
    ]),
    hide_index=True,
)  # fmt: skip
st.header("Toegang", divider="gray")
try:
    secrets = st.secrets.to_dict()
except Exception:
    secrets = {}
settings = AccessSettings.from_secrets(secrets)
st.markdown(
    f"Openbaar lezen: **{'ja' if settings.public else 'nee'}**. Rollen uit de claim "
    f"`{settings.roles_claim}` van het ID-token, of uit de lijst `[monitor.rollen]` in secrets.toml."
)
for role in (Role.BELEIDSMEDEWERKER, Role.BEHEERDER):
    st.markdown(
        f"- {role.value}: {', '.join(settings.allow_list.get(role.value, ())) or '(alleen via de claim)'}"
    )
st.header("Store", divider="gray")
st.markdown(
    f"Map: `{data_dir()}` (te wijzigen met `MONITOR_DATA_DIR`), {len(version_records(data_dir()))} versies."
)
