"""A mistaken edition is withdrawn with a reason: it leaves the readers' list, the previous one
becomes the default, nothing is deleted, and a correction of the same peildatum says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import tree_digest

from monitor.cli import main
from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.publication.editorial import (
    EditorialError,
    publish_edition,
    published_editions,
    withdraw_edition,
    withdrawal_of,
)
from monitor.render.artefact_audit import exported_findings
from monitor.store.history import version_records
from monitor.store.snapshots import reading

SEPTEMBER, JUNE = edition_from_text("2026-09"), edition_from_text("2026-06")
REASON = "Te vroeg gepubliceerd: de lasten Jeugd over september ontbraken."


@pytest.fixture
def store(demo_copy: Path) -> Path:
    return demo_copy


def edition_cells(data_dir: Path) -> int:
    with reading(data_dir) as con:
        return con.execute("SELECT count(*) FROM edition_cells").fetchall()[0][0]


def test_a_withdrawn_edition_leaves_the_list_and_nothing_is_deleted(store: Path) -> None:
    assert [i.edition for i in published_editions(store)] == [SEPTEMBER, JUNE]
    cells = edition_cells(store)

    version = withdraw_edition(store, SEPTEMBER, REASON, "beleid@voorbeeld.nl")

    assert [i.edition for i in published_editions(store)] == [JUNE]
    withdrawal = withdrawal_of(store, SEPTEMBER)
    assert withdrawal is not None and withdrawal.reason == REASON
    assert withdrawal.author == "beleid@voorbeeld.nl"
    assert withdrawal_of(store, JUNE) is None
    history = version_records(store)[0]
    assert (history["version"], history["action"]) == (version, "intrekking")
    assert REASON in history["description"]
    assert edition_cells(store) == cells, "its cells still bind later editions"


def test_a_corrected_edition_replaces_the_withdrawn_one_and_says_why(
    store: Path, catalogue: Catalogue
) -> None:
    withdraw_edition(store, SEPTEMBER, REASON, "beleid@voorbeeld.nl")
    publish_edition(store, SEPTEMBER, catalogue, "beleid@voorbeeld.nl", audit=exported_findings)

    newest = published_editions(store)[0]
    assert newest.edition == SEPTEMBER and newest.replaces == REASON
    assert withdrawal_of(store, SEPTEMBER) is None
    assert published_editions(store)[1].replaces is None


@pytest.mark.parametrize(
    ("edition", "reason", "message"),
    [
        (SEPTEMBER, "  te kort ", "Geef een reden"),
        (edition_from_text("2025-12"), REASON, "is niet gepubliceerd"),
    ],
)
def test_a_withdrawal_without_a_reason_or_of_an_unpublished_edition_changes_nothing(
    store: Path, edition, reason: str, message: str
) -> None:
    before = tree_digest(store)
    with pytest.raises(EditorialError, match=message):
        withdraw_edition(store, edition, reason, "beleid@voorbeeld.nl")
    assert tree_digest(store) == before


def test_the_cli_withdraws_and_exports_the_previous_edition_by_default(store: Path, capsys) -> None:
    assert main(["intrekken", "--editie", "2026-09", "--reden", REASON, "--auteur", "griffie"]) == 0
    assert "lezers zien nu editie t/m juni 2026" in capsys.readouterr().out
    assert main(["exporteer", "wmo-lasten"]) == 0
    assert "Editie t/m juni 2026, gepubliceerd op" in capsys.readouterr().err
    assert main(["intrekken", "--editie", "2026-09", "--reden", REASON]) != 0
    assert "niet gepubliceerd" in capsys.readouterr().err
