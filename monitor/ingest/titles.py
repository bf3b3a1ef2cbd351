"""Title rows above a table's header, as finance and care systems export them ("Lasten Wmo
2024", "Bron: financiële administratie", a date line), and the separator of a CSV whose first
line may be such a title.

A title row holds exactly one filled cell that is not a period; the header is the first row
that is not one. A header always has at least two filled cells (a long file three names, a wide
file a label and a period), except a wide header with an empty first cell and one period, which
is why a lone period is never a title.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from monitor.domain.periods import PeriodError, parse_period

# More leading one-cell rows than this is not a title block but a table without a header.
MAX_TITLE_ROWS = 10
SEPARATORS = {";": "puntkomma", ",": "komma", "\t": "tab"}


@dataclass(frozen=True)
class TitleRow:
    number: int
    text: str


def _filled(cells: Sequence[object]) -> list[object]:
    return [cell for cell in cells if cell is not None and str(cell).strip()]


def is_title_row(cells: Sequence[object]) -> bool:
    filled = _filled(cells)
    if len(filled) != 1:
        return False
    try:
        parse_period(filled[0] if not isinstance(filled[0], str) else filled[0].strip())
    except PeriodError:
        return True
    return False


def title_text(cells: Sequence[object]) -> str:
    return str(_filled(cells)[0]).strip()


def describe_titles(titles: Sequence[TitleRow], header_row: int) -> str:
    """The import report's words for what was skipped, e.g. "kopregel op rij 3; rij 1 en 2 zijn
    titelregels ('Lasten Wmo 2024', 'Bron: financiële administratie')"."""
    numbers = [str(title.number) for title in titles]
    rows = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " en " + numbers[-1]
    which = "is een titelregel" if len(titles) == 1 else "zijn titelregels"
    texts = ", ".join(f"'{title.text[:60]}'" for title in titles)
    return f"kopregel op rij {header_row}; rij {rows} {which} ({texts}), niet geïmporteerd"


def _count_outside_quotes(line: str, separator: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            count += 1
    return count


def likely_separator(lines: Sequence[str]) -> str | None:
    """The separator of the first lines of a CSV, or None when none occurs. Judged by how many
    lines agree on one count rather than by the first line: a title line has none, or only the
    commas of its own text, while the header and the rows after it have the same number."""
    lines = [line for line in lines if line.strip()][: MAX_TITLE_ROWS + 1]

    def score(separator: str) -> tuple[int, int, bool]:
        counts = Counter(_count_outside_quotes(line, separator) for line in lines)
        counts.pop(0, None)
        if not counts:
            return 0, 0, separator == ";"
        agreeing, count = max((lines, count) for count, lines in counts.items())
        return agreeing, count, separator == ";"

    best = max(SEPARATORS, key=score)
    return best if score(best)[0] > 0 else None
