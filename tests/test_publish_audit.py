"""Every publication passes the audit of its exported files: an edition whose files would let a
reader recompute a hidden count is refused with the findings, and nothing is published."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.figures.published import CellStatus
from monitor.publication.edition import PublishedEdition, published_edition
from monitor.publication.editorial import EditorialError, publish_edition, published_editions
from monitor.render.artefact_audit import exported_findings
from monitor.store.history import current_version
from monitor.store.snapshots import open_snapshot

pytestmark = pytest.mark.slow
DECEMBER = edition_from_text("2026-12")


def exact_value(data_dir: Path, key: tuple[str, str, str]) -> Decimal | None:
    con = open_snapshot(data_dir)
    try:
        row = con.execute(
            "SELECT waarde FROM cijfers WHERE indicator = ? AND categorie = ? AND periode = ?",
            list(key),
        ).fetchone()
    finally:
        con.close()
    return None if row is None else Decimal(str(row[0]))


def with_revealed(published: PublishedEdition, key: tuple[str, str, str], value: Decimal):
    """The edition as a mistaken gate would publish it: one secondary shown by its value."""
    figures = tuple(
        dataclasses.replace(
            figure,
            cells=tuple(
                dataclasses.replace(cell, status=CellStatus.WAARDE, value=value)
                if cell.key == key else cell
                for cell in figure.cells
            ),
        )
        for figure in published.figures
    )  # fmt: skip
    return dataclasses.replace(published, figures=figures)


def test_an_edition_whose_files_give_a_hidden_count_away_is_not_published(
    demo_copy: Path, catalogue: Catalogue
) -> None:
    draft = published_edition(demo_copy, DECEMBER, catalogue)
    secondaries = sorted({
        cell.key for figure in draft.figures for cell in figure.cells
        if cell.status is CellStatus.SECUNDAIR and cell.key is not None and "#" not in cell.key[0]
    })  # fmt: skip
    leaking = None
    for key in secondaries:
        value = exact_value(demo_copy, key)
        if value is not None and exported_findings(with_revealed(draft, key, value)):
            leaking = (key, value)
            break
    assert leaking is not None, "revealing a secondary must give something away"
    before, editions = current_version(demo_copy), published_editions(demo_copy)

    def mistaken_gate_audit(published: PublishedEdition) -> list[str]:
        return exported_findings(with_revealed(published, *leaking))

    with pytest.raises(EditorialError) as refused:
        publish_edition(demo_copy, DECEMBER, catalogue, "test", audit=mistaken_gate_audit,
                        gaps_acknowledged=True)  # fmt: skip
    message = str(refused.value)
    assert "keurt editie" in message and "er is niets gepubliceerd" in message
    assert "terug te rekenen" in message or "te weinig mogelijke waarden" in message
    assert current_version(demo_copy) == before
    assert published_editions(demo_copy) == editions

    # The real audit of the real files passes, and the edition is published.
    assert exported_findings(draft) == []
    publish_edition(demo_copy, DECEMBER, catalogue, "test", audit=exported_findings,
                    gaps_acknowledged=True)  # fmt: skip
    assert DECEMBER in [info.edition for info in published_editions(demo_copy)]
