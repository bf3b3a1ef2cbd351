"""The report loads nothing but what the product embeds itself: no address a text names (internal
ones included) is fetched by the server, and no local file is embedded in the public PDF.

A real HTTP server on this machine records every request the renderer makes."""

from __future__ import annotations

import base64
import datetime as dt
import re
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from monitor.domain.catalogue import Catalogue
from monitor.domain.editions import edition_from_text
from monitor.publication.edition import published_edition
from monitor.publication.editorial import TextRecord, texts_for
from monitor.render.report import html_to_pdf, report_html, report_pdf
from monitor.render.safe_text import safe_label
from tests.support.unchecked_store import TRACKER, hostile_demo

SEPTEMBER = edition_from_text("2026-09")

pytestmark = [pytest.mark.slow]  # renders PDFs

# A 1x1 PNG: what a tracker or an internal service would answer.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class Recorder(ThreadingHTTPServer):
    requests: list[str]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        css = self.path.endswith(".css")
        body = b"body { color: red }" if css else PIXEL
        self.send_response(200)
        self.send_header("Content-Type", "text/css" if css else "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[Recorder]:
    recorder = Recorder(("127.0.0.1", 0), Handler)
    recorder.requests = []
    thread = threading.Thread(target=recorder.serve_forever, daemon=True)
    thread.start()
    yield recorder
    recorder.shutdown()
    recorder.server_close()


def address(server: Recorder, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def images_in(pdf: bytes, tmp_path: Path) -> list[str]:
    """The raster images embedded in a PDF, one line each (pdfimages -list)."""
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return listing.splitlines()[2:]  # two header lines


@pytest.fixture
def secret_image(tmp_path: Path) -> Path:
    """A local image file that must never end up in a public report."""
    path = tmp_path / "geheim.png"
    path.write_bytes(PIXEL)
    return path


def test_html_naming_outside_resources_renders_without_fetching_or_embedding_them(
    server: Recorder, secret_image: Path, tmp_path: Path
) -> None:
    html = f"""<!DOCTYPE html><html lang="nl"><head>
<link rel="stylesheet" href="{address(server, "/link.css")}">
<style>@import url("{address(server, "/import.css")}");
body {{ background: url("{address(server, "/achtergrond.png")}"); }}
@font-face {{ font-family: X; src: url("{address(server, "/font.woff")}"); }}</style>
</head><body><p>Tekst</p>
<img src="{address(server, "/pixel.png")}" alt="extern">
<img src="{secret_image}" alt="lokaal pad"><img src="file://{secret_image}" alt="lokale url">
<img src="../../../../../../{secret_image}" alt="relatief">
<a href="{address(server, "/link")}">link</a></body></html>"""

    pdf = html_to_pdf(html)

    assert pdf.startswith(b"%PDF")
    assert server.requests == []
    assert images_in(pdf, tmp_path) == []


def test_a_text_with_images_links_and_local_files_gives_a_report_that_loaded_nothing(
    demo_data_dir: Path, catalogue, server: Recorder, secret_image: Path, tmp_path: Path
) -> None:
    edition = edition_from_text("2026-09")
    published = published_edition(demo_data_dir, edition, catalogue)
    texts = dict(texts_for(demo_data_dir, edition))
    tracker = address(server, "/volg.png")
    texts["wmo"] = TextRecord(
        "wmo",
        f"Zie ![teller]({tracker}) en ![plaatje]({secret_image}) en "
        f"[de notitie]({address(server, '/notitie')}).\n\n![ref][intern]\n\n"
        f'[intern]: {address(server, "/intern.png")}\n\n<img src="{tracker}">',
        "beleid",
        dt.datetime(2026, 10, 1),
        1,
    )

    html = report_html(published, catalogue, texts)
    pdf = report_pdf(published, catalogue, texts)

    assert server.requests == []
    assert images_in(pdf, tmp_path) == []
    # The image syntax is shown as text, the link stays a link that nobody follows by reading.
    assert f"![teller]({tracker})" in html
    sources = re.findall(r'<img src="([^"]*)"', html)
    assert sources and all(source.startswith("data:image/svg+xml;base64,") for source in sources)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    return hostile_demo(tmp_path_factory.mktemp("vijandig") / "data", catalogue)


def test_the_report_shows_data_text_literally_with_no_link_image_or_control_character(
    hostile_store: Path, catalogue: Catalogue
) -> None:
    published = published_edition(hostile_store, SEPTEMBER, catalogue)
    html = report_html(published, catalogue, texts_for(hostile_store, SEPTEMBER))

    assert [c for c in html.replace("\n", "").replace("\t", "") if safe_label(c) != c] == []
    assert f'<th scope="row">![teller]({TRACKER}/pixel.png)</th>' in html
    assert f"&lt;img src={TRACKER}/html.png&gt;" in html
    assert not re.search(rf'<a [^>]*href="{TRACKER}/(pixel|link|html)', html)
    assert f"![teller]({TRACKER}/tekst.png)" in html  # the text's image, as text
    assert f'<a href="{TRACKER}/notitie">de notitie</a>' in html  # its link stays a link
    sources = re.findall(r'<img src="([^"]*)"', html)
    assert all(source.startswith("data:image/svg+xml;base64,") for source in sources)


def test_a_gemeente_name_with_quotes_and_css_stays_its_name_in_the_page_headers(
    demo_data_dir: Path, catalogue: Catalogue, server: Recorder, tmp_path: Path
) -> None:
    """The name sits in a CSS string of the template: it can neither end it nor show as `&#39;`."""
    name = f"Gemeente 's-Hertogenbosch \\\" }} @page {{ background: url({address(server, '/css')})"
    settings = catalogue.instellingen.model_copy(update={"gemeente_naam": name})
    renamed = catalogue.model_copy(update={"instellingen": settings})
    published = published_edition(demo_data_dir, SEPTEMBER, catalogue)

    pdf = report_pdf(published, renamed, texts_for(demo_data_dir, SEPTEMBER))

    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    second_page = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"],
                                 capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert name in second_page.splitlines()
    assert server.requests == []
