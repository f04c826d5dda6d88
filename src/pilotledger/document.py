"""Documents as plain data: what every *_tables module produces and every renderer consumes.

Typed cells (Column.kind): "int" cells hold int, "percent" cells a float fraction 0..1,
"date" cells a datetime.date, "light" cells a LightLabel; text formats show a percent as
"80%", csv writes the number, xlsx a number cell formatted '0%'. None is an empty cell.

Table.kind "narrative" marks a table of running text (the period report's 工作进展 …):
docx writes it as paragraphs under one heading per value of its first column (the task),
each row a lead line of its short columns followed by one paragraph per `wrap` column
("存在问题：…"); every other format shows it as a table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pilotledger.official import Official


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    align: str = "left"  # "left" | "right" | "center"
    shorten: int | None = None  # display width to cut to (with …) in terminal and text formats
    wrap: bool = False  # long free text (names, summaries) that may wrap in a narrow terminal
    kind: str = "text"  # "text" | "int" | "percent" | "date" | "light": see the module docstring
    # a percent column that is one int column over another (keys): xlsx totals it as a formula
    rate_of: tuple[str, str] | None = None


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    group_by: str | None = None  # text formats print one sub-table per value of this column
    # a group's heading in text formats, by its value (default: the value itself); csv, json and
    # xlsx keep the plain value in every row
    group_titles: dict[str, str] = field(default_factory=dict)
    bars: list[tuple[str, float]] = field(
        default_factory=list
    )  # (label, 0..1) for the terminal view
    # (first, end) column indexes a narrow terminal may split into pages; the others repeat on each
    pages: tuple[int, int] | None = None
    kind: str = "table"  # "table" | "narrative" (see the module docstring)
    total_label: str | None = None  # when set, xlsx adds a totals row summing the "int" columns
    row_headers: bool = False  # the first column names the row (xlsx freezes it; the matrix)
    chart: Chart | None = None  # a trend chart drawn from this table's rows

    def column_index(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)


@dataclass(frozen=True)
class ChartSeries:
    """One line of a trend: per month of the plan, tasks by status (None: a month to come)."""

    name: str
    counts: dict[str, list[int | None]]  # status key → one count per month
    share_done: list[float | None]


@dataclass(frozen=True)
class Chart:
    """Tasks by status per month of the plan, one series (stacked bars) or several (lines)."""

    title: str
    months: list[str]  # "YYYY-MM", every month of the plan
    series: list[ChartSeries]
    status_labels: dict[str, str]  # status key → label, in stacking order (done first)
    share_label: str = "share done"
    remaining_label: str = "to come"


@dataclass
class Document:
    """What a command prints: a title and tables in order, and the plain data (dataclasses, no
    labels) the tables were built from; `--format json` is that data (jsondata.plain)."""

    title: str
    tables: list[Table]
    data: Any = None
    subtitle: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)  # header block: (label, value)
    # set for what an office sends (a 报告, 通报, 提示函): the renderers lay it out as a 公文
    # in place of title, subtitle and meta, its annexes holding the tables (see official.py)
    official: Official | None = None
    # where a ledger with problems was left out ("file:line"): the header says so, JSON too
    incomplete: list[str] = field(default_factory=list)
    # the file's properties (docx, xlsx) when it is no 公文 (which has its 落款 and 成文日期):
    # the office it comes from and the day it was made
    sender: str | None = None
    dated: dt.date | None = None


class LightLabel(str):
    """A traffic light's label that remembers which light it is, so the terminal can colour it."""

    light: str

    def __new__(cls, label: str, light: str) -> LightLabel:
        made = super().__new__(cls, label)
        made.light = light
        return made
