"""Documents as xlsx workbooks that calculate: one sheet per table, typed cells (numbers, rates
with '0%', dates), a title and period block above the table when the document has a title,
totals as SUM formulas, traffic lights as fills, print set-up (A4 landscape, fit to width,
repeated header row), and a native chart for a trend. openpyxl lives here and in nothing else
but the renderers.

Every cell value goes through `_cell_value`, the one place where data becomes a cell: the
spreadsheet-formula neutraliser belongs there.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pilotledger.document import Chart, Column, Document, LightLabel, Table
from pilotledger.render import palette
from pilotledger.render.package import file_author, file_date, with_application
from pilotledger.render.text_formats import cell_text, list_separator, lists_joined, meta_line
from pilotledger.render.width import display_width
from pilotledger.render.xlsx_styles import StyleBook
from pilotledger.textgate import visible

NUMBER_FORMATS = {"int": "0", "percent": "0%"}  # dates: DATE_STYLES, by language
# a date cell as the reader writes dates (a Chinese workbook 2022年7月6日, as every other document
# sent), with the widest such date for the column's width
DATE_STYLES = {"zh": ('yyyy"年"m"月"d"日"', "2022年12月31日"), "en": ("yyyy-mm-dd", "2022-06-30")}
HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MAX_WIDTH = 60
# a text column filled in at most one row in SPARSE (存在问题, 更正 in the narrative) is narrow
# and wraps: the width goes to the text every row has (工作进展), printed fit to the page width
SPARSE = 4
SPARSE_WIDTH = 14
WRAP_WIDTH = 40  # a long-text column's width (characters); its cells wrap within it
# points per line of wrapped text: 11 pt text, whose CJK fallback (Noto Sans CJK, DengXian)
# takes 1.45 × 11 = 16 pt a line; at 15 pt LibreOffice cut the last line of a cell off
LINE_HEIGHT = 16.5


def write_xlsx(document: Document, path: Path, lang: str = "zh", empty: str = "（无）") -> None:
    """The workbook; an empty table shows `empty` under its header, not a bare header."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _properties(workbook, document)
    used_names: set[str] = set()
    for table in (lists_joined(table, list_separator(lang)) for table in document.tables):
        sheet = workbook.create_sheet(_sheet_name(table.title or document.title, used_names))
        header_row = _title_block(sheet, document, table)
        last_row = _write_table(
            sheet, table, header_row, empty, DATE_STYLES.get(lang, DATE_STYLES["en"])
        )
        _print_setup(sheet, table, header_row)
        if table.chart is not None and table.rows:
            _add_chart(sheet, table, header_row, last_row)
    if not workbook.sheetnames:
        workbook.create_sheet("Sheet")
    out = io.BytesIO()  # built in memory and written in one go: a failing disk is one OSError
    workbook.save(out)
    path.write_bytes(with_application(out.getvalue()))


def _properties(workbook: Workbook, document: Document) -> None:
    """File properties: the document's title, by the office that sends it (its 落款), dated
    the day it is dated (render/package.py, as docx); never openpyxl's own name."""
    official = document.official
    properties = workbook.properties
    properties.title = official.title if official else document.title
    properties.subject = document.subtitle or None
    properties.creator = properties.lastModifiedBy = file_author(document)
    properties.created = properties.modified = file_date(document)


def _title_block(sheet: Worksheet, document: Document, table: Table) -> int:
    """Title, subtitle, header block and the table's title above the table; the header row."""
    if not document.title:
        return 1
    lines = [(document.title, Font(bold=True, size=14))]
    if document.subtitle:
        lines.append((document.subtitle, Font()))  # never italic: Chinese has no italics
    lines += [(meta_line(label, value), Font()) for label, value in document.meta]
    if table.title and table.title != document.title:
        lines.append((table.title, Font(bold=True, size=12)))
    for row, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1)
        _store(cell, _cell_value(text, Column("title", "")))
        cell.font = font
    return len(lines) + 2  # one blank row between the block and the table


def _write_table(
    sheet: Worksheet, table: Table, header_row: int, empty: str, dates: tuple[str, str]
) -> int:
    """Header, typed rows (or `empty` under the header), totals and notes; returns the last
    data row."""
    table = replace(table, columns=[_sparse_wraps(table, i) for i in range(len(table.columns))])
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=header_row, column=index)
        _store(cell, _header_value(column))
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(vertical="center", horizontal="center", wrap_text=True)
    row_number = header_row
    styles = StyleBook()
    for row in table.rows:
        row_number += 1
        for index, (value, column) in enumerate(zip(row, table.columns), start=1):
            _write_cell(sheet.cell(row=row_number, column=index), value, column, styles, dates[0])
    if not table.rows:
        row_number += 1
        _store(sheet.cell(row=row_number, column=1), empty)
        if len(table.columns) > 1:
            sheet.merge_cells(
                start_row=row_number,
                start_column=1,
                end_row=row_number,
                end_column=len(table.columns),
            )
    last_data_row = row_number
    if table.total_label and table.rows:
        row_number += 1
        _totals_row(sheet, table, header_row + 1, last_data_row, row_number)
    for note in table.notes:
        row_number += 1
        _store(sheet.cell(row=row_number + 1, column=1), _cell_value(note, Column("note", "")))
    _fit_columns(sheet, table, header_row, dates[1])
    return last_data_row


