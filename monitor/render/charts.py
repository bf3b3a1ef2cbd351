"""Altair charts of published figures, in Dutch, colour-blind safe, from published cells only.

Hidden cells are `null` in the chart data (never filtered or made transparent), so the data
embedded in the page holds nothing the table does not show. The Dutch locale travels inside
the spec because Streamlit does not pass embed options through.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache

import altair as alt
import pandas as pd

from monitor.domain.catalogue import Eenheid
from monitor.domain.periods import MONTH_ABBREVIATIONS
from monitor.domain.registry import Shape
from monitor.domain.table_roles import TableRole
from monitor.figures.published import PublishedFigure
from monitor.render.safe_text import safe_label, safe_strings

# Okabe-Ito without yellow (too little contrast on white), then a neutral grey for an eighth series.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#8C8C8C")
DASHES = ([1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [10, 4], [4, 4], [12, 2])
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "stroke")
WIDTH, HEIGHT = 640, 300
# One font for page, exports and report: DejaVu Sans (Debian's fonts-dejavu-core), registered with
# vl-convert for PNG/SVG; browsers without it fall back to their sans-serif.
CHART_FONT = "DejaVu Sans, Liberation Sans, sans-serif"

DUTCH_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
    "time": {
        "dateTime": "%a %e %B %Y %T",
        "date": "%d-%m-%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
        "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
        "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                   "september", "oktober", "november", "december"],
        "shortMonths": list(MONTH_ABBREVIATIONS),
    },
}  # fmt: skip

# Banen may be halves; "~" drops a decimal that is zero, so the axis reads 10, 10,5, 11, not 10,0.
FORMATS = {Eenheid.EURO: "$,.0f", Eenheid.PROCENT: ",.0f", Eenheid.PERSONEN: ",.0f", Eenheid.AANTAL: ",.0f",
           Eenheid.BANEN: ",.1~f", Eenheid.PER_1000: ",.1~f"}  # fmt: skip
AXIS_TITLES = {Eenheid.EURO: "euro", Eenheid.PROCENT: "procent", Eenheid.PERSONEN: "aantal personen",
               Eenheid.AANTAL: "aantal", Eenheid.BANEN: "banen",
               Eenheid.PER_1000: "per 1.000 inwoners"}  # fmt: skip


# Axis labels and legends on a page as narrow as a tablet's (the chart takes the width of its
# column there, narrower than the WIDTH of exports): estimates in pixels at font size 12.
CHAR_PX = 7
LABEL_GAP_PX = 10
LEGEND_LABEL_LIMIT = 220
LEGEND_ENTRY_PX = 34  # symbol, its padding and the space between columns
LEGEND_COLUMNS = 4


def _period_axis(labels: list[str], width: int | None = None) -> alt.Axis:
    """Period labels that never run together ("2024-Q12024-Q2"): level while the chart is wide
    enough for all of them side by side, angled when it is not, and thinned (a label that would
    touch its neighbour is left out) when even angled ones would. `width` fixes the chart's width
    when it does not follow its column (a facet); otherwise the angle follows the drawn width."""
    needed = len(labels) * (
        max((len(label) for label in labels), default=0) * CHAR_PX + LABEL_GAP_PX
    )
    if width is not None:
        angle: float | alt.ExprRef = -45 if width < needed else 0
    else:
        angle = alt.ExprRef(f"width < {needed} ? -45 : 0")
    return alt.Axis(labelAngle=angle, labelOverlap="greedy", labelSeparation=4)


def _legend_layout(labels: list[str]) -> dict:
    """As many legend columns as fit the drawn width (at most four), so a legend wraps onto more
    rows instead of running off a narrow chart; a label is cut only when not even one fits."""
    longest = max((len(label) for label in labels), default=0)
    entry = min(LEGEND_LABEL_LIMIT, longest * CHAR_PX) + LEGEND_ENTRY_PX
    return {
        "columns": alt.ExprRef(f"max(1, min({LEGEND_COLUMNS}, floor(width / {entry})))"),
        "labelLimit": alt.ExprRef(f"max(60, min({LEGEND_LABEL_LIMIT}, width - {LEGEND_ENTRY_PX}))"),
    }


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def cell_frame(figure: PublishedFigure, columns: list[str] | None = None) -> pd.DataFrame:
    """Published cells as rows; `waarde` is null wherever the cell is hidden or missing."""
    wanted = figure.columns if columns is None else columns
    records = [
        {
            "rij": cell.row,
            "kolom": cell.column,
            "waarde": _number(cell.value),
            "weergave": cell.display(),
            "status": cell.status.value,
        }
        for cell in figure.cells
        if cell.column in wanted
    ]
    return pd.DataFrame(records, columns=["rij", "kolom", "waarde", "weergave", "status"])


def _palette(count: int) -> list[str]:
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(count)]


def _series_scales(series: list[str]) -> tuple[alt.Scale, alt.Scale, alt.Scale]:
    colours = alt.Scale(domain=series, range=_palette(len(series)))
    dashes = alt.Scale(domain=series, range=[DASHES[i % len(DASHES)] for i in range(len(series))])
    shapes = alt.Scale(domain=series, range=[SHAPES[i % len(SHAPES)] for i in range(len(series))])
    return colours, dashes, shapes


def _year_scales(years: list[str]) -> tuple[alt.Scale, alt.Scale, alt.Scale]:
    # The current year (last) gets the strongest colour and a solid line.
    ordered = list(reversed(years))
    colours, dashes, shapes = _series_scales(ordered)
    return colours, dashes, shapes


def _tooltip(series_title: str, x_title: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("rij:N", title=series_title),
        alt.Tooltip("kolom:N", title=x_title),
        alt.Tooltip("weergave:N", title="Waarde"),
    ]


def _y(
    figure: PublishedFigure, unit: Eenheid | None = None, stack: bool | str | None = None
) -> alt.Y:
    unit = unit or figure.unit
    return alt.Y(
        "waarde:Q",
        title=AXIS_TITLES[unit],
        # Whole units never get ticks in between (0, 0,5, 1 shown as 0, 1, 1).
        axis=alt.Axis(
            format=FORMATS[unit], tickMinStep=alt.Undefined if unit is Eenheid.BANEN else 1
        ),
        stack=stack,
    )


def _lines_per_year(figure: PublishedFigure, highlight_current: bool) -> alt.Chart:
    months = list(figure.columns_with(TableRole.MAAND))
    data = cell_frame(figure, months)
    years = list(figure.rows)
    colours, dashes, shapes = _year_scales(years)
    base = alt.Chart(data).encode(
        x=alt.X("kolom:N", sort=months, title="maand", axis=_period_axis(months)),
        y=_y(figure),
        # Colour, dash and shape share one legend, so a series is recognisable without colour.
        color=alt.Color("rij:N", scale=colours, title="Jaar"),
        strokeDash=alt.StrokeDash("rij:N", scale=dashes, title="Jaar"),
        tooltip=_tooltip("Jaar", "Maand"),
    )
    width = (
        alt.condition(alt.datum.rij == years[-1], alt.value(3.5), alt.value(1.8))
        if highlight_current
        else alt.value(2)
    )
    lines = base.mark_line().encode(strokeWidth=width)
    points = base.mark_point(filled=True, size=45).encode(
        shape=alt.Shape("rij:N", scale=shapes, title="Jaar")
    )
    return lines + points


def _lasten_chart(figure: PublishedFigure) -> alt.Chart:
    chart = _lines_per_year(figure, highlight_current=True)
    current = figure.rows[-1]
    references = [
        (role, cell) for role in (TableRole.BEGROTING, TableRole.PROGNOSE)
        if (cell := figure.cell_in(current, role)) is not None and cell.value is not None
    ]  # fmt: skip
    if not references:
        return chart
    highest = max(cell.value for _, cell in references)
    records = [
        {
            "reeks": f"{figure.label_of(role)} {current}: {cell.display()}",
            "waarde": _number(cell.value),
            # The higher reference is labelled above its line, the other below, so they never overlap.
            "verschuiving": -7 if cell.value == highest else 13,
            "streep": role.value,
        }
        for role, cell in references
    ]
    data = pd.DataFrame(records)
    dashes = {TableRole.BEGROTING.value: [8, 4], TableRole.PROGNOSE.value: [2, 2]}
    # Dashes as mark properties, not an encoding: the year legend stays the only legend.
    rules = [
        alt.Chart(data[data["streep"] == name])
        .mark_rule(strokeWidth=1.5, color="#444444", strokeDash=dash)
        .encode(y=alt.Y("waarde:Q"), tooltip=[alt.Tooltip("reeks:N", title="Referentie")])
        for name, dash in dashes.items()
        if name in set(data["streep"])
    ]
    labels = [
        alt.Chart(data[data["verschuiving"] == offset])
        .mark_text(align="left", dx=4, dy=offset, fontSize=11, color="#222222")
        .encode(y=alt.Y("waarde:Q"), x=alt.value(0), text=alt.Text("reeks:N"))
        for offset in sorted(set(data["verschuiving"]))
    ]
    return alt.layer(chart, *rules, *labels)


def _stacked_bars(figure: PublishedFigure, data: pd.DataFrame, unit: Eenheid) -> alt.Chart:
    # The order of the table (catalogue order, Overig last), never the values: hidden cells keep
    # their fixed place.
    categories = [row for row in figure.rows if row in set(data["rij"])]
    data = data.assign(volgorde=data["rij"].map({row: i for i, row in enumerate(categories)}))
    colours, _, _ = _series_scales(categories)
    return (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "kolom:N",
                sort=list(figure.columns),
                title="periode",
                axis=_period_axis(list(figure.columns)),
            ),
            y=_y(figure, unit, stack="zero"),
            # The legend names only categories with a value somewhere in the chart; a category
            # hidden in every period keeps its colour but is not listed as if it were drawn.
            color=alt.Color(
                "rij:N",
                scale=colours,
                title=figure.row_header,
                sort=categories,
                legend=alt.Legend(values=_drawn(data, categories)),
            ),
            # Hidden cells sort at a fixed place (their category), never by their value.
            order=alt.Order("volgorde:Q", sort="ascending"),
            tooltip=_tooltip(figure.row_header, "Periode"),
        )
    )


def _drawn(data: pd.DataFrame, categories: list[str]) -> list[str]:
    with_value = set(data.loc[data["waarde"].notna(), "rij"])
    return [category for category in categories if category in with_value]


def _share_frame(figure: PublishedFigure) -> pd.DataFrame:
    """Shares of the published total, computed from published counts only."""
    records = []
    for column in figure.columns:
        total_cell = figure.cell_of(TableRole.TOTAAL, column)
        total = None if total_cell is None else total_cell.value
        for row in figure.rows_without(TableRole.TOTAAL):
            count = figure.cell(row, column)
            share = None
            if total is not None and total > 0 and count.value is not None:
                share = float(100 * count.value / total)
            shown = "" if share is None else f"{share:.1f}%".replace(".", ",")
            records.append({"rij": row, "kolom": column, "waarde": share,
                            "weergave": shown or count.display(), "status": count.status.value})  # fmt: skip
    return pd.DataFrame(records, columns=["rij", "kolom", "waarde", "weergave", "status"])


def _lines_per_category(figure: PublishedFigure) -> alt.Chart:
    data = cell_frame(figure)
    categories = list(figure.rows_without(TableRole.TOTAAL))
    data = data[data["rij"].isin(categories)]
    colours, dashes, shapes = _series_scales(categories)
    base = alt.Chart(data).encode(
        x=alt.X(
            "kolom:N",
            sort=list(figure.columns),
            title="peildatum",
            axis=_period_axis(list(figure.columns)),
        ),
        y=_y(figure),
        color=alt.Color("rij:N", scale=colours, title=figure.row_header),
        strokeDash=alt.StrokeDash("rij:N", scale=dashes, title=figure.row_header),
        tooltip=_tooltip(figure.row_header, "Peildatum"),
    )
    return base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=45).encode(
        shape=alt.Shape("rij:N", scale=shapes, title=figure.row_header)
    )


def _grouped_bars(figure: PublishedFigure) -> alt.Chart:
    data = cell_frame(figure)
    series = list(figure.rows)
    colours, _, _ = _series_scales(series)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "kolom:N",
                sort=list(figure.columns),
                title="periode",
                axis=_period_axis(list(figure.columns)),
            ),
            xOffset=alt.XOffset("rij:N", sort=series),
            y=_y(figure),
            color=alt.Color("rij:N", scale=colours, title="", sort=series),
            opacity=alt.value(1),
            tooltip=_tooltip("", "Periode"),
        )
    )


def _kerncijfers_chart(figure: PublishedFigure) -> alt.Chart:
    data = cell_frame(figure)
    colours, _, _ = _series_scales(list(figure.rows))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "kolom:N",
                sort=list(figure.columns),
                title="periode",
                axis=_period_axis(list(figure.columns), width=WIDTH // 2),
            ),
            y=alt.Y("waarde:Q", title=None, axis=alt.Axis(format=",.0f", tickMinStep=1)),
            color=alt.Color("rij:N", scale=colours, legend=None),
            tooltip=_tooltip("Kerncijfer", "Periode"),
        )
        .properties(width=WIDTH // 2, height=140)
        .facet(
            row=alt.Row(
                "rij:N",
                title=None,
                sort=list(figure.rows),
                header=alt.Header(
                    labelOrient="top",
                    labelAnchor="start",
                    labelAngle=0,
                    labelFontWeight="bold",
                    labelFontSize=12,
                ),
            )
        )
        .resolve_scale(y="independent")
    )


def _base_chart(figure: PublishedFigure) -> alt.Chart:
    shape = figure.shape
    if shape is Shape.CUMULATIEVE_LASTEN:
        return _lasten_chart(figure)
    if shape is Shape.MAANDREEKS_PER_JAAR:
        return _lines_per_year(figure, highlight_current=True)
    if shape is Shape.VERDELING_PER_KWARTAAL:
        return _stacked_bars(figure, cell_frame(figure), Eenheid.PROCENT)
    if shape is Shape.KENMERKEN:
        return _stacked_bars(figure, _share_frame(figure), Eenheid.PROCENT)
    if shape is Shape.STAND_PER_KWARTAAL:
        return _lines_per_category(figure)
    if shape in (Shape.IN_UITSTROOM, Shape.VERGELIJKING):
        return _grouped_bars(figure)
    if shape is Shape.BIJZONDERE_BIJSTAND:
        data = cell_frame(figure)
        parts = figure.rows_without(
            TableRole.EINDTOTAAL, TableRole.EINDTOTAAL_ZONDER_ENERGIETOESLAG
        )
        return _stacked_bars(figure, data[data["rij"].isin(parts)], Eenheid.EURO)
    if shape is Shape.KERNCIJFERS:
        return _kerncijfers_chart(figure)
    raise ValueError(f"{figure.figure_id}: no chart is declared for shape {shape}")


def alt_text(figure: PublishedFigure) -> str:
    """The text alternative: what the chart shows and the sentences that say what changed."""
    summary = f"Grafiek: {figure.title} ({figure.edition_label})."
    return safe_label(" ".join([summary, *figure.sentences]))


def chart_for(figure: PublishedFigure) -> alt.Chart:
    """The complete chart spec as served to browsers and exported."""
    if not isinstance(figure, PublishedFigure):
        raise TypeError(f"charts take a PublishedFigure, not {type(figure).__name__}")
    chart = _base_chart(figure)
    if figure.shape is not Shape.KERNCIJFERS:
        chart = chart.properties(width=WIDTH, height=HEIGHT)
    return (
        chart.properties(
            description=alt_text(figure),
            usermeta={"embedOptions": {"actions": False}},
        )
        # Vega's ARIA texts stay on (without them axe finds unlabelled SVG groups), though they
        # are English; the Dutch alt text comes first and the accessibility statement says so.
        .configure(locale=DUTCH_LOCALE, font=CHART_FONT)
        .configure_legend(
            orient="bottom", labelFontSize=12, titleFontSize=12, **_legend_layout(list(figure.rows))
        )
        .configure_axis(labelFontSize=12, titleFontSize=12)
    )


@lru_cache(maxsize=1024)
def _spec_json(figure: PublishedFigure) -> str:
    # Published figures are immutable and cached per store version, so the same figure object
    # serves every session; building an Altair chart costs tens of milliseconds, a copy of its
    # JSON well under one. Every string in it is made safe: the page, the exports and the report
    # draw the same labels, and vl-convert never gets a character that aborts the process.
    return json.dumps(safe_strings(chart_for(figure).to_dict(validate=False)))


def chart_spec(figure: PublishedFigure) -> dict:
    """The spec as a fresh plain dict (callers may change it). Schema validation is skipped
    because it costs more than building the chart; every chart shape is validated by the tests."""
    if not isinstance(figure, PublishedFigure):
        raise TypeError(f"charts take a PublishedFigure, not {type(figure).__name__}")
    return json.loads(_spec_json(figure))
