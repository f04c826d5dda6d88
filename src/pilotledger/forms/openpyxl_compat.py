"""The one use of openpyxl's reader internals: a returned form is read through openpyxl's own
reader classes, but only as far as the intake needs.

`load_workbook` reads the styles and every sheet of a workbook in full, building a cell object
for each cell: about half the cost of an intake of a month's forms, and unbounded for a sheet
that a spreadsheet program saved with formatted empty rows down to row 1,048,576 (LibreOffice
does; four seconds and tens of megabytes for nothing). Its read-only mode stops at a row, but
drops the merged cells, which the intake must see. So `open_book` takes ExcelReader's first
three steps (the package manifest, the shared strings, the workbook part: sheet names, states
and parts, the date epoch), and `read_sheet` streams one sheet's XML through openpyxl's
WorkSheetParser (module `openpyxl.worksheet._reader`, not a public API) up to a row bound,
taking its merged ranges when the sheet was read to its end. No formula runs (cached values
only); the stylesheet is read only when `number_format` is asked for (the intake reads a date
column's numbers as serials itself, and asks only whether a progress of 0–1 is a percentage).

tests/test_openpyxl_compat.py fails, naming this file, on a version not in TESTED.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, builtin_format_code
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import ARC_STYLE
from openpyxl.xml.functions import fromstring

# The minor versions whose reader was read and found as this module uses it; pyproject.toml
# caps openpyxl below the next one.
TESTED = ("3.1",)


class StreamTooLarge(Exception):
    """More than the cap was unpacked from one part of the workbook."""


def version() -> str:
    return openpyxl.__version__


def is_tested(installed: str | None = None) -> bool:
    return ".".join((installed or version()).split(".")[:2]) in TESTED


@dataclass(frozen=True)
class SheetEntry:
    name: str
    state: str  # "visible", "hidden" or "veryHidden"
    part: str  # its path inside the package


@dataclass
class Book:
    reader: ExcelReader
    sheets: dict[str, SheetEntry]  # by name, in the workbook's order
    epoch: Any  # the date an Excel serial number counts from (1900 or 1904 system)
    stylesheet: Stylesheet | None = None  # read when a number format is first asked for


@dataclass
class SheetCells:
    """One sheet's cells down to a row: (row, column) → value (str, int, float, bool, datetime
    or None), as the program that saved it left them."""

    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    styles: dict[tuple[int, int], int] = field(default_factory=dict)  # the cell's style index
    merged: list[CellRange] = field(default_factory=list)
    complete: bool = False  # read to the sheet's end (its merged ranges are known)


def open_book(content: bytes) -> Book:
    """The workbook's manifest, shared strings and sheet list. Raises whatever openpyxl, zipfile
    or the XML parser raise on a file that is no workbook (the caller refuses it)."""
    reader = ExcelReader(io.BytesIO(content), data_only=True, keep_links=False)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    sheets = {
        sheet.name: SheetEntry(sheet.name, sheet.state or "visible", rel.target)
        for sheet, rel in reader.parser.find_sheets()
        if rel.target in reader.valid_files and "worksheet" in rel.Type
    }
    return Book(reader, sheets, reader.wb.epoch)


def read_sheet(book: Book, name: str, last_row: int, cap: int) -> SheetCells:
    """The cells of sheet `name` in rows 1..`last_row`; the XML is parsed no further than the
    first row below that (so no more of it is unpacked), and never more than `cap` bytes of it
    (StreamTooLarge)."""
    found = SheetCells()
    with book.reader.archive.open(book.sheets[name].part) as raw:
        parser = WorkSheetParser(
            _Capped(raw, cap), book.reader.shared_strings, data_only=True, epoch=book.epoch
        )
        for row, cells in parser.parse():
            if row > last_row:
                return found
            for cell in cells:
                found.values[(cell["row"], cell["column"])] = cell["value"]
                found.styles[(cell["row"], cell["column"])] = cell["style_id"] or 0
    found.complete = True
    if parser.merged_cells is not None:
        found.merged = [CellRange(merge.ref) for merge in parser.merged_cells.mergeCell]
    return found


def number_format(book: Book, style: int) -> str:
    """The number format code of a cell style ("0%", "yyyy-mm-dd", "General"), as openpyxl's
    stylesheet reader resolves it; the stylesheet is read once per workbook, when first asked
    (most forms never need it)."""
    if book.stylesheet is None:
        if ARC_STYLE not in book.reader.valid_files:
            return "General"
        book.stylesheet = Stylesheet.from_tree(fromstring(book.reader.archive.read(ARC_STYLE)))
    styles = book.stylesheet.cell_styles
    if not 0 <= style < len(styles):
        return "General"
    code = styles[style].numFmtId
    if code >= BUILTIN_FORMATS_MAX_SIZE:
        return book.stylesheet.number_formats[code - BUILTIN_FORMATS_MAX_SIZE]
    return builtin_format_code(code) or "General"


class _Capped(io.RawIOBase):
    """A zip member's stream that refuses to give more than `cap` bytes (a zip bomb stops
    here, whatever size its header declares)."""

    def __init__(self, raw, cap: int):
        self._raw, self._left = raw, cap

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size if size is not None and size >= 0 else self._left + 1)
        self._left -= len(chunk)
        if self._left < 0:
            raise StreamTooLarge
        return chunk
