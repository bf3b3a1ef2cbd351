"""Chapter page: Wmo."""

from __future__ import annotations

from monitor.app.components.chapter_view import render_chapter

render_chapter("wmo")
