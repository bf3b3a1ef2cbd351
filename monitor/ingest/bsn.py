"""Recognising BSNs (burgerservicenummers) so that an upload that holds them is refused."""

from __future__ import annotations

import re
from collections.abc import Iterable

_BARE_NUMBER = re.compile(r"\d{8,9}")


def passes_elfproef(digits: str) -> bool:
    """The BSN variant of the elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11."""
    if not re.fullmatch(r"\d{9}", digits) or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def looks_like_bsn(value: object) -> bool:
    """A bare 8- or 9-digit number (Excel drops the leading zero) that passes the elfproef."""
    if isinstance(value, bool):
        return False
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return bool(_BARE_NUMBER.fullmatch(text)) and passes_elfproef(text.zfill(9))


def column_holds_bsns(values: Iterable[object], minimum_candidates: int = 1) -> bool:
    """True when the bare 8/9-digit numbers of a column mostly pass the elfproef.

    Random 9-digit numbers (an amount in euro, say) pass it about one time in eleven; a column of
    BSNs passes every time. Requiring 80% keeps both mistakes rare. For a column of amounts a
    single passing value is still likely chance, so callers ask for more candidates there.
    """
    candidates = passing = 0
    for value in values:
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if _BARE_NUMBER.fullmatch(text):
            candidates += 1
            passing += passes_elfproef(text.zfill(9))
    return candidates >= minimum_candidates and passing >= 0.8 * candidates
