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
from dataclasses import replace
from typing import Any

from pilotledger.document import Column, Document, Table
from pilotledger.errors import OutputFailed
from pilotledger.jsondata import plain
from pilotledger.official import Official, heading_mark, item_mark
from pilotledger.render.columns import simple_table
from pilotledger.render.width import shorten
from pilotledger.textgate import visible
from pilotledger.wording import Labels, day_name

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


def spreadsheet_text(value: Any, separator: str = "、") -> Any:
    """The one neutraliser for spreadsheet cells: numbers stay numbers; text that a spreadsheet
    would read as a formula gets a leading `'` (text that is itself a plain number, such as
    "-3", is left alone: it is a number to every reader, never a formula)."""
    if is_number(value):
        return value
    text = cell_text(value, separator)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def list_separator(lang: str) -> str:
    """What joins the items of a list cell in this language: "、" in Chinese, ", " in English."""
    return Labels(lang)("list_separator")


def cell_text(value: Any, separator: str = "、") -> str:
    """A cell's text; a list's items joined by `separator` (the language's, see list_separator)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return separator.join(cell_text(item, separator) for item in value)
    return str(value)


def lists_joined(table: Table, separator: str) -> Table:
    """The table with every list cell (units, months) joined into text by `separator`."""
    rows = [
        [cell_text(v, separator) if isinstance(v, (list, tuple)) else v for v in row]
        for row in table.rows
    ]
    return replace(table, rows=rows)


def annex_table(table: Table, lang: str) -> Table:
    """An annex's table as the letter shows it: list cells joined, dates written as the letter
    writes them (2022年7月6日 / 6 July 2022: wording.day_name), never ISO. The document's own
    table (csv, json, xlsx) is unchanged."""
    joined = lists_joined(table, list_separator(lang))
    rows = [
        [
            day_name(v, lang) if isinstance(v, dt.date) and not isinstance(v, dt.datetime) else v
            for v in row
        ]
        for row in joined.rows
    ]
    return replace(joined, rows=rows)


def display_cell(value: Any, column: Column, separator: str = "、") -> str:
    """A cell as people read it: a percent column's fraction as "80%" ("—" when unknown)."""
    if column.kind == "percent":
        return "—" if value is None else f"{value:.0%}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(value, separator)


def meta_line(label: str, value: str) -> str:
    """One line of a header block: 方案：… for a Chinese label, Plan: … for an English one."""
    chinese = any(ord(ch) >= 0x2E80 for ch in label)
    return f"{label}：{value}" if chinese else f"{label}: {value}"


def split_groups(table: Table, separator: str = "、") -> Iterator[tuple[str | None, Table]]:
    """The table itself, or one sub-table per value of its group column (without that column)."""
    if table.group_by is None:
        yield None, table
        return
    index = table.column_index(table.group_by)
    columns = [c for i, c in enumerate(table.columns) if i != index]
    groups: dict[str, list[list[Any]]] = {}
    for row in table.rows:
        groups.setdefault(cell_text(row[index], separator), []).append(
            [v for i, v in enumerate(row) if i != index]
        )
    for name, rows in groups.items():
        title = table.group_titles.get(name, name)
        yield title, Table(title, columns, rows)


def without_months_to_come(table: Table) -> tuple[Table, str]:
    """A trend table without its rows for months still to come, and a line naming those months
    (text, html and docx show the months to come in one line; csv, json and xlsx keep every
    month)."""
    chart = table.chart
    if chart is None or not any(c.key == "share_done" for c in table.columns):
        return table, ""
    share = table.column_index("share_done")
    month = table.column_index("month")
    kept = [row for row in table.rows if row[share] is not None]
    to_come = sorted({row[month] for row in table.rows if row[share] is None})
    line = (
        f"{to_come[0]} … {to_come[-1]}: {chart.remaining_label} ({len(to_come)})" if to_come else ""
    )
    kept_table = Table(
        table.title, table.columns, kept, group_by=table.group_by, group_titles=table.group_titles
    )
    return kept_table, line


