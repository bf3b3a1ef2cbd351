"""The printable monitor for the raad: every figure of an edition as a PDF (HTML + CSS rendered
by WeasyPrint), from the same published figures as the dashboard.

WeasyPrint needs the Pango libraries of the operating system (Debian: libpango-1.0-0 and
libpangoft2-1.0-0).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import Edition
from monitor.domain.numbers import nonbreaking_amounts
from monitor.domain.periods import MONTH_NAMES
from monitor.domain.registry import CHAPTERS, Shape, chapter_title, figure_specs
from monitor.figures.published import MARKER_LEGEND, METHOD_NOTE, PublishedFigure
from monitor.publication.edition import PublishedEdition, published_edition
from monitor.publication.editorial import (
    TextRecord,
    store_report,
    stored_report,
    texts_for,
    thema_key,
)
from monitor.publication.sentences import nearly_equal_rule
from monitor.render.charts import alt_text
from monitor.render.export import chart_svg_bytes
from monitor.render.markdown_text import without_images
from monitor.render.safe_text import safe_label, safe_text

TEMPLATES = Path(__file__).parent / "templates"
# A monthly series has twelve months and its summary columns across, a few years down: too wide
# for a page in euro. Printed turned a quarter, months down and years across, it fits.
TRANSPOSED_SHAPES = {Shape.CUMULATIEVE_LASTEN, Shape.MAANDREEKS_PER_JAAR}
# Every chart at the same scale (a font of the chart prints the same size everywhere): the
# standard chart fills most of the text width, the small sociale-basis charts stay small.
MM_PER_CHART_PIXEL = 0.215
_SVG_WIDTH = re.compile(rb"<svg[^>]*?\swidth=\"([\d.]+)\"")


@dataclass(frozen=True)
class ReportTable:
    header: str
    columns: tuple[str, ...]
    rows: tuple[dict, ...]
    transposed: bool = False


def css_string(text: str) -> Markup:
    """Text inside a CSS string of the template's <style> (the page headers): every character
    but letters, digits and spaces as a CSS escape, so no name can end the string or the rule,
    and HTML escaping (which a <style> does not undo) never shows up as `&#39;`. The space ends
    each escape (CSS takes one whitespace after it as part of the escape)."""
    escaped = "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):06x} "
        for char in safe_label(text)
    )
    return Markup(escaped)  # nosec B704: nothing in it can end the string, the rule or the element


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.filters["css_string"] = css_string
    return environment


def _markdown(text: str) -> Markup:
    # Raw HTML in a text is never rendered: markdown-it escapes it, so the result is safe HTML.
    # An image would be fetched from wherever it points: it is shown as its Markdown text.
    source = without_images(safe_text(text))
    return Markup(MarkdownIt("commonmark", {"html": False}).render(source))  # nosec B704


def _table(figure: PublishedFigure) -> ReportTable:
    if figure.shape in TRANSPOSED_SHAPES:
        return _transposed_table(figure)
    rows = tuple(
        {"label": safe_label(row), "cells": [cell.display() for cell in figure.row_cells(row)]}
        for row in figure.rows
    )
    return ReportTable(
        safe_label(figure.row_header), tuple(safe_label(c) for c in figure.columns), rows
    )


def _transposed_table(figure: PublishedFigure) -> ReportTable:
    rows = tuple(
        {"label": safe_label(column),
         "cells": [figure.cell(row, column).display() for row in figure.rows]}
        for column in figure.columns
    )  # fmt: skip
    return ReportTable("", tuple(safe_label(row) for row in figure.rows), rows, transposed=True)


@dataclass(frozen=True)
class ReportImage:
    uri: str
    width_mm: float


def _report_image(svg: bytes) -> ReportImage:
    found = _SVG_WIDTH.search(svg)
    width = float(found[1]) if found else 0.0
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    return ReportImage(uri, round(width * MM_PER_CHART_PIXEL, 1))


def _images(figures: tuple[PublishedFigure, ...]) -> dict[str, ReportImage]:
    """Every chart as an SVG data URI; rendered two at a time (vl-convert works outside the GIL)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        svgs = list(pool.map(chart_svg_bytes, figures))
    return {figure.figure_id: _report_image(svg) for figure, svg in zip(figures, svgs, strict=True)}


def _figure_context(figure: PublishedFigure, image: ReportImage) -> dict:
    return {
        "title": safe_label(figure.title),
        "image": image.uri,
        "image_width": image.width_mm,
        "alt": alt_text(figure),
        "sentences": [safe_label(sentence) for sentence in figure.sentences],
        "notes": [safe_label(note) for note in figure.notes],
        "table": _table(figure),
        "has_hidden": figure.has_hidden_cells,
    }


def _chapters(
    published: PublishedEdition, catalogue: Catalogue, texts: dict[str, TextRecord]
) -> list[dict]:
    themas = {f"4.{n}": thema for n, thema in enumerate(catalogue.thema, start=1)}
    images = _images(published.figures)
    chapters = []
    for number, chapter in enumerate(CHAPTERS, start=1):
        sections: dict[str, dict] = {}
        for figure in published.chapter(chapter):
            section = sections.setdefault(figure.section, {
                "number": figure.section, "title": figure.section_title,
                "anchor": "sectie-" + figure.section.replace(".", "-"), "figures": [],
                "ambitie": "", "text": None,
            })  # fmt: skip
            section["figures"].append(_figure_context(figure, images[figure.figure_id]))
            if figure.section in themas:
                thema = themas[figure.section]
                section["ambitie"] = thema.ambitie
                text = texts.get(thema_key(thema.id))
                section["text"] = _markdown(text.text) if text else None
        intro = texts.get(chapter)
        chapters.append({"number": number, "title": chapter_title(chapter), "anchor": chapter,
                         "sections": list(sections.values()),
                         "text": _markdown(intro.text) if intro else None})  # fmt: skip
    return chapters


