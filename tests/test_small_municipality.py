"""Gemeente Voorbeeld-Klein, the demo municipality that is hard to protect (monitor.demo.small),
and an attacker who downloads the CSV export of every figure of every published edition and
solves an exact integer program over all of it with every relation a reader can know: sums,
the inequalities of unique totals and of breakdowns short of their total, stock and flow, shares,
and equality across editions wherever a revision left a cell unchanged. On both demo
municipalities it must pin no hidden count and leave every `<10` at least four values."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.demo.small import (
    REVISED_MONTHS,
    UNKNOWN_NOT_DELIVERED,
    load_small_demo,
    voorbeeld_rows,
)
from monitor.demo.texts import publish_demo_editions
from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.figures.published import INCOMPLETE_BREAKDOWN, CellStatus
from monitor.publication.edition import published_edition
from monitor.publication.editorial import published_editions
from monitor.render.artefact_audit import exported_findings
from tests.support.attacker import hidden_ranges, leaks
from tests.support.published_exports import counts_of, exported_knowledge

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def small_data_dir(
    demo_data_dir: Path, catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    directory = tmp_path_factory.mktemp("klein") / "data"
    load_small_demo(
        directory,
        catalogue,
        voorbeeld_rows(demo_data_dir),
        lambda key: publish_demo_editions(
            directory, catalogue, [edition_from_text(key)], exported_findings
        ),
    )
    return directory


@pytest.fixture(scope="module")
def configured(small_data_dir: Path) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MONITOR_DATA_DIR", str(small_data_dir))
        yield


def by_period(directory: Path, indicator: str) -> dict[str, dict[str, Decimal]]:
    grouped: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for name, periode, categorie, value in voorbeeld_rows(directory):
        if name == indicator:
            grouped[periode][categorie] = value
    return grouped


def test_monitor_demo_klein_loads_two_editions_of_the_small_gemeente(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    assert main(["demo", "--gemeente", "klein"]) == 0
    assert "Gemeente Voorbeeld-Klein" in capsys.readouterr().out
    assert [i.edition.key for i in published_editions(tmp_path / "data")] == ["2026-09", "2026-06"]
    assert main(["demo", "--gemeente", "klein"]) == 1  # never over an existing store


def test_the_small_gemeente_has_the_quirks_that_make_protection_hard(
    small_data_dir: Path,
) -> None:
    clienten = by_period(small_data_dir, "wmo.clienten")
    for cells in clienten.values():
        counted = sum(value for category, value in cells.items() if category)
        # Few clients combine voorzieningen: the unique total is just below the sum.
        assert 0 < counted - cells[""] <= counted * Decimal("0.05")
    smallest = min(v for cells in clienten.values() for k, v in cells.items() if k)
    assert smallest < 10
    leeftijd = by_period(small_data_dir, UNKNOWN_NOT_DELIVERED)
    totals = by_period(small_data_dir, "participatie.uitkeringen")
    short = [sum(cells.values()) < totals[p][""] for p, cells in leeftijd.items() if p in totals]
    assert short and all(short)
    # Tiny flows: per voorziening and month a handful of clients at most, often none.
    monthly = [value for periode, cells in by_period(small_data_dir, "wmo.instroom").items()
               if "-Q" not in periode for category, value in cells.items() if category]  # fmt: skip
    assert sum(value < 10 for value in monthly) > len(monthly) * 0.95
    assert monthly.count(Decimal(0)) > len(monthly) // 10


def test_a_revision_lies_between_the_two_editions(
    small_data_dir: Path, configured: None, tmp_path: Path
) -> None:
    shown, _ = exported_knowledge(small_data_dir, tmp_path)
    changed = [
        key for key, (status, value) in shown.items()
        if key[0].startswith("2026-06|wmo.clienten") and key[2] in REVISED_MONTHS
        and status is CellStatus.WAARDE
        and shown.get(("2026-09|" + key[0].split("|")[1], key[1], key[2])) != (status, value)
    ]  # fmt: skip
    assert changed, "the second edition shows revised spring figures"


@pytest.mark.parametrize("gemeente", ["voorbeeld", "klein"])
def test_an_attacker_with_every_export_of_every_edition_recovers_nothing(
    gemeente: str,
    demo_data_dir: Path,
    small_data_dir: Path,
    catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    directory = small_data_dir if gemeente == "klein" else demo_data_dir
    monkeypatch.setenv("MONITOR_DATA_DIR", str(directory))
    shown, relations = exported_knowledge(directory, tmp_path)
    is_count = counts_of(catalogue)
    assert leaks(shown, relations, is_count=is_count) == []

    # The attacker is not blind: every secondary it is shown by value gives something away.
    ranges = hidden_ranges(shown, relations, is_count=is_count)
    secondaries = [k for k in ranges if shown[k][0] is CellStatus.SECUNDAIR and is_count(k)]
    assert secondaries
    for key in secondaries[:10]:
        revealed = {**shown, key: (CellStatus.WAARDE, Decimal(int(ranges[key][0])))}
        assert leaks(revealed, relations, is_count=is_count) != [], key


def test_a_breakdown_short_of_its_total_says_so_and_the_audit_of_the_files_relies_on_it(
    small_data_dir: Path, configured: None
) -> None:
    info = next(i for i in published_editions(small_data_dir) if i.edition.key == "2026-09")
    published = published_edition(small_data_dir, info.edition, version=info.version)
    leeftijd = published.figure("participatie-kenmerken-leeftijd")
    assert INCOMPLETE_BREAKDOWN in leeftijd.notes
    assert INCOMPLETE_BREAKDOWN not in published.figure("participatie-kenmerken-geslacht").notes
    assert exported_findings(published) == []
    # A reader who took the short breakdown for a complete one would "recompute" hidden counts
    # (wrongly): without the note the files would not say how to read them.
    unmarked = dataclasses.replace(
        published,
        figures=tuple(
            dataclasses.replace(f, notes=tuple(n for n in f.notes if n != INCOMPLETE_BREAKDOWN))
            for f in published.figures
        ),
    )
    assert exported_findings(unmarked) != []
