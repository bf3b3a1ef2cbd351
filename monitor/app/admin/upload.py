"""Upload: validate, preview, compare with the stored cijfers, and store them after confirmation."""

from __future__ import annotations

import streamlit as st

from monitor.app.session import catalogue, data_dir, require
from monitor.domain.access import Role
from monitor.ingest.problems import ImportRefused
from monitor.ingest.upload import (
    MAX_UPLOAD_MB,
    Upload,
    changed_frame,
    indicator_choices,
    new_frame,
    preview_frame,
    run_upload,
)
from monitor.render.markdown_text import literal_markdown
from monitor.store.history import StoreError, current_version

access = require(Role.BELEIDSMEDEWERKER)
st.title("Cijfers uploaden")
st.markdown(
    "Kies een of meer exportbestanden (CSV of Excel). **Controleren** toont wat er verandert ten "
    "opzichte van de opgeslagen cijfers; **Opslaan als concept** bewaart ze daarna als nieuwe versie. "
    "Raadsleden zien ze pas in de editie die u publiceert met **Editie publiceren** op de pagina "
    "*Edities en historie*. Een breed bestand (categorieën in de eerste kolom, perioden als "
    "kolomkoppen) heeft een indicator nodig: kies die per bestand."
)

# Streamlit's widget writes its instructions in English ("... per file"); they are hidden and
# said in Dutch here, with the limit the widget itself enforces (max_upload_size).
st.html("<style>[data-testid='stFileUploaderDropzoneInstructions'] { display: none; }</style>")
files = st.file_uploader(
    "Bestanden",
    type=["csv", "txt", "xlsx"],
    accept_multiple_files=True,
    key="upload-bestanden",
    max_upload_size=MAX_UPLOAD_MB,
)
st.caption(
    f"Sleep de bestanden naar het vak of kies ze met de knop. Hoogstens {MAX_UPLOAD_MB} MB per "
    "bestand; CSV, TXT of Excel (XLSX)."
)
LONG_LAYOUT = "(lang formaat: de indicator staat in het bestand)"
choices = indicator_choices(catalogue())
chosen: list[str | None] = []
for index, file in enumerate(files or []):
    picked = st.selectbox(
        f"Indicator van {literal_markdown(file.name)}",
        [None, *choices],
        format_func=lambda option: LONG_LAYOUT if option is None else choices[option],
        key=f"upload-indicator-{index}",
    )
    if picked is not None:
        st.caption(f"In een bestand en bij `monitor importeer --indicator` heet deze `{picked}`.")
    chosen.append(picked)

if st.button("Controleren", type="primary", disabled=not files, key="upload-controleren"):
    uploads = [
        Upload(f.name, f.getvalue(), pick) for f, pick in zip(files or [], chosen, strict=True)
    ]
    st.session_state["upload"] = uploads
    st.session_state.pop("upload-resultaat", None)
    # A new check needs a new confirmation, and is valid only for the store it was made against.
    st.session_state.pop("upload-bevestigd", None)
    st.session_state["upload-versie"] = current_version(data_dir())
    with st.status("Bestanden controleren…", expanded=True) as status:
        progress = st.progress(0.0)
        for index, upload in enumerate(uploads, start=1):
            # File, sheet and column names are the uploader's text, never Markdown.
            st.markdown(
                f"{literal_markdown(upload.name)}: {len(upload.data) / 1_000_000:.1f} MB ingelezen"
            )
            progress.progress(index / len(uploads))
        try:
            result = run_upload(data_dir(), uploads, catalogue(), access.author, dry_run=True)
        except ImportRefused as refused:
            status.update(label="De bestanden zijn geweigerd", state="error")
            st.session_state["upload-fouten"] = refused.report()
        else:
            status.update(label="Controle geslaagd", state="complete")
            st.session_state["upload-resultaat"] = result
            st.session_state.pop("upload-fouten", None)

if errors := st.session_state.get("upload-fouten"):
    st.error("De upload is geweigerd. Er is niets gewijzigd.")
    st.code(errors, language=None)

result = st.session_state.get("upload-resultaat")
if result is not None:
    st.subheader("Validatie")
    st.success("Geen fouten gevonden.")
    for note in result.upload.notes:
        st.markdown(f"- {literal_markdown(note)}")
    st.subheader("Voorbeeld van de ingelezen cijfers")
    st.dataframe(preview_frame(result), hide_index=True)
    st.subheader("Verschillen met de opgeslagen cijfers")
    diff = result.diff
    earlier = sum(line.earlier_period for line in diff.changed)
    st.markdown(
        f"**{len(diff.new)}** nieuwe cijfers, **{len(diff.changed)}** gewijzigde cijfers "
        f"(waarvan **{earlier}** in eerdere perioden), {diff.unchanged} ongewijzigd."
    )
    if diff.changed:
        if earlier:
            st.warning(
                f"{earlier} cijfers van eerdere perioden worden herzien (bijvoorbeeld door late "
                "declaraties). Ze zijn geel gemarkeerd."
            )
        frame = changed_frame(diff)
        st.dataframe(
            frame.style.apply(
                lambda row: [
                    "background-color: #FFF3CD" if row["Eerdere periode herzien"] else ""
                    for _ in row
                ],
                axis=1,
            ),
            hide_index=True,
        )
    if diff.new:
        with st.expander(f"Nieuwe cijfers ({len(diff.new)})"):
            st.dataframe(new_frame(diff), hide_index=True)
    confirmed = st.checkbox("Ik heb de verschillen gecontroleerd", key="upload-bevestigd")
    if st.button(
        "Opslaan als concept", type="primary", disabled=not confirmed, key="upload-opslaan"
    ):
        uploads = st.session_state["upload"]
        try:
            # Stored only onto the version the differences were shown against, checked inside
            # the write: an import by someone else in between makes this refuse.
            stored = run_upload(data_dir(), uploads, catalogue(), access.author, dry_run=False,
                                expected_version=st.session_state.get("upload-versie"))  # fmt: skip
        except StoreError as error:
            # The store moved on (or cannot be written): the shown differences no longer hold.
            st.session_state.pop("upload-resultaat", None)
            st.session_state.pop("upload-bevestigd", None)
            st.error(f"{error} Klik opnieuw op Controleren om de actuele verschillen te zien.")
            st.stop()
        except ImportRefused as refused:
            st.error("Opslaan is geweigerd. Er is niets gewijzigd.")
            st.code(refused.report(), language=None)
        else:
            st.session_state.pop("upload-resultaat", None)
            st.success(
                f"Opgeslagen als concept (versie {stored.version}). Raadsleden zien deze cijfers "
                "pas na Editie publiceren op de pagina Edities en historie."
            )
