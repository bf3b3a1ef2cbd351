"""A plain Python/pandas reference for the figures computed from records (data-contract §3).

Written for clarity, not speed, and independent of the SQL in `queries/records/`: it follows the
definitions literally (merge indicaties into zorgperiodes one by one, then count per peildatum
who is in zorg), where the SQL derives the stand from instroom and uitstroom. The tests use it as
the oracle for the SQL, and the benchmark as the baseline.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

OPEN = dt.date.max  # an empty einddatum: the indicatie is still running
COUNTED_REGELINGEN = {
    "participatiewet",
    "pwet",
    "pw",
    "bijstand",
    "algemenebijstand",
    "wwb",
    "ioaw",
}
INDICATORS = {
    "wmo": ("wmo.clienten", "wmo.instroom", "wmo.uitstroom"),
    "jeugd": ("jeugd.clienten", "jeugd.instroom", "jeugd.uitstroom"),
    "participatie": ("participatie.uitkeringen", "participatie.instroom", "participatie.uitstroom"),
}
HEADER_NAMES = {
    "voorziening_of_productcategorie": "categorie",
    "voorziening": "categorie",
    "productcategorie": "categorie",
    "regeling": "categorie",
    "cliënt": "client",
}
FIXED_CLASSES = {
    "participatie.uitkeringen_leeftijd": ("18-26 jaar", "27-49 jaar", "50 jaar tot AOW-leeftijd"),
    "participatie.uitkeringen_looptijd": (
        "Korter dan 1 jaar",
        "1 tot 3 jaar",
        "3 tot 5 jaar",
        "5 jaar of langer",
    ),
}


@dataclass(frozen=True)
class Zorgperiode:
    begin: dt.date
    end: dt.date  # OPEN when still running
    records: tuple[int, ...]  # positions of the records it was made of


def parse_date(text: object) -> dt.date | None:
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    value = value.strip()
    if not value:
        return None
    for notation in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, notation).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {value!r}")


def read_records(path: Path) -> pd.DataFrame:
    """A records CSV as text columns with canonical names, in file order."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = handle.readline()
    separator = max(";,\t", key=header.count)
    frame = pd.read_csv(
        path, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig",
        quoting=csv.QUOTE_MINIMAL,
    )  # fmt: skip
    frame.columns = [HEADER_NAMES.get(c.strip().lower(), c.strip().lower()) for c in frame.columns]
    return frame


