"""Documents as plain text (tabulate), markdown, csv and json. No rich here.

html is render/html.py (+ svg.py), xlsx render/xlsx.py, docx render/docx.py (+ chart_image.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from pilotledger.errors import OutputFailed
from pilotledger.render.text import shorten
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


def meta_line(label: str, value: str) -> str:
    """One line of a header block: 方案：… for a Chinese label, Plan: … for an English one."""
    chinese = any(ord(ch) >= 0x2E80 for ch in label)
    return f"{label}：{value}" if chinese else f"{label}: {value}"


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


def without_months_to_come(table: Table) -> tuple[Table, str]:
    """A trend table without its rows for months still to come, and a line naming those months
    (text, html and docx show the months to come in one line; csv, json and xlsx keep every month)."""
    chart = table.chart
    if chart is None or not any(c.key == "share_done" for c in table.columns):
        return table, ""
    share = table.column_index("share_done")
    month = table.column_index("month")
    kept = [row for row in table.rows if row[share] is not None]
    to_come = sorted({row[month] for row in table.rows if row[share] is None})
    line = f"{to_come[0]} … {to_come[-1]}: {chart.remaining_label} ({len(to_come)})" if to_come else ""
    return Table(table.title, table.columns, kept, group_by=table.group_by), line


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
    line_break = "  \n" if fmt == "markdown" else "\n"
    parts += [line_break.join(meta_line(*item) for item in document.meta)] if document.meta else []
    for table in document.tables:
        parts.append(f"{'## ' if fmt == 'markdown' else ''}{table.title}" if table.title else "")
        shown, to_come = without_months_to_come(table)
        for group, piece in split_groups(shown):
            if group is not None:
                parts.append(f"{sub}{group}")
            parts.append(_tabulate(piece, fmt) if piece.rows else empty)
        parts.append(to_come)
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
