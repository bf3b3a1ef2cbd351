"""Markdown sources that show only what they mean.

Streamlit renders titles, captions, metrics, table cells and texts as Markdown, and has no way to
say "this is plain text". Data (a category, a file or sheet name, a title from a catalogue) is
text, never markup: `literal_markdown` makes it so. Texts of beleidsmedewerkers are Markdown on
purpose, but an image in one would make every reader's browser (and the report's renderer)
fetch it from wherever it points: `without_images` shows the image syntax as text instead.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt

from monitor.render.safe_text import safe_label

# A word joiner (zero width, invisible) breaks what GitHub-flavoured Markdown turns into a link
# by itself, after parsing: `http://…`, `www.…` and e-mail addresses.
WORD_JOINER = "\u2060"
# Every character that can start or close inline markup, raw HTML, an entity, a table cell,
# strikethrough or Streamlit's LaTeX; all ASCII punctuation may be escaped in CommonMark.
_INLINE = re.compile(r"([\\`*_\[\]<>&~|$#])")
# A line that starts a list item, a heading-like break or an ordered list.
_BLOCK_START = re.compile(r"^([-+])|^(\d{1,9})([.)])(?=\s|$)")
_AUTOLINKS = (
    (re.compile(r"://"), f":{WORD_JOINER}//"),
    (re.compile(r"(www)\.", re.IGNORECASE), rf"\1{WORD_JOINER}."),
    (re.compile(r"@"), f"@{WORD_JOINER}"),
)


def literal_markdown(text: str) -> str:
    """Data text as Markdown that renders exactly as the text: no link, image, emphasis, HTML,
    heading or list. Leading and trailing spaces go (they are invisible in a page anyway)."""
    escaped = _INLINE.sub(r"\\\1", safe_label(text).strip())
    escaped = _BLOCK_START.sub(
        lambda m: "\\" + m[1] if m[1] else f"{m[2]}\\{m[3]}", escaped, count=1
    )
    for pattern, replacement in _AUTOLINKS:
        escaped = pattern.sub(replacement, escaped)
    return escaped


# `![` not preceded by an escaping backslash (an even run of backslashes escapes only itself).
_IMAGE_START = re.compile(r"(?<!\\)((?:\\\\)*)!\[")
_CODE_SPAN = re.compile(r"(`+).*?\1")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _code_block_lines(markdown: str) -> set[int]:
    lines: set[int] = set()
    for token in _parser().parse(markdown):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


def _neutralise_line(line: str) -> str:
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(_IMAGE_START.sub(r"\1!\\[", line[last : span.start()]))
        parts.append(span.group())
        last = span.end()
    parts.append(_IMAGE_START.sub(r"\1!\\[", line[last:]))
    return "".join(parts)


def without_images(markdown: str) -> str:
    """An editorial text with every image shown as its Markdown text: nothing is loaded from
    outside, not by a reader's browser and not by the report's renderer. Code stays as written."""
    if "![" not in markdown:
        return markdown
    code = _code_block_lines(markdown)
    lines = markdown.split("\n")
    return "\n".join(
        line if number in code else _neutralise_line(line) for number, line in enumerate(lines)
    )


def has_images(markdown: str) -> bool:
    return without_images(markdown) != markdown
