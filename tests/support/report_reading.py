"""Reading a rendered report as a reader gets it: the PDF's text and its metadata."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from monitor.publication.edition import PublishedEdition


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def creation_date(pdf: Path) -> dt.datetime:
    info = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    return dt.datetime.fromisoformat(re.search(r"CreationDate:\s+(\S+)", info)[1])


def figures_without_table(published: PublishedEdition, text: str) -> list[str]:
    """Figures whose table caption (title and edition) the report does not print."""
    flat = " ".join(text.split())
    return [
        figure.figure_id
        for figure in published.figures
        if f"{figure.title} ({figure.edition_label})" not in flat
    ]


def euro_signs_at_line_end(text: str) -> list[str]:
    """Lines that end in a euro sign, its amount wrapped to the next line."""
    return [line for line in text.splitlines() if re.search(r"€\s*$", line)]