def _is_sparse(table: Table, index: int) -> bool:
    """A text column with text in at most one row in SPARSE (a table of several rows)."""
    if table.columns[index].kind != "text" or len(table.rows) < SPARSE:
        return False
    filled = sum(1 for row in table.rows if cell_text(row[index]).strip())
    return filled * SPARSE <= len(table.rows)


def _sparse_wraps(table: Table, index: int) -> Column:
    """The column, wrapping its cells when it is sparse (_is_sparse)."""
    column = table.columns[index]
    return replace(column, wrap=True) if _is_sparse(table, index) else column


def _store(cell, value: Any) -> None:
    """Put a value from the data into a cell: text is stored as a string, never as a formula
    (openpyxl would take any text starting with `=` for one)."""
    cell.value = value
    if cell.data_type == "f":
        cell.data_type = "s"


def _write_cell(cell, value: Any, column: Column, styles: StyleBook, date_format: str) -> None:
    _store(cell, _cell_value(value, column))
    typed = isinstance(cell.value, (int, float, dt.date))
    number_format = None
    if typed:
        number_format = date_format if column.kind == "date" else NUMBER_FORMATS.get(column.kind)
    light = value.light if isinstance(value, LightLabel) else None
    horizontal = {"right": "right", "center": "center"}.get(column.align)
    kind = (number_format, light, horizontal, column.wrap)
    styles.apply(cell, kind, **_cell_style(*kind))


# built once per kind of cell (StyleBook copies it to the rest): built per cell, its Alignment
# was a third of the time of writing a sheet
@cache
def _cell_style(
    number_format: str | None, light: str | None, horizontal: str | None, wrap: bool
) -> dict[str, Any]:
    style: dict[str, Any] = {
        "border": BORDER,
        "alignment": Alignment(horizontal=horizontal, vertical="top", wrap_text=wrap),
    }
    if number_format:
        style["number_format"] = number_format
    if light:
        style["fill"] = PatternFill("solid", fgColor=palette.LIGHT_FILL[light])
    return style


def _cell_value(value: Any, column: Column) -> Any:
    """What goes into a cell: numbers and dates typed, everything else as text.

    The one place data becomes a cell value (the formula neutraliser is applied here)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = visible(cell_text(value))
    if column.kind == "int" and text.lstrip("-").isdigit():
        return int(text)
    return text


def _header_value(column: Column) -> Any:
    """A column headed by its own key's digits is a task number: written as a number."""
    if column.header.isdigit() and column.key == column.header:
        return int(column.header)
    return _cell_value(column.header, Column("header", ""))


def _totals_row(sheet: Worksheet, table: Table, first: int, last: int, row: int) -> None:
    """SUM formulas under the int columns; a rate column (Column.rate_of) as the rate of those
    sums, empty when the denominator is 0."""
    sheet.cell(row=row, column=1, value=table.total_label).font = Font(bold=True)
    letters = {column.key: get_column_letter(i) for i, column in enumerate(table.columns, start=1)}
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        if column.kind == "int" and column.key != "task" and index > 1:
            cell = sheet.cell(row=row, column=index, value=f"=SUM({letter}{first}:{letter}{last})")
            cell.font, cell.number_format = Font(bold=True), NUMBER_FORMATS["int"]
        elif column.rate_of and all(key in letters for key in column.rate_of):
            part, whole = (f"{letters[key]}{row}" for key in column.rate_of)
            cell = sheet.cell(row=row, column=index, value=f'=IF({whole}=0,"",{part}/{whole})')
            cell.font, cell.number_format = Font(bold=True), NUMBER_FORMATS["percent"]
            cell.alignment = Alignment(horizontal="right")
        sheet.cell(row=row, column=index).border = BORDER


