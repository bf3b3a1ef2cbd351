"""Texts written by beleidsmedewerkers per chapter or thema. Until the text editor exists the
dashboard shows the demo texts of Gemeente Voorbeeld, labelled as such."""

from __future__ import annotations

import tomllib
from functools import cache

from monitor.config import PROJECT_ROOT

DEMO_TEXTS = PROJECT_ROOT / "data" / "demo_teksten.toml"


@cache
def _demo_texts() -> dict[str, str]:
    with DEMO_TEXTS.open("rb") as handle:
        return {key: value.strip() for key, value in tomllib.load(handle)["teksten"].items()}


def thema_text(thema_id: str) -> str | None:
    return _demo_texts().get(thema_id)
