"""CBS's codes and symbols as StatLine and the OData bulk export write them: region codes
(`GM0518`, `NL01  ` padded), period codes (`2019JJ00`, `2020HJ01`, `2024KW03`, `2024MM07`),
the status of a period (voorlopig, nader voorlopig) and a cell's value or CBS's '.'."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from monitor.domain.periods import MONTH_NAMES

REGION_KINDS = {"NL": "land", "PV": "provincie", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}
PERIOD_CODE = re.compile(r"(?P<jaar>\d{4})(?P<soort>JJ|HJ|KW|MM)(?P<nummer>\d{2})")
# CBS writes a suppressed, unknown or unreliable cell as '.'; the OData export leaves it empty.
SECRET = {"", "."}
CBS_NUMBER = re.compile(r"-?\d+(\.\d+)?")
ORDINALS = {1: "1e", 2: "2e", 3: "3e", 4: "4e"}


class CbsCodeError(ValueError):
    """A CBS code or value that is not as CBS writes it; the message is Dutch."""


def region_kind(code: str) -> str:
    return REGION_KINDS.get(code[:2], "overig")


def region_code(text: str) -> str:
    """CBS pads codes to a fixed width (`NL01  `); the code is what remains."""
    code = text.strip()
    if not re.fullmatch(r"[A-Z]{2}[0-9A-Z]{2,8}", code):
        raise CbsCodeError(f"'{text}' is geen CBS-regiocode (zoals GM0518 of NL01)")
    return code


@dataclass(frozen=True)
class CbsPeriod:
    code: str  # as CBS writes it: 2019JJ00
    soort: str  # jaar, halfjaar, kwartaal, maand
    label: str  # 2019, 1e halfjaar 2020, 3e kwartaal 2024, juli 2024
    einddatum: dt.date


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def cbs_period(text: str) -> CbsPeriod:
    code = text.strip()
    found = PERIOD_CODE.fullmatch(code)
    if found is None:
        raise CbsCodeError(
            f"'{text}' is geen CBS-periodecode (zoals 2019JJ00, 2020HJ01, 2024KW03 of 2024MM07)"
        )
    year, kind, number = int(found["jaar"]), found["soort"], int(found["nummer"])
    if kind == "JJ" and number == 0:
        return CbsPeriod(code, "jaar", str(year), dt.date(year, 12, 31))
    if kind == "HJ" and number in (1, 2):
        return CbsPeriod(
            code, "halfjaar", f"{ORDINALS[number]} halfjaar {year}", _month_end(year, 6 * number)
        )
    if kind == "KW" and 1 <= number <= 4:
        return CbsPeriod(
            code, "kwartaal", f"{ORDINALS[number]} kwartaal {year}", _month_end(year, 3 * number)
        )
    if kind == "MM" and 1 <= number <= 12:
        return CbsPeriod(
            code, "maand", f"{MONTH_NAMES[number - 1]} {year}", _month_end(year, number)
        )
    raise CbsCodeError(f"'{text}' is geen bestaande CBS-periode")


def provisional(status: str) -> bool:
    """CBS's period status ('Voorlopig', 'Nader voorlopig', 'Definitief') or a title marked
    with '*' or '**'."""
    text = status.strip().lower()
    return text.endswith("*") or text in {"voorlopig", "nader voorlopig"}


def is_cbs_number(text: str) -> bool:
    """A cell the OData export could have written: a number or CBS's '.' (or empty)."""
    value = text.strip()
    return value in SECRET or CBS_NUMBER.fullmatch(value) is not None


def cbs_value(text: str) -> Decimal | None:
    """A cell as the OData export writes it: a number with a decimal point, or empty (CBS's '.':
    geheim, onbekend or onvoldoende betrouwbaar); None for those."""
    value = text.strip()
    if value in SECRET:
        return None
    if not is_cbs_number(value):
        raise CbsCodeError(f"'{text}' is geen getal zoals CBS het levert (en geen '.')")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise CbsCodeError(f"'{text}' is geen getal") from None
