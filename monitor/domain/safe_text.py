"""Which characters a text from a data file may not carry into the monitor.

A category, indicator, column or sheet name from an upload becomes a label in the dashboard,
the charts, the exports and the report. Control characters crash renderers, format characters
(bidi overrides, zero-width characters) make a label read differently from what it holds, and
private-use characters and U+FFFD (a character lost in a wrong encoding) are never meant.
Both imports refuse such text; this module is the one rule, for Python and for DuckDB.
"""

from __future__ import annotations

import unicodedata

# Unicode categories: Cc control, Cf format, Cs surrogate, Co private use.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})
REPLACEMENT_CHARACTER = "\ufffd"
# The same rule for DuckDB's regular expressions (RE2), used by the records import.
UNSAFE_PATTERN = r"[\p{Cc}\p{Cf}\p{Cs}\p{Co}\x{FFFD}]"

_NAMES = {
    "\t": "een tab",
    "\n": "een regeleinde",
    "\r": "een regeleinde (CR)",
    "\x0b": "een verticale tab",
    "\x0c": "een paginaovergang",
    "\x00": "een nulteken",
    "\u200b": "een onzichtbare spatie",
    "\ufeff": "een onzichtbaar BOM-teken",
    "\u00ad": "een zacht afbreekstreepje",
}
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_unsafe(character: str) -> bool:
    return (
        character == REPLACEMENT_CHARACTER or unicodedata.category(character) in UNSAFE_CATEGORIES
    )


def first_unsafe(text: str) -> str | None:
    """The first character of `text` that may not be in a label, or None."""
    return next((character for character in text if is_unsafe(character)), None)


def describe(character: str) -> str:
    """A Dutch name for an unsafe character with its code point, for a refusal."""
    code = f"U+{ord(character):04X}"
    if character in _NAMES:
        return f"{_NAMES[character]} ({code})"
    if character in _BIDI:
        return f"een teken dat de leesrichting omdraait ({code})"
    if character == REPLACEMENT_CHARACTER:
        return f"een vervangingsteken ({code}): een letter ging verloren bij het opslaan"
    category = unicodedata.category(character)
    if category == "Cc":
        return f"een stuurteken ({code})"
    if category == "Co":
        return f"een teken uit een privégebied ({code})"
    return f"een onzichtbaar teken ({code})"


def unsafe_problem(text: str) -> str | None:
    """The Dutch refusal for a text holding an unsafe character, or None when it is safe."""
    character = first_unsafe(text)
    if character is None:
        return None
    return (
        f"deze tekst bevat {describe(character)}. Tekst uit een bestand wordt een label in de "
        "monitor en mag geen stuurtekens of onzichtbare tekens bevatten; verwijder het teken."
    )


def visible(text: str, limit: int = 40) -> str:
    """`text` with every unsafe character shown as its code point, to quote it in a message."""
    shown = "".join(f"<U+{ord(c):04X}>" if is_unsafe(c) else c for c in text[:limit])
    return shown + ("…" if len(text) > limit else "")
