"""Problems found in an upload: Dutch sentences that name the file, row and column."""

from __future__ import annotations

from dataclasses import dataclass

MAX_REPORTED = 50


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    row: int | None = None  # as the user sees it in a spreadsheet: the header is row 1
    column: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        place = [self.file]
        if self.sheet:
            place.append(f"blad '{self.sheet}'")
        if self.row is not None:
            place.append(f"rij {self.row}")
        if self.column is not None:
            place.append(f"kolom '{self.column}'")
        return f"{', '.join(place)}: {self.message}"


class ImportRefused(Exception):
    """An upload with problems; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.report())

    def report(self) -> str:
        shown = self.problems[:MAX_REPORTED]
        lines = [str(problem) for problem in shown]
        if len(self.problems) > MAX_REPORTED:
            lines.append(f"… en nog {len(self.problems) - MAX_REPORTED} problemen.")
        lines.append(
            "Er is niets gewijzigd: de opgeslagen cijfers zijn dezelfde als voor de upload."
        )
        return "\n".join(lines)