def _print_setup(sheet: Worksheet, table: Table, header_row: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    if table.row_headers:
        sheet.print_title_cols = "A:A"
    sheet.freeze_panes = f"{'B' if table.row_headers else 'A'}{header_row + 1}"
    sheet.oddFooter.center.text = "&P / &N"
    if table.title:
        sheet.oddHeader.center.text = table.title.replace("&", "&&")


def _add_chart(sheet: Worksheet, table: Table, header_row: int, last_row: int) -> None:
    chart = table.chart
    anchor = f"{get_column_letter(len(table.columns) + 2)}{header_row}"
    if len(chart.series) == 1:
        sheet.add_chart(_stacked_bars(sheet, table, chart, header_row, last_row), anchor)
    else:
        sheet.add_chart(_share_lines(sheet, table, chart, header_row), anchor)


def _stacked_bars(
    sheet: Worksheet, table: Table, chart: Chart, header_row: int, last_row: int
) -> BarChart:
    """One stacked column per month of the plan (months to come are empty columns)."""
    bars = BarChart()
    bars.type, bars.grouping, bars.overlap = "col", "stacked", 100
    bars.title, bars.width, bars.height = chart.title, 24, 10
    month_column = table.column_index("month") + 1
    for key in chart.status_labels:
        column = table.column_index(key) + 1
        data = Reference(sheet, min_col=column, min_row=header_row, max_row=last_row)
        bars.add_data(data, titles_from_data=True)
        _paint(bars.series[-1], palette.status_colour(key), line=False)
    bars.set_categories(
        Reference(sheet, min_col=month_column, min_row=header_row + 1, max_row=last_row)
    )
    return bars


def _share_lines(sheet: Worksheet, table: Table, chart: Chart, header_row: int) -> LineChart:
    """Share done per group: one line per section or unit, over every month of the plan."""
    lines = LineChart()
    lines.title, lines.width, lines.height = chart.title, 24, 12
    lines.y_axis.number_format, lines.y_axis.scaling.min, lines.y_axis.scaling.max = "0%", 0, 1
    share_column = table.column_index("share_done") + 1
    month_column = table.column_index("month") + 1
    months = len(chart.months)
    for number, series in enumerate(chart.series):
        first = header_row + 1 + number * months
        lines.add_data(
            Reference(sheet, min_col=share_column, min_row=first, max_row=first + months - 1)
        )
        lines.series[-1].tx = _series_title(series.name)
        lines.series[-1].smooth = False  # a smoothed line overshoots its values
        _paint(lines.series[-1], palette.series_colour(number), line=True)
    first_months = Reference(
        sheet, min_col=month_column, min_row=header_row + 1, max_row=header_row + months
    )
    lines.set_categories(first_months)
    return lines


def _paint(series, colour: str, line: bool) -> None:
    """The series in the palette's colour (else Excel and LibreOffice pick theme colours by
    position, and 受阻 comes out green)."""
    if line:
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 22225  # 1.75 pt in EMU
        series.marker.symbol = "circle"
        series.marker.graphicalProperties = None
    else:
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour


def _series_title(name: str):
    return SeriesLabel(v=name)


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:28] or "Sheet"
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name[:26]}{number}", number + 1
    used.add(candidate)
    return candidate


def _fit_columns(sheet: Worksheet, table: Table, header_row: int, widest_date: str) -> None:
    """Columns as wide as their text (a long-text column WRAP_WIDTH at most, its cells wrap; a
    sparse one SPARSE_WIDTH), and each row as tall as its most wrapped cell, so nothing is cut
    on screen or on paper."""
    widths = []
    for index, column in enumerate(table.columns, start=1):
        texts = [column.header]
        texts += [_width_text(row[index - 1], column, widest_date) for row in table.rows]
        width = max(display_width(line) for text in texts for line in text.split("\n")) + 2
        if _is_sparse(table, index - 1):
            width = min(width, max(display_width(column.header) + 2, SPARSE_WIDTH))
        widths.append(min(width, WRAP_WIDTH if column.wrap else MAX_WIDTH))
        sheet.column_dimensions[get_column_letter(index)].width = widths[-1]
    if header_row > 1:
        sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width or 0, 12)
        widths[0] = max(widths[0], 12)
    header_lines = max(_lines(c.header, w) for c, w in zip(table.columns, widths))
    sheet.row_dimensions[header_row].height = LINE_HEIGHT * header_lines
    for number, row in enumerate(table.rows, start=header_row + 1):
        lines = max(
            _lines(_width_text(v, c, widest_date), w) if c.wrap else 1
            for v, c, w in zip(row, table.columns, widths)
        )
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines


def _lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide."""
    room = max(width - 1, 1)
    return sum(max(1, -(-display_width(line) // int(room))) for line in text.split("\n"))


def _width_text(value: Any, column: Column, widest_date: str) -> str:
    if column.kind == "percent" and isinstance(value, float):
        return "100%"
    if isinstance(value, dt.date):
        return widest_date
    return cell_text(value)
