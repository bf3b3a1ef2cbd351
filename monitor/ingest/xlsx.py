"""Reading an uploaded Excel workbook within bounds set by what it really holds.

A 2 KB workbook can declare a sheet of A1:XFD1048576, merge all of it, put one cell in the last
row and column, pack a 200 MB sheet into a few hundred KB, or carry XML entities. Before openpyxl
unpacks anything, `check_workbook` reads every part once as a stream and refuses entity
declarations, XML that is not UTF-8, rows with more cells than Excel allows and sheets with more
cells than the import's limit. `SheetReader` then gives only the rows that hold values, each up
to its last value: openpyxl's own read-only rows are padded to the declared dimension, which is
exactly what the attacker controls. Shared by the figure import and the records import.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError  # nosec B405 - only the error; check_workbook refuses entities first

from monitor.domain.numbers import format_dutch
from monitor.ingest.files import MB
from monitor.ingest.problems import ImportRefused, Problem

EXCEL_ROWS = 1_048_576  # Excel's own limits: no real workbook goes beyond them
EXCEL_COLUMNS = 16_384
EXCEL_TEXT = 32_767  # characters in one cell
CHUNK = 1 << 20
# A cell, row or shared-string start tag, with or without a namespace prefix (<c r="A1">,
# <x:row>): what openpyxl turns into Python objects one by one.
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(c|row|si)[\s/>]")
_TAG_OVERLAP = 64
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_XML_PART = (".xml", ".rels", ".vml")
UNREADABLE = (
    "het Excel-bestand kan niet worden gelezen; het is beschadigd of geen echt .xlsx-bestand. "
    "Sla het opnieuw op als Excel-werkmap (.xlsx)."
)


@dataclass(frozen=True)
class WorkbookLimits:
    unpacked_bytes: int  # all parts together
    whole_part_bytes: int  # a part openpyxl parses in one piece (shared strings, styles)
    cells: int  # cells one sheet may hold, counted as the rows span them
    advice: str  # what to do instead, ends a refusal


@dataclass(frozen=True)
class LostCell:
    row: int
    column: int  # 0-based
    message: str
    merged_to_row: int = 0  # the lowest row of a merged range; 0 for any other loss


def _refuse(file: str, message: str, **place: Any) -> ImportRefused:
    return ImportRefused([Problem(file, message, **place)])


def _is_worksheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str,
               limits: WorkbookLimits) -> None:  # fmt: skip
    """One streamed pass over an XML part: no entity declarations, UTF-8, rows and cells within
    Excel's and the import's limits."""
    name = info.filename
    if not _is_worksheet(name) and info.file_size > limits.whole_part_bytes:
        raise _refuse(file, f"het onderdeel {name} van het Excel-bestand pakt uit tot "
                      f"{info.file_size / MB:.0f} MB; de grens is {limits.whole_part_bytes // MB} MB. "
                      f"{limits.advice}")  # fmt: skip
    cells = in_row = 0
    carry = b""
    with archive.open(info) as stream:
        first = True
        for block in iter(lambda: stream.read(CHUNK), b""):
            if first and (block.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in block[:64]):
                raise _refuse(file, f"het onderdeel {name} is geen UTF-8-XML. {UNREADABLE}")
            first = False
            buffer = carry + block
            if any(declaration in buffer for declaration in _DECLARATIONS):
                raise _refuse(file, "het Excel-bestand bevat XML-entiteiten (<!DOCTYPE of "
                              "<!ENTITY>); die maakt Excel zelf nooit. Sla het bestand opnieuw op "
                              "als Excel-werkmap (.xlsx).")  # fmt: skip
            settled = max(0, len(buffer) - _TAG_OVERLAP)
            for match in _TAG.finditer(buffer, 0, len(buffer)):
                if match.start() >= settled:
                    break
                if match[1] == b"row":
                    in_row = 0
                    continue
                cells += 1
                in_row += match[1] == b"c"
                if in_row > EXCEL_COLUMNS:
                    raise _refuse(file, f"een rij in {name} heeft meer dan "
                                  f"{format_dutch(EXCEL_COLUMNS)} cellen (de grens van Excel). "
                                  f"{UNREADABLE}")  # fmt: skip
                if cells > limits.cells:
                    raise _refuse(file, f"het onderdeel {name} van het Excel-bestand heeft meer dan "
                                  f"{format_dutch(limits.cells)} cellen of teksten, de grens voor "
                                  f"dit soort bestand. {limits.advice}")  # fmt: skip
            carry = buffer[settled:]
    # The last bytes hold a closing tag at most; a start tag there is cut off and unreadable.


def check_workbook(source: bytes | Path, file: str, limits: WorkbookLimits) -> None:
    """Refuse an .xlsx that is no zip, unpacks beyond the limit or holds a part that openpyxl
    must not parse, before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(
            io.BytesIO(source) if isinstance(source, bytes) else source
        ) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            if total > limits.unpacked_bytes:
                raise _refuse(file, f"het Excel-bestand pakt uit tot {total / MB:.0f} MB; de grens "
                              f"is {limits.unpacked_bytes // MB} MB. {limits.advice}")  # fmt: skip
            for info in infos:
                if info.filename.endswith(_XML_PART):
                    _scan_part(archive, info, file, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError):
        # OSError: a part that ends early; RuntimeError: an encrypted part.
        message = "dit is geen geldig Excel-bestand (.xlsx); het is beschadigd of half geschreven."
        raise _refuse(file, message) from None


