"""Turning raw sheets into validated figure rows (data-contract §2): long and wide layouts,
periods that fit the indicator, values in the file's notation, and every refusal in Dutch."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from monitor.domain.catalogue import Catalogue, Eenheid, Indicator, Soort
from monitor.domain.numbers import (
    NOTATION_DESCRIPTIONS,
    Notation,
    NumberError,
    check_size,
    format_dutch,
    number_from_cell,
    parse_number,
    resolve_notation,
)
from monitor.domain.periods import Period, PeriodError, PeriodKind, parse_period, period_containing
from monitor.domain.safe_text import first_unsafe, unsafe_problem, visible
from monitor.ingest.bsn import column_holds_bsns
from monitor.ingest.problems import Problem
from monitor.ingest.reading import RawSheet
from monitor.ingest.titles import describe_titles
from monitor.ingest.total_rows import (
    PartCell,
    RowLabel,
    TotalCell,
    check_totals,
    excluded_names,
    label_kind,
)

LONG_REQUIRED = ("indicator", "periode", "waarde")
LONG_OPTIONAL = ("categorie", "gemeente")
GEMEENTE_CODE = re.compile(r"GM\d{4}")
SMALL_COUNT_MARKER = re.compile(r"<\s*\d+")
FINEST_FIRST = (PeriodKind.MAAND, PeriodKind.KWARTAAL, PeriodKind.JAAR)
NUMBER_HINT = "Gebruik cijfers, bijvoorbeeld 12 of 1.250,50."


@dataclass(frozen=True)
class CijferRow:
    indicator: str
    period: Period
    categorie: str
    gemeente: str
    waarde: Decimal
    file: str
    sheet: str | None
    row: int

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator, self.period.key, self.categorie, self.gemeente)

    @property
    def place(self) -> str:
        sheet = f", blad '{self.sheet}'" if self.sheet else ""
        return f"{self.file}{sheet}, rij {self.row}"


@dataclass
class SheetResult:
    rows: list[CijferRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    totals: list[TotalCell] = field(default_factory=list)  # total and partial-total rows read


def fit_period(parsed: Period | dt.date, indicator: Indicator) -> Period:
    """The stored period for a parsed notation, or PeriodError when it does not fit.

    A stand is stored as the month whose last day is its peildatum; a flow keeps its kind.
    """
    allowed = indicator.periodiciteit
    if indicator.soort is Soort.STAND:
        month = (
            period_containing(parsed, PeriodKind.MAAND)
            if isinstance(parsed, dt.date)
            else Period.month(parsed.year, parsed.last_month)
        )
        if PeriodKind.MAAND in allowed:
            return month
        if PeriodKind.KWARTAAL in allowed and month.index % 3 == 0:
            return month
        if PeriodKind.JAAR in allowed and month.index == 12:
            return month
        raise PeriodError(
            f"{month.label} is geen peildatum van {indicator.id}: die heeft alleen standen aan "
            f"het eind van een {' of '.join(k.value for k in allowed)}"
        )
    if isinstance(parsed, dt.date):
        kind = next(k for k in FINEST_FIRST if k in allowed)
        return period_containing(parsed, kind)
    if parsed.kind not in allowed:
        raise PeriodError(
            f"{parsed.key} is een {parsed.kind.value}, maar {indicator.id} heeft cijfers per "
            f"{' of '.join(k.value for k in allowed)}"
        )
    return parsed


def _text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


@dataclass(frozen=True)
class ValueText:
    text: str
    sheet: RawSheet
    row: int
    column: str


def _value_texts(sheets: Iterable[RawSheet], columns: dict[int, Sequence[int]]) -> list[ValueText]:
    """Value cells written as text (numeric XLSX cells have no notation to resolve)."""
    texts = []
    for index, sheet in enumerate(sheets):
        for raw in sheet.rows:
            for col in columns[index]:
                if col < len(raw.cells) and isinstance(raw.cells[col], str):
                    texts.append(ValueText(raw.cells[col], sheet, raw.number, sheet.header[col]))
    return texts


def _mixed_notation_problem(texts: list[ValueText], proof: dict[Notation, str]) -> Problem:
    first = {
        notation: next(t for t in texts if t.text == value) for notation, value in proof.items()
    }
    nl, international = first[Notation.NL], first[Notation.INTERNATIONAAL]
    later = max(nl, international, key=lambda t: t.row)
    return later.sheet.problem(
        f"het bestand mengt notaties: '{nl.text}' (rij {nl.row}) is Nederlands en "
        f"'{international.text}' (rij {international.row}) internationaal. Gebruik één notatie.",
        later.row,
        later.column,
    )


def _unknown_indicator(
    sheet: RawSheet, name: str, catalogue: Catalogue, row: int | None, column: str | None
) -> Problem:
    close = difflib.get_close_matches(name, list(catalogue.by_id), n=1)
    hint = f" Bedoelt u '{close[0]}'?" if close else " Zie de catalogus voor de geldige ids."
    return sheet.problem(f"indicator '{name}' bestaat niet in de catalogus.{hint}", row, column)


def _decimal_places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class ValueReader:
    """Reads value cells in one file's notation and applies the indicator's rules."""

    def __init__(self, notation: Notation) -> None:
        self.notation = notation

    def read(self, cell: object, indicator: Indicator) -> Decimal | str | None:
        """The value, None for an empty cell, or a Dutch problem text."""
        number = number_from_cell(cell)
        if number is not None:
            try:
                check_size(number, _text(cell))
            except NumberError as error:
                return f"{error}. {NUMBER_HINT}"
        text = _text(cell) if number is None else format_dutch(number, _decimal_places(number))
        if number is None:
            if text == "":
                return None
            if SMALL_COUNT_MARKER.fullmatch(text):
                return (
                    f"'{text}' is geen exact cijfer. Lever het exacte aantal aan: de monitor "
                    "maakt zelf '<10' van kleine aantallen bij het publiceren."
                )
            try:
                number = parse_number(text, self.notation)
            except NumberError as error:
                return f"{error}. {NUMBER_HINT}"
        if indicator.eenheid is Eenheid.PERSONEN:
            if number < 0:
                return f"'{text}' is negatief; een aantal personen kan niet negatief zijn."
            if number != number.to_integral_value():
                return f"'{text}' is geen geheel getal; een aantal personen is een heel getal."
        return number


# In a column of amounts three passing values are needed: by chance that happens once in ~1.300
# files, while one passing amount (a begroting of 24.509.000) happens once in eleven.
AMOUNT_COLUMN_BSN_CANDIDATES = 3


def _columns_of_cells(sheet: RawSheet) -> list[list[object]]:
    """The cells of the sheet per header column, in one pass over the cells that exist: checking
    column by column over every row would cost columns × rows for a file of short rows."""
    width = len(sheet.header)
    columns: list[list[object]] = [[] for _ in range(width)]
    for raw in sheet.rows:
        for col, cell in enumerate(raw.cells[:width]):
            columns[col].append(cell)
    return columns


def _check_bsn_columns(
    sheet: RawSheet, columns: list[list[object]], value_columns: Sequence[int], result: SheetResult
) -> None:
    for col, name in enumerate(sheet.header):
        minimum = AMOUNT_COLUMN_BSN_CANDIDATES if col in value_columns else 1
        if column_holds_bsns(columns[col], minimum):
            result.problems.append(
                sheet.problem(
                    "deze kolom lijkt burgerservicenummers (BSN) te bevatten. BSN's mogen niet in de "
                    "monitor. Verwijder de kolom, of schrijf bedragen met scheidingstekens "
                    "(123.456.789) als het geen BSN's zijn.",
                    column=name or f"kolom {col + 1}",
                )
            )


def _check_header(sheet: RawSheet, columns: list[list[object]], result: SheetResult) -> None:
    """Every column with data needs a name, and no name may occur twice: otherwise a value would
    silently land in the wrong place or disappear."""
    seen: dict[str, int] = {}
    for col, name in enumerate(sheet.header):
        has_data = any(_text(cell) for cell in columns[col])
        if not name and has_data:
            result.problems.append(sheet.problem(
                f"kolom {col + 1} heeft geen naam in de kopregel maar wel gegevens. Geef de kolom "
                "een naam of verwijder hem.", row=sheet.header_row, column=f"kolom {col + 1}",
            ))  # fmt: skip
        key = name.lower()
        if name and key in seen:
            result.problems.append(sheet.problem(
                f"de kolomnaam '{name}' staat twee keer in de kopregel (kolom {seen[key] + 1} en "
                f"{col + 1}). Elke kolom heeft een eigen naam.", row=sheet.header_row, column=name,
            ))  # fmt: skip
        seen.setdefault(key, col)


def _column_label(sheet: RawSheet, col: int) -> str:
    name = sheet.header[col] if col < len(sheet.header) else ""
    return name if name and first_unsafe(name) is None else f"kolom {col + 1}"


def _check_text(sheet: RawSheet, result: SheetResult) -> None:
    """Text that becomes a label (sheet and column names, and every cell the import reads) may
    hold no control or invisible characters: data is text, never a way into a renderer."""
    if sheet.sheet and (problem := unsafe_problem(sheet.sheet)):
        result.problems.append(sheet.problem(f"de bladnaam '{visible(sheet.sheet)}': {problem}"))
    for col, name in enumerate(sheet.header):
        if problem := unsafe_problem(name):
            result.problems.append(sheet.problem(problem, 1, _column_label(sheet, col)))
    known = set(LONG_REQUIRED) | set(LONG_OPTIONAL)
    long = is_long_layout(sheet)
    used = {col for col, name in enumerate(sheet.header) if not long or name.lower() in known}
    for raw in sheet.rows:
        # Over the cells a row has, not over the header: short rows must not cost its width.
        for col, cell in enumerate(raw.cells[: len(sheet.header)]):
            if col in used and isinstance(cell, str) and (problem := unsafe_problem(cell)):
                result.problems.append(
                    sheet.problem(problem, raw.number, _column_label(sheet, col))
                )


def _check_formulas(sheet: RawSheet, result: SheetResult) -> None:
    """Text that a spreadsheet would run as a formula has no place in a figure file. Leading
    white space, a tab and full-width signs (＝) do not hide one: Excel and LibreOffice look past
    them, and full-width signs become plain ones in NFKC."""
    for raw in sheet.rows:
        for col, cell in enumerate(raw.cells):
            text = cell if isinstance(cell, str) else ""
            if _looks_like_formula(text):
                column = (
                    sheet.header[col]
                    if col < len(sheet.header) and sheet.header[col]
                    else f"kolom {col + 1}"
                )
                result.problems.append(sheet.problem(
                    f"'{visible(text.strip())}' lijkt een spreadsheetformule. Lever de waarde of "
                    "naam zelf aan.", raw.number, column,
                ))  # fmt: skip


FORMULA_SIGNS = ("=", "+", "-", "@")


def _looks_like_formula(text: str) -> bool:
    core = unicodedata.normalize("NFKC", text).lstrip()
    return core.startswith(FORMULA_SIGNS) and len(core) > 1 and not _looks_numeric(core)


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]\s*€?\s*[\d.,]+\s*%?\s*€?", text.strip()))


def _check_width(sheet: RawSheet, result: SheetResult) -> None:
    width = len(sheet.header)
    for raw in sheet.rows:
        extra = raw.cells[width:]
        if len(raw.cells) < width or any(_text(cell) for cell in extra):
            result.problems.append(
                sheet.problem(
                    f"deze rij heeft {len(raw.cells)} kolommen en de kopregel {width}. Controleer "
                    "het scheidingsteken, of het bestand is onvolledig (half geschreven).",
                    row=raw.number,
                )
            )


def is_long_layout(sheet: RawSheet) -> bool:
    lowered = {name.lower() for name in sheet.header}
    return all(name in lowered for name in LONG_REQUIRED)


def parse_long(sheet: RawSheet, catalogue: Catalogue, values: ValueReader) -> SheetResult:
    result = SheetResult()
    columns = {name.lower(): index for index, name in enumerate(sheet.header)}
    for unknown in set(columns) - set(LONG_REQUIRED) - set(LONG_OPTIONAL):
        result.notes.append(f"kolom '{unknown}' is genegeerd (geen onderdeel van het formaat)")
    for raw in sheet.rows:
        cells = raw.cells

        def cell(name: str, cells: tuple[object, ...] = cells) -> object:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        indicator_id = _text(cell("indicator"))
        indicator = catalogue.get(indicator_id)
        if indicator is None:
            result.problems.append(
                _unknown_indicator(
                    sheet, indicator_id, catalogue, raw.number, _header(sheet, columns, "indicator")
                )
            )
            continue
        label = _text(cell("categorie"))
        kind = label_kind(label)
        row = _row_from_cells(
            sheet,
            raw.number,
            indicator,
            cell("periode"),
            "" if kind is RowLabel.TOTAL else label,
            _text(cell("gemeente")),
            cell("waarde"),
            values,
            result,
            columns,
        )
        if row is None:
            continue
        if kind is not RowLabel.CATEGORY:
            result.totals.append(_total_cell(row, label, _text(cell("periode"))))
        if kind is not RowLabel.PARTIAL_TOTAL:
            result.rows.append(row)
    return result


def _total_cell(row: CijferRow, label: str, column: str) -> TotalCell:
    return TotalCell(
        row.indicator, row.period.key, column, row.gemeente, label or "Totaal", row.waarde,
        row.row, excluded_names(label),
    )  # fmt: skip


def _header(sheet: RawSheet, columns: dict[str, int], name: str) -> str:
    return sheet.header[columns[name]] if name in columns else name


def _row_from_cells(
    sheet: RawSheet,
    number: int,
    indicator: Indicator,
    period_cell: object,
    categorie: str,
    gemeente: str,
    value_cell: object,
    values: ValueReader,
    result: SheetResult,
    columns: dict[str, int],
) -> CijferRow | None:
    ok = True
    try:
        if _text(period_cell) == "":
            raise PeriodError("de periode ontbreekt; vul bijvoorbeeld 2024-03 of mrt-24 in")
        period = fit_period(parse_period(period_cell), indicator)
    except PeriodError as error:
        result.problems.append(
            sheet.problem(f"{error}.", number, _header(sheet, columns, "periode"))
        )
        ok = False
    if categorie and not indicator.categorie:
        result.problems.append(
            sheet.problem(
                f"{indicator.id} heeft geen categorieën, maar deze rij heeft categorie '{categorie}'. "
                "Laat de categorie leeg.",
                number,
                _header(sheet, columns, "categorie"),
            )
        )
        ok = False
    if gemeente and not GEMEENTE_CODE.fullmatch(gemeente.upper()):
        result.problems.append(
            sheet.problem(
                f"'{gemeente}' is geen CBS-gemeentecode; gebruik de vorm GM0098.",
                number,
                _header(sheet, columns, "gemeente"),
            )
        )
        ok = False
    value = values.read(value_cell, indicator)
    if isinstance(value, str):
        result.problems.append(sheet.problem(value, number, _header(sheet, columns, "waarde")))
        return None
    if not ok or value is None:
        return None
    return CijferRow(
        indicator.id, period, categorie, gemeente.upper(), value, sheet.file, sheet.sheet, number
    )


def parse_wide(sheet: RawSheet, indicator: Indicator, values: ValueReader) -> SheetResult:
    result = SheetResult()
    periods: list[tuple[int, Period]] = []
    for col, label in enumerate(sheet.header[1:], start=1):
        if not label:
            continue
        try:
            periods.append((col, fit_period(parse_period(label), indicator)))
        except PeriodError as error:
            result.problems.append(
                sheet.problem(f"kopregel: {error}.", row=sheet.header_row, column=label)
            )
    if not periods and not result.problems:
        result.problems.append(
            sheet.problem(
                "geen kolommen met perioden gevonden. Een breed bestand heeft als kopregel bijvoorbeeld "
                "Voorziening;mrt-22;jun-22;sep-22.",
                row=sheet.header_row,
            )
        )
    seen_periods: dict[str, str] = {}
    for col, period in periods:
        label = sheet.header[col]
        if period.key in seen_periods:
            result.problems.append(
                sheet.problem(
                    f"kolommen '{seen_periods[period.key]}' en '{label}' zijn dezelfde periode "
                    f"({period.key}).",
                    row=sheet.header_row,
                    column=label,
                )
            )
        seen_periods[period.key] = label
    for raw in sheet.rows:
        label = _text(raw.cells[0]) if raw.cells else ""
        kind = label_kind(label)
        categorie = "" if kind is RowLabel.TOTAL else label
        if categorie and not indicator.categorie:
            result.problems.append(
                sheet.problem(
                    f"{indicator.id} heeft geen categorieën; gebruik één rij 'Totaal'.",
                    raw.number,
                    sheet.header[0] or "kolom 1",
                )
            )
            continue
        for col, period in periods:
            cell = raw.cells[col] if col < len(raw.cells) else None
            value = values.read(cell, indicator)
            if isinstance(value, str):
                result.problems.append(sheet.problem(value, raw.number, sheet.header[col]))
            elif value is not None:
                row = CijferRow(
                    indicator.id, period, categorie, "", value, sheet.file, sheet.sheet, raw.number
                )
                if kind is not RowLabel.CATEGORY:
                    result.totals.append(_total_cell(row, label, sheet.header[col]))
                if kind is not RowLabel.PARTIAL_TOTAL:
                    result.rows.append(row)
    return result


def parse_figure_file(
    sheets: list[RawSheet], catalogue: Catalogue, indicator_id: str | None
) -> SheetResult:
    """All figure rows of one file. `indicator_id` applies to wide sheets (CSV or XLSX); without
    it a wide XLSX sheet must be named after its indicator."""
    result = SheetResult()
    layouts: list[tuple[RawSheet, Indicator | None]] = []
    value_columns: dict[int, Sequence[int]] = {}
    for index, sheet in enumerate(sheets):
        columns = _columns_of_cells(sheet)
        _check_width(sheet, result)
        _check_header(sheet, columns, result)
        _check_formulas(sheet, result)
        _check_text(sheet, result)
        if is_long_layout(sheet):
            layouts.append((sheet, None))
            waarde = [i for i, name in enumerate(sheet.header) if name.lower() == "waarde"]
            value_columns[index] = waarde
            _check_bsn_columns(sheet, columns, waarde, result)
            continue
        value_columns[index] = range(1, len(sheet.header))
        _check_bsn_columns(sheet, columns, value_columns[index], result)
        name = indicator_id or (sheet.sheet or "")
        indicator = catalogue.get(name)
        if indicator is None:
            if name:
                result.problems.append(_unknown_indicator(sheet, name, catalogue, None, None))
            else:
                result.problems.append(
                    sheet.problem(
                        "dit is geen lang formaat (kolommen indicator;periode;categorie;waarde) en er "
                        "is geen indicator opgegeven. Kies voor een breed bestand de indicator: op de "
                        "pagina Cijfers uploaden per bestand, bij monitor importeer met --indicator "
                        "(bijvoorbeeld --indicator wmo.clienten).",
                        row=sheet.header_row,
                    )
                )
            continue
        layouts.append((sheet, indicator))
    if result.problems:
        return result
    texts = _value_texts(sheets, value_columns)
    notation, proof = resolve_notation(t.text for t in texts)
    if len(proof) == 2:
        result.problems.append(_mixed_notation_problem(texts, proof))
        return result
    values = ValueReader(notation)
    for sheet, indicator in layouts:
        part = (
            parse_long(sheet, catalogue, values)
            if indicator is None
            else parse_wide(sheet, indicator, values)
        )
        layout = "lang formaat" if indicator is None else f"breed formaat, {indicator.id}"
        where = f"blad '{sheet.sheet}', " if sheet.sheet else ""
        titles = f"; {describe_titles(sheet.titles, sheet.header_row)}" if sheet.titles else ""
        result.notes.append(
            f"{sheet.file}: {where}{sheet.description}, {layout}, {len(part.rows)} cijfers; "
            f"getallen gelezen als {NOTATION_DESCRIPTIONS[notation]}{titles}"
        )
        result.notes.extend(f"{sheet.file}: {note}" for note in part.notes)
        parts = [
            PartCell(row.indicator, row.period.key, row.gemeente, row.categorie, row.waarde)
            for row in part.rows
            if row.categorie
        ]
        totals = check_totals(sheet.file, sheet.sheet, part.totals, parts, catalogue)
        result.notes.extend(totals.notes)
        result.rows.extend(part.rows)
        result.problems.extend(part.problems + totals.problems)
    return result


def duplicate_problems(rows: Iterable[CijferRow]) -> list[Problem]:
    first_seen: dict[tuple[str, str, str, str], CijferRow] = {}
    problems = []
    for row in rows:
        earlier = first_seen.setdefault(row.key, row)
        if earlier is not row:
            categorie = f", categorie '{row.categorie}'" if row.categorie else ""
            problems.append(
                Problem(
                    row.file,
                    f"dubbel cijfer: {row.indicator}, periode {row.period.key}{categorie} staat ook in "
                    f"{earlier.place}. Elk cijfer mag één keer voorkomen.",
                    row=row.row,
                    sheet=row.sheet,
                )
            )
    return problems
