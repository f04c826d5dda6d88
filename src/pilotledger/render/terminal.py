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

from pilotledger.errors import OutputFailed
from pilotledger.render.export import display_cell, meta_line, split_groups
from pilotledger.table import Chart, ChartSeries, Column, Document, LightLabel, Table
from pilotledger.textgate import visible

LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red"}
LIGHT_DOT = "●"


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_document(document: Document, console: Console | None = None) -> None:
    console = console or stdout_console()
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
        for group, piece in split_groups(table):
            title = f"{table.title} · {group}" if group else table.title
            console.print(_rich_table(piece, title))
        for note in table.notes:
            console.print(Text(visible(note), style="dim"))
        if table.bars:
            console.print(_bars(table.bars))
    for note in document.notes:
        console.print(Text(visible(note), style="dim"))


def _rich_table(table: Table, title: str) -> RichTable:
    show_header = any(column.header for column in table.columns)
    rich_table = RichTable(
        title=visible(title) if title else None, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False, show_header=show_header
    )
    for column in table.columns:
        rich_table.add_column(
            visible(column.header),
            justify=column.align,
            no_wrap=not column.wrap,
            overflow="ellipsis" if column.shorten or not column.wrap else "fold",
            max_width=column.shorten,
            min_width=min(column.shorten or 0, 12) or None,
        )
    for row in table.rows:
        rich_table.add_row(*(_rich_cell(value, column) for value, column in zip(row, table.columns)))
    return rich_table


def _rich_cell(value, column: Column) -> Text:
    text = visible(display_cell(value, column))
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


STATUS_STYLES = {"done": "green", "in_progress": "blue", "blocked": "red", "not_started": "bright_black"}
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
            grid.add_row(month, _stacked_bar(chart, series, index), f"{series.share_done[index]:.0%}")
    legend = Text("  ".join(f"{STATUS_MARKS[k]} {label}" for k, label in chart.status_labels.items()))
    grid.add_row("", legend, "")
    to_come = [m for m, share in zip(chart.months, series.share_done) if share is None]
    if to_come:
        grid.add_row(Text(f"{to_come[0]}…{to_come[-1]}", style="dim"),
                     Text(f"{chart.remaining_label} ({len(to_come)})", style="dim"), "")
    return grid


def _stacked_bar(chart: Chart, series: ChartSeries, index: int) -> Text:
    counts = {key: series.counts[key][index] or 0 for key in chart.status_labels}
    total = sum(counts.values()) or 1
    bar, used = Text(), 0
    for number, (key, count) in enumerate(counts.items()):
        cells = CHART_WIDTH - used if number == len(counts) - 1 else round(CHART_WIDTH * count / total)
        bar.append(STATUS_MARKS[key] * cells, style=STATUS_STYLES[key])
        used += cells
    return bar


def _sparklines(chart: Chart):
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, max_width=24, overflow="ellipsis")
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(Text(chart.share_label, style="dim"), Text(f"{chart.months[0]} … {chart.months[-1]}", style="dim"), "")
    for series in chart.series:
        line = "".join("·" if share is None else SPARKS[min(int(share * len(SPARKS)), len(SPARKS) - 1)]
                       for share in series.share_done)
        latest = next((s for s in reversed(series.share_done) if s is not None), None)
        grid.add_row(visible(series.name), Text(line, style="green"), "" if latest is None else f"{latest:.0%}")
    return grid


def print_error(message: str) -> None:
    stderr_console().print(Text(visible(message), style="red"))


def print_warning(message: str) -> None:
    stderr_console().print(Text(visible(message), style="yellow"))


def print_text(message: str) -> None:
    try:
        stdout_console().print(Text(visible(message)))
    except OSError as error:  # a full disk, a closed pipe
        raise OutputFailed(error) from None


