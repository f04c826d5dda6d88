"""The ledger's rules: pure functions of (ledger, as-of date). No I/O, no rendering.

- Corrections: a record named by another record's `corrects` is replaced by it everywhere; of
  two corrections of one record (two clerks, merged), the later recorded_at (then the larger id)
  applies.
- Latest status as of D: the newest effective record dated <= D (ties: later recorded_at).
- Reporting: each month M from the month after issue through the plan's end is judged on its
  own: a task owes M unless it was done on the day before M began (a reopened task owes again).
  M's report is due on report_day of M+1; as of D after that day it is on time (some record
  dated in M recorded by the end of the due day, +08:00), late (recorded after) or missing.
- Knowledge cut-off: `known_at(ledger, D)` drops records recorded after the end of day D.
- Milestones: pending while D is not after `due`; then met or missed by the status on `due`;
  the plan's end is every task's final milestone with target done.
- Light: green on track or done; yellow blocked or one missing report; red a missed
  milestone or two or more missing reports.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter

from pilotledger.corrections import winning_corrections
from pilotledger.dates import PLAN_TZ, month_end, month_key, months, next_month, report_due
from pilotledger.model import Entry, Ledger, Milestone, Plan, Status, Task

GREEN, YELLOW, RED = "green", "yellow", "red"
ON_TIME, LATE, MISSING, PENDING = "on_time", "late", "missing", "pending"
MET, MISSED = "met", "missed"


def end_of_day_ts(day: dt.date) -> float:
    """POSIX seconds of the first instant after `day` in the plan's time zone (infinity after
    the last day a date can hold: never an overflow)."""
    if day >= dt.date.max:
        return math.inf
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), PLAN_TZ).timestamp()


def known_at(ledger: Ledger, day: dt.date) -> Ledger:
    """The ledger as it stood at the end of `day`: records recorded later are left out."""
    cutoff = end_of_day_ts(day)
    return replace(ledger, records=[r for r in ledger.records if r.recorded_ts < cutoff])


def dated_up_to(ledger: Ledger, day: dt.date) -> Ledger:
    """The ledger without records dated after `day` (a period report never sees them), cut
    after corrections are applied: a record goes with its correction chain, judged by the date
    of the chain's last link (a correction moves a record out of the period, or into it)."""
    final = final_dates(ledger.records)
    return replace(ledger, records=[r for r in ledger.records if final[r.id] <= day])


def final_dates(records: list[Entry]) -> dict[str, dt.date]:
    """Each record id → the date of the record that finally replaces it (its own if none):
    one pass up each correction chain, every record visited once."""
    corrector = winning_corrections(records)
    final: dict[str, dt.date] = {}
    for record in records:
        chain, link, seen = [], record, set()
        while link.id not in final and link.id not in seen:
            seen.add(link.id)
            chain.append(link.id)
            after = corrector.get(link.id)
            if after is None:
                break
            link = after
        date = final.get(link.id, link.date)
        for record_id in chain:
            final[record_id] = date
    return final


def _standing(records: list[Entry], winners: dict[str, Entry]) -> set[str]:
    """Ids on a standing correction chain: an original, or the applying correction of a
    record that stands. A losing correction, and whatever corrects it, does not stand. One
    walk up each chain, every record decided once."""
    by_id = {record.id: record for record in records}
    verdict: dict[str, bool] = {}
    for record in records:
        path: list[str] = []
        on_path: set[str] = set()
        link, answer = record, True
        while link.id not in verdict:
            path.append(link.id)
            on_path.add(link.id)
            original = by_id.get(link.corrects) if link.corrects != link.id else None
            if original is None or original.id in on_path:
                break
            if winners.get(original.id) is not link:
                answer = False
                break
            link = original
        else:
            answer = verdict[link.id]
        for record_id in path:
            verdict[record_id] = answer
    return {record_id for record_id, stands in verdict.items() if stands}


_DATE_THEN_RECORDED = itemgetter(Entry._fields.index("date"), Entry._fields.index("recorded_ts"))


def effective_records(records: list[Entry]) -> list[Entry]:
    """The records every view uses: those no applying correction replaces, on a standing chain
    (a correction chain keeps its last link; of two corrections of one record, one applies)."""
    winners = winning_corrections(records)
    corrections = sum(1 for record in records if record.corrects and record.corrects != record.id)
    if corrections == len(winners):  # no record corrected twice: every chain stands
        return [record for record in records if record.id not in winners]
    standing = _standing(records, winners)
    return [record for record in records if record.id not in winners and record.id in standing]


@dataclass
class Timeline:
    """One task's effective records in date order, with their dates for bisection."""

    records: list[Entry] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    first_filed: dict[str, float] = field(default_factory=dict)  # corrections: see filing_times

    def filed_ts(self, record: Entry) -> float:
        return self.first_filed.get(record.id, record.recorded_ts)

    def up_to(self, day: dt.date) -> list[Entry]:
        return self.records[: self.count_up_to(day)]

    def count_up_to(self, day: dt.date) -> int:
        """How many records are dated on or before `day` (they come first)."""
        return bisect.bisect_right(self.dates, day)

    def between(self, first: dt.date, last: dt.date) -> list[Entry]:
        return self.records[
            bisect.bisect_left(self.dates, first) : bisect.bisect_right(self.dates, last)
        ]


