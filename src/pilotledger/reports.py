"""Period reports (月度调度, 季度提示, 半年检查, 年底对账) as plain data. Pure.

A report judges the period as of `as_of` (default: the period's end, or today if that is
earlier). "At start" is the standing on the day before the period began; "at end" is the
standing on `as_of`. Reports owed in the period are the months starting in it whose report
day has passed by `as_of`; a multi-lead task's report is owed by each of its lead units and
filed when any unit recorded progress dated in that month.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from pilotledger import ledger as rules
from pilotledger.dates import Period
from pilotledger.model import Ledger, Milestone, Section, Status, Task


@dataclass(frozen=True)
class SectionLine:
    section: Section
    counts: dict[Status, int]

    @property
    def tasks(self) -> int:
        return sum(self.counts.values())

    @property
    def completion(self) -> float:
        return self.counts[Status.done] / self.tasks if self.tasks else 0.0


@dataclass(frozen=True)
class TaskLine:
    task: Task
    start: rules.State
    end: rules.State
    records_in_period: int

    @property
    def progress_change(self) -> int | None:
        if self.end.progress is None:
            return None
        return self.end.progress - (self.start.progress or 0)


@dataclass(frozen=True)
class UnitLine:
    unit_id: str
    owed: int
    filed: int

    @property
    def compliance(self) -> float | None:
        return self.filed / self.owed if self.owed else None


@dataclass(frozen=True)
class MilestoneLine:
    task: Task
    milestone: Milestone
    status_at_due: Status
    judged: bool  # False while the due day has not passed by as_of

    @property
    def met(self) -> bool:
        return self.status_at_due.meets(self.milestone.target)


@dataclass(frozen=True)
class Completion:
    task: Task
    day: dt.date


@dataclass
class PeriodReport:
    period: Period
    as_of: dt.date
    at_start: dict[Status, int]
    at_end: dict[Status, int]
    sections: list[SectionLine]
    tasks: list[TaskLine]
    overdue: list[rules.OverdueItem]
    units: list[UnitLine]
    milestones: list[MilestoneLine] = field(default_factory=list)
    completed: list[Completion] = field(default_factory=list)


def _counts(statuses) -> dict[Status, int]:
    tally = Counter(statuses)
    return {status: tally.get(status, 0) for status in Status}


def build_report(ledger: Ledger, period: Period, today: dt.date, as_of: dt.date | None = None) -> PeriodReport:
    as_of = as_of or min(period.end, today)
    lines = rules.timelines(ledger)
    before = period.start - dt.timedelta(days=1)
    task_lines = [
        TaskLine(task, rules.state_as_of(lines[n], before), rules.state_as_of(lines[n], as_of),
                 len(lines[n].between(period.start, min(period.end, as_of))))
        for n, task in ledger.tasks.items()
    ]
    report = PeriodReport(
        period=period,
        as_of=as_of,
        at_start=_counts(line.start.status for line in task_lines),
        at_end=_counts(line.end.status for line in task_lines),
        sections=_section_lines(ledger, task_lines),
        tasks=task_lines,
        overdue=rules.overdue_items(ledger, as_of, lines=lines),
        units=_unit_lines(ledger, lines, period, as_of),
    )
    if period.kind == "year":
        report.milestones = _milestone_lines(ledger, lines, period, as_of)
        report.completed = _completions(task_lines, lines, period, as_of)
    return report


def _section_lines(ledger: Ledger, task_lines: list[TaskLine]) -> list[SectionLine]:
    return [
        SectionLine(section, _counts(line.end.status for line in task_lines if line.task.section == section.number))
        for section in ledger.sections
    ]


def _unit_lines(ledger: Ledger, lines, period: Period, as_of: dt.date) -> list[UnitLine]:
    owed: Counter[str] = Counter()
    filed: Counter[str] = Counter()
    for number, task in ledger.tasks.items():
        obligations = rules.report_obligations(ledger, lines[number], as_of, (period.start, period.end))
        for unit_id in task.lead:
            owed[unit_id] += len(obligations)
            filed[unit_id] += sum(1 for _, was_filed in obligations if was_filed)
    leads = [unit_id for unit_id in ledger.units if any(unit_id in t.lead for t in ledger.tasks.values())]
    return [UnitLine(unit_id, owed[unit_id], filed[unit_id]) for unit_id in leads]


def _milestone_lines(ledger: Ledger, lines, period: Period, as_of: dt.date) -> list[MilestoneLine]:
    found = []
    for number, task in ledger.tasks.items():
        for milestone in rules.milestones(ledger, task):
            if period.start <= milestone.due <= period.end:
                status = rules.state_as_of(lines[number], milestone.due).status
                found.append(MilestoneLine(task, milestone, status, judged=as_of > milestone.due))
    return sorted(found, key=lambda line: (line.milestone.due, line.task.number))


def _completions(task_lines: list[TaskLine], lines, period: Period, as_of: dt.date) -> list[Completion]:
    """Tasks not done before the year that are done by as_of, with the day they became done."""
    done = []
    for line in task_lines:
        if line.start.status is not Status.done and line.end.status is Status.done:
            done.append(Completion(line.task, _became_done(line.start.status, lines[line.task.number].between(period.start, as_of))))
    return done


def _became_done(status_before: Status, records) -> dt.date:
    """The date of the last record that turned the task from not done to done."""
    day, previous = None, status_before
    for record in records:
        if record.status is Status.done and previous is not Status.done:
            day = record.date
        previous = record.status
    return day
