"""A unit's form as an xlsx workbook (openpyxl): the title block, one row per task with the
reference columns locked and the input cells validated (a drop-down of statuses, a whole
number 0–100, a date within the month, bounded text), the sheet protected without a password
(it prevents accidents, not attacks), A4 landscape with the header row repeated, a font that
shows Chinese in Excel, WPS and LibreOffice, and the hidden binding sheet. Returns the bytes;
the CLI writes them."""

from __future__ import annotations

import io
import math
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pilotledger.dates import month_end
from pilotledger.forms.content import Form, FormRow
from pilotledger.forms.layout import (
    BINDING_SHEET,
    COLUMNS,
    FILL_IN,
    FILLED_ON_CELL,
    FILLER_CELL,
    FIRST_ROW,
    HEADER_ROW,
    MAX_TEXT,
    PHONE_CELL,
    TEXT_KEYS,
    FormColumn,
)
from pilotledger.model import Status
from pilotledger.render.width import display_width
from pilotledger.render.xlsx_styles import StyleBook
from pilotledger.textgate import visible
from pilotledger.wording import Labels

FONT_NAME = "宋体"  # SimSun: in every Windows and WPS; LibreOffice falls back to a CJK font
FONT = Font(name=FONT_NAME, size=11, charset=134)
BOLD = Font(name=FONT_NAME, size=11, bold=True, charset=134)
TITLE = Font(name=FONT_NAME, size=15, bold=True, charset=134)
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)
ROW_NUMBER_FORMATS = {"date": "yyyy-mm-dd", "progress": "0"}
LINE_HEIGHT = 14.5  # points per line of 11 pt text
LAST_COLUMN = COLUMNS[-1].letter


def form_workbook(form: Form, labels: Labels) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = form.binding.sheet
    _title_block(sheet, form, labels)
    _header(sheet, labels)
    styles = StyleBook()
    for index, row in enumerate(form.rows):
        _task_row(sheet, FIRST_ROW + index, row, labels, styles)
    _validations(sheet, form, labels)
    _print_setup(sheet)
    _protect(sheet)
    _binding_sheet(workbook, form)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _put(cell, value: Any, font: Font = FONT) -> None:
    """Data into a cell in `font` (see _put_value)."""
    _put_value(cell, value)
    cell.font = font


def _put_value(cell, value: Any) -> None:
    """Data into a cell: text always as a string (never a formula), controls made visible."""
    cell.value = visible(value) if isinstance(value, str) else value
    if cell.data_type == "f":
        cell.data_type = "s"


def month_title(labels: Labels, form: Form) -> str:
    month = form.month
    return f"{month.year}年{month.month}月" if labels.lang == "zh" else f"{month:%B %Y}"


def _title_block(sheet: Worksheet, form: Form, labels: Labels) -> None:
    unit = form.unit.name if labels.lang == "zh" else f"{form.unit.name_en} ({form.unit.name})"
    month = month_title(labels, form)
    due = (
        f"{form.due.year}年{form.due.month}月{form.due.day}日"
        if labels.lang == "zh"
        else (form.due.isoformat())
    )
    lines = [
        (1, form.plan_title, TITLE, 24),
        (2, labels("form_title", unit=unit, month=month), BOLD, 20),
        (3, labels("form_due", due=due, to=form.return_to), FONT, 18),
        (5, labels("form_note", month=month), FONT, 34),
    ]
    for row, text, font, height in lines:
        sheet.merge_cells(f"A{row}:{LAST_COLUMN}{row}")
        _put(sheet[f"A{row}"], text, font)
        sheet[f"A{row}"].alignment = Alignment(
            horizontal="center" if row < 3 else "left", vertical="center", wrap_text=True
        )
        sheet.row_dimensions[row].height = height
    _filler_fields(sheet, labels)


def _filler_fields(sheet: Worksheet, labels: Labels) -> None:
    """填报人 / 联系电话 / 填报日期: a label and an input cell each, on row 4."""
    for label_cell, key, input_cell in (
        ("A4", "form_filler", FILLER_CELL),
        ("D4", "form_phone", PHONE_CELL),
        ("G4", "form_filled_on", FILLED_ON_CELL),
    ):
        _put(sheet[label_cell], labels(key), BOLD)
        sheet[label_cell].alignment = Alignment(horizontal="right", vertical="center")
        cell = sheet[input_cell]
        cell.font, cell.border, cell.protection = FONT, BORDER, UNLOCKED
    sheet[FILLED_ON_CELL].number_format = "yyyy-mm-dd"
    sheet.row_dimensions[4].height = 20