def filing_times(records: list[Entry], effective: list[Entry]) -> dict[str, float]:
    """When each effective correction's month was first filed: a correction dated in the same
    month as a record it replaces keeps that record's (earlier) recorded_at, so fixing a typo
    after the due day does not make an on-time report late; one that moves to another month
    is filed when it was recorded."""
    by_id = {record.id: record for record in records}
    times = {}
    for record in effective:
        if not record.corrects:
            continue
        earliest, link, seen = record.recorded_ts, by_id.get(record.corrects), set()
        while link is not None and link.id not in seen:
            seen.add(link.id)
            if (link.date.year, link.date.month) == (record.date.year, record.date.month):
                earliest = min(earliest, link.recorded_ts)
            link = by_id.get(link.corrects) if link.corrects else None
        times[record.id] = earliest
    return times


def timelines(ledger: Ledger, numbers: Iterable[int] | None = None) -> dict[int, Timeline]:
    """Every task's timeline, or only those of the tasks `numbers` (tasks without records get
    an empty one): a view of a few tasks pays for those, not for every task of the plan."""
    by_task: dict[int, list[Entry]] = defaultdict(list)
    effective = effective_records(ledger.records)
    for record in effective:
        by_task[record.task].append(record)
    first_filed = filing_times(ledger.records, effective)
    wanted = ledger.tasks if numbers is None else numbers
    return {number: _timeline(by_task.get(number, []), first_filed) for number in wanted}


def timeline_of(ledger: Ledger, number: int) -> Timeline:
    """One task's timeline, without building the others' (what `record` needs)."""
    effective = [r for r in effective_records(ledger.records) if r.task == number]
    return _timeline(effective, filing_times(ledger.records, effective))


def _timeline(records: list[Entry], first_filed: dict[str, float]) -> Timeline:
    ordered = sorted(records, key=_DATE_THEN_RECORDED)
    own = {r.id: first_filed[r.id] for r in ordered if r.id in first_filed}
    return Timeline(ordered, [record.date for record in ordered], own)


@dataclass(frozen=True)
class State:
    """A task's standing on a day: status, last known progress, and its latest record."""

    status: Status
    progress: int | None  # the latest record's, else the last one given; 100 for done without one
    last: Entry | None


def task_state(ledger: Ledger, number: int, day: dt.date) -> State:
    """One task's standing on `day`."""
    return state_as_of(timeline_of(ledger, number), day)


def average_progress(progresses: list[int | None]) -> float:
    """The average progress of tasks as a fraction 0..1: a task without any progress counts 0
    (a done task's progress is 100, see State). Section bars of `status` and of the period
    reports use this one rule."""
    return sum(p or 0 for p in progresses) / len(progresses) / 100 if progresses else 0.0


def state_as_of(timeline: Timeline, day: dt.date) -> State:
    known = timeline.count_up_to(day)  # the records known on `day` are records[:known]
    if not known:
        return State(Status.not_started, None, None)
    records = timeline.records
    latest = records[known - 1]
    if latest.status is Status.done and latest.progress is None:
        return State(latest.status, 100, latest)
    progress = next(
        (records[i].progress for i in range(known - 1, -1, -1) if records[i].progress is not None),
        None,
    )
    return State(latest.status, progress, latest)


@dataclass(frozen=True)
class ReportMonth:
    start: dt.date
    end: dt.date
    due: dt.date
    due_over_ts: float  # end_of_day_ts(due): a report recorded before it is on time


@lru_cache(maxsize=8)
def reporting_calendar(plan: Plan) -> tuple[ReportMonth, ...]:
    """Months that need a report, from the month after issue through the month of the plan's
    end, with each month's last day and due day. Worked out once per plan."""
    return tuple(
        ReportMonth(month, month_end(month), due, end_of_day_ts(due))
        for month, due in (
            (month, report_due(month, plan.report_day))
            for month in months(next_month(plan.issued), plan.end)
        )
    )


@dataclass(frozen=True)
class MonthFiling:
    """One month a task owes, judged on a day: its outcome and the units that filed for it."""

    month: ReportMonth
    outcome: str  # ON_TIME | LATE | MISSING | PENDING (not yet due on the judgment day)
    units: frozenset[str]  # units with a record dated in the month


def owes_month(timeline: Timeline, month: ReportMonth) -> bool:
    """A task owes a month unless it was done on the day before the month began."""
    known = timeline.count_up_to(month.start - dt.timedelta(days=1))
    return not known or timeline.records[known - 1].status is not Status.done


