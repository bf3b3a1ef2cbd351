"""Numbers in Dutch and international notation: one notation resolved per file, and Dutch output.

`1.464.689`, `€ 1.464.689`, `44.583€`, `12,5` and `-3.000` are Dutch; `1,464,689.50` and `12.5`
are international. A value like `3.000` fits both; the other values of the same file decide, and
without evidence the Dutch reading wins because that is what municipal systems export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum


class Notation(StrEnum):
    NL = "nl"  # 1.234,5
    INTERNATIONAAL = "internationaal"  # 1,234.5


NOTATION_DESCRIPTIONS = {
    Notation.NL: "Nederlands (punt voor duizendtallen, komma voor decimalen: 1.234,5)",
    Notation.INTERNATIONAAL: "internationaal (komma voor duizendtallen, punt voor decimalen: 1,234.5)",
}


class NumberError(ValueError):
    """A text that is not a number; the message is Dutch and user-facing."""


_STRIP = re.compile(r"[€\s\u00a0\u202f]|eur(?:o)?\b", re.IGNORECASE)
_SHAPE = re.compile(r"[+-]?[\d.,]*\d[\d.,]*%?")
_GROUPED_DOTS = re.compile(r"\d{1,3}(\.\d{3})+")
_GROUPED_COMMAS = re.compile(r"\d{1,3}(,\d{3})+")


def _core(text: str) -> str:
    core = _STRIP.sub("", text)
    # Accounting exports sometimes put the minus after the number or use a real minus sign.
    core = core.replace("\u2212", "-")
    if core.endswith("-") and core.count("-") == 1:
        core = "-" + core[:-1]
    return core


def notation_evidence(text: str) -> Notation | None:
    """Which notation this single value proves, or None when it fits both."""
    digits = _core(text).lstrip("+-").rstrip("%")
    if "." in digits and "," in digits:
        return Notation.NL if digits.rfind(",") > digits.rfind(".") else Notation.INTERNATIONAAL
    if digits.count(".") > 1:
        return Notation.NL
    if digits.count(",") > 1:
        return Notation.INTERNATIONAAL
    if "," in digits:
        return None if _GROUPED_COMMAS.fullmatch(digits) else Notation.NL
    if "." in digits:
        return None if _GROUPED_DOTS.fullmatch(digits) else Notation.INTERNATIONAAL
    return None


def resolve_notation(values: Iterable[str]) -> tuple[Notation, dict[Notation, str]]:
    """Decide the notation of a file from its values. Returns the notation and, per notation,
    the first value that proves it (both present means the file mixes notations)."""
    proof: dict[Notation, str] = {}
    for value in values:
        evidence = notation_evidence(value)
        if evidence is not None and evidence not in proof:
            proof[evidence] = value
            if len(proof) == 2:
                break
    if Notation.INTERNATIONAAL in proof and Notation.NL not in proof:
        return Notation.INTERNATIONAAL, proof
    return Notation.NL, proof


def parse_number(text: str, notation: Notation) -> Decimal:
    """Parse one value in the file's notation. Raises NumberError with a Dutch hint."""
    raw = text.strip()
    core = _core(raw)
    percent = core.endswith("%")
    if percent:
        core = core[:-1]
    if not _SHAPE.fullmatch(core):
        raise NumberError(f"'{raw}' is geen getal")
    thousands, decimal_mark = (".", ",") if notation is Notation.NL else (",", ".")
    sign = ""
    if core[0] in "+-":
        sign, core = core[0], core[1:]
    if core.count(decimal_mark) > 1:
        raise NumberError(f"'{raw}' heeft meer dan één decimaalteken")
    whole, _, fraction = core.partition(decimal_mark)
    if thousands in whole and not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+", whole):
        raise NumberError(f"'{raw}' heeft duizendtallen die niet per drie cijfers gegroepeerd zijn")
    if thousands in fraction:
        raise NumberError(f"'{raw}' heeft een duizendtalteken na het decimaalteken")
    canonical = sign + whole.replace(thousands, "") + ("." + fraction if fraction else "")
    try:
        number = Decimal(canonical)
    except InvalidOperation:
        raise NumberError(f"'{raw}' is geen getal") from None
    check_size(number, raw)
    return number


MAX_MAGNITUDE = Decimal("1e15")


def check_size(number: Decimal, shown: str) -> None:
    """Amounts of a gemeente stay far below a thousand billion; larger is a mistake."""
    if not number.is_finite() or abs(number) >= MAX_MAGNITUDE:
        raise NumberError(f"'{shown}' is te groot (meer dan 15 cijfers voor de komma)")


def number_from_cell(value: object) -> Decimal | None:
    """A numeric spreadsheet cell as a Decimal (None when the cell is not numeric)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        # repr gives the shortest text that round-trips, so 0.1 stays 0.1.
        return Decimal(repr(value))
    return None


def round_half_up(value: Decimal | int | float, decimals: int = 0) -> Decimal:
    """Half away from zero, as a reader rounds: the value every published notation shows."""
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_dutch(value: Decimal | int | float, decimals: int = 0) -> str:
    """`1464689` → `1.464.689`; `12.5` with decimals=1 → `12,5`."""
    shown = round_half_up(value, decimals)
    sign = "-" if shown < 0 else ""
    whole, _, fraction = f"{abs(shown):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


# A non-breaking space: no line ever ends in "€" with its amount on the next line.
EURO_SIGN = "€\u00a0"
_EURO_BEFORE_AMOUNT = re.compile(r"€ (?=[-\d])")


def format_euro(value: Decimal | int | float) -> str:
    """`1464689` → `€ 1.464.689` (non-breaking space); negative: `-€ 1.000`."""
    text = format_dutch(value)
    return f"-{EURO_SIGN}{text[1:]}" if text.startswith("-") else EURO_SIGN + text


def nonbreaking_amounts(text: str) -> str:
    """An amount typed as `€ 5.000` in an editorial text kept together the same way."""
    return _EURO_BEFORE_AMOUNT.sub(EURO_SIGN, text)


def format_uploaded(value: Decimal | None) -> str:
    """A value as uploaded, for previews and diffs: whole numbers without decimals, others with
    two; `–` where there is none."""
    if value is None:
        return "–"
    decimals = 0 if value == value.to_integral_value() else 2
    return format_dutch(value, decimals)


def format_moment(moment: datetime) -> str:
    """`31-03-2026 14:05`: how the history and the admin pages show when something happened."""
    return f"{moment:%d-%m-%Y %H:%M}"