def _definitions(catalogue: Catalogue) -> list[dict]:
    specs = figure_specs(catalogue)
    used = dict.fromkeys(i for spec in specs for i in spec.indicators)
    indicators = [
        {"title": catalogue.by_id[i].titel, "definition": catalogue.by_id[i].definitie,
         "source": catalogue.by_id[i].bron}
        for i in used
    ]  # fmt: skip
    # A figure from other sources than the indicators (the comparison with CBS) names them too.
    others = [
        {"title": spec.title, "definition": spec.description, "source": "; ".join(spec.sources)}
        for spec in specs
        if spec.sources and not spec.indicators
    ]
    return indicators + others


def _peildatum_text(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def report_html(
    published: PublishedEdition,
    catalogue: Catalogue,
    texts: dict[str, TextRecord],
    created: dt.datetime | None = None,
) -> str:
    """The report as HTML; `created` (default: now) is the moment the PDF says it was made."""
    moment = (created or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    edition = published.edition
    template = _environment().get_template("report.html.j2")
    html = template.render(
        gemeente=catalogue.instellingen.gemeente_naam,
        edition_label=edition.label,
        peildatum_text=_peildatum_text(edition.peildatum_date),
        created_iso=f"{moment:%Y-%m-%dT%H:%M:%SZ}",
        method_note=METHOD_NOTE,
        nearly_equal_rule=nearly_equal_rule(catalogue.instellingen.nagenoeg_gelijk_procent),
        legend=MARKER_LEGEND,
        chapters=_chapters(published, catalogue, texts),
        definitions=_definitions(catalogue),
    )
    # The template holds no control character; whatever a data text still carries goes here.
    # An amount typed in an editorial text keeps its euro sign like every computed one.
    return nonbreaking_amounts(safe_text(html))


class ReportLoadRefused(ValueError):
    """The report asked for something from outside what the product embeds itself."""


def _own_file(url: str) -> Path | None:
    """The file a file: URL names, if it is one of the product's templates."""
    path = Path(url2pathname(urlsplit(url).path)).resolve()
    return path if path.is_file() and path.is_relative_to(TEMPLATES.resolve()) else None


@cache
def _fetcher() -> Any:
    """WeasyPrint's fetcher limited to what the product embeds itself: its templates and the
    data: URIs of the charts. Anything else (http(s) to any address, internal ones included, a
    local file outside the templates) is refused; WeasyPrint then leaves that resource out."""
    import weasyprint  # imported here: it loads the system's Pango libraries

    class OwnResourcesOnly(weasyprint.URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> Any:
            scheme = url.partition(":")[0].lower()
            if scheme == "data" or (scheme == "file" and _own_file(url) is not None):
                return super().fetch(url, headers)
            raise ReportLoadRefused(f"het rapport laadt niets van buiten het product: {url}")

    return OwnResourcesOnly(timeout=1, allow_redirects=False)


def laid_out(html: str) -> Any:
    """The report's HTML laid out in pages (a WeasyPrint document), loading nothing but the
    product's own resources; the tests read its boxes to see where every heading lands."""
    import weasyprint  # imported here: it loads the system's Pango libraries

    fetcher = _fetcher()
    document = weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher)
    stylesheet = weasyprint.CSS(filename=str(TEMPLATES / "report.css"), url_fetcher=fetcher)
    return document.render(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")


def pdf_of(document: Any) -> bytes:
    return document.write_pdf(pdf_variant="pdf/ua-1")


def html_to_pdf(html: str) -> bytes:
    """The report's HTML as a tagged PDF."""
    return pdf_of(laid_out(html))


def report_pdf(
    published: PublishedEdition, catalogue: Catalogue, texts: dict[str, TextRecord]
) -> bytes:
    return html_to_pdf(report_html(published, catalogue, texts))


_publication_locks: dict[tuple[str, str, int], threading.Lock] = {}
_locks_guard = threading.Lock()


def _publication_lock(data_dir: Path, edition: Edition, version: int) -> threading.Lock:
    with _locks_guard:
        key = (str(data_dir.resolve()), edition.key, version)
        return _publication_locks.setdefault(key, threading.Lock())


def published_report(data_dir: Path, edition: Edition, version: int) -> bytes:
    """The report of a publication: rendered once (at publication, or at the first request for
    an edition published before reports were kept) and from then on served as kept, so every
    reader and every later export gets the same bytes. Anyone may ask for it, so requests that
    arrive together wait for that one render instead of each starting their own."""
    kept = stored_report(data_dir, edition, version)
    if kept is not None:
        return kept
    with _publication_lock(data_dir, edition, version):
        kept = stored_report(data_dir, edition, version)
        if kept is not None:
            return kept
        published = published_edition(data_dir, edition, version=version)
        pdf = report_pdf(published, published.catalogue, texts_for(data_dir, edition, version))
        store_report(data_dir, edition, version, pdf)
        return pdf
