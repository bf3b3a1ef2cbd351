"""Text from data files made safe for every renderer, whatever a store holds.

An import refuses such characters, but older stores and computed categories may still hold them,
and one of them is enough to abort the whole server: vl-convert panics (exit 134) on a C0
control character or a noncharacter such as U+FFFF, openpyxl refuses C0 controls, and XML
(SVG, the report's HTML) forbids them. Bidirectional overrides make a label read differently
from what it is. Every such character is shown as U+FFFD (�), visibly, never dropped, so a
beleidsmedewerker sees that the source holds something odd.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

REPLACEMENT = "\ufffd"

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
# C0 and C1 controls, DEL, lone surrogates, noncharacters, bidi embeddings, overrides and isolates.
_ALWAYS_UNSAFE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
_UNSAFE_IN_TEXT = re.compile(f"[{_ALWAYS_UNSAFE}{_NONCHARACTERS}]")
# A label is one line: line breaks and tabs in it are as unexpected as any control character.
_UNSAFE_IN_LABEL = re.compile(f"[{_ALWAYS_UNSAFE}{_NONCHARACTERS}\t\n\r\u2028\u2029]")


def safe_label(text: str) -> str:
    """A category, title or other one-line label with every unsafe character replaced."""
    return _UNSAFE_IN_LABEL.sub(REPLACEMENT, text)


def safe_text(text: str) -> str:
    """A text of several lines (a definition, an editorial text): line breaks and tabs stay."""
    return _UNSAFE_IN_TEXT.sub(REPLACEMENT, text.replace("\r\n", "\n").replace("\r", "\n"))


def safe_strings(value: object) -> object:
    """Every string in a JSON-like structure (a chart spec) made a safe label, keys included:
    the native renderer gets nothing that could abort it."""
    if isinstance(value, str):
        return safe_label(value)
    if isinstance(value, Mapping):
        return {safe_label(str(key)): safe_strings(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [safe_strings(item) for item in value]
    return value
