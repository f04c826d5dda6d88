"""Documents as plain text (tabulate), markdown, csv, json, html and xlsx. No rich here."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pilotledger.errors import OutputFailed
from pilotledger.render.text import display_width, shorten
from pilotledger.table import Column, Document, Table
from pilotledger.textgate import visible

_TABULATE_STYLE = {"plain": "simple", "markdown": "pipe"}


def write_stdout(text: str) -> None:
    """Text to stdout with control characters made visible (in JSON: their escapes)."""
    try:
        sys.stdout.write(visible(text))
        sys.stdout.flush()
    except OSError as error:  # a full disk, a closed pipe
        raise OutputFailed(error) from None


# A text cell starting with one of these is a formula (or its start) to a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?$")


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def spreadsheet_text(value: Any) -> Any:
    """The one neutraliser for spreadsheet cells: numbers stay numbers; text that a spreadsheet
    would read as a formula gets a leading `'` (text that is itself a plain number, such as
    "-3", is left alone: it is a number to every reader, never a formula)."""
    if is_number(value):
        return value
    text = cell_text(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(cell_text(item) for item in value)
    return str(value)


def display_cell(value: Any, column: Column) -> str:
    """A cell as people read it: a percent column's fraction as "80%" ("—" when unknown)."""
    if column.kind == "percent":
        return "—" if value is None else f"{value:.0%}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(value)


def split_groups(table: Table) -> Iterator[tuple[str | None, Table]]:
    """The table itself, or one sub-table per value of its group column (without that column)."""
    if table.group_by is None:
        yield None, table
        return
    index = table.column_index(table.group_by)
    columns = [c for i, c in enumerate(table.columns) if i != index]
    groups: dict[str, list[list[Any]]] = {}
    for row in table.rows:
        groups.setdefault(cell_text(row[index]), []).append([v for i, v in enumerate(row) if i != index])
    for name, rows in groups.items():
        yield name, Table(name, columns, rows)


def _text_rows(table: Table, fmt: str) -> list[list[str]]:
    rows = [[_text_cell(value, column) for value, column in zip(row, table.columns)] for row in table.rows]
    if fmt == "markdown":  # a pipe table keeps each row on one line
        rows = [[cell.replace("|", "\\|").replace("\n", "<br>") for cell in row] for row in rows]
    return rows


def _text_cell(value: Any, column: Column) -> str:
    text = visible(display_cell(value, column))
    return shorten(text, column.shorten) if column.shorten else text


def as_tabulated(document: Document, fmt: str, empty: str) -> str:
    """plain (aligned columns) or markdown; CJK aligned by display width (tabulate + wcwidth)."""
    heading = "# " if fmt == "markdown" else ""
    sub = "### " if fmt == "markdown" else ""
    parts = [f"{heading}{document.title}"] if document.title else []
    parts += [document.subtitle] if document.subtitle else []
    for table in document.tables:
        parts.append(f"{'## ' if fmt == 'markdown' else ''}{table.title}" if table.title else "")
        for group, piece in split_groups(table):
            if group is not None:
                parts.append(f"{sub}{group}")
            parts.append(_tabulate(piece, fmt) if piece.rows else empty)
        parts.extend(table.notes)
    parts.extend(document.notes)
    return "\n\n".join(part for part in parts if part) + "\n"


def _tabulate(table: Table, fmt: str) -> str:
    from tabulate import tabulate  # with wcwidth it costs ~50 ms to import: only for text formats

    headers = [c.header for c in table.columns]
    return tabulate(
        _text_rows(table, fmt),
        headers=headers if any(headers) else (),
        tablefmt=_TABULATE_STYLE[fmt],
        colalign=[c.align for c in table.columns],
        disable_numparse=True,
    )


