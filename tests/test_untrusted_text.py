"""Text from data files is shown as text, never as Markdown, everywhere a reader sees it.

A Markdown link or image in a category reached every reader in *Toon als tabel*, in sentences and
in titles; an image in an editorial text made every reader's browser fetch it; a link with markup
as its edition showed that markup. The store holds categories the import would refuse (written
through the store's own path, past the import's checks), as an older store may."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from monitor.domain.catalogue import Catalogue
from monitor.render.markdown_text import WORD_JOINER, literal_markdown, without_images
from monitor.render.safe_text import REPLACEMENT, safe_label
from tests.support.unchecked_store import MARKUP_CATEGORIES, TRACKER, hostile_demo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "app.py"
FIGURE = "wmo-clienten-per-voorziening"


# --- Markdown ------------------------------------------------------------------------------------

# CommonMark with the GitHub tables and strikethrough: how Streamlit's renderer reads a source.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered_text(source: str) -> str:
    """The one paragraph a literal source must render to, as its text (entities decoded)."""
    rendered = MARKDOWN.render(source).strip()
    assert re.fullmatch(r"<p>[^<]*</p>", rendered), rendered
    return html.unescape(rendered[3:-4]).replace(WORD_JOINER, "")


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_literal_markdown_renders_as_exactly_the_text(text: str) -> None:
    expected = safe_label(text).strip()
    if not expected.strip(" \t\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006"):
        return  # nothing visible to render
    rendered = MARKDOWN.render(literal_markdown(text)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    assert "<" not in rendered[3:-4], rendered
    assert rendered_text(literal_markdown(text)) == expected


@pytest.mark.parametrize("category", MARKUP_CATEGORIES)
def test_literal_markdown_leaves_no_link_image_or_autolink(category: str) -> None:
    source = literal_markdown(category)
    assert rendered_text(source) == category
    assert not re.search(r"https?://|www\.|\w@\w", source, re.IGNORECASE), source


def test_an_editorial_text_keeps_its_markdown_but_shows_images_as_text() -> None:
    text = (
        "**Vet**, een [link](https://www.example.nl) en ![teller](http://t/p.png)\n\n`![code](x)`"
    )
    rendered = MARKDOWN.render(without_images(text))
    assert "<strong>Vet</strong>" in rendered and '<a href="https://www.example.nl">' in rendered
    assert "<img" not in rendered and "![teller](http://t/p.png)" in rendered
    assert "<code>![code](x)</code>" in rendered


# --- the reading pages ---------------------------------------------------------------------------


def markdown_sources(at: AppTest) -> Iterable[str]:
    """Every text Streamlit renders as Markdown on this page, with where it was found."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info"):
        for element in at.get(kind):
            yield element.value
    for metric in at.get("metric"):
        yield metric.label
    for expander in at.get("expander"):
        yield expander.label
    for table in at.table:
        frame = table.value
        yield from (str(label) for label in frame.index)
        yield from (str(label) for label in frame.columns)
        yield str(frame.index.name)


def markup_in(source: str) -> list[str]:
    rendered = MarkdownIt("commonmark").render(source)
    found = re.findall(r"<(a|img)\b[^>]*>", rendered)
    if re.search(r"https?://|www\.", source, re.IGNORECASE):
        found.append("autolink")
    return found


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    return hostile_demo(tmp_path_factory.mktemp("vijandig") / "data", catalogue)


@pytest.fixture
def hostile_page(
    hostile_store: Path, monkeypatch: pytest.MonkeyPatch, fresh_streamlit_caches: None
) -> AppTest:
    monkeypatch.setenv("MONITOR_DATA_DIR", str(hostile_store))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("monitor/app/pages/wmo.py")
    at.run()
    at.session_state[f"tabel-{FIGURE}"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_wmo_page_shows_every_hostile_category_as_text(hostile_page: AppTest) -> None:
    # The editorial text may link (its test is below); everything else comes from data.
    sources = [s for s in markdown_sources(hostile_page) if not s.startswith("Lees dit.")]

    assert [(source, markup_in(source)) for source in sources if markup_in(source)] == []
    shown = {rendered_text(str(label)) for label in hostile_page.table[0].value.index}
    assert set(MARKUP_CATEGORIES) <= shown
    assert f"Hulp{REPLACEMENT}thuis" in shown
    # The largest category is named in a sentence, as text.
    sentences = [
        rendered_text(paragraph)
        for source in sources
        for paragraph in source.split("\n\n")
        if "grootste categorie" in paragraph
    ]
    assert any(f"is ![teller]({TRACKER}/pixel.png) de grootste categorie" in s for s in sentences)


def test_wmo_page_shows_an_image_in_a_text_as_text(hostile_page: AppTest) -> None:
    text = next(md.value for md in hostile_page.markdown if "Lees dit." in md.value)
    rendered = MarkdownIt("commonmark").render(text)

    assert "<img" not in rendered and f"![teller]({TRACKER}/tekst.png)" in rendered
    assert f'<a href="{TRACKER}/notitie">' in rendered


def test_a_link_with_markup_as_edition_is_named_as_text(
    hostile_store: Path, monkeypatch: pytest.MonkeyPatch, fresh_streamlit_caches: None
) -> None:
    monkeypatch.setenv("MONITOR_DATA_DIR", str(hostile_store))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["editie"] = f"![x]({TRACKER}/adres.png)"
    at.run()

    warning = next(w.value for w in at.warning if "is geen editie" in w.value)
    assert markup_in(warning) == []
    assert f"'![x]({TRACKER}/adres.png)' is geen editie" in rendered_text(warning)
