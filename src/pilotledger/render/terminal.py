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

from pilotledger.document import Chart, ChartSeries, Column, Document, LightLabel, Table
from pilotledger.errors import OutputFailed
from pilotledger.render.text_formats import (
    cell_text,
    display_cell,
    list_separator,
    meta_line,
    split_groups,
)
from pilotledger.render.width import display_width
from pilotledger.textgate import visible

LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red"}
LIGHT_DOT = "●"


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_document(document: Document, console: Console | None = None, lang: str = "zh") -> None:
    console = console or stdout_console()
    separator = list_separator(lang)
    if document.title:
        console.print(Text(visible(document.title), style="bold"))
    if document.subtitle:
        console.print(Text(visible(document.subtitle)))
    for label, value in document.meta:
        console.print(Text(visible(meta_line(label, value)), style="dim"))
    for table in document.tables:
        if table.chart is not None:  # a trend: the compact chart stands for its long table
            console.print(Text(table.title, style="bold"))
            console.print(_chart(table.chart))
            for note in table.notes:
                console.print(Text(note, style="dim"))
            continue
        for group, piece in split_groups(_joined_lists(table, separator), separator):
            title = f"{table.title} · {group}" if group else table.title
            pages = paged(piece, console.width)
            for number, page in enumerate(pages, start=1):
                shown = f"{title} ({number}/{len(pages)})" if len(pages) > 1 else title
                if _narrowest(page) > console.width:
                    _print_rows_as_blocks(console, page, shown)
                else:
                    console.print(_rich_table(page, shown, _widths(page, console.width)))
        for note in table.notes:
            console.print(Text(visible(note), style="dim"))
        if table.bars:
            console.print(_bars(table.bars, console.width))


def _joined_lists(table: Table, separator: str) -> Table:
    """The table with its list cells of words joined by the language's separator (lists of
    ASCII ids stay lists: the terminal joins them with ", " so it can wrap between ids)."""

    def joined(value):
        if isinstance(value, (list, tuple)) and not any(str(item).isascii() for item in value):
            return cell_text(value, separator)
        return value

    rows = [[joined(value) for value in row] for row in table.rows]
    return Table(
        table.title,
        table.columns,
        rows,
        group_by=table.group_by,
        group_titles=table.group_titles,
        pages=table.pages,
    )


COLUMN_GAP = 3  # rich's padding (one each side) and the space dividing two columns


def _column_width(table: Table, index: int) -> int:
    cells = [_terminal_cell(row[index], table.columns[index]) for row in table.rows]
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
    return [
        _columns_of(table, [i for i in kept if i < first] + page + [i for i in kept if i >= end])
        for page in pages
    ]


def _columns_of(table: Table, indexes: list[int]) -> Table:
    return Table(
        table.title,
        [table.columns[i] for i in indexes],
        [[row[i] for i in indexes] for row in table.rows],
    )


def _terminal_cell(value, column: Column | None = None) -> str:
    """A cell as the terminal shows it: a light with its dot; a list holding ASCII ids joined
    with ", " so the terminal wraps between ids, never inside one."""
    if isinstance(value, LightLabel):
        return f"{LIGHT_DOT} {value}"
    if isinstance(value, (list, tuple)) and any(str(item).isascii() for item in value):
        return ", ".join(str(item) for item in value)
    return display_cell(value, column) if column is not None else cell_text(value)


def _longest_word(table: Table, index: int) -> int:
    words = [
        word
        for row in table.rows
        if isinstance(row[index], (list, tuple))
        for word in map(str, row[index])
        if word.isascii()
    ]
    return max(map(display_width, words), default=0)


def _narrowest(table: Table) -> int:
    """The least width the table needs without cutting an id or a no-wrap cell."""
    return sum(_needs(table)) + COLUMN_GAP * len(table.columns)


def _widths(table: Table, width: int) -> list[int] | None:
    """Column widths that fit `width`: each column's need, the rest shared out up to its
    natural width, in column order. None when the natural widths fit anyway."""
    natural = [
        max(_column_width(table, i), _terminal_width(table, i)) for i in range(len(table.columns))
    ]
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
    return max(
        (display_width(_terminal_cell(row[index], table.columns[index])) for row in table.rows),
        default=0,
    )


def _needs(table: Table) -> list[int]:
    needs = []
    for index, column in enumerate(table.columns):
        if column.shorten:
            need = 6
        elif column.wrap:
            words = [
                w
                for row in table.rows
                for w in _terminal_cell(row[index], column).split()
                if w.isascii()
            ]
            need = max([6, *map(display_width, words)])
        else:
            need = _column_width(table, index)
        needs.append(max(need, max((display_width(w) for w in column.header.split()), default=0)))
    return needs


def _print_rows_as_blocks(console: Console, table: Table, title: str) -> None:
    """A table too wide for the terminal: each row as `header: value` lines, nothing cut."""
    if title:
        console.print(Text(title, style="bold"))
    width = max((display_width(c.header) for c in table.columns), default=0)
    for row in table.rows:
        console.print()
        for value, column in zip(row, table.columns):
            text = _terminal_cell(value, column)
            if text:
                pad = " " * (width - display_width(column.header))
                console.print(
                    Text(f"{column.header}{pad}  ") + _rich_cell(value, column), overflow="fold"
                )


