"""The ledger's rules: pure functions of (ledger, as-of date). No I/O, no rendering.

- Corrections: a record named by another record's `corrects` is replaced by it everywhere.
- Latest status as of D: the newest effective record dated <= D (ties: later recorded_at).
- Missing report: month M (from the month after issue through the plan's end) whose report
  day in M+1 has passed, with no record dated in M, for a task not done before M began.
- Missed milestone: D after `due` and the status as of `due` does not meet the target; the
  plan's end is every task's final milestone with target done.
- Light: green on track or done; yellow blocked or one missing report; red a missed
  milestone or two or more missing reports.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from pilotledger.dates import month_end, month_key, months, next_month, report_due
from pilotledger.model import Entry, Ledger, Milestone, Plan, Status, Task

GREEN, YELLOW, RED = "green", "yellow", "red"


_DATE_THEN_RECORDED = itemgetter(Entry._fields.index("date"), Entry._fields.index("recorded_ts"))


def effective_records(records: list[Entry]) -> list[Entry]:
    """All records except those a later record corrects (a correction chain keeps its last link)."""
    corrected = {record.corrects for record in records if record.corrects}
    return [record for record in records if record.id not in corrected]


@dataclass
class Timeline:
    """One task's effective records in date order, with their dates for bisection."""

    records: list[Entry] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)

    def up_to(self, day: dt.date) -> list[Entry]:
        return self.records[: bisect.bisect_right(self.dates, day)]

    def between(self, first: dt.date, last: dt.date) -> list[Entry]:
        return self.records[bisect.bisect_left(self.dates, first) : bisect.bisect_right(self.dates, last)]


def timelines(ledger: Ledger) -> dict[int, Timeline]:
    """Every task's timeline (tasks without records get an empty one)."""
    by_task: dict[int, list[Entry]] = defaultdict(list)
    for record in effective_records(ledger.records):
        by_task[record.task].append(record)
    result = {}
    for number in ledger.tasks:
        ordered = sorted(by_task.get(number, []), key=_DATE_THEN_RECORDED)
        result[number] = Timeline(ordered, [record.date for record in ordered])
    return result


@dataclass(frozen=True)
class State:
    """A task's standing on a day: status, last known progress, and its latest record."""

    status: Status
    progress: int | None  # the latest record's, else the last one given; 100 for done without one
    last: Entry | None


def state_as_of(timeline: Timeline, day: dt.date) -> State:
    known = timeline.up_to(day)
    if not known:
        return State(Status.not_started, None, None)
    latest = known[-1]
    if latest.status is Status.done and latest.progress is None:
        return State(latest.status, 100, latest)
    progress = next((r.progress for r in reversed(known) if r.progress is not None), None)
    return State(latest.status, progress, latest)


@dataclass(frozen=True)
class ReportMonth:
    start: dt.date
    end: dt.date
    due: dt.date


@lru_cache(maxsize=8)
def reporting_calendar(plan: Plan) -> tuple[ReportMonth, ...]:
    """Months that need a report, from the month after issue through the month of the plan's
    end, with each month's last day and due day. Worked out once per plan."""
    return tuple(
        ReportMonth(month, month_end(month), report_due(month, plan.report_day))
        for month in months(next_month(plan.issued), plan.end)
    )


def report_obligations(
    ledger: Ledger, timeline: Timeline, as_of: dt.date, within: tuple[dt.date, dt.date] | None = None
) -> list[tuple[dt.date, bool]]:
    """(month, filed) for each month whose report was due before `as_of`, optionally only
    months starting within `within`; a task owes nothing from the month after it was done."""
    owed = []
    for month in reporting_calendar(ledger.plan):
        if month.due >= as_of:
            break
        if state_as_of(timeline, month.start - dt.timedelta(days=1)).status is Status.done:
            break
        if within is None or within[0] <= month.start <= within[1]:
            owed.append((month.start, bool(timeline.between(month.start, month.end))))
    return owed


def missing_reports(ledger: Ledger, timeline: Timeline, as_of: dt.date) -> list[dt.date]:
    """First days of the months whose report is missing as of `as_of`."""
    return [month for month, filed in report_obligations(ledger, timeline, as_of) if not filed]


def milestones(ledger: Ledger, task: Task) -> list[Milestone]:
    """The task's milestones in due order, ending with the plan's end (target done)."""
    final = Milestone(due=ledger.plan.end, target=Status.done)
    listed = sorted(task.milestones, key=lambda m: m.due)
    return listed if any(m.due == final.due and m.target is Status.done for m in listed) else [*listed, final]


