"""The terminal: rich tables for people, plain text for pipes, errors to stderr.

The only module that imports rich. Width comes from the terminal (or $COLUMNS); colour is
off when the output is not a terminal or $NO_COLOR is set, so tests see plain text.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.progress_bar import ProgressBar
from rich.table import Table as RichTable
from rich.text import Text

from pilotledger.render.export import display_cell, split_groups
from pilotledger.table import Column, Document, LightLabel, Table

LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red"}
LIGHT_DOT = "●"


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_document(document: Document, console: Console | None = None) -> None:
    console = console or stdout_console()
    if document.title:
        console.print(Text(document.title, style="bold"))
    if document.subtitle:
        console.print(Text(document.subtitle))
    for table in document.tables:
        for group, piece in split_groups(table):
            title = f"{table.title} · {group}" if group else table.title
            console.print(_rich_table(piece, title))
        for note in table.notes:
            console.print(Text(note, style="dim"))
        if table.bars:
            console.print(_bars(table.bars))
    for note in document.notes:
        console.print(Text(note, style="dim"))


def _rich_table(table: Table, title: str) -> RichTable:
    show_header = any(column.header for column in table.columns)
    rich_table = RichTable(
        title=title or None, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False, show_header=show_header
    )
    for column in table.columns:
        rich_table.add_column(
            column.header,
            justify=column.align,
            no_wrap=not column.wrap,
            overflow="ellipsis" if column.shorten or not column.wrap else "fold",
            max_width=column.shorten,
            min_width=min(column.shorten or 0, 12) or None,
        )
    for row in table.rows:
        rich_table.add_row(*(_rich_cell(v, c) for v, c in zip(row, table.columns)))
    return rich_table


def _rich_cell(value, column: Column) -> Text:
    text = display_cell(value, column)
    if isinstance(value, LightLabel):
        return Text(f"{LIGHT_DOT} {text}", style=LIGHT_STYLES[value.light])
    return Text(text)


def _bars(bars: list[tuple[str, float]]) -> RichTable:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(width=30)
    grid.add_column(justify="right")
    for label, ratio in bars:
        grid.add_row(label, ProgressBar(total=100, completed=round(ratio * 100), width=30), f"{ratio:.0%}")
    return grid


def print_error(message: str) -> None:
    stderr_console().print(Text(message, style="red"))


def print_warning(message: str) -> None:
    stderr_console().print(Text(message, style="yellow"))


def print_text(message: str) -> None:
    stdout_console().print(Text(message))


