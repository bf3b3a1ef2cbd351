"""Texts and editions: what beleidsmedewerkers write and publish, versioned in the store.

Saving a text and publishing an edition are store versions like an import, so they appear in
the history with who and when, and an edition re-opens exactly as it was published: its figures,
its texts and the history it had to respect all live in the snapshot it names.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import Edition, edition_from_text
from monitor.ingest.plausibility import edition_deviations
from monitor.publication.completeness import completeness
from monitor.publication.edition import PublishedEdition, published_edition
from monitor.store.snapshots import (
    VersionInfo,
    current_snapshot,
    current_version,
    reading,
    write_version,
)
from monitor.store.sql import execute, fetch_records

MAX_TEXT_LENGTH = 20_000


class EditorialError(ValueError):
    """A text or edition that cannot be saved; the message is Dutch."""


@dataclass(frozen=True)
class TextRecord:
    key: str  # chapter id or 'thema:<id>'
    text: str
    author: str
    saved_at: dt.datetime
    version: int


@dataclass(frozen=True)
class PublishedEditionInfo:
    edition: Edition
    version: int  # the snapshot that holds its figures and texts
    published_at: dt.datetime
    author: str
    replaces: str | None = None  # a correction: why the earlier publication was withdrawn
    note: str | None = None  # published with gaps: which cijfers stop before the peildatum


@dataclass(frozen=True)
class Withdrawal:
    reason: str
    author: str
    withdrawn_at: dt.datetime


def thema_key(thema_id: str) -> str:
    return f"thema:{thema_id}"


def texts_for(
    data_dir: Path, edition: Edition, version: int | None = None
) -> dict[str, TextRecord]:
    with reading(data_dir, version) as con:
        records = fetch_records(con, "store/texts_for_edition", editie=edition.key)
    return {
        r["sleutel"]: TextRecord(
            r["sleutel"], r["tekst"], r["auteur"], r["aangemaakt_op"], r["versie"]
        )
        for r in records
    }


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def save_text(data_dir: Path, edition: Edition, key: str, text: str, author: str) -> int:
    """Save one Markdown text as a new store version; returns the version."""
    return save_texts(data_dir, edition, {key: text}, author)


def save_texts(data_dir: Path, edition: Edition, texts: dict[str, str], author: str) -> int:
    """Save several texts of one edition in one store version; returns the version."""
    for key, text in texts.items():
        if len(text) > MAX_TEXT_LENGTH:
            raise EditorialError(
                f"De tekst '{key}' is {len(text)} tekens; het maximum is {MAX_TEXT_LENGTH}."
            )

    def change(con: duckdb.DuckDBPyConnection) -> int:
        version = int(execute(con, "store/next_version").fetchone()[0])
        for key, text in sorted(texts.items()):
            execute(con, "store/insert_text", editie=edition.key, sleutel=key, tekst=text.strip(),
                    auteur=author, aangemaakt_op=_now(), versie=version)  # fmt: skip
        return 0

    names = ", ".join(f"'{key}'" for key in sorted(texts))
    info = VersionInfo(author, "tekst", f"Tekst {names} voor editie {edition.label}")
    return write_version(data_dir, info, change)


def published_editions(data_dir: Path) -> list[PublishedEditionInfo]:
    with reading(data_dir) as con:
        records = fetch_records(con, "store/published_editions")
    return [
        PublishedEditionInfo(
            edition_from_text(r["editie"]),
            r["versie"],
            r["gepubliceerd_op"],
            r["auteur"],
            r["vervangt_reden"],
            r["opmerking"],
        )
        for r in records
    ]


MIN_REASON_LENGTH = 10


def withdraw_edition(data_dir: Path, edition: Edition, reason: str, author: str) -> int:
    """Take a published edition off the readers' list, with the reason, as a new version. The
    previous published edition becomes the default; nothing is deleted, its cells still bind
    later editions (readers have seen them), and the peildatum can be published again."""
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON_LENGTH:
        raise EditorialError(
            "Geef een reden voor het intrekken (ten minste 10 tekens); raadsleden krijgen die te zien."
        )
    if edition not in {info.edition for info in published_editions(data_dir)}:
        raise EditorialError(
            f"Editie {edition.label} is niet gepubliceerd; er is niets in te trekken."
        )

    def change(con: duckdb.DuckDBPyConnection) -> int:
        version = int(execute(con, "store/next_version").fetchone()[0])
        execute(con, "store/insert_edition_withdrawal", editie=edition.key, versie=version,
                reden=reason, auteur=author, ingetrokken_op=_now())  # fmt: skip
        return 0

    info = VersionInfo(author, "intrekking", f"Editie {edition.label} ingetrokken: {reason}")
    return write_version(data_dir, info, change)


def withdrawal_of(data_dir: Path, edition: Edition) -> Withdrawal | None:
    """Why `edition` is withdrawn, or None when it is not (never published, or published again)."""
    with reading(data_dir) as con:
        records = fetch_records(con, "store/edition_withdrawal", editie=edition.key)
    return (
        Withdrawal(records[0]["reden"], records[0]["auteur"], records[0]["ingetrokken_op"])
        if records
        else None
    )


def publish_edition(
    data_dir: Path,
    edition: Edition,
    catalogue: Catalogue,
    author: str,
    *,
    audit: Callable[[PublishedEdition], list[str]],
    gaps_acknowledged: bool = False,
    deviations_acknowledged: bool = False,
    reviewed_version: int | None = None,
) -> int:
    """Freeze an edition: the figures of the current store (through the gate, respecting every
    earlier published edition), its texts, its catalogue and its cells as history for later
    editions. `audit` checks the edition as a reader gets it (the render layer passes the audit
    of its exported files, `monitor.render.artefact_audit.exported_findings`): any finding refuses
    the publication, with the findings as the message. An edition whose indicators do not all reach the peildatum is published only when
    the gaps are acknowledged; readers then see a note that names them. Cijfers of the
    edition's year that are implausible against their history (`edition_deviations`) must be
    acknowledged as well.

    `reviewed_version` is the store version the user checked; without it, the version this
    call starts from. Either way, when the store moves before the edition is written (an
    import at the same moment), nothing is published: an edition never holds unreviewed
    cijfers."""
    if current_snapshot(data_dir) is None:
        raise EditorialError("De store is leeg: er is niets om te publiceren.")
    base = current_version(data_dir) if reviewed_version is None else reviewed_version
    if base != current_version(data_dir):
        raise EditorialError(
            f"De store is veranderd sinds de controle: u bekeek versie {base}, de store staat nu "
            f"op versie {current_version(data_dir)}. Bekijk de wijzigingen en publiceer opnieuw."
        )
    found = completeness(data_dir, edition, catalogue)
    if not found.complete and not gaps_acknowledged:
        raise EditorialError(
            f"{found.report()}\nNiet alle indicatoren lopen tot de peildatum; publiceer alleen na "
            "uitdrukkelijke bevestiging (op de pagina, of met --onvolledig)."
        )
    deviations = edition_deviations(data_dir, edition, catalogue)
    if deviations and not deviations_acknowledged:
        listed = "\n".join(f"- {deviation.describe()}" for deviation in deviations[:20])
        more = f"\n(en nog {len(deviations) - 20})" if len(deviations) > 20 else ""
        raise EditorialError(
            f"Deze cijfers wijken sterk af van hun eigen geschiedenis:\n{listed}{more}\n"
            "Controleer ze en publiceer alleen na uitdrukkelijke bevestiging (op de pagina, of "
            "met --afwijkingen-gezien)."
        )
    note = None if found.complete else found.reader_note()
    draft = published_edition(data_dir, edition, catalogue)
    findings = audit(draft)
    if findings:
        listed = "\n".join(f"- {finding}" for finding in findings[:20])
        more = f"\n(en nog {len(findings) - 20})" if len(findings) > 20 else ""
        raise EditorialError(
            f"De AVG-controle van de exportbestanden keurt editie {edition.label} af; er is niets "
            f"gepubliceerd. Meld dit bij de beheerder.\n{listed}{more}"
        )
    cells = {
        cell.key: cell for figure in draft.figures for cell in figure.cells if cell.key is not None
    }
    frame = pd.DataFrame(
        [(edition.key, *key, cell.status.value, None if cell.value is None else str(cell.value))
         for key, cell in sorted(cells.items())],
        columns=["editie", "populatie", "categorie", "periode", "status", "waarde"],
    )  # fmt: skip

    def change(con: duckdb.DuckDBPyConnection) -> int:
        version = int(execute(con, "store/next_version").fetchone()[0])
        execute(con, "store/insert_edition", editie=edition.key, versie=version,
                gepubliceerd_op=_now(), auteur=author)  # fmt: skip
        con.register("edition_cells_frame", frame)
        execute(con, "store/insert_edition_cells")
        execute(con, "store/insert_edition_catalogue", editie=edition.key, versie=version,
                catalogus=catalogue.model_dump_json())  # fmt: skip
        if note is not None:
            execute(con, "store/insert_edition_note", editie=edition.key, versie=version,
                    opmerking=note)  # fmt: skip
        return 0

    info = VersionInfo(author, "editie", f"Editie {edition.label} gepubliceerd")
    return write_version(data_dir, info, change, expected_version=base)


REPORTS_DIR = "rapporten"  # beside store/ in the data directory


def report_path(data_dir: Path, edition: Edition, version: int) -> Path:
    """Where the report of a published edition is kept: one file per publication."""
    return data_dir / REPORTS_DIR / f"{edition.key}-v{version:06d}.pdf"


def stored_report(data_dir: Path, edition: Edition, version: int) -> bytes | None:
    """The report of a publication as it was rendered when it was published (or first asked
    for), None when it has not been rendered yet."""
    path = report_path(data_dir, edition, version)
    return path.read_bytes() if path.exists() else None


def store_report(data_dir: Path, edition: Edition, version: int, pdf: bytes) -> Path:
    """Keep the rendered report of a publication. Written beside its final name and moved into
    place, so a reader never gets half a file; a publication is frozen, so its report never
    needs writing twice."""
    path = report_path(data_dir, edition, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        handle.write(pdf)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return path