def _rich_table(table: Table, title: str, widths: list[int] | None = None) -> RichTable:
    show_header = any(column.header for column in table.columns)
    rich_table = RichTable(
        title=visible(title) if title else None,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
        show_header=show_header,
    )
    for index, column in enumerate(table.columns):
        squeezed = bool(widths) and bool(column.shorten)  # cut as when wide, then wrapped
        rich_table.add_column(
            visible(column.header),
            justify=column.align,
            no_wrap=not (column.wrap or squeezed),
            overflow="fold" if column.wrap or squeezed else "ellipsis",
            max_width=column.shorten if not widths else None,
            min_width=max(min(column.shorten or 0, 6), _longest_word(table, index)) or None,
            width=widths[index] if widths else None,
        )
    for row in table.rows:
        rich_table.add_row(
            *(
                _rich_cell(value, column, cut=bool(widths))
                for value, column in zip(row, table.columns)
            )
        )
    return rich_table


def _rich_cell(value, column: Column, cut: bool = False) -> Text:
    """A cell's Text; with `cut`, a shortened column's text is cut here (to the width it has on a
    wide terminal) so that a narrow column wraps it instead of cutting it further."""
    text = visible(_terminal_cell(value, column))
    if cut and column.shorten:
        text = _cut(text, column.shorten)
    if isinstance(value, LightLabel):
        return Text(text, style=LIGHT_STYLES[value.light])
    return Text(text)


def _cut(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


BAR_WIDTH = 30


def _bars(bars: list[tuple[str, float]], width: int):
    """One line per section: label, bar and share. When label and bar do not fit the terminal,
    the bar graphic is left out and the label wraps: every label and number stays."""
    widest = max((display_width(label) for label, _ in bars), default=0)
    if widest + BAR_WIDTH + len(" 100%") + 1 > width:
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(overflow="fold", ratio=1)
        grid.add_column(justify="right", no_wrap=True)
        for label, ratio in bars:
            share = f"{ratio:.0%}"
            grid.add_row(Text(visible(label)), "" if label.endswith(share) else share)
        return grid
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(width=BAR_WIDTH)
    grid.add_column(justify="right")
    for label, ratio in bars:
        bar = ProgressBar(total=100, completed=round(ratio * 100), width=BAR_WIDTH)
        grid.add_row(label, bar, f"{ratio:.0%}")
    return grid


STATUS_STYLES = {
    "done": "green",
    "in_progress": "blue",
    "blocked": "red",
    "not_started": "bright_black",
}
STATUS_MARKS = {"done": "█", "in_progress": "▓", "blocked": "▒", "not_started": "░"}
CHART_WIDTH = 40
SPARKS = "▁▂▃▄▅▆▇█"


def _chart(chart: Chart):
    """One stacked bar per counted month (months to come summed up in one line), or, for several
    series, one sparkline of the share done per series."""
    if len(chart.series) > 1:
        return _sparklines(chart)
    series = chart.series[0]
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    for index, month in enumerate(chart.months):
        if series.share_done[index] is not None:
            grid.add_row(
                month, _stacked_bar(chart, series, index), f"{series.share_done[index]:.0%}"
            )
    legend = Text(
        "  ".join(f"{STATUS_MARKS[k]} {label}" for k, label in chart.status_labels.items())
    )
    grid.add_row("", legend, "")
    to_come = [m for m, share in zip(chart.months, series.share_done) if share is None]
    if to_come:
        grid.add_row(
            Text(f"{to_come[0]}…{to_come[-1]}", style="dim"),
            Text(f"{chart.remaining_label} ({len(to_come)})", style="dim"),
            "",
        )
    return grid


def _stacked_bar(chart: Chart, series: ChartSeries, index: int) -> Text:
    counts = {key: series.counts[key][index] or 0 for key in chart.status_labels}
    total = sum(counts.values()) or 1
    bar, used = Text(), 0
    for number, (key, count) in enumerate(counts.items()):
        cells = (
            CHART_WIDTH - used if number == len(counts) - 1 else round(CHART_WIDTH * count / total)
        )
        bar.append(STATUS_MARKS[key] * cells, style=STATUS_STYLES[key])
        used += cells
    return bar


def _sparklines(chart: Chart):
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, max_width=24, overflow="ellipsis")
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(
        Text(chart.share_label, style="dim"),
        Text(f"{chart.months[0]} … {chart.months[-1]}", style="dim"),
        "",
    )
    for series in chart.series:
        line = "".join(
            "·" if share is None else SPARKS[min(int(share * len(SPARKS)), len(SPARKS) - 1)]
            for share in series.share_done
        )
        latest = next((s for s in reversed(series.share_done) if s is not None), None)
        grid.add_row(
            visible(series.name),
            Text(line, style="green"),
            "" if latest is None else f"{latest:.0%}",
        )
    return grid


class ReadProgress:
    """A progress bar on stderr for a long read, fed (bytes done, bytes in all) by the store."""

    def __init__(self, label: str):
        from rich import progress  # its live display: only for a long read at a terminal

        columns = (
            progress.TextColumn(label),
            progress.BarColumn(),
            progress.DownloadColumn(),
            progress.TimeRemainingColumn(),
        )
        self._bar = progress.Progress(*columns, console=stderr_console(), transient=True)
        self._task = None

    def __call__(self, done: int, total: int) -> None:
        if self._task is None:
            self._bar.start()
            self._task = self._bar.add_task("", total=total)
        self._bar.update(self._task, completed=done, total=total)
        if done >= total:
            self._bar.stop()


def print_error(message: str) -> None:
    stderr_console().print(Text(visible(message), style="red"))


def print_warning(message: str) -> None:
    stderr_console().print(Text(visible(message), style="yellow"))


def print_text(message: str) -> None:
    """One message line, never wrapped by us (a command or path in it stays copyable whole)."""
    try:
        stdout_console().print(Text(visible(message)), soft_wrap=True)
    except OSError as error:  # a full disk, a closed pipe
        raise OutputFailed(error) from None


def print_note(message: str) -> None:
    """A line for the person, on stderr, so stdout stays the command's output."""
    stderr_console().print(Text(visible(message)))
