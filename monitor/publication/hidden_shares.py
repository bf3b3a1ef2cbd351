"""How much of a share chart is hidden, and why, in one Dutch sentence.

Only what a reader can already compute from the published table goes in: the published total
minus the published visible values, each as it is exported (rounded as shown). A hidden cell is
never read (it has no value); with a hidden total the sentence names no amount at all.
"""

from __future__ import annotations

from decimal import Decimal

from monitor.domain.table_roles import TableRole
from monitor.figures.published import (
    INCOMPLETE_BREAKDOWN,
    CellStatus,
    PublishedCell,
    PublishedFigure,
)

HUNDRED = Decimal(100)
REASONS = {
    CellStatus.PRIMAIR: "minder dan 10 personen",
    CellStatus.SECUNDAIR: "afgeschermd om terugrekenen van kleine aantallen te voorkomen",
}


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _why(hidden: list[PublishedCell]) -> str:
    """`Begeleiding en Beschermd Wonen: afgeschermd om …` or, mixed, each with its own reason."""
    reasons = {cell.status for cell in hidden}
    if len(reasons) == 1:
        return f"{_names([c.row for c in hidden])} ({REASONS[hidden[0].status]})"
    return _names([f"{c.row} ({REASONS[c.status]})" for c in hidden])


def _percent_words(share: Decimal) -> str:
    if share < Decimal("0.5"):
        return "minder dan 1%"
    return f"{share.quantize(Decimal(1)):f}%"


def hidden_share_sentence(figure: PublishedFigure, column: str, whole: str) -> str | None:
    """`45% van de lasten valt onder afgeschermde categorieën: …` for one column of a share
    figure, None when nothing in it is hidden. `whole` names what the shares divide
    (`de lasten`, `de uitkeringen`)."""
    parts = [figure.cell(row, column) for row in figure.rows_without(TableRole.TOTAAL)]
    hidden = [c for c in parts if c.status in REASONS]
    if not hidden:
        return None
    # Shares of a quarter add up to 100 by definition; a breakdown of counts has its Totaal row.
    total: Decimal | None = HUNDRED
    if figure.label_of(TableRole.TOTAAL) is not None:
        total_cell = figure.cell_of(TableRole.TOTAAL, column)
        total = None if total_cell is None or total_cell.value is None else total_cell.shown_value()
    unknown = INCOMPLETE_BREAKDOWN in figure.notes
    where = "onder afgeschermde categorieën" + (
        " of heeft dit kenmerk niet bekend" if unknown else ""
    )
    if total is None or total == 0:
        return f"Een deel van {whole} valt {where}: {_why(hidden)}."
    visible = sum((c.shown_value() for c in parts if c.value is not None), Decimal(0))
    share = max(Decimal(0), HUNDRED * (total - visible) / total)
    return f"{_percent_words(share).capitalize()} van {whole} valt {where}: {_why(hidden)}."
