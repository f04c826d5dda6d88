"""Tables as plain data: what every view produces and every renderer consumes.

Cells carry typed values: int, float rates as fractions 0..1, datetime.date, str (or a list
of str). A column's `kind` tells each renderer how to show them: text formats write a percent
as "80%", csv writes the number (0.8), xlsx a number cell formatted '0%'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    align: str = "left"  # "left" | "right" | "center"
    shorten: int | None = None  # display width to cut to (with …) in terminal and text formats
    wrap: bool = False  # long free text (names, summaries) that may wrap in a narrow terminal
    kind: str = "text"  # "text" | "int" | "percent" | "date" | "light"


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    group_by: str | None = None  # text formats print one sub-table per value of this column
    bars: list[tuple[str, float]] = field(default_factory=list)  # (label, 0..1) for the terminal view

    def column_index(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)


@dataclass
class Document:
    """What a command prints: a title, tables in order, and machine-readable data for JSON."""

    title: str
    tables: list[Table]
    data: Any = None
    notes: list[str] = field(default_factory=list)
    subtitle: str = ""


class LightLabel(str):
    """A traffic light's label that remembers which light it is, so the terminal can colour it."""

    light: str

    def __new__(cls, label: str, light: str) -> "LightLabel":
        made = super().__new__(cls, label)
        made.light = light
        return made
