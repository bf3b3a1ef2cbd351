"""The printable report for the raad, checked as a reader sees it: pages, text and images."""

from __future__ import annotations

import base64
import datetime as dt
import re
import subprocess

import pytest

from monitor.domain.editions import edition_from_text
from monitor.figures.published import CellStatus
from monitor.publication.edition import published_edition
from monitor.publication.editorial import texts_for
from monitor.render.report import laid_out, pdf_of, report_html
from tests.support.report_reading import (
    creation_date,
    euro_signs_at_line_end,
    figures_without_table,
    pdf_text,
)

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def rendered(demo_data_dir, catalogue, tmp_path_factory):
    """One render for every test: the laid-out pages (where each box landed) and its PDF."""
    published = published_edition(demo_data_dir, edition_from_text("2026-09"), catalogue)
    directory = tmp_path_factory.mktemp("rapport")
    pdf = directory / "monitor.pdf"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    html = report_html(published, catalogue, texts_for(demo_data_dir, published.edition))
    document = laid_out(html)
    pdf.write_bytes(pdf_of(document))
    after = dt.datetime.now(dt.UTC)
    return published, pdf, pdf_text(pdf), document, (before, after)


@pytest.fixture(scope="module")
def report(rendered):
    published, pdf, text, _, _ = rendered
    return published, pdf, text


def test_the_report_has_a_cover_contents_and_every_chapter(report):
    _, pdf, text = report
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert 25 <= pages <= 60
    assert "Tagged:          yes" in info
    for title in ("Monitor Sociaal Domein", "Gemeente Voorbeeld", "Editie t/m september 2026", "Inhoud",
                  "Inleiding en leeswijzer", "1. Wmo", "2. Jeugd", "3. Participatie", "4. Sociale basis",
                  "Bijlage: definities en bronnen"):  # fmt: skip
        assert title in text, title
    assert re.search(r"Pagina \d+ van \d+", text)


def test_the_report_carries_the_trend_sentences_and_small_counts(report):
    published, _, text = report
    flat = " ".join(text.split())
    for sentence in published.figure("wmo-clienten-totaal").sentences:
        assert " ".join(sentence.split()) in flat
    assert "<10" in text
    assert "Aantallen kleiner dan 10 worden als <10 getoond" in flat


def test_every_page_renders_to_an_image(report, tmp_path):
    _, pdf, _ = report
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "pagina")], check=True)
    images = sorted(tmp_path.glob("pagina-*.png"))
    assert len(images) >= 25 and all(image.stat().st_size > 1000 for image in images)


def test_no_hidden_value_reaches_the_report(report, demo_data_dir, catalogue):
    """A hidden count must not appear next to its row label anywhere in the report's tables."""
    published, _, _ = report
    html = report_html(published, catalogue, texts_for(demo_data_dir, published.edition))
    for figure in published.figures:
        for cell in figure.cells:
            if cell.status in (CellStatus.PRIMAIR, CellStatus.SECUNDAIR):
                assert cell.value is None
    # The exact value of Beschermd Wonen is in the store, but never in the report.
    rows = re.findall(r"<th scope=\"row\">Beschermd Wonen</th>(.*?)</tr>", html)
    assert rows and all(re.fullmatch(r"(<td>(&lt;10|x)</td>)+", row) for row in rows)


def test_texts_are_shown_as_text_not_html(report):
    _, _, text = report
    assert "Actie:" in text  # markdown bold rendered
    assert "<p>" not in text and "<strong>" not in text


def test_the_report_is_dutch_and_accessible(report, catalogue, demo_data_dir):
    published, _, _ = report
    html = report_html(published, catalogue, texts_for(demo_data_dir, published.edition))
    assert '<html lang="nl">' in html
    assert html.count("<img ") == len(published.figures)
    assert all(alt for alt in re.findall(r'<img [^>]*alt="([^"]*)"', html))
    assert "<table>" in html and 'scope="col"' in html


def test_svg_exports_are_byte_identical_for_the_same_figure(report):
    from monitor.render.export import svg_bytes

    published, _, _ = report
    figure = published.figure("wmo-clienten-per-voorziening")
    first = svg_bytes(figure)
    assert first == svg_bytes(figure)
    assert first.startswith(b"<svg")


def test_no_hidden_count_is_drawn_in_an_svg(report, demo_data_dir):
    """The exact small counts are in the store; the chart of Beschermd Wonen draws no point for them."""
    from monitor.render.export import svg_bytes

    published, _, _ = report
    figure = published.figure("wmo-clienten-per-voorziening")
    svg = svg_bytes(figure).decode("utf-8")
    hidden = [c for c in figure.cells if c.row == "Beschermd Wonen"]
    assert hidden and all(c.value is None for c in hidden)
    # Every mark of Beschermd Wonen carries no number: its value is null and its label `<10`.
    labels = re.findall(r'aria-label="([^"]*Voorziening: Beschermd Wonen[^"]*)"', svg)
    assert labels
    assert all("aantal personen: null" in label and "Waarde: &lt;10" in label for label in labels)


def test_every_figure_has_a_table_in_the_report(report):
    published, _, text = report
    assert figures_without_table(published, text) == []


def test_a_monthly_series_is_printed_with_its_months_down(report):
    published, _, text = report
    figure = published.figure("wmo-lasten")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    january = [
        cell.display().replace("\u00a0", " ") for cell in figure.cells if cell.column == "jan"
    ]
    assert "jan " + " ".join(january) in lines


def test_no_euro_sign_ends_a_line_without_its_amount(report):
    _, _, text = report
    assert "€" in text
    assert euro_signs_at_line_end(text) == []


def test_the_pdf_says_when_it_was_made(rendered):
    _, pdf, _, _, (before, after) = rendered
    assert before <= creation_date(pdf) <= after


def _boxes(document):
    """(page number, box) for every box of the laid-out report, page by page, in order."""
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            if getattr(box, "element", None) is not None:
                yield number, box


def test_no_heading_sits_alone_at_the_foot_of_a_page(rendered):
    _, _, _, document, _ = rendered
    root = next(box.element for _, box in _boxes(document) if box.element.tag == "html")
    order = {element: index for index, element in enumerate(root.iter())}
    first_page: dict[object, int] = {}
    for number, box in _boxes(document):
        first_page.setdefault(box.element, number)
    headings = [e for e in order if e.tag in ("h1", "h2", "h3") and e in first_page]
    assert len(headings) > 60
    # A section's ambitie belongs to its heading: what comes after both must be on its page too.
    with_heading = {d for e in order if "ambitie" in e.get("class", "").split() for d in e.iter()}
    orphans = []
    for heading in headings:
        last = max(order[e] for e in heading.iter())
        after = (e for e in first_page if order[e] > last and e not in with_heading)
        following = min(after, key=order.get)
        if first_page[following] != first_page[heading]:
            orphans.append("".join(heading.itertext()))
    assert orphans == []


def test_every_chart_is_printed_at_the_same_scale(rendered):
    published, _, _, document, _ = rendered
    scales = {}
    for _, box in _boxes(document):
        if box.element.tag == "img" and box.element.get("src", "").startswith("data:"):
            svg = base64.b64decode(box.element.get("src").split(",", 1)[1])
            pixels = float(re.search(rb'<svg[^>]*?\swidth="([\d.]+)"', svg)[1])
            scales[box.element.get("alt")] = box.width / pixels
    assert len(scales) == len(published.figures)
    assert max(scales.values()) / min(scales.values()) < 1.02
