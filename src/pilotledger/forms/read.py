"""A returned form read back through openpyxl's own reader classes (forms/openpyxl_compat.py):
the binding sheet, the title block's 填报人, and every task row's cells with their addresses, as
the program that saved it (Excel, WPS, LibreOffice) left them: inline or shared strings (rich
text runs as their text), a formula's cached value (a formula never runs), numbers, and dates
as Excel serial numbers (in the workbook's 1900 or 1904 system) or ISO cells, and a progress
of 0–1 in a cell formatted as a percentage as that percentage. Only the form
sheet and the binding sheet are read, and the form sheet only down to MAX_ROWS_BELOW rows
under its last task row: a sheet saved with formatted empty rows down to row 1,048,576 costs
no more than its filled part (what lies further down is not read, nor, in such a sheet, its
merged cells). Whole-file refusals (not a workbook, an old .xls/.et, too large, no binding,
another format version) are raised as FormRefused; what is wrong with a row is the intake's
to judge. Works on bytes: the CLI reads the file through the store."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel

from pilotledger.forms.layout import (
    BINDING_SHEET,
    COLUMNS,
    FILLER_CELL,
    FIRST_ROW,
    FORMAT_NAME,
    FORMAT_VERSION,
    TITLE_CELL,
    Binding,
)
from pilotledger.forms.openpyxl_compat import (
    Book,
    SheetCells,
    StreamTooLarge,
    number_format,
    open_book,
    read_sheet,
)
from pilotledger.wording import Message

MAX_FORM_BYTES = 5 * 1024 * 1024  # a county unit's form is tens of kilobytes
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # a zip bomb stops here, before or while it is unpacked
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and WPS .et (the old binary formats)
LAST_SERIAL = 2958465  # 9999-12-31 as an Excel serial number
MAX_ROWS_BELOW = 1000  # rows read under the last task row (a row added there is a problem)
BINDING_ROWS = 20
WORKSHEETS = "xl/worksheets/"  # streamed, capped as they are read (not counted beforehand)
_COLUMN_INDEX = {column.key: index for index, column in enumerate(COLUMNS, start=1)}


class FormRefused(Exception):
    """The whole file cannot be taken; carries the Message."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FormRow:
    row: int
    values: dict[str, Any]  # column key → the cell's value (str, int, float, date, None)


@dataclass
class ReturnedForm:
    binding: Binding
    filler: Any
    rows: list[FormRow]  # one per bound task, top down, then any row added below them
    merged_across_rows: list[str] = field(default_factory=list)  # ranges like "I7:I8"
    title: Any = None  # the title cell (it names the unit and the month)


def read_form(content: bytes) -> ReturnedForm:
    _refuse_other_files(content)
    try:
        return _read(content)
    except FormRefused:
        raise
    except StreamTooLarge:
        raise FormRefused(_too_large_unpacked()) from None
    except Exception as error:  # openpyxl, zipfile and the XML parser raise many kinds
        raise FormRefused(Message("intake_not_workbook", reason=type(error).__name__)) from None


def _read(content: bytes) -> ReturnedForm:
    book = open_book(content)
    if BINDING_SHEET not in book.sheets:
        raise FormRefused(Message("intake_no_binding"))
    binding = read_binding(read_sheet(book, BINDING_SHEET, BINDING_ROWS, MAX_UNPACKED_BYTES))
    if binding.sheet not in book.sheets:
        raise FormRefused(Message("intake_no_sheet", sheet=binding.sheet))
    last_task_row = FIRST_ROW + len(binding.tasks) - 1
    cells = read_sheet(book, binding.sheet, last_task_row + MAX_ROWS_BELOW, MAX_UNPACKED_BYTES)
    rows = [_row(cells, book, row) for row in range(FIRST_ROW, _last_row(cells, last_task_row) + 1)]
    merged = [
        span.coord
        for span in cells.merged
        if span.max_row >= FIRST_ROW and span.max_row > span.min_row
    ]
    filler = cells.values.get(coordinate_to_tuple(FILLER_CELL))
    title = cells.values.get(coordinate_to_tuple(TITLE_CELL))
    return ReturnedForm(binding, filler, rows, sorted(merged), title)


