"""A returned form read back (openpyxl, data_only: a formula never runs; its cached value is
taken): the binding sheet, the title block's 填报人, and every task row's cells with their
addresses, as the program that saved it (Excel, WPS, LibreOffice) left them. Whole-file
refusals (not a workbook, an old .xls/.et, too large, no binding, another format version) are
raised as FormRefused; what is wrong with a row is the intake's to judge. Works on bytes: the
CLI reads the file through the store."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from pilotledger.forms.layout import (
    BINDING_SHEET,
    COLUMNS,
    FILLER_CELL,
    FIRST_ROW,
    FORMAT_NAME,
    FORMAT_VERSION,
    Binding,
)
from pilotledger.wording import Message

MAX_FORM_BYTES = 5 * 1024 * 1024  # a county unit's form is tens of kilobytes
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # a zip bomb stops here, before any XML is parsed
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and WPS .et (the old binary formats)
LAST_SERIAL = 2958465  # 9999-12-31 as an Excel serial number


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


def read_form(content: bytes) -> ReturnedForm:
    _refuse_other_files(content)
    try:
        book = load_workbook(io.BytesIO(content), data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise FormRefused(Message("intake_not_workbook", reason=type(error).__name__)) from None
    if BINDING_SHEET not in book.sheetnames:
        raise FormRefused(Message("intake_no_binding"))
    binding = read_binding(book[BINDING_SHEET])
    if binding.sheet not in book.sheetnames:
        raise FormRefused(Message("intake_no_sheet", sheet=binding.sheet))
    sheet = book[binding.sheet]
    rows = [_row(sheet, row) for row in range(FIRST_ROW, max(sheet.max_row, FIRST_ROW) + 1)]
    while len(rows) > len(binding.tasks) and _blank(rows[-1]):
        rows.pop()
    merged = [
        str(cells)
        for cells in sheet.merged_cells.ranges
        if cells.max_row >= FIRST_ROW and cells.max_row > cells.min_row
    ]
    return ReturnedForm(binding, sheet[FILLER_CELL].value, rows, sorted(merged))


def _refuse_other_files(content: bytes) -> None:
    if content.startswith(OLE_MAGIC):
        raise FormRefused(Message("intake_old_format", suffix=".xls/.et"))
    if len(content) > MAX_FORM_BYTES:
        raise FormRefused(Message("intake_too_large", mb=MAX_FORM_BYTES // (1024 * 1024)))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FormRefused(Message("intake_not_workbook", reason="not a zip archive")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormRefused(Message("intake_too_large", mb=MAX_UNPACKED_BYTES // (1024 * 1024)))


def read_binding(sheet) -> Binding:
    values = {}
    for key, value, *_ in sheet.iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        if isinstance(key, str):
            values[key] = value
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


def _row(sheet, row: int) -> FormRow:
    values = {column.key: sheet[f"{column.letter}{row}"].value for column in COLUMNS}
    values["date"] = _date_value(values["date"])
    return FormRow(row, values)


def _date_value(value: Any) -> Any:
    """A date cell as a date where it is one: a datetime cell, or an Excel serial number in a
    cell that lost its date format; text stays text (the intake parses it)."""
    if isinstance(value, dt.datetime):
        return value.date()
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and 1 <= value <= LAST_SERIAL:
        return from_excel(value).date()
    return value


def _blank(form_row: FormRow) -> bool:
    return all(is_blank(value) for value in form_row.values.values())


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