def as_csv(document: Document) -> str:
    """One CSV block per table (full text, never shortened), separated by a blank line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if document.title:
        writer.writerow([f"# {document.title}"])
        writer.writerows([[f"# {document.subtitle}"]] if document.subtitle else [])
        out.write("\n")
    for number, table in enumerate(document.tables):
        if number:
            out.write("\n")
        if len(document.tables) > 1:
            writer.writerow([f"# {table.title}"])
        writer.writerow([spreadsheet_text(c.header) for c in table.columns])
        writer.writerows([[spreadsheet_text(v) for v in row] for row in table.rows])
    return out.getvalue()


def as_json(document: Document) -> str:
    return json.dumps(document.data, ensure_ascii=False, indent=2, default=str) + "\n"


_HTML_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       margin: 2em; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #eee; white-space: nowrap; } td.right { text-align: right; white-space: nowrap; }
td.center { text-align: center; } td.wrap { white-space: pre-line; }
p.note { font-size: 0.85em; color: #444; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def as_html(document: Document, lang: str) -> str:
    """A single self-contained page, fit to print: no scripts, no external resources."""
    esc = html.escape
    body = [f"<h1>{esc(document.title)}</h1>"]
    if document.subtitle:
        body.append(f"<p>{esc(document.subtitle)}</p>")
    for table in document.tables:
        body.append(f"<h2>{esc(table.title)}</h2>")
        for group, piece in split_groups(table):
            if group is not None:
                body.append(f"<h3>{esc(group)}</h3>")
            body.append(_html_table(piece))
        body.extend(f'<p class="note">{esc(note)}</p>' for note in table.notes)
    body.extend(f'<p class="note">{esc(note)}</p>' for note in document.notes)
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(document.title)}</title>\n<style>{_HTML_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _html_table(table: Table) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(c.header)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<td class="{_html_class(column)}">{esc(display_cell(value, column))}</td>'
            for value, column in zip(row, table.columns)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _html_class(column: Column) -> str:
    return f"{column.align} wrap" if column.wrap else column.align


def write_xlsx(document: Document, path: Path) -> None:
    """One sheet per table, built in memory and written in one go (so a failing disk is one
    OSError, not a half-closed zip file)."""
    path.write_bytes(xlsx_bytes(document))


def xlsx_bytes(document: Document) -> bytes:
    """One sheet per table; header row frozen and bold; column widths from CJK display width.
    Every text cell is stored as a string, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used_names: set[str] = set()
    for table in document.tables:
        sheet = workbook.create_sheet(_sheet_name(table.title, used_names))
        sheet.append([_xlsx_value(c.header) for c in table.columns])
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row])
        _format_cells(sheet, table, Alignment(wrap_text=True, vertical="top"))
        _never_formulas(sheet)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="center")
        sheet.freeze_panes = "A2"
        _fit_columns(sheet, table)
    workbook.properties.title = document.title or None
    workbook.properties.subject = document.subtitle or None
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


_XLSX_NUMBER_FORMATS = {"percent": "0%", "date": "yyyy-mm-dd"}


def _format_cells(sheet, table: Table, wrapped) -> None:
    """Number formats by column kind (rates as '0%', dates as dates); long text wrapped."""
    for index, column in enumerate(table.columns, start=1):
        number_format = _XLSX_NUMBER_FORMATS.get(column.kind)
        if number_format is None and not column.wrap:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if number_format:
                cell.number_format = number_format
            if column.wrap:
                cell.alignment = wrapped


def _xlsx_value(value: Any) -> Any:
    """Numbers and dates stay typed cells; everything else is text (control characters visible)."""
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return value
    return visible(cell_text(value))


def _never_formulas(sheet) -> None:
    """openpyxl takes any text starting with `=` for a formula: store such cells as strings."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:28] or "Sheet"
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name[:26]}{number}", number + 1
    used.add(candidate)
    return candidate


def _fit_columns(sheet, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(table.columns, start=1):
        cells = [display_cell(row[index - 1], column) for row in table.rows]
        lines = [line for text in cells for line in text.split("\n")]
        widths = [display_width(column.header)] + [display_width(line) for line in lines]
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widths) + 2, 80)