def judge_month(timeline: Timeline, month: ReportMonth, as_of: dt.date) -> MonthFiling:
    filed = timeline.between(month.start, month.end)
    units = frozenset(record.unit for record in filed)
    return MonthFiling(month, month_outcome(timeline, month, filed, as_of), units)


def month_outcome(timeline: Timeline, month: ReportMonth, filed: list[Entry], as_of: dt.date):
    """PENDING until the due day has passed; then MISSING without a record dated in the month
    (`filed`), else ON_TIME or LATE by when the month was first filed."""
    if as_of <= month.due:
        return PENDING
    if not filed:
        return MISSING
    first_recorded = min(timeline.filed_ts(record) for record in filed)
    return ON_TIME if first_recorded < month.due_over_ts else LATE


def month_filings(
    ledger: Ledger,
    timeline: Timeline,
    as_of: dt.date,
    within: tuple[dt.date, dt.date] | None = None,
) -> list[MonthFiling]:
    """Every month the task owes (optionally only those starting within `within`), each judged
    on its own as of `as_of`; months whose due day has not passed are PENDING."""
    return [
        judge_month(timeline, month, as_of)
        for month in owed_months(ledger, timeline, as_of, within)
    ]


def owed_months(
    ledger: Ledger,
    timeline: Timeline,
    as_of: dt.date,
    within: tuple[dt.date, dt.date] | None = None,
) -> Iterator[ReportMonth]:
    """The months the task owes: those starting within `within`, or else up to `as_of`."""
    for month in reporting_calendar(ledger.plan):
        if within is not None and not within[0] <= month.start <= within[1]:
            continue
        if within is None and month.start > as_of:
            break
        if owes_month(timeline, month):
            yield month


def missing_reports(ledger: Ledger, timeline: Timeline, as_of: dt.date) -> list[dt.date]:
    """First days of the months whose report is missing as of `as_of` (month_filings' MISSING
    months, without gathering each month's units)."""
    return [
        month.start
        for month in owed_months(ledger, timeline, as_of)
        if month_outcome(timeline, month, timeline.between(month.start, month.end), as_of)
        == MISSING
    ]


def milestones(ledger: Ledger, task: Task) -> list[Milestone]:
    """The task's milestones in due order, ending with the plan's end (target done)."""
    final = Milestone(due=ledger.plan.end, target=Status.done)
    listed = sorted(task.milestones, key=lambda m: m.due)
    return (
        listed
        if any(m.due == final.due and m.target is Status.done for m in listed)
        else [*listed, final]
    )


def milestone_result(timeline: Timeline, milestone: Milestone, as_of: dt.date) -> str:
    """PENDING while as_of is not after the due day; then MET or MISSED by the status on it."""
    if as_of <= milestone.due:
        return PENDING
    return MET if state_as_of(timeline, milestone.due).status.meets(milestone.target) else MISSED


def missed_milestones(
    ledger: Ledger, task: Task, timeline: Timeline, as_of: dt.date
) -> list[Milestone]:
    return [m for m in milestones(ledger, task) if milestone_result(timeline, m, as_of) == MISSED]


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
    ledger: Ledger,
    as_of: dt.date,
    tasks: list[Task] | None = None,
    lines: dict[int, Timeline] | None = None,
) -> list[TaskStatus]:
    chosen = list(tasks) if tasks is not None else list(ledger.tasks.values())
    lines = lines or timelines(ledger, [task.number for task in chosen])
    rows = []
    for task in chosen:
        timeline = lines[task.number]
        state = state_as_of(timeline, as_of)
        missing = missing_reports(ledger, timeline, as_of)
        missed = missed_milestones(ledger, task, timeline, as_of)
        rows.append(
            TaskStatus(task, state, missing, missed, light(state.status, len(missing), len(missed)))
        )
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
    ledger: Ledger,
    as_of: dt.date,
    tasks: list[Task] | None = None,
    lines: dict[int, Timeline] | None = None,
) -> list[OverdueItem]:
    items = []
    for row in task_statuses(ledger, as_of, tasks, lines):
        if row.missing:
            oldest_due = report_due(row.missing[0], ledger.plan.report_day)
            items.append(
                OverdueItem(row.task, "report", tuple(row.missing), days=(as_of - oldest_due).days)
            )
        for milestone in row.missed:
            items.append(
                OverdueItem(
                    row.task, "milestone", milestone=milestone, days=(as_of - milestone.due).days
                )
            )
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


def tasks_by_unit(ledger: Ledger, role: str = "lead") -> dict[str, list[int]]:
    """Unit id → the numbers of the tasks naming it as `role` ("lead" or "responsible"), in
    the tasks' order: one pass over the tasks (a scan of every task per unit would grow with
    units × tasks)."""
    found: dict[str, list[int]] = defaultdict(list)
    for number, task in ledger.tasks.items():
        for unit_id in dict.fromkeys(getattr(task, role)):
            found[unit_id].append(number)
    return dict(found)


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
    return Matrix(
        kept, [task.number for task in tasks], {unit_id: cells[unit_id] for unit_id in kept}
    )