_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What makes a line's start markdown syntax: headings, quotes, list items, rules, code fences.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+*=`~_-]|\d+[.)])")


def markdown_cell(text: str) -> str:
    """Data text made inert in a markdown table cell: no HTML (& < > as entities) and no cell
    break (| escaped)."""
    return "".join(_MARKDOWN_ENTITIES.get(char, char) for char in text).replace("|", "\\|")


def markdown_text(text: str) -> str:
    """Data text made inert as a markdown line: as in a cell, and no block syntax (heading,
    quote, list item) at a line's start (a backslash before it)."""
    lines = markdown_cell(text).split("\n")
    return "\n".join(_MARKDOWN_LINE_START.sub(r"\1\\\2", line) for line in lines)


def _text_rows(table: Table, fmt: str, separator: str) -> list[list[str]]:
    """Cells as text; only plain (the terminal's text) shortens long text, every format meant
    for sending (markdown, csv, html, xlsx, docx) carries it in full."""
    rows = [
        [
            _text_cell(value, column, separator, fmt == "plain")
            for value, column in zip(row, table.columns)
        ]
        for row in table.rows
    ]
    if fmt == "markdown":  # inert text, and a pipe table keeps each row on one line
        rows = [[markdown_cell(cell).replace("\n", "<br>") for cell in row] for row in rows]
    return rows


def _text_cell(value: Any, column: Column, separator: str, shortened: bool) -> str:
    text = visible(display_cell(value, column, separator))
    return shorten(text, column.shorten) if column.shorten and shortened else text


def as_tabulated(document: Document, fmt: str, empty: str, lang: str = "zh") -> str:
    """plain (aligned columns) or markdown; CJK aligned by display width (tabulate + wcwidth).
    A document to send (Document.official) is laid out as its letter, then its annexes."""
    if document.official is not None:
        return _official_text(document.official, fmt, empty, lang)
    text = markdown_text if fmt == "markdown" else str
    heading = "# " if fmt == "markdown" else ""
    parts = [f"{heading}{text(document.title)}"] if document.title else []
    parts += [text(document.subtitle)] if document.subtitle else []
    line_break = "  \n" if fmt == "markdown" else "\n"
    parts += (
        [line_break.join(text(meta_line(*item)) for item in document.meta)] if document.meta else []
    )
    for table in document.tables:
        parts.append(
            f"{'## ' if fmt == 'markdown' else ''}{text(table.title)}" if table.title else ""
        )
        parts += _table_text(table, fmt, empty, lang)
    return "\n\n".join(part for part in parts if part) + "\n"


def _table_text(table: Table, fmt: str, empty: str, lang: str) -> list[str]:
    """A table's parts in text: each group's sub-table (or `empty`), months to come, notes."""
    separator = list_separator(lang)
    text = markdown_text if fmt == "markdown" else str
    sub = "### " if fmt == "markdown" else ""
    parts = []
    shown, to_come = without_months_to_come(table)
    for group, piece in split_groups(shown, separator):
        if group is not None:
            parts.append(f"{sub}{text(group)}")
        parts.append(_tabulate(piece, fmt, separator) if piece.rows else text(empty))
    parts.append(text(to_come))
    parts.extend(text(note) for note in table.notes)
    return parts


