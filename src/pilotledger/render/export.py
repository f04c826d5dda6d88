"""Documents as plain text (tabulate), markdown, csv, json, html and xlsx. No rich here."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pilotledger.render.text import display_width, shorten
from pilotledger.table import Column, Document, Table

_TABULATE_STYLE = {"plain": "simple", "markdown": "pipe"}


def write_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


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
    text = display_cell(value, column)
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
        writer.writerow([c.header for c in table.columns])
        writer.writerows([[cell_text(v) for v in row] for row in table.rows])
    return out.getvalue()


def as_json(document: Document) -> str:
    return json.dumps(document.data, ensure_ascii=False, indent=2, default=str) + "\n"


HTML_STYLE = """
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
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(document.title)}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n"
        + html_fragment(document)
        + "\n</body>\n</html>\n"
    )


def html_fragment(document: Document, top: int = 1) -> str:
    """The document's title, subtitle, tables and notes as html, for a page of one's own; the
    title is a heading of level `top`, table titles one level below."""
    esc = html.escape
    body = [f"<h{top}>{esc(document.title)}</h{top}>"]
    if document.subtitle:
        body.append(f"<p>{esc(document.subtitle)}</p>")
    for table in document.tables:
        body.append(f"<h{top + 1}>{esc(table.title)}</h{top + 1}>")
        for group, piece in split_groups(table):
            if group is not None:
                body.append(f"<h{top + 2}>{esc(group)}</h{top + 2}>")
            body.append(_html_table(piece))
        body.extend(f'<p class="note">{esc(note)}</p>' for note in table.notes)
    body.extend(f'<p class="note">{esc(note)}</p>' for note in document.notes)
    return "\n".join(body)


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
    """One sheet per table; header row frozen and bold; column widths from CJK display width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used_names: set[str] = set()
    for table in document.tables:
        sheet = workbook.create_sheet(_sheet_name(table.title, used_names))
        sheet.append([c.header for c in table.columns])
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row])
        _format_cells(sheet, table, Alignment(wrap_text=True, vertical="top"))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="center")
        sheet.freeze_panes = "A2"
        _fit_columns(sheet, table)
    workbook.properties.title = document.title or None
    workbook.properties.subject = document.subtitle or None
    workbook.save(path)


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
    """Numbers and dates stay typed cells; everything else is text."""
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return value
    return cell_text(value)


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
