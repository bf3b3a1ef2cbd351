"""Generators of large or pathological upload files, written at test time (they do not belong in
git): workbooks are written part by part as a zip, so a sheet of millions of cells costs seconds
and a few MB on disk, never the memory openpyxl would need to write it."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    b'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    b'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="' + MAIN + b'" xmlns:r="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="%s" '
    b'sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    b'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    b'sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>"
)
EMPTY_STRINGS = (b'<sst xmlns="' + MAIN + b'"></sst>',)


def text_cell(reference: str, text: str) -> bytes:
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (
        reference.encode(),
        text.encode(),
    )


def row(number: int, cells: Iterable[bytes]) -> bytes:
    return b'<row r="%d">' % number + b"".join(cells) + b"</row>"


def long_header() -> bytes:
    names = ("indicator", "periode", "categorie", "waarde")
    return row(
        1, (text_cell(f"{letter}1", name) for letter, name in zip("ABCD", names, strict=True))
    )


def workbook(
    path: Path,
    rows: Iterable[bytes],
    *,
    shared_strings: Iterable[bytes] = EMPTY_STRINGS,
    dimension: str | None = None,
    sheet: str = "Blad1",
) -> Path:
    """A minimal valid workbook with one sheet whose <sheetData> holds `rows` (XML chunks)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK % sheet.encode())
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as handle:
            for chunk in shared_strings:
                handle.write(chunk)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            handle.write(b'<worksheet xmlns="' + MAIN + b'">')
            if dimension:
                handle.write(b'<dimension ref="%s"/>' % dimension.encode())
            handle.write(b"<sheetData>")
            for chunk in rows:
                handle.write(chunk)
            handle.write(b"</sheetData></worksheet>")
    return path


def number_rows(count: int, per_row: int) -> Iterator[bytes]:
    """`count` rows of `per_row` numeric cells, without row numbers or references: the smallest
    XML a cell has, and so repetitive that 200 MB of it packs into a few hundred KB."""
    block = (b"<row>" + b"<c><v>1</v></c>" * per_row + b"</row>") * 1000
    for _ in range(count // 1000):
        yield block
    yield (b"<row>" + b"<c><v>1</v></c>" * per_row + b"</row>") * (count % 1000)


def many_strings(count: int) -> Iterator[bytes]:
    yield b'<sst xmlns="' + MAIN + b'">'
    for index in range(count):
        yield b"<si><t>s%d</t></si>" % index
    yield b"</sst>"


def csv_of_empty_lines(path: Path, header: str, lines: int, last: str) -> Path:
    with path.open("wb") as handle:
        handle.write(header.encode())
        block = b"\n" * (1 << 20)
        for _ in range(lines // len(block)):
            handle.write(block)
        handle.write(b"\n" * (lines % len(block)))
        handle.write(last.encode())
    return path
