"""Listings (tasks, units, show, status, overdue, matrix) and check's report as plain data. Pure.

Each listing is a dataclass (or a list of them) with ids, keys, numbers and dates and no
labels: `jsondata.plain` turns it into the command's JSON, and listing_tables.py builds the
localised tables from the same objects, so the two cannot drift. Field order is the JSON's key
order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger import rules
from pilotledger.dates import month_key
from pilotledger.jsondata import INLINE, OMIT_NONE
from pilotledger.model import Ledger, Record, Status, Task, UnitKind


@dataclass
class TaskItem:
    task: int
    section: int
    text: str
    lead: list[str]
    responsible: list[str]
    note: str | None


def task_items(tasks: list[Task]) -> list[TaskItem]:
    return [
        TaskItem(t.number, t.section, t.text, list(t.lead), list(t.responsible), t.note)
        for t in tasks
    ]


@dataclass
class UnitItem:
    id: str
    name: str
    name_en: str | None
    kind: UnitKind
    aliases: list[str]
    lead: int  # tasks the unit leads
    responsible: int  # tasks the unit is responsible for


def unit_items(ledger: Ledger) -> list[UnitItem]:
    grid = rules.matrix(ledger, list(ledger.tasks.values()))
    return [
        UnitItem(
            unit.id,
            unit.name,
            unit.name_en,
            unit.kind,
            list(unit.aliases),
            grid.count(unit.id, "lead") if unit.id in grid.cells else 0,
            grid.count(unit.id, "responsible") if unit.id in grid.cells else 0,
        )
        for unit in ledger.units.values()
    ]


@dataclass
class MilestoneItem:
    due: dt.date
    target: Status
    note: str | None


@dataclass
class HistoryEntry:
    """One record of a task as written, and whether a correction replaced it."""

    record: Record = field(metadata=INLINE)
    superseded: bool = False


@dataclass
class TaskDetail:
    """`show`: one task, its standing on the as-of day, milestones and every record."""

    task: int
    section: int
    text: str
    lead: list[str]
    responsible: list[str]
    note: str | None
    status: Status
    progress: int | None
    light: str
    milestones: list[MilestoneItem]
    history: list[HistoryEntry]


def task_detail(ledger: Ledger, task: Task, as_of: dt.date) -> TaskDetail:
    effective_ids = {r.id for r in rules.effective_records(ledger.records)}
    own = sorted(
        (r for r in ledger.records if r.task == task.number),
        key=lambda r: (r.date, r.recorded_ts),
    )
    standing = rules.task_statuses(ledger, as_of, [task])[0]
    return TaskDetail(
        task.number,
        task.section,
        task.text,
        list(task.lead),
        list(task.responsible),
        task.note,
        standing.state.status,
        standing.state.progress,
        standing.light,
        [MilestoneItem(m.due, m.target, m.note) for m in rules.milestones(ledger, task)],
        [HistoryEntry(ledger.full[r.id], r.id not in effective_ids) for r in own],
    )


@dataclass
class StatusRow:
    task: int
    status: Status
    progress: int | None
    last_date: dt.date | None
    lead: list[str]
    missing_reports: list[str]  # YYYY-MM
    missed_milestones: list[dt.date]
    light: str


LIGHT_ORDER = {rules.RED: 0, rules.YELLOW: 1, rules.GREEN: 2}


def status_rows(
    ledger: Ledger,
    tasks: list[Task],
    as_of: dt.date,
    status_filter: Status | None = None,
    red_first: bool = False,
) -> list[StatusRow]:
    """One row per task; with `red_first`, red then yellow then green, task order within."""
    standings = rules.task_statuses(ledger, as_of, tasks)
    if status_filter is not None:
        standings = [s for s in standings if s.state.status is status_filter]
    if red_first:
        standings = sorted(standings, key=lambda s: LIGHT_ORDER[s.light])
    return [_status_row(s) for s in standings]


def _status_row(standing: rules.TaskStatus) -> StatusRow:
    state = standing.state
    return StatusRow(
        standing.task.number,
        state.status,
        state.progress,
        state.last.date if state.last else None,
        list(standing.task.lead),
        [month_key(month) for month in standing.missing],
        [m.due for m in standing.missed],
        standing.light,
    )


@dataclass
class OverdueEntry:
    """What a task owes: its missing monthly reports (`period`) or one missed milestone."""

    task: int
    kind: str  # "report" or "milestone"
    days: int  # since the oldest missing month's due day, or since the milestone's due day
    lead: list[str]
    period: list[str] | None = field(default=None, metadata=OMIT_NONE)  # YYYY-MM
    due: dt.date | None = field(default=None, metadata=OMIT_NONE)
    target: Status | None = field(default=None, metadata=OMIT_NONE)


@dataclass
class Overdue:
    """Everything owed as of a day (`entries`, the JSON) and the same entries under each lead
    unit that owes them (`by_unit`, in units.yaml order: what the tables show)."""

    as_of: dt.date
    entries: list[OverdueEntry]
    by_unit: dict[str, list[OverdueEntry]]


def overdue(
    ledger: Ledger, tasks: list[Task], as_of: dt.date, only_unit: str | None = None
) -> Overdue:
    items = rules.overdue_items(ledger, as_of, tasks)
    entry_of = {id(item): _overdue_entry(item) for item in items}
    grouped = rules.owed_by_unit(ledger, items)
    by_unit = {
        unit_id: [entry_of[id(item)] for item in owed]
        for unit_id, owed in grouped.items()
        if only_unit is None or unit_id == only_unit
    }
    listed = {id(entry) for owed in by_unit.values() for entry in owed}
    entries = [entry for entry in entry_of.values() if id(entry) in listed]
    return Overdue(as_of, entries, by_unit)


def _overdue_entry(item: rules.OverdueItem) -> OverdueEntry:
    entry = OverdueEntry(item.task.number, item.kind, item.days, list(item.task.lead))
    if item.kind == "report":
        entry.period = item.period
    else:
        entry.due, entry.target = item.milestone.due, item.milestone.target
    return entry


@dataclass
class MatrixUnit:
    id: str
    name: str
    lead: int
    responsible: int


@dataclass
class MatrixListing:
    """Units × tasks; cells[unit_id][task] is "lead" or "responsible"; unmarked units left out."""

    units: list[MatrixUnit]
    tasks: list[int]
    cells: dict[str, dict[int, str]]


def matrix_listing(ledger: Ledger, tasks: list[Task]) -> MatrixListing:
    grid = rules.matrix(ledger, tasks)
    units = [
        MatrixUnit(u, ledger.units[u].name, grid.count(u, "lead"), grid.count(u, "responsible"))
        for u in grid.units
    ]
    return MatrixListing(units, grid.tasks, {u: dict(grid.cells[u]) for u in grid.units})


@dataclass
class CheckedProblem:
    file: str
    line: int
    col: int
    message: str  # in the reader's language


@dataclass
class CheckReport:
    """`check`: every problem found, placed and worded; ok when there is none. Warnings (a
    record corrected twice, settled by rule) never make it fail."""

    ok: bool
    problems: list[CheckedProblem]
    warnings: list[CheckedProblem]


def check_report(problems, wording, warnings=()) -> CheckReport:
    """The report of `problems` and `warnings` (errors.Problem values, sorted), each worded by
    `wording`."""
    checked = [CheckedProblem(p.file, p.line, p.col, wording(p)) for p in problems]
    warned = [CheckedProblem(p.file, p.line, p.col, wording(p)) for p in warnings]
    return CheckReport(not checked, checked, warned)