def missed_milestones(ledger: Ledger, task: Task, timeline: Timeline, as_of: dt.date) -> list[Milestone]:
    return [
        milestone
        for milestone in milestones(ledger, task)
        if as_of > milestone.due and not state_as_of(timeline, milestone.due).status.meets(milestone.target)
    ]


def light(status: Status, missing_count: int, missed_count: int) -> str:
    if status is Status.done:
        return GREEN
    if missed_count or missing_count >= 2:
        return RED
    if status is Status.blocked or missing_count == 1:
        return YELLOW
    return GREEN


@dataclass(frozen=True)
class TaskStatus:
    task: Task
    state: State
    missing: list[dt.date]
    missed: list[Milestone]
    light: str


def task_statuses(
    ledger: Ledger, as_of: dt.date, tasks: list[Task] | None = None, lines: dict[int, Timeline] | None = None
) -> list[TaskStatus]:
    lines = lines or timelines(ledger)
    rows = []
    for task in tasks if tasks is not None else ledger.tasks.values():
        timeline = lines[task.number]
        state = state_as_of(timeline, as_of)
        missing = missing_reports(ledger, timeline, as_of)
        missed = missed_milestones(ledger, task, timeline, as_of)
        rows.append(TaskStatus(task, state, missing, missed, light(state.status, len(missing), len(missed))))
    return rows


@dataclass(frozen=True)
class OverdueItem:
    """What a task owes as of a day: its missing monthly reports, or one missed milestone."""

    task: Task
    kind: str  # "report" or "milestone"
    months: tuple[dt.date, ...] = ()
    milestone: Milestone | None = None
    days: int = 0

    @property
    def period(self) -> list[str]:
        return [month_key(month) for month in self.months]


def overdue_items(
    ledger: Ledger, as_of: dt.date, tasks: list[Task] | None = None, lines: dict[int, Timeline] | None = None
) -> list[OverdueItem]:
    items = []
    for row in task_statuses(ledger, as_of, tasks, lines):
        if row.missing:
            oldest_due = report_due(row.missing[0], ledger.plan.report_day)
            items.append(OverdueItem(row.task, "report", tuple(row.missing), days=(as_of - oldest_due).days))
        for milestone in row.missed:
            items.append(OverdueItem(row.task, "milestone", milestone=milestone, days=(as_of - milestone.due).days))
    return items


def owed_by_unit(ledger: Ledger, items: list[OverdueItem]) -> dict[str, list[OverdueItem]]:
    """Overdue items grouped under each lead unit that owes them, in units.yaml order."""
    grouped: dict[str, list[OverdueItem]] = {unit_id: [] for unit_id in ledger.units}
    for item in items:
        for unit_id in item.task.lead:
            grouped[unit_id].append(item)
    return {unit_id: owed for unit_id, owed in grouped.items() if owed}


def select_tasks(
    ledger: Ledger,
    unit: str | None = None,
    part: int | None = None,
    section: int | None = None,
    lead_only: bool = False,
) -> list[Task]:
    """Tasks filtered by unit (lead or responsible, or lead only), part and section."""
    part_of = {s.number: s.part for s in ledger.sections}
    chosen = []
    for task in ledger.tasks.values():
        if section is not None and task.section != section:
            continue
        if part is not None and part_of.get(task.section) != part:
            continue
        if unit is not None and not _involves(task, unit, lead_only):
            continue
        chosen.append(task)
    return chosen


def _involves(task: Task, unit: str, lead_only: bool) -> bool:
    """A unit is involved in a task it is named for; group membership is not expanded here."""
    return unit in task.lead or (not lead_only and unit in task.responsible)


@dataclass(frozen=True)
class Matrix:
    """Units × tasks: each cell is "lead" or "responsible"; units without a mark are left out."""

    units: list[str]
    tasks: list[int]
    cells: dict[str, dict[int, str]]

    def count(self, unit_id: str, role: str) -> int:
        return sum(1 for mark in self.cells[unit_id].values() if mark == role)


def matrix(ledger: Ledger, tasks: list[Task]) -> Matrix:
    cells: dict[str, dict[int, str]] = {unit_id: {} for unit_id in ledger.units}
    for task in tasks:
        for unit_id in task.responsible:
            cells[unit_id][task.number] = "responsible"
        for unit_id in task.lead:
            cells[unit_id][task.number] = "lead"
    kept = [unit_id for unit_id in ledger.units if cells[unit_id]]
    return Matrix(kept, [task.number for task in tasks], {unit_id: cells[unit_id] for unit_id in kept})