def _official_text(official: Official, fmt: str, empty: str, lang: str) -> str:
    """The letter in reading order (文号, title, 主送, body, 附件 list, 落款, date, contact,
    provenance), then each annex under its mark and title; markdown headings for the title,
    the body's headings and the annexes, plain text with the same words and no marks."""
    markdown = fmt == "markdown"
    text = markdown_text if markdown else str
    h1, h2, h3 = ("# ", "## ", "### ") if markdown else ("", "", "")
    line_break = "  \n" if markdown else "\n"
    parts = [text(official.number)] if official.number else []
    parts += [h1 + text(official.title), text(official.addressee)]
    parts += [text(paragraph) for paragraph in official.opening]
    for number, block in enumerate(official.blocks, start=1):
        parts.append(h2 + text(heading_mark(number, 1, lang) + block.heading))
        parts += [text(paragraph) for paragraph in block.paragraphs]
        parts += [text(item_mark(n, lang) + item) for n, item in enumerate(block.items, start=1)]
    annexes = official.annex_list(lang)
    if annexes:
        label = f"{official.annex_word}：" if lang == "zh" else f"{official.annex_word}: "
        parts.append(
            line_break.join(
                text(label + line) if n == 0 else text(line) for n, line in enumerate(annexes)
            )
        )
    parts.append(line_break.join(text(line) for line in official.signature_lines()))
    parts += [text(official.contact)] if official.contact else []
    parts += [text(line) for line in official.provenance]
    for index, annex in enumerate(official.annexes):
        parts.append("---" if markdown else "")
        parts.append(
            h2
            + text(
                f"{official.annex_mark(index, lang)}　{annex.title}"
                if lang == "zh"
                else f"{official.annex_mark(index, lang)}: {annex.title}"
            )
        )
        for table in annex.tables:
            if table.title:
                parts.append(h3 + text(table.title))
            parts += _table_text(annex_table(table, lang), fmt, empty, lang)
    return "\n\n".join(part for part in parts if part) + "\n"


def _tabulate(table: Table, fmt: str, separator: str) -> str:
    headers = [markdown_cell(c.header) if fmt == "markdown" else c.header for c in table.columns]
    headers = headers if any(headers) else []
    rows = _text_rows(table, fmt, separator)
    aligns = [c.align for c in table.columns]
    laid_out = simple_table(headers, rows, aligns) if fmt == "plain" else None
    if laid_out is not None:
        return laid_out
    from tabulate import tabulate  # slow to import: only where columns.py cannot

    return tabulate(
        rows,
        headers=headers,
        tablefmt=_TABULATE_STYLE[fmt],
        colalign=aligns,
        disable_numparse=True,
    )


def as_csv(document: Document, lang: str = "zh") -> str:
    """One CSV block per table (full text, never shortened), separated by a blank line. Above
    them the title, the subtitle and the header block, each a row whose first cell starts
    with "# " (a header item is two cells: "# 印发单位", its value)."""
    separator = list_separator(lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if document.title or document.meta:
        writer.writerows([[f"# {document.title}"]] if document.title else [])
        writer.writerows([[f"# {document.subtitle}"]] if document.subtitle else [])
        writer.writerows(
            [[f"# {label}", spreadsheet_text(value)] for label, value in document.meta]
        )
        out.write("\n")
    for number, table in enumerate(document.tables):
        if number:
            out.write("\n")
        if len(document.tables) > 1:
            writer.writerow([f"# {table.title}"])
        writer.writerow([spreadsheet_text(c.header) for c in table.columns])
        writer.writerows([[spreadsheet_text(v, separator) for v in row] for row in table.rows])
    return out.getvalue()


def as_located_lines(document: Document) -> str:
    """Each row as one line, its cells joined by ":" and the last one after ": " —
    `file:line:col: message`, the form editors and CI jump to."""
    lines = []
    for table in document.tables:
        for row in table.rows:
            *place, last = (cell_text(value) for value in row)
            lines.append(f"{':'.join(place)}: {last}\n")
    return "".join(lines)


def as_json(document: Document) -> str:
    """The document's plain data (never its tables) as JSON: see jsondata.py. Made from a ledger
    with problems, it says `incomplete: true` and the places (in a list, on every item)."""
    data = plain(document.data)
    if document.incomplete:
        marks = {"incomplete": True, "incomplete_places": list(document.incomplete)}
        if isinstance(data, dict):
            data = {**data, **marks}
        elif isinstance(data, list):
            data = [{**item, **marks} if isinstance(item, dict) else item for item in data]
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
