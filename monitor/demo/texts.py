"""The demo texts of Gemeente Voorbeeld ("stand van zaken en acties" per thema), written into the
store by the demo as a beleidsmedewerker would."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from monitor.config import PROJECT_ROOT
from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import Edition
from monitor.publication.edition import PublishedEdition
from monitor.publication.editorial import publish_edition, save_texts, thema_key

DEMO_TEXTS = PROJECT_ROOT / "data" / "demo_teksten.toml"
DEMO_EDITIONS = ("2026-06", "2026-09")


def demo_texts() -> dict[str, str]:
    with DEMO_TEXTS.open("rb") as handle:
        return {key: value.strip() for key, value in tomllib.load(handle)["teksten"].items()}


def publish_demo_editions(
    data_dir: Path,
    catalogue: Catalogue,
    editions: list[Edition],
    audit: Callable[[PublishedEdition], list[str]],
) -> None:
    """Write the demo texts for each edition and publish it, oldest first, so the newest edition
    respects what the older one published; `audit` as for every publication."""
    texts = demo_texts()
    for edition in sorted(editions):
        keyed = {thema_key(t.id): texts[t.id] for t in catalogue.thema if t.id in texts}
        save_texts(data_dir, edition, keyed, "demo")
        publish_edition(data_dir, edition, catalogue, "demo", audit=audit)
