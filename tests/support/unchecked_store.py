"""A store holding categories the import would refuse, as an older store or a computed category
may: written through the store's own path, past the file parsing and its checks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.domain.periods import period_from_key
from monitor.ingest.figure_import import compare_and_store, stage_rows
from monitor.ingest.parsing import CijferRow
from monitor.publication.editorial import save_text
from monitor.render.artefact_audit import exported_findings
from monitor.store.snapshots import VersionInfo

# Quarter ends of the demo's current year: the draft edition 2026-09 shows them.
QUARTER_ENDS = ("2026-03", "2026-06", "2026-09")


def store_categories(
    data_dir: Path, categories: list[str], indicator: str = "wmo.clienten", value: int = 40
) -> int:
    """Store `value` for every category at every quarter end; returns the new version."""
    rows = tuple(
        CijferRow(indicator, period_from_key(key), category, "", Decimal(value), "oud.csv", None, 2)
        for category in categories
        for key in QUARTER_ENDS
    )
    info = VersionInfo("test", "import", "categorieën uit een oudere store", ())
    _, version = compare_and_store(
        data_dir,
        lambda con: stage_rows(con, rows, "oud.csv"),
        lambda con: None,
        info,
        len(rows),
        dry_run=False,
    )
    assert version is not None
    return version


TRACKER = "http://tracker.invalid"
CONTROL_CATEGORIES = ["Hulp\x0bthuis", "Einde\uffffreeks", "Nul\x00teken", "Om\u202edraai"]
MARKUP_CATEGORIES = [
    f"![teller]({TRACKER}/pixel.png)",  # the largest: named in the sentence
    f"[klik hier]({TRACKER}/link)",
    f"<img src={TRACKER}/html.png>",
    "**vet** en _schuin_ :red[rood]",
    f"{TRACKER}/kaal en www.tracker.invalid en iemand@tracker.invalid",
    "# kop",
]
TEXT_WITH_IMAGES = f"Lees dit. ![teller]({TRACKER}/tekst.png) en [de notitie]({TRACKER}/notitie)."


def hostile_demo(directory: Path, catalogue: Catalogue) -> Path:
    """The demo with control characters and Markdown in its categories and an editorial text
    with images, its editions published."""
    from monitor.demo.data import load_demo
    from monitor.demo.texts import DEMO_EDITIONS, publish_demo_editions

    load_demo(directory, catalogue)
    store_categories(directory, MARKUP_CATEGORIES[:1], value=5000)
    store_categories(directory, MARKUP_CATEGORIES[1:] + CONTROL_CATEGORIES)
    save_text(directory, edition_from_text("2026-09"), "wmo", TEXT_WITH_IMAGES, "beleid")
    publish_demo_editions(
        directory, catalogue, [edition_from_text(e) for e in DEMO_EDITIONS], exported_findings
    )
    return directory