@contextlib.contextmanager
def open_workbook(source: bytes | Path, file: str, limits: WorkbookLimits) -> Iterator[Any]:
    """The checked workbook, read-only with cached values; every failure a Dutch refusal."""
    import openpyxl  # imported here: only uploads of XLSX need it

    check_workbook(source, file, limits)
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(source) if isinstance(source, bytes) else source,
            read_only=True,
            data_only=True,
        )
    except Exception:  # openpyxl raises anything from KeyError to TypeError on a broken file
        raise _refuse(file, UNREADABLE) from None
    try:
        yield workbook
    finally:
        workbook.close()


def _parser_class() -> type:
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        """openpyxl's row parser, noting formulas whose result Excel never calculated (with
        cached values only, such a cell reads as empty and its value would be lost)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.uncalculated: list[tuple[int, int]] = []

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                self.uncalculated.append((cell["row"], cell["column"]))
            return cell

    return Parser


def _coordinate(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    if 1 <= column <= EXCEL_COLUMNS:
        return f"{get_column_letter(column)}{row}"
    return f"in rij {row} en kolom {column}"


@dataclass
class SheetReader:
    """The rows of one worksheet that hold values, each as a tuple up to its last value."""

    workbook: Any
    worksheet: Any
    file: str
    limits: WorkbookLimits
    lost: list[LostCell] = field(default_factory=list)  # complete once rows() is exhausted

    def problem(self, message: str, row: int | None = None) -> ImportRefused:
        return _refuse(self.file, message, row=row, sheet=self.worksheet.title)

    def rows(self) -> Iterator[tuple[int, tuple[object, ...]]]:
        # openpyxl's public read-only rows pad every row to the declared dimension (an attacker
        # declares A1:XFD1048576); its parser gives the cells as they are, so it is used directly.
        parser = _parser_class()(
            self.worksheet._get_source(),
            self.worksheet._shared_strings,
            data_only=True,
            epoch=self.workbook.epoch,
            date_formats=self.workbook._date_formats,
            timedelta_formats=self.workbook._timedelta_formats,
        )
        spanned = 0
        try:
            for number, cells in parser.parse():
                values = [(c["column"], c["value"]) for c in cells if c["value"] is not None]
                if not values:
                    continue
                width = max(column for column, _ in values)
                if number > EXCEL_ROWS or width > EXCEL_COLUMNS or number < 1:
                    raise self.problem(
                        f"de cel {_coordinate(max(number, 1), width)} ligt buiten het bereik van "
                        f"Excel ({format_dutch(EXCEL_ROWS)} rijen, {format_dutch(EXCEL_COLUMNS)} "
                        f"kolommen). {UNREADABLE}",
                        row=number,
                    )
                long = next(
                    (c for c, v in values if isinstance(v, str) and len(v) > EXCEL_TEXT), None
                )
                if long is not None:
                    raise self.problem(
                        f"de cel {_coordinate(number, long)} bevat meer dan "
                        f"{format_dutch(EXCEL_TEXT)} tekens, meer dan Excel in een cel toelaat.",
                        row=number,
                    )
                spanned += width
                if spanned > self.limits.cells:
                    raise self.problem(
                        f"de rijen van dit blad beslaan meer dan {format_dutch(self.limits.cells)} "
                        f"cellen (deze rij loopt tot cel {_coordinate(number, width)}). Verwijder "
                        f"wat buiten de tabel staat. {self.limits.advice}",
                        row=number,
                    )
                row: list[object] = [None] * width
                for column, value in values:
                    row[column - 1] = value
                yield number, tuple(row)
            self.lost = self._lost_cells(parser)
        except (ParseError, ValueError, KeyError, IndexError, TypeError, zlib.error, EOFError,
                zipfile.BadZipFile):  # fmt: skip
            raise self.problem("het blad kan niet worden gelezen: de XML is beschadigd. Sla het "
                               "bestand opnieuw op als Excel-werkmap (.xlsx).") from None  # fmt: skip

    def _lost_cells(self, parser: Any) -> list[LostCell]:
        """Cells whose values openpyxl would lose without a word: every cell but the first of a
        merged range (one problem per range: a range may span the whole sheet), and formulas
        whose result Excel never calculated."""
        from openpyxl.utils.cell import range_boundaries

        lost = []
        ranges = parser.merged_cells.mergeCell if parser.merged_cells else []
        for merged in ranges:
            left, top, right, bottom = range_boundaries(merged.ref)
            if (left, top) == (right, bottom):
                continue
            row, column = (top, left + 1) if right > left else (top + 1, left)
            lost.append(LostCell(row, column - 1, (
                f"de cellen {merged.ref} zijn samengevoegd; daardoor gaan de waarden van alle cellen "
                f"behalve {_coordinate(top, left)} verloren. Maak het samenvoegen ongedaan."
            ), bottom))  # fmt: skip
        for row, column in parser.uncalculated:
            lost.append(LostCell(row, column - 1, (
                "deze cel heeft een formule zonder berekende uitkomst. Open het bestand in Excel en "
                "sla het op, of plak de waarde als getal."
            )))  # fmt: skip
        return sorted(lost, key=lambda cell: (cell.row, cell.column))