def _header(sheet: Worksheet, labels: Labels) -> None:
    for column in COLUMNS:
        cell = sheet[f"{column.letter}{HEADER_ROW}"]
        _put(cell, labels(f"form_col_{column.key}"), BOLD)
        cell.fill, cell.border = HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[column.letter].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 30


def _task_row(
    sheet: Worksheet, row: int, form_row: FormRow, labels: Labels, styles: StyleBook
) -> None:
    role = labels("mark_lead" if form_row.role == "lead" else "mark_responsible")
    if form_row.via:
        role = labels("form_via", role=role, group=form_row.via)
    progress = form_row.last_progress
    reference = {
        "number": form_row.task.number,
        "text": form_row.task.text,
        "role": role,
        "last_status": labels.status_name(form_row.last_status),
        "last_progress": None if progress is None else f"{progress}%",
    }
    for column in COLUMNS:
        cell = sheet[f"{column.letter}{row}"]
        if not column.fill_in:
            _put_value(cell, reference[column.key])
        styles.apply(cell, column.key, **_row_style(column))
    lines = math.ceil(display_width(form_row.task.text) / (COLUMNS[1].width - 2))
    sheet.row_dimensions[row].height = max(3, lines) * LINE_HEIGHT + 4


def _row_style(column: FormColumn) -> dict[str, Any]:
    """The style of a task row's cell in `column`: input cells unlocked, the rest grey."""
    style: dict[str, Any] = {"border": BORDER, "font": FONT}
    if column.fill_in:
        style["protection"] = UNLOCKED
        style["alignment"] = Alignment(vertical="top", wrap_text=column.key in TEXT_KEYS)
    else:
        style["fill"] = LOCKED_FILL
        style["alignment"] = Alignment(
            vertical="top",
            horizontal="center" if column.key != "text" else None,
            wrap_text=column.key in ("text", "role"),
        )
    if column.key in ROW_NUMBER_FORMATS:
        style["number_format"] = ROW_NUMBER_FORMATS[column.key]
    return style


def _validations(sheet: Worksheet, form: Form, labels: Labels) -> None:
    if not form.rows:
        return
    last = FIRST_ROW + len(form.rows) - 1
    month = month_title(labels, form)
    names = ",".join(labels.status_name(status) for status in Status)
    first_day, last_day = form.month, month_end(form.month)
    date_bounds = (
        f"DATE({first_day.year},{first_day.month},{first_day.day})",
        f"DATE({last_day.year},{last_day.month},{last_day.day})",
    )
    rules = {
        "status": (
            DataValidation(type="list", formula1=f'"{names}"'),
            labels("form_status_error"),
        ),
        "progress": (
            DataValidation(type="whole", operator="between", formula1="0", formula2="100"),
            labels("form_progress_error"),
        ),
        "date": (
            DataValidation(
                type="date", operator="between", formula1=date_bounds[0], formula2=date_bounds[1]
            ),
            labels("form_date_error", month=month),
        ),
    }
    text_rule = labels("form_text_error", max=MAX_TEXT)
    for column in FILL_IN:
        validation, error = rules.get(column.key) or (
            DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(MAX_TEXT)),
            text_rule,
        )
        validation.allow_blank = True
        validation.showErrorMessage = True
        validation.error = error
        validation.add(f"{column.letter}{FIRST_ROW}:{column.letter}{last}")
        sheet.add_data_validation(validation)


def _print_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "&P / &N"
    sheet.freeze_panes = f"A{FIRST_ROW}"


def _protect(sheet: Worksheet) -> None:
    """Locked cells cannot be typed over; column widths and row heights may still change."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _binding_sheet(workbook: Workbook, form: Form) -> None:
    sheet = workbook.create_sheet(BINDING_SHEET)
    for row, (key, value) in enumerate(form.binding.rows(), start=1):
        _put(sheet.cell(row=row, column=1), key)
        _put(sheet.cell(row=row, column=2), value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
