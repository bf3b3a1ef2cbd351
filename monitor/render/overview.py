"""Kerncijfers and signals for the overview page, read from published figures only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monitor.domain.catalogue import Catalogue, Eenheid, Richting
from monitor.domain.periods import MONTH_NAMES
from monitor.domain.registry import Shape, figure_specs, thema_figure_id
from monitor.domain.table_roles import TableRole
from monitor.figures.published import CellStatus, PublishedCell, PublishedFigure, format_value
from monitor.publication.edition import PublishedEdition
from monitor.publication.sentences import change_words, percent_change

STRONG_CHANGE_PERCENT = Decimal(10)


@dataclass(frozen=True)
class Kerncijfer:
    label: str
    value: str
    change: str | None  # against the same period a year earlier
    target: str | None  # against the streefwaarde
    figure_id: str


@dataclass(frozen=True)
class Signal:
    chapter: str
    text: str


def _change_text(new: PublishedCell, old: PublishedCell, label: str) -> str | None:
    change = change_words(new, old)
    if change is None:
        if old.status is CellStatus.ONTBREEKT:
            return None
        return f"verandering t.o.v. {label} afgeschermd"
    return f"{change} t.o.v. {label}"


def _target_text(cell: PublishedCell, indicator_id: str, catalogue: Catalogue) -> str | None:
    indicator = catalogue.by_id[indicator_id]
    if indicator.streefwaarde is None or indicator.richting is None or cell.value is None:
        return None
    target = Decimal(str(indicator.streefwaarde))
    reached = cell.value <= target if indicator.richting is Richting.LAGER else cell.value >= target
    better = "lager" if indicator.richting is Richting.LAGER else "hoger"
    shown = format_value(target, cell.unit)
    return f"streefwaarde {shown} ({better} is beter): {'gehaald' if reached else 'niet gehaald'}"


def _latest_month(figure: PublishedFigure) -> tuple[str, str] | None:
    year = figure.rows[-1]
    months = [
        m
        for m in figure.columns_with(TableRole.MAAND)
        if figure.cell(year, m).status is not CellStatus.ONTBREEKT
    ]
    return (year, months[-1]) if months else None


def monthly_kerncijfer(
    figure: PublishedFigure, label: str, indicator: str, catalogue: Catalogue
) -> Kerncijfer | None:
    """Latest month of a line-per-year figure against the same month a year earlier."""
    latest = _latest_month(figure)
    if latest is None:
        return None
    year, month = latest
    cell = figure.cell(year, month)
    # A cumulative amount is the sum up to that month: said so, and compared with the same sum.
    through = "t/m " if figure.shape is Shape.CUMULATIEVE_LASTEN else ""
    change = None
    if len(figure.rows) > 1:
        earlier_year = figure.rows[-2]
        earlier = f"{through}{month}-{earlier_year[2:]}"
        change = _change_text(cell, figure.cell(earlier_year, month), earlier)
    month_name = MONTH_NAMES[figure.columns_with(TableRole.MAAND).index(month)]
    target = _target_text(cell, indicator, catalogue)
    shown = f"{label} t/m {month_name} {year}" if through else f"{label} ({month_name} {year})"
    return Kerncijfer(shown, cell.display(), change, target, figure.figure_id)


def budget_signal(figure: PublishedFigure, chapter_name: str) -> Signal | None:
    year = figure.rows[-1]
    begroting, prognose = (
        figure.cell_in(year, TableRole.BEGROTING),
        figure.cell_in(year, TableRole.PROGNOSE),
    )
    if begroting is None or prognose is None or begroting.value is None or prognose.value is None:
        return None
    difference = prognose.value - begroting.value
    if difference > 0:
        amount = format_value(difference, Eenheid.EURO)
        return Signal(
            figure.chapter,
            f"{chapter_name}: de prognose voor {year} ligt {amount} boven de begroting (verwacht nadeel).",
        )
    return None


def change_signal(kerncijfer: Kerncijfer, chapter: str, change: Decimal | None) -> Signal | None:
    if change is None or abs(change) < STRONG_CHANGE_PERCENT:
        return None
    direction = "gestegen" if change > 0 else "gedaald"
    return Signal(chapter, f"{kerncijfer.label}: sterk {direction} ({kerncijfer.change}).")


@dataclass(frozen=True)
class Overview:
    kerncijfers: dict[str, tuple[Kerncijfer, ...]]
    signals: tuple[Signal, ...]


# Per chapter: (figure id, label) of the monthly kerncijfers, and the lasten figure.
MONTHLY = {
    "wmo": (("wmo-clienten-totaal", "Cliënten Wmo in zorg"), ("wmo-lasten", "Geboekte lasten Wmo")),
    "jeugd": (
        ("jeugd-clienten-totaal", "Jeugdigen in zorg"),
        ("jeugd-lasten", "Geboekte lasten Jeugd"),
    ),
    "participatie": (
        ("participatie-uitkeringen", "Lopende uitkeringen"),
        ("participatie-loonkostensubsidie", "Inwoners met loonkostensubsidie"),
        ("participatie-lasten", "Geboekte lasten Participatie"),
    ),
}
LASTEN = {"wmo": ("wmo-lasten", "Wmo"), "jeugd": ("jeugd-lasten", "Jeugd"),
          "participatie": ("participatie-lasten", "Participatie")}  # fmt: skip


def _prognose_kerncijfer(figure: PublishedFigure, chapter_name: str) -> Kerncijfer | None:
    year = figure.rows[-1]
    begroting, prognose = (
        figure.cell_in(year, TableRole.BEGROTING),
        figure.cell_in(year, TableRole.PROGNOSE),
    )
    if prognose is None or prognose.value is None:
        return None
    target = None
    if begroting is not None and begroting.value is not None:
        target = f"begroting {begroting.display()}"
    return Kerncijfer(
        f"Prognose {chapter_name} {year}", prognose.display(), None, target, figure.figure_id
    )


def _sociale_basis(published: PublishedEdition, catalogue: Catalogue) -> list[Kerncijfer]:
    result = []
    for thema in catalogue.thema:
        figure = published.figure(thema_figure_id(thema.id))
        for row in figure.rows:
            cells = [c for c in figure.row_cells(row) if c.status is not CellStatus.ONTBREEKT]
            if not cells:
                continue
            latest = cells[-1]
            change = _change_text(latest, cells[-2], cells[-2].column) if len(cells) > 1 else None
            indicator = next(
                i for i in catalogue.all_indicators if i.titel == row and i.thema == thema.id
            )
            target = _target_text(latest, indicator.id, catalogue)
            result.append(
                Kerncijfer(
                    f"{row} ({latest.column})", latest.display(), change, target, figure.figure_id
                )
            )
        if len(result) >= 4:
            break
    return result


def overview(published: PublishedEdition, catalogue: Catalogue) -> Overview:
    indicators = {
        spec.figure_id: spec.main_indicator for spec in figure_specs(catalogue) if spec.indicators
    }
    kerncijfers: dict[str, tuple[Kerncijfer, ...]] = {}
    signals: list[Signal] = []
    for chapter, entries in MONTHLY.items():
        found = []
        for figure_id, label in entries:
            figure = published.figure(figure_id)
            kerncijfer = monthly_kerncijfer(figure, label, indicators[figure_id], catalogue)
            if kerncijfer is None:
                continue
            found.append(kerncijfer)
            latest = _latest_month(figure)
            if latest and len(figure.rows) > 1:
                year, month = latest
                change = percent_change(
                    figure.cell(year, month), figure.cell(figure.rows[-2], month)
                )
                if signal := change_signal(kerncijfer, chapter, change):
                    signals.append(signal)
        lasten_id, name = LASTEN[chapter]
        lasten = published.figure(lasten_id)
        if prognose := _prognose_kerncijfer(lasten, name):
            found.append(prognose)
        if signal := budget_signal(lasten, name):
            signals.append(signal)
        kerncijfers[chapter] = tuple(found)
    kerncijfers["sociale_basis"] = tuple(_sociale_basis(published, catalogue))
    return Overview(kerncijfers, tuple(signals))
