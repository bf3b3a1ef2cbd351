"""Editions and history: publish the draft edition, see every version, roll back."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.app.session import catalogue, data_dir, require
from monitor.domain.access import Role
from monitor.domain.catalogue import HOOFDSTUKKEN
from monitor.domain.numbers import format_moment
from monitor.ingest.plausibility import edition_deviations
from monitor.publication.completeness import Reach, completeness, publish_candidates
from monitor.publication.edition import available_editions
from monitor.publication.editorial import (
    EditorialError,
    publish_edition,
    published_editions,
    withdraw_edition,
)
from monitor.render.artefact_audit import exported_findings
from monitor.render.markdown_text import literal_markdown
from monitor.render.report import published_report
from monitor.store.history import (
    StoreError,
    current_version,
    rollback,
    store_damage,
    version_records,
)

access = require(Role.BELEIDSMEDEWERKER)
st.title("Edities en historie")
if (damage := store_damage(data_dir())) is not None:
    st.error(damage)

st.header("Editie publiceren", divider="gray")
SEEN = "editie-gecontroleerde-versie"
shown_version = current_version(data_dir())
published_keys = {info.edition for info in published_editions(data_dir())}
editions = publish_candidates(available_editions(data_dir()), list(published_keys))
if editions:
    edition = st.selectbox(
        "Editie",
        editions,
        format_func=lambda e: f"{e.label} (al gepubliceerd)" if e in published_keys else e.label,
        key="editie-publiceren",
    )
    st.markdown(
        "Publiceren legt de cijfers (na de AVG-controle), de teksten en de peildatum van deze editie "
        "vast. Raadsleden zien alleen gepubliceerde edities; een gepubliceerde editie opent later "
        "precies zoals ze is gepubliceerd."
    )
    found = completeness(data_dir(), edition, catalogue())
    for chapter, reaches in found.by_chapter().items():
        complete = sum(r.reach is Reach.BEREIKT for r in reaches)
        st.markdown(
            f"**{HOOFDSTUKKEN[chapter]}**: {complete} van {len(reaches)} indicatoren tot de peildatum."
        )
    if found.gaps:
        st.warning("Niet alle indicatoren lopen tot de peildatum van deze editie.")
        st.dataframe(
            pd.DataFrame([
                {"Hoofdstuk": HOOFDSTUKKEN[g.indicator.hoofdstuk], "Indicator": g.indicator.titel,
                 "Laatste periode": g.last.label if g.last else "ontbreekt"}
                for g in found.gaps
            ]),
            hide_index=True,
        )  # fmt: skip
        gaps_ok = st.checkbox(
            "Ik publiceer deze editie met ontbrekende cijfers; raadsleden zien welke",
            key="editie-onvolledig",
        )
    else:
        gaps_ok = True
    deviations = edition_deviations(data_dir(), edition, catalogue())
    if deviations:
        st.warning(
            "Deze cijfers van dit jaar wijken sterk af van hun eigen geschiedenis (meer dan 10× of "
            "minder dan een tiende van de mediaan van de perioden ervoor). Controleer ze in het "
            "bronbestand: staat er een bedrag in euro's waar duizenden bedoeld zijn, of een cijfer "
            "te veel?"
        )
        st.markdown("\n".join(f"- {literal_markdown(d.describe())}" for d in deviations))
        deviations_ok = st.checkbox(
            "Ik heb deze afwijkingen gecontroleerd; de cijfers kloppen",
            key="editie-afwijkingen",
        )
    else:
        deviations_ok = True
    sure = st.checkbox(
        "Ik heb de cijfers en teksten van deze editie gecontroleerd", key="editie-zeker"
    )
    if st.button(
        "Editie publiceren",
        type="primary",
        disabled=not (sure and gaps_ok and deviations_ok),
        key="editie-knop",
    ):
        try:
            version = publish_edition(data_dir(), edition, catalogue(), access.author,
                                      audit=exported_findings,
                                      gaps_acknowledged=bool(found.gaps),
                                      deviations_acknowledged=bool(deviations),
                                      reviewed_version=st.session_state.get(SEEN))  # fmt: skip
        except (EditorialError, StoreError) as error:
            st.error(str(error))
        else:
            st.success(f"Editie {edition.label} is gepubliceerd (versie {version}).")
            with st.spinner("Het rapport van deze editie wordt gemaakt en bij de editie bewaard…"):
                published_report(data_dir(), edition, version)
    # What this render showed is what the next click publishes: an import in between makes
    # the click refuse instead of publishing cijfers nobody looked at.
    st.session_state[SEEN] = shown_version
else:
    st.info("Er zijn nog geen cijfers om te publiceren.")

st.subheader("Gepubliceerde edities")
infos = published_editions(data_dir())
if infos:
    st.table(pd.DataFrame([
        {"Editie": i.edition.label, "Versie": i.version, "Gepubliceerd": format_moment(i.published_at),
         "Door": i.author, "Correctie van een ingetrokken versie": i.replaces or ""}
        for i in infos
    ]).set_index("Editie"))  # fmt: skip

    st.subheader("Editie intrekken")
    st.markdown(
        "Intrekken haalt een editie uit de lijst van raadsleden; de vorige gepubliceerde editie "
        "wordt de standaard. Er wordt niets gewist: de intrekking (wie, wanneer, waarom) staat in "
        "de historie, en dezelfde peildatum kan daarna gecorrigeerd opnieuw worden gepubliceerd. "
        "Raadsleden zien de reden."
    )
    withdrawn = st.selectbox(
        "Editie", [i.edition for i in infos], format_func=lambda e: e.label, key="intrekken-editie"
    )
    reason = st.text_area("Reden", key="intrekken-reden", max_chars=500)
    certain = st.checkbox("Ik wil deze editie intrekken", key="intrekken-zeker")
    if st.button("Editie intrekken", disabled=not certain, key="intrekken-knop"):
        try:
            version = withdraw_edition(data_dir(), withdrawn, reason, access.author)
        except (EditorialError, StoreError) as error:
            st.error(str(error))
        else:
            st.success(f"Editie {withdrawn.label} is ingetrokken (versie {version}).")
else:
    st.caption("Nog geen editie gepubliceerd.")

st.header("Historie", divider="gray")
records = version_records(data_dir())
if not records:
    st.caption("De store is leeg.")
    st.stop()
st.dataframe(
    pd.DataFrame([
        {"Versie": r["version"], "Wanneer": format_moment(r['created_at']), "Wie": r["author"],
         "Wat": r["action"], "Omschrijving": r["description"], "Cijfers": r["rows_written"],
         "Bestanden": "; ".join(r["files"])}
        for r in records
    ]),
    hide_index=True,
)  # fmt: skip
st.subheader("Terugdraaien")
if (done := st.session_state.pop("terug-gedaan", None)) is not None:
    st.success(done)
described = {
    r["version"]: f"versie {r['version']}: {r['description']} ({format_moment(r['created_at'])})"
    for r in records
}
versions = [r["version"] for r in records]
target = st.selectbox(
    "Terug naar versie",
    versions[1:] or versions,
    format_func=described.__getitem__,
    key="terug-versie",
)
st.markdown(
    "Terugdraaien zet **alleen de cijfers** terug naar die van de gekozen versie, als een nieuwe "
    "versie; de historie blijft bewaard en ook het terugdraaien kan worden teruggedraaid. "
    "**Teksten** blijven zoals ze zijn. **Gepubliceerde edities** blijven tonen wat ze bij "
    "publicatie toonden; klopt een editie niet meer, trek haar dan in. Het **concept** volgt de "
    "teruggezette cijfers."
)
undo_sure = st.checkbox(f"Ik wil de cijfers terugzetten naar versie {target}", key="terug-zeker")
if st.button("Terugdraaien", key="terug-knop", disabled=len(versions) < 2 or not undo_sure):
    try:
        version = rollback(data_dir(), int(target), access.author)
    except StoreError as error:
        st.error(str(error))
    else:
        # A rerun shows the history with the new version and a fresh choice.
        st.session_state["terug-gedaan"] = (
            f"Teruggedraaid naar versie {target}; dat is nu versie {version}."
        )
        st.session_state.pop("terug-zeker", None)
        st.rerun()
