"""Chapter page: Participatie."""

from __future__ import annotations

from monitor.app.components.chapter_view import render_chapter

render_chapter("participatie")
