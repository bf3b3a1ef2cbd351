"""Category names as gemeenten write them: when two names mean the same category, and the import
report's warning when a new name nearly matches a known one ("Woonvoorzieningen" beside a stored
"Woonvoorziening"), so a typing difference does not silently become a new category."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Set

from monitor.domain.catalogue import Catalogue

# Names this similar are one category written twice ("Begeleding", "Hulp bij het huishouding").
SIMILAR = 0.9
DIGITS = re.compile(r"\d+")


def stem(categorie: str) -> str:
    """A category name without case, spacing or a plural ending: "Woonvoorzieningen " and
    "woonvoorziening" name the same thing; "Trede 1" and "Trede 2" do not."""
    name = " ".join(categorie.lower().split())
    for ending in ("en", "s"):
        if name.endswith(ending) and len(name) > len(ending) + 3:
            return name.removesuffix(ending)
    return name


def looks_alike(name: str, other: str) -> bool:
    if name == other:
        return False
    if stem(name) == stem(other):
        return True
    # Names that differ only in their numbers are a series: Trede 1 and 2, Energietoeslag 2022.
    if DIGITS.sub("#", name.lower()) == DIGITS.sub("#", other.lower()):
        return False
    return difflib.SequenceMatcher(None, stem(name), stem(other)).ratio() >= SIMILAR


def lookalike_notes(
    uploaded: Mapping[str, Set[str]], stored: Mapping[str, Set[str]], catalogue: Catalogue
) -> list[str]:
    """A warning for every uploaded category that is new to its indicator (not stored, not named
    in the catalogue) while nearly matching a known or another uploaded name of it."""
    notes = []
    for indicator_id, names in sorted(uploaded.items()):
        indicator = catalogue.by_id[indicator_id]
        known = {*stored.get(indicator_id, ()), *indicator.categorieen, *indicator.structureel}
        reported: set[frozenset[str]] = set()
        for name in sorted(names - known):
            for other in sorted(known | names):
                pair = frozenset((name, other))
                if pair in reported or not looks_alike(name, other):
                    continue
                reported.add(pair)
                where = "in de store" if other in known else "ook in dit bestand"
                notes.append(
                    f"let op: categorie '{name}' van {indicator_id} is nieuw en lijkt op "
                    f"'{other}' ({where}). Bedoelt u dezelfde categorie, gebruik dan één naam; "
                    "anders wordt dit een aparte categorie."
                )
    return notes
