"""One edition a reader can choose in the sidebar: a publication (its frozen version) or the
draft, and the session key that holds the choice. Shared by the session and the address."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.domain.editions import Edition

EDITION_KEY = "editie"  # the session's chosen edition (the selectbox)


@dataclass(frozen=True)
class EditionChoice:
    edition: Edition
    version: int | None  # the frozen snapshot of a published edition; None for the draft
    label: str
    replaces: str | None = None  # a correction: why the earlier publication was withdrawn
    note: str | None = None  # published with gaps: which cijfers stop before the peildatum

    @property
    def key(self) -> str:
        return f"{self.edition.key}@{self.version or 'concept'}"

    @property
    def is_draft(self) -> bool:
        return self.version is None
