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

from pilotledger.render.export import cell_text, split_groups
from pilotledger.table import Document, LightLabel, Table

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
            pages = paged(piece, console.width)
            for number, page in enumerate(pages, start=1):
                shown = f"{title} ({number}/{len(pages)})" if len(pages) > 1 else title
                if _narrowest(page) > console.width:
                    _print_rows_as_blocks(console, page, shown)
                else:
                    console.print(_rich_table(page, shown, _widths(page, console.width)))
        for note in table.notes:
            console.print(Text(note, style="dim"))
        if table.bars:
            console.print(_bars(table.bars))
    for note in document.notes:
        console.print(Text(note, style="dim"))


COLUMN_GAP = 3  # rich's padding (one each side) and the space dividing two columns


def _column_width(table: Table, index: int) -> int:
    from pilotledger.render.text import display_width

    cells = [_terminal_cell(row[index]) for row in table.rows]
    return max([display_width(table.columns[index].header), *map(display_width, cells)])


def paged(table: Table, width: int) -> list[Table]:
    """The table split so each page fits `width`: the page columns (e.g. the matrix's tasks)
    spread over pages, the other columns repeated on each. Nothing is dropped."""
    if table.pages is None:
        return [table]
    first, end = table.pages
    kept = [i for i in range(len(table.columns)) if not first <= i < end]
    kept_width = sum(_column_width(table, i) + COLUMN_GAP for i in kept)
    pages, current, used = [], [], kept_width
    for index in range(first, end):
        needed = _column_width(table, index) + COLUMN_GAP
        if current and used + needed > width:
            pages.append(current)
            current, used = [], kept_width
        current.append(index)
        used += needed
    if current:
        pages.append(current)
    return [_columns_of(table, [i for i in kept if i < first] + page + [i for i in kept if i >= end])
            for page in pages]


def _columns_of(table: Table, indexes: list[int]) -> Table:
    return Table(table.title, [table.columns[i] for i in indexes],
                 [[row[i] for i in indexes] for row in table.rows])


def _terminal_cell(value) -> str:
    """A list of ASCII ids joined with ", " so the terminal wraps between ids, never inside one."""
    if isinstance(value, LightLabel):
        return f"{LIGHT_DOT} {value}"
    if isinstance(value, (list, tuple)) and any(str(item).isascii() for item in value):
        return ", ".join(str(item) for item in value)
    return cell_text(value)


def _longest_word(table: Table, index: int) -> int:
    from pilotledger.render.text import display_width

    words = [word for row in table.rows if isinstance(row[index], (list, tuple))
             for word in map(str, row[index]) if word.isascii()]
    return max(map(display_width, words), default=0)


def _narrowest(table: Table) -> int:
    """The least width the table needs without cutting an id or a no-wrap cell."""
    return sum(_needs(table)) + COLUMN_GAP * len(table.columns)


def _widths(table: Table, width: int) -> list[int] | None:
    """Column widths that fit `width`: each column's need, the rest shared out up to its
    natural width, in column order. None when the natural widths fit anyway."""
    natural = [max(_column_width(table, i), _terminal_width(table, i)) for i in range(len(table.columns))]
    if sum(natural) + COLUMN_GAP * len(natural) <= width:
        return None
    widths = _needs(table)
    spare = width - sum(widths) - COLUMN_GAP * len(widths)
    for index, wanted in enumerate(natural):
        extra = max(0, min(spare, wanted - widths[index]))
        widths[index] += extra
        spare -= extra
    return widths


def _terminal_width(table: Table, index: int) -> int:
    from pilotledger.render.text import display_width

    return max((display_width(_terminal_cell(row[index])) for row in table.rows), default=0)


def _needs(table: Table) -> list[int]:
    from pilotledger.render.text import display_width

    needs = []
    for index, column in enumerate(table.columns):
        if column.shorten:
            need = 6
        elif column.wrap:
            words = [w for row in table.rows for w in _terminal_cell(row[index]).split() if w.isascii()]
            need = max([6, *map(display_width, words)])
        else:
            need = _column_width(table, index)
        needs.append(max(need, max((display_width(w) for w in column.header.split()), default=0)))
    return needs


def _print_rows_as_blocks(console: Console, table: Table, title: str) -> None:
    """A table too wide for the terminal: each row as `header: value` lines, nothing cut."""
    from pilotledger.render.text import display_width

    if title:
        console.print(Text(title, style="bold"))
    width = max((display_width(c.header) for c in table.columns), default=0)
    for row in table.rows:
        console.print()
        for value, column in zip(row, table.columns):
            text = _terminal_cell(value)
            if text:
                pad = " " * (width - display_width(column.header))
                console.print(Text(f"{column.header}{pad}  ") + _rich_cell(value, column.key), overflow="fold")


def _rich_table(table: Table, title: str, widths: list[int] | None = None) -> RichTable:
    show_header = any(column.header for column in table.columns)
    rich_table = RichTable(
        title=title or None, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False, show_header=show_header
    )
    for index, column in enumerate(table.columns):
        rich_table.add_column(
            column.header,
            justify=column.align,
            no_wrap=not column.wrap,
            overflow="ellipsis" if column.shorten or not column.wrap else "fold",
            max_width=column.shorten if not widths else None,
            min_width=max(min(column.shorten or 0, 6), _longest_word(table, index)) or None,
            width=widths[index] if widths else None,
        )
    for row in table.rows:
        rich_table.add_row(*(_rich_cell(value, column.key) for value, column in zip(row, table.columns)))
    return rich_table


def _rich_cell(value, key: str) -> Text:
    text = _terminal_cell(value)
    if isinstance(value, LightLabel):
        return Text(text, style=LIGHT_STYLES[value.light])
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




def print_note(message: str) -> None:
    """A line for the person, on stderr, so stdout stays the command's output."""
    stderr_console().print(Text(message))
