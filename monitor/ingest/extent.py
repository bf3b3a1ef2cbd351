"""How much one import may cover, for both imports: how far in the future its periods and dates
may lie, and
the number of categories per indicator. Beyond these a file is a mistake (an open end written as
31-12-2099, a column of client numbers read as categories), and storing it would turn one upload
into tens of thousands of figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from monitor.ingest.problems import Problem

YEARS_AHEAD = 10  # a meerjarenbegroting or a planned einddatum, not more
MAX_CATEGORIES = 500  # per indicator; the shipped indicators have at most a few dozen


def last_year(today: dt.date | None = None) -> int:
    return (today or dt.date.today()).year + YEARS_AHEAD


def year_outside(year: int, today: dt.date | None = None) -> str | None:
    """Why a period or date in `year` is refused (Dutch), or None when it is plausible. (The
    period parser already refuses years before 1990.)"""
    if year > last_year(today):
        return (
            f"het jaar {year} ligt meer dan {YEARS_AHEAD} jaar in de toekomst. Staat het voor "
            "'geen einde'? Laat de einddatum dan leeg; is het een tikfout, verbeter de periode."
        )
    return None


def category_problems(file: str, pairs: Iterable[tuple[str, str]]) -> list[Problem]:
    """One problem per indicator with more than MAX_CATEGORIES categories in `pairs`
    ((indicator, categorie) for every cijfer or figure)."""
    categories: dict[str, set[str]] = defaultdict(set)
    for indicator, categorie in pairs:
        if categorie:
            categories[indicator].add(categorie)
    return [
        Problem(
            file,
            f"{indicator} heeft {len(names)} verschillende categorieën; meer dan "
            f"{MAX_CATEGORIES} is geen indeling maar waarschijnlijk een verkeerde kolom (zoals "
            "cliëntnummers). Controleer welke kolom de categorie is.",
        )
        for indicator, names in sorted(categories.items())
        if len(names) > MAX_CATEGORIES
    ]
