"""The base of every model read from a configuration file (the catalogue and its figures)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, StringConstraints

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# An unknown key is refused, so a typing error in a field name is named instead of ignored; a
# loaded model cannot change.
STRICT = ConfigDict(extra="forbid", frozen=True)


class PlacedError(ValueError):
    """A problem found across blocks of the file (a figure naming an unknown indicator), with the
    place it belongs to, so the message can name that block's line and not only the file."""

    def __init__(self, message: str, location: tuple[int | str, ...]) -> None:
        super().__init__(message)
        self.location = location
