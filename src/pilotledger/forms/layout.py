"""The form's layout as data, shared by the writer and the reader: where the title block, the
header row and the task rows are, which columns the unit fills, and the hidden binding sheet
that ties a returned workbook to this ledger (format version, plan identity, unit, month, the
task of every row). Pure."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from pilotledger.model import Task

FORMAT_NAME = "pilotledger-form"
FORMAT_VERSION = 1
BINDING_SHEET = "pilotledger"
HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
TITLE_CELL = "A2"  # the form's title: the unit and the month (locked)
# Title-block input cells: who filled the form, their telephone, the day they filled it.
FILLER_CELL, PHONE_CELL, FILLED_ON_CELL = "B4", "E4", "H4"
MAX_TEXT = 4000  # characters a text cell may hold (data validation and intake alike)


@dataclass(frozen=True)
class FormColumn:
    key: str  # the record field (or the reference column) it holds
    letter: str
    width: float
    fill_in: bool  # a cell the unit fills (unlocked); everything else is locked


COLUMNS = (
    FormColumn("number", "A", 6, False),
    FormColumn("text", "B", 46, False),
    FormColumn("role", "C", 12, False),
    FormColumn("last_status", "D", 9, False),
    FormColumn("last_progress", "E", 8, False),
    FormColumn("status", "F", 10, True),
    FormColumn("progress", "G", 8, True),
    FormColumn("date", "H", 12, True),
    FormColumn("summary", "I", 34, True),
    FormColumn("problems", "J", 24, True),
    FormColumn("next_steps", "K", 24, True),
    FormColumn("evidence", "L", 20, True),
)
COLUMN_OF = {column.key: column for column in COLUMNS}
FILL_IN = tuple(column for column in COLUMNS if column.fill_in)
TEXT_KEYS = ("summary", "problems", "next_steps", "evidence")


def cell_name(key: str, row: int) -> str:
    return f"{COLUMN_OF[key].letter}{row}"


def plan_identity(tasks: dict[int, Task]) -> str:
    """The plan a form belongs to: the sha256 of its task numbers and texts (a form of another
    plan, or of this plan before a task's text changed, does not match)."""
    pairs = [[number, tasks[number].text] for number in sorted(tasks)]
    canonical = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Binding:
    """What the hidden sheet holds."""

    version: int
    plan: str  # plan_identity
    unit: str  # unit id
    month: str  # YYYY-MM
    sheet: str  # the form sheet's title
    tasks: tuple[int, ...]  # the task of each row, top down

    def rows(self) -> list[tuple[str, object]]:
        """The binding as (key, value) rows of the hidden sheet, in order."""
        return [
            ("format", FORMAT_NAME),
            ("version", self.version),
            ("plan", self.plan),
            ("unit", self.unit),
            ("month", self.month),
            ("sheet", self.sheet),
            ("tasks", ",".join(str(number) for number in self.tasks)),
        ]