def month_end(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the months from `first`'s month through `last`'s month."""
    result, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        result.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def merge_zorgperiodes(
    rows: list[tuple[dt.date, dt.date, int]], gap_dagen: int
) -> list[Zorgperiode]:
    """Indicaties (begin, end, position) of one client (and category) as zorgperiodes: sorted by
    begin, an indicatie joins the current zorgperiode when it begins at most `gap_dagen` days
    after the latest end so far."""
    periods: list[Zorgperiode] = []
    begin = end = None
    members: list[int] = []
    for row_begin, row_end, position in sorted(rows):
        if begin is not None and (end == OPEN or row_begin <= end + dt.timedelta(days=gap_dagen)):
            end = max(end, row_end)
            members.append(position)
            continue
        if begin is not None:
            periods.append(Zorgperiode(begin, end, tuple(members)))
        begin, end, members = row_begin, row_end, [position]
    if begin is not None:
        periods.append(Zorgperiode(begin, end, tuple(members)))
    return periods


def in_zorg(period: Zorgperiode, peildatum: dt.date) -> bool:
    """CBS: begindatum <= P and (einddatum empty or einddatum > P)."""
    return period.begin <= peildatum and (period.end == OPEN or period.end > peildatum)


def _normalise(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    data = pd.DataFrame(
        {
            "gemeente": frame["gemeente"].str.strip().str.upper() if "gemeente" in frame else "",
            "client": frame["client"].str.strip(),
            "categorie": frame["categorie"].str.strip(),
            "begindatum": [parse_date(v) for v in frame["begindatum"]],
            "einddatum": [parse_date(v) or OPEN for v in frame["einddatum"]],
        }
    )
    data["positie"] = range(len(data))
    if kind == "participatie":
        regeling = (
            frame["categorie"].str.strip().str.lower().str.replace(r"[\s.\-_/]", "", regex=True)
        )
        data["telt"] = regeling.isin(COUNTED_REGELINGEN)
        for column in ("geslacht", "geboortejaar", "leefsituatie", "trede", "loonkostensubsidie"):
            data[column] = frame[column].str.strip() if column in frame else ""
    else:
        data["telt"] = True
    return data[data["client"] != ""] if len(data) else data


def _bounds(
    data: pd.DataFrame, tot: dt.date | None, vanaf: dt.date | None
) -> tuple[list[dt.date], list[dt.date]]:
    """All months from the first begindatum, and the months that get figures."""
    ends = [d for d in data["einddatum"] if d != OPEN]
    latest = tot if tot is not None else max([*data["begindatum"], *ends])
    every = months(min(data["begindatum"]), latest)
    shown = [m for m in every if vanaf is None or m >= dt.date(vanaf.year, vanaf.month, 1)]
    return every, shown


def _rows_for_stock(
    key: tuple[str, str],
    periods: list[Zorgperiode],
    shown: list[dt.date],
    indicators: tuple[str, str, str],
) -> list[dict[str, object]]:
    gemeente, categorie = key
    stand, instroom, uitstroom = indicators
    rows = []
    for month in shown:
        peildatum = month_end(month)
        values = {
            stand: sum(in_zorg(p, peildatum) for p in periods),
            instroom: sum(month <= p.begin <= peildatum for p in periods),
            uitstroom: sum(p.end != OPEN and month <= p.end <= peildatum for p in periods),
        }
        for indicator, value in values.items():
            rows.append(_row(indicator, month, "maand", categorie, gemeente, value))
    for quarter_end in [m for m in shown if m.month % 3 == 0]:
        quarter = [dt.date(quarter_end.year, quarter_end.month - k, 1) for k in (2, 1, 0)]
        if not all(m in shown for m in quarter):
            continue
        for indicator in (instroom, uitstroom):
            total = sum(
                r["waarde"]
                for r in rows
                if r["indicator"] == indicator and r["periode_soort"] == "maand"
                and dt.date.fromisoformat(r["periode"] + "-01") in quarter
            )  # fmt: skip
            rows.append(_row(indicator, quarter_end, "kwartaal", categorie, gemeente, total))
    return rows


def _row(
    indicator: str, month: dt.date, soort: str, categorie: str, gemeente: str, value: int
) -> dict[str, object]:
    periode = (
        f"{month.year:04d}-{month.month:02d}"
        if soort == "maand"
        else f"{month.year:04d}-Q{(month.month + 2) // 3}"
    )
    return {
        "indicator": indicator,
        "periode": periode,
        "periode_soort": soort,
        "categorie": categorie,
        "gemeente": gemeente,
        "waarde": int(value),
    }


def _latest_record(
    data: pd.DataFrame, period: Zorgperiode, peildatum: dt.date
) -> tuple[pd.Series, pd.DataFrame]:
    """The zorgperiode's latest record begun on or before P (then the later row), and all of them."""
    candidates = data.loc[list(period.records)]
    candidates = candidates[candidates["begindatum"] <= peildatum]
    return candidates.sort_values(["begindatum", "positie"]).iloc[-1], candidates


def _leeftijd(geboortejaar: str, peildatum: dt.date) -> str:
    if not geboortejaar:
        return "Onbekend"
    age = peildatum.year - int(geboortejaar)
    if age < 18:
        return "Jonger dan 18 jaar"
    if age <= 26:
        return "18-26 jaar"
    if age <= 49:
        return "27-49 jaar"
    if age <= 66:
        return "50 jaar tot AOW-leeftijd"
    return "AOW-leeftijd of ouder"


def _years_before(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years)  # quarter ends exist in every year


def _looptijd(begin: dt.date, peildatum: dt.date) -> str:
    if begin > _years_before(peildatum, 1):
        return "Korter dan 1 jaar"
    if begin > _years_before(peildatum, 3):
        return "1 tot 3 jaar"
    if begin > _years_before(peildatum, 5):
        return "3 tot 5 jaar"
    return "5 jaar of langer"


def _geslacht(text: str) -> str:
    value = text.lower()
    if value in ("m", "man", "mannelijk"):
        return "Man"
    if value in ("v", "vrouw", "vrouwelijk", "f"):
        return "Vrouw"
    return "Onbekend"


def _trede(text: str) -> str | None:
    value = text.lower().replace("trede", "").strip()
    return f"Trede {value}" if value in {"1", "2", "3", "4", "5", "6"} else None


def _kenmerken_rows(
    data: pd.DataFrame,
    per_client: dict[tuple[str, str], list[Zorgperiode]],
    shown: list[dt.date],
    with_trede: bool,
    with_subsidie: bool,
) -> list[dict[str, object]]:
    peildata = [month_end(m) for m in shown]
    counts: dict[tuple[str, str, str], dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    subsidie: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    quarter_ends = [p for p in peildata if p.month % 3 == 0]

    def gemeenten_until(last: dt.date | None) -> set[str]:
        return {
            gemeente
            for (gemeente, _), periods in per_client.items()
            if last is not None and any(p.begin <= last for p in periods)
        }

    gemeenten = gemeenten_until(quarter_ends[-1] if quarter_ends else None)
    for (gemeente, _client), periods in per_client.items():
        for period in periods:
            for peildatum in peildata:
                if not in_zorg(period, peildatum):
                    continue
                latest, candidates = _latest_record(data, period, peildatum)
                if with_subsidie:
                    subsidie[gemeente][peildatum] += latest["loonkostensubsidie"].lower() in (
                        "ja", "j", "true", "waar", "yes", "y", "1",
                    )  # fmt: skip
                if peildatum.month % 3:
                    continue
                classes = {
                    "participatie.uitkeringen_geslacht": _geslacht(latest["geslacht"]),
                    "participatie.uitkeringen_leefsituatie": latest["leefsituatie"] or "Onbekend",
                    "participatie.uitkeringen_leeftijd": _leeftijd(
                        latest["geboortejaar"], peildatum
                    ),
                    "participatie.uitkeringen_looptijd": _looptijd(period.begin, peildatum),
                }
                if with_trede:
                    with_value = candidates[[_trede(t) is not None for t in candidates["trede"]]]
                    trede = (
                        _trede(with_value.sort_values(["begindatum", "positie"]).iloc[-1]["trede"])
                        if len(with_value)
                        else "Onbekend"
                    )
                    classes["participatie.uitkeringen_trede"] = trede
                for indicator, categorie in classes.items():
                    counts[(gemeente, indicator, categorie)][peildatum] += 1
    categories = set(counts) | {
        (gemeente, indicator, categorie)
        for gemeente in gemeenten
        for indicator, fixed in FIXED_CLASSES.items()
        for categorie in fixed
    }
    rows = [
        _row(indicator, dt.date(p.year, p.month, 1), "maand", categorie, gemeente, counts[(gemeente, indicator, categorie)][p])
        for gemeente, indicator, categorie in sorted(categories)
        for p in peildata
        if p.month % 3 == 0
    ]  # fmt: skip
    if with_subsidie:
        rows += [
            _row("participatie.loonkostensubsidie", dt.date(p.year, p.month, 1), "maand", "",
                 gemeente, subsidie[gemeente][p])
            for gemeente in sorted(gemeenten_until(peildata[-1]))
            for p in peildata
        ]  # fmt: skip
    return rows


def figures_from_records(
    frame: pd.DataFrame,
    kind: str,
    gap_dagen: int = 1,
    tot: dt.date | None = None,
    vanaf: dt.date | None = None,
) -> pd.DataFrame:
    """The figures that records of `kind` ('wmo', 'jeugd', 'participatie') give, as rows
    indicator, periode, periode_soort, categorie, gemeente, waarde. `frame` holds the records as
    text in file order with canonical column names (see `read_records`)."""
    data = _normalise(frame, kind)
    every, shown = _bounds(data, tot, vanaf)
    last_peildatum = month_end(every[-1])
    counted = data[data["telt"]]
    rows: list[dict[str, object]] = []
    groups: dict[tuple[str, str], list[Zorgperiode]] = {}
    per_client: dict[tuple[str, str], list[Zorgperiode]] = {}
    by_client: dict[tuple[str, str], list[tuple[dt.date, dt.date, int]]] = defaultdict(list)
    by_category: dict[tuple[str, str, str], list[tuple[dt.date, dt.date, int]]] = defaultdict(list)
    for record in counted.itertuples():
        entry = (record.begindatum, record.einddatum, record.Index)
        by_client[(record.gemeente, record.client)].append(entry)
        by_category[(record.gemeente, record.client, record.categorie)].append(entry)
    for key, entries in by_client.items():
        per_client[key] = merge_zorgperiodes(entries, gap_dagen)
        groups.setdefault((key[0], ""), []).extend(per_client[key])
    if kind != "participatie":
        for (gemeente, _client, categorie), entries in by_category.items():
            groups.setdefault((gemeente, categorie), []).extend(
                merge_zorgperiodes(entries, gap_dagen)
            )
    for key, periods in sorted(groups.items()):
        if shown and any(p.begin <= last_peildatum for p in periods):
            rows += _rows_for_stock(key, periods, shown, INDICATORS[kind])
    if kind == "participatie" and shown:
        rows += _kenmerken_rows(
            data,
            per_client,
            shown,
            with_trede="trede" in frame,
            with_subsidie="loonkostensubsidie" in frame,
        )
    columns = ["indicator", "periode", "periode_soort", "categorie", "gemeente", "waarde"]
    return pd.DataFrame(rows, columns=columns)
