"""Where a value sits in a TOML file: the line a beheerder opens to fix a validation problem."""

from __future__ import annotations

import re

HEADER = re.compile(r"^\s*\[(\[)?\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(#.*)?$")


def _headers(lines: list[str]) -> list[tuple[int, str, bool]]:
    """(index, table name, is an array element) for every table header."""
    found = []
    for index, line in enumerate(lines):
        match = HEADER.match(line)
        if match:
            found.append((index, match[2], match[1] is not None))
    return found


def line_of(text: str, location: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the value at a validation location: for `('figuur', 2, 'vorm')` the
    `vorm =` line of the third `[[figuur]]` block, or that block's header when the key is absent
    (or the problem is the block as a whole). None when the place cannot be found."""
    lines = text.splitlines()
    headers = _headers(lines)
    start, end, table, found = -1, len(lines), "", None
    steps = list(location)
    position = 0
    while position < len(steps):
        step = steps[position]
        if not isinstance(step, str):
            return found
        name = f"{table}.{step}" if table else step
        following = steps[position + 1] if position + 1 < len(steps) else None
        inside = [h for h in headers if start < h[0] < end and h[1] == name]
        if isinstance(following, int):
            elements = [h for h in inside if h[2]]
            if following >= len(elements):
                return found
            start = elements[following][0]
            position += 2
        elif inside and not inside[0][2]:
            start = inside[0][0]
            position += 1
        else:
            first_table = next((h[0] for h in headers if start < h[0] < end), end)
            key = re.compile(rf"^\s*{re.escape(step)}\s*=")
            hit = next((i for i in range(start + 1, first_table) if key.match(lines[i])), None)
            return found if hit is None else hit + 1
        found = start + 1
        table = name
        end = next(
            (h[0] for h in headers if h[0] > start and not h[1].startswith(name + ".")), len(lines)
        )
    return found
