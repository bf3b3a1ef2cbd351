"""Recognising BSNs (burgerservicenummers) so that an upload that holds them is refused."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# How people write a BSN: bare (8 digits when Excel dropped the leading zero), in the official
# 4.2.3 notation with dots, or in groups with spaces or hyphens; optionally after the word BSN.
# A grouping of 3.3.3 with dots is how amounts are written, so it counts only after that word.
_WRITTEN = re.compile(
    r"[0-9]{8,9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3,4}([ -])[0-9]{2,3}\1[0-9]{3}"
)
_LABELLED = re.compile(
    r"(?:bsn|burgerservicenummer)(?:[\s-]*(?:nr|nummer)\.?)?\s*[:#.]?\s*"
    r"([0-9]{8,9}|[0-9]{3,4}([ .-])[0-9]{2,3}\2[0-9]{3})",
    re.IGNORECASE,
)


def passes_elfproef(digits: str) -> bool:
    """The BSN variant of the elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11."""
    if not re.fullmatch(r"\d{9}", digits) or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def bsn_digits(value: object) -> str | None:
    """The nine digits of a cell written as a possible BSN (see _WRITTEN), or None. Full-width
    and other Unicode digits count as the digits they are."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    written = _WRITTEN.fullmatch(text)
    labelled = None if written else _LABELLED.fullmatch(text)
    match = written or labelled
    if match is None:
        return None
    number = match[0] if written else match[1]
    digits = re.sub(r"[^0-9]", "", number)
    return digits.zfill(9) if len(digits) in (8, 9) else None


def looks_like_bsn(value: object) -> bool:
    """A cell written as a BSN (bare, dotted 4.2.3, grouped, after 'BSN') that passes the elfproef."""
    digits = bsn_digits(value)
    return digits is not None and passes_elfproef(digits)


def column_holds_bsns(values: Iterable[object], minimum_candidates: int = 1) -> bool:
    """True when the bare 8/9-digit numbers of a column mostly pass the elfproef.

    Random 9-digit numbers (an amount in euro, say) pass it about one time in eleven; a column of
    BSNs passes every time. Requiring 80% keeps both mistakes rare. For a column of amounts a
    single passing value is still likely chance, so callers ask for more candidates there.
    """
    candidates = passing = 0
    for value in values:
        digits = bsn_digits(value)
        if digits is not None:
            candidates += 1
            passing += passes_elfproef(digits)
    return candidates >= minimum_candidates and passing >= 0.8 * candidates