def _last_row(cells: SheetCells, last_task_row: int) -> int:
    """The last row to judge: the last one with anything in it, and every task row the sheet
    still has (a row of a task that is gone leaves the list short: "rows removed")."""
    filled = [
        row
        for (row, column), value in cells.values.items()
        if row >= FIRST_ROW and column <= len(COLUMNS) and not is_blank(value)
    ]
    with_cells = max((row for row, _ in cells.values), default=0)
    return max([*filled, min(with_cells, last_task_row), FIRST_ROW - 1])


def _too_large_unpacked() -> Message:
    return Message("intake_too_large", mb=MAX_UNPACKED_BYTES // (1024 * 1024))


def _refuse_other_files(content: bytes) -> None:
    """An old binary workbook, a file too large, not a zip, or a zip whose parts read whole
    (all but the worksheets, which are capped as they stream) unpack to too much."""
    if content.startswith(OLE_MAGIC):
        raise FormRefused(Message("intake_old_format", suffix=".xls/.et"))
    if len(content) > MAX_FORM_BYTES:
        raise FormRefused(Message("intake_too_large", mb=MAX_FORM_BYTES // (1024 * 1024)))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FormRefused(Message("intake_not_workbook", reason="not a zip archive")) from None
    names = {info.filename for info in infos}
    if not any(name.startswith("xl/") for name in names):  # a zip, but of something else
        kind = "intake_zip_word" if "word/document.xml" in names else "intake_zip_other"
        raise FormRefused(Message("intake_not_workbook", reason=Message(kind)))
    unpacked = sum(info.file_size for info in infos if not info.filename.startswith(WORKSHEETS))
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormRefused(_too_large_unpacked())


def read_binding(cells: SheetCells) -> Binding:
    values = {}
    for row in range(1, BINDING_ROWS + 1):
        key = cells.values.get((row, 1))
        if isinstance(key, str):
            values[key] = cells.values.get((row, 2))
    if values.get("format") != FORMAT_NAME:
        raise FormRefused(Message("intake_no_binding"))
    version = values.get("version")
    if version != FORMAT_VERSION:
        raise FormRefused(Message("intake_version", version=version, known=FORMAT_VERSION))
    try:
        tasks = tuple(int(part) for part in str(values.get("tasks") or "").split(",") if part)
        text = {key: str(values[key]) for key in ("plan", "unit", "month", "sheet")}
    except (KeyError, ValueError) as error:
        raise FormRefused(Message("intake_bad_binding", key=str(error))) from None
    return Binding(version, text["plan"], text["unit"], text["month"], text["sheet"], tasks)


def _row(cells: SheetCells, book: Book, row: int) -> FormRow:
    values = {key: cells.values.get((row, index)) for key, index in _COLUMN_INDEX.items()}
    values["date"] = _date_value(values["date"], book.epoch)
    values["progress"] = _progress_value(cells, book, row, values["progress"])
    return FormRow(row, values)


def _progress_value(cells: SheetCells, book: Book, row: int, value: Any) -> Any:
    """A progress cell as the unit saw it: Excel and WPS turn `100%` typed into a cell into the
    number 1 shown as a percentage (and the form's whole-number validation lets 1 through), so
    a number over 0 and up to 1 in a cell formatted as a percentage is that percentage."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not (number and 0 < value <= 1):
        return value
    style = cells.styles.get((row, _COLUMN_INDEX["progress"]), 0)
    if not _is_percentage(number_format(book, style)):
        return value
    percent = round(float(value) * 100, 9)
    return int(percent) if percent.is_integer() else percent


def _is_percentage(code: str) -> bool:
    """Whether a number format shows its number as a percentage: a `%` outside quoted text
    and escapes (`0%`, `0.0%`, not `0"%"`)."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


def _date_value(value: Any, epoch: dt.datetime) -> Any:
    """A date cell as a date where it is one: a datetime (an ISO date cell), or an Excel
    serial number (the column's date format is not read: a number there is a date); text
    stays text (the intake parses it)."""
    if isinstance(value, dt.datetime):
        return value.date()
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and 1 <= value <= LAST_SERIAL:
        return from_excel(value, epoch).date()
    return value


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
