"""Period reports (月度调度, 季度提示, 半年检查, 年底对账) as plain data. Pure.

A report is a tree of dataclasses with no labels: `jsondata.plain` turns it into the JSON, and
report_tables.py builds the localised tables from the same objects. A report describes its
period only: it is built from the records dated on or before the period's end, so nothing
dated later changes it. Its monthly obligations (the months that begin in the period) are
judged on the judgment day: by default the day after the last month's due day; a report
judged before that day is provisional and counts months not yet due as pending.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field

from pilotledger import rules
from pilotledger.dates import Period, month_key, month_start, next_period, report_due
from pilotledger.jsondata import OMIT_NONE
from pilotledger.model import Ledger, Status, Task
from pilotledger.views.trend import TrendMonth, trend

STATUS_ORDER = (Status.not_started, Status.in_progress, Status.blocked, Status.done)


class JudgedBeforePeriod(ValueError):
    """A report asked to be judged on a day before its period begins."""

    def __init__(self, day: dt.date, start: dt.date):
        super().__init__(f"{day.isoformat()} is before the period's start {start.isoformat()}")
        self.day, self.start = day, start


@dataclass
class PeriodInfo:
    kind: str
    label: str
    start: dt.date
    end: dt.date
    judged_on: dt.date
    provisional: bool


@dataclass
class StatusCounts:
    not_started: int
    in_progress: int
    blocked: int
    done: int

    def of(self, status: Status) -> int:
        return getattr(self, status.value)


@dataclass
class Summary:
    start: StatusCounts
    end: StatusCounts


@dataclass
class SectionRow:
    section: int
    tasks: int
    not_started: int
    in_progress: int
    blocked: int
    done: int
    completion: float  # done / tasks, 0..1
    average_progress: float  # of the section's tasks at the end, 0..1 (rules.average_progress)


@dataclass
class TaskRow:
    task: int
    status_start: Status
    status_end: Status
    progress_start: int | None
    progress_end: int | None
    progress_change: int | None
    records: int  # records dated in the period


@dataclass
class NarrativeItem:
    task: int
    date: dt.date
    unit: str
    status: Status
    progress: int | None
    summary: str
    problems: str | None
    next_steps: str | None
    evidence: list
    corrects: str | None  # the id of the record this one replaced, if it is a correction


@dataclass
class ProblemItem:
    task: int
    status: Status  # at the end
    date: dt.date  # of the record naming the problem, or of the one that set the blocked status
    unit: str  # that record's unit
    problems: str | None  # that record's problems (a blocked record may name none)


@dataclass
class OverdueRow:
    task: int
    kind: str  # "report" or "milestone"
    days: int  # since the oldest missing month's due day, or since the milestone's due day
    lead: list[str]
    period: list[str] | None = None  # YYYY-MM of the missing months
    due: dt.date | None = None
    target: Status | None = None


@dataclass
class UnitRow:
    unit: str
    owed: int  # months due by the judgment day = on_time + late + missing
    filed: int  # on_time + late
    on_time: int
    late: int
    missing: int
    filed_by_self: int  # owed months for which this unit itself has a record
    compliance: float | None  # filed / owed
    on_time_rate: float | None  # on_time / owed
    pending: int  # months of the period not yet due on the judgment day


@dataclass
class MilestoneRow:
    task: int
    due: dt.date
    target: Status
    result: str  # met | missed | pending


@dataclass
class Upcoming:
    next_report_due: dt.date | None
    milestones: list[MilestoneRow]


@dataclass
class CompletedRow:
    task: int
    date: dt.date


@dataclass
class ScoreRow:
    unit: str
    tasks_led: int
    done: int
    missed_milestones: int
    owed: int
    on_time: int
    late: int
    missing: int


@dataclass
class PeriodReport:
    period: PeriodInfo
    summary: Summary
    sections: list[SectionRow]
    tasks: list[TaskRow]
    narrative: list[NarrativeItem]
    problems: list[ProblemItem]
    overdue: list[OverdueRow]
    units: list[UnitRow]
    upcoming: Upcoming
    # the year's parts, None (and not in the JSON) for other periods
    milestones: list[MilestoneRow] | None = field(default=None, metadata=OMIT_NONE)
    completed: list[CompletedRow] | None = field(default=None, metadata=OMIT_NONE)
    scorecard: list[ScoreRow] | None = field(default=None, metadata=OMIT_NONE)
    # the whole plan's trend up to the period's end (or the judgment day, if earlier), counted
    # on every record known, as the office's documents show it beside the report
    trend: list[TrendMonth] = field(default_factory=list)


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def default_judgment_day(ledger: Ledger, period: Period) -> dt.date:
    """The day after the last month's report is due (2022Q2 → 2022-07-06)."""
    return report_due(month_start(period.end), ledger.plan.report_day) + dt.timedelta(days=1)


def judgment_day(
    ledger: Ledger, period: Period, today: dt.date, as_of: dt.date | None
) -> tuple[dt.date, bool]:
    """(judged_on, provisional): as_of if given, else the default day once it has come, else
    today."""
    default = default_judgment_day(ledger, period)
    judged = as_of if as_of is not None else (default if today >= default else today)
    if judged < period.start:
        raise JudgedBeforePeriod(judged, period.start)
    return judged, judged < default


@dataclass
class _Context:
    """What every part of one report is computed from."""

    ledger: Ledger  # records dated after the period's end are already left out
    lines: dict[int, rules.Timeline]
    period: Period
    judged: dt.date
    status_day: dt.date  # the earlier of the judgment day and the period's end
    whole: Ledger | None = None  # every record known (for milestones due after the period)

    @property
    def before(self) -> dt.date:
        return self.period.start - dt.timedelta(days=1)

    def state(self, number: int, day: dt.date) -> rules.State:
        return rules.state_as_of(self.lines[number], day)

    @functools.cached_property
    def whole_lines(self) -> dict[int, rules.Timeline]:
        return rules.timelines(self.whole if self.whole is not None else self.ledger)

    def in_period(self, number: int):
        return self.lines[number].between(self.period.start, self.status_day)

    def filings(self, number: int) -> list[rules.MonthFiling]:
        span = (self.period.start, self.period.end)
        return rules.month_filings(self.ledger, self.lines[number], self.judged, span)


def build_report(
    ledger: Ledger,
    period: Period,
    today: dt.date,
    as_of: dt.date | None = None,
    lines: dict[int, rules.Timeline] | None = None,
) -> PeriodReport:
    """The report of `period`; `lines`: the whole ledger's timelines when the caller has them
    already (the site, for every report), for the trend."""
    judged, provisional = judgment_day(ledger, period, today, as_of)
    view = rules.dated_up_to(ledger, period.end)
    ctx = _Context(view, rules.timelines(view), period, judged, min(judged, period.end), ledger)
    task_rows = [_task_row(ctx, number) for number in view.tasks]
    report = PeriodReport(
        period=PeriodInfo(period.kind, period.label, period.start, period.end, judged, provisional),
        summary=Summary(
            _counts(r.status_start for r in task_rows), _counts(r.status_end for r in task_rows)
        ),
        sections=_section_rows(view, task_rows),
        tasks=task_rows,
        narrative=_narrative(ctx),
        problems=_problems(ctx),
        overdue=_overdue(ctx),
        units=_unit_rows(ctx),
        upcoming=_upcoming(ctx),
        trend=trend(ledger, min(period.end, judged), lines=lines),
    )
    if period.kind == "year":
        report.milestones = _milestones_due(ctx, period)
        report.completed = _completed(ctx)
        report.scorecard = _scorecard(ctx, report)
    return report


def _counts(statuses) -> StatusCounts:
    tally = Counter(statuses)
    return StatusCounts(*(tally.get(status, 0) for status in STATUS_ORDER))


def _task_row(ctx: _Context, number: int) -> TaskRow:
    start, end = ctx.state(number, ctx.before), ctx.state(number, ctx.status_day)
    change = None if end.progress is None else end.progress - (start.progress or 0)
    return TaskRow(
        number,
        start.status,
        end.status,
        start.progress,
        end.progress,
        change,
        len(ctx.in_period(number)),
    )


def _section_rows(ledger: Ledger, task_rows: list[TaskRow]) -> list[SectionRow]:
    rows = []
    for section in ledger.sections:
        in_section = [r for r in task_rows if ledger.tasks[r.task].section == section.number]
        ends = [r.status_end for r in in_section]
        counts = _counts(ends)
        rows.append(
            SectionRow(
                section.number,
                len(ends),
                counts.not_started,
                counts.in_progress,
                counts.blocked,
                counts.done,
                rate(counts.done, len(ends)) or 0.0,
                round(rules.average_progress([r.progress_end for r in in_section]), 4),
            )
        )
    return rows


def _narrative(ctx: _Context) -> list[NarrativeItem]:
    """Every record dated in the period (corrections in place of what they correct), by task
    and date, with everything the unit wrote."""
    items = []
    for number in ctx.ledger.tasks:
        for entry in ctx.in_period(number):
            record = ctx.ledger.full[entry.id]
            items.append(
                NarrativeItem(
                    number,
                    record.date,
                    record.unit,
                    record.status,
                    record.progress,
                    record.summary,
                    record.problems,
                    record.next_steps,
                    list(record.evidence or []),
                    record.corrects,
                )
            )
    return items


def _problems(ctx: _Context) -> list[ProblemItem]:
    """Tasks blocked at the end, or whose latest record in the period names problems. Each
    carries the record that names its problem, or else the record that set its blocked
    status (which may be older than the period): its date, unit and problems."""
    items = []
    for number in ctx.ledger.tasks:
        end = ctx.state(number, ctx.status_day)
        records = ctx.in_period(number)
        latest = ctx.ledger.full[records[-1].id] if records else None
        if latest is not None and latest.problems:
            source = latest
        elif end.status is Status.blocked and end.last is not None:
            source = ctx.ledger.full[end.last.id]
        else:
            continue
        items.append(ProblemItem(number, end.status, source.date, source.unit, source.problems))
    return items


def _overdue(ctx: _Context) -> list[OverdueRow]:
    """What is outstanding on the judgment day for months and milestones up to the period's end."""
    rows = []
    span = (dt.date.min, ctx.period.end)
    for number, task in ctx.ledger.tasks.items():
        filings = rules.month_filings(ctx.ledger, ctx.lines[number], ctx.judged, span)
        missing = [f.month for f in filings if f.outcome == rules.MISSING]
        if missing:
            rows.append(
                OverdueRow(
                    number,
                    "report",
                    (ctx.judged - missing[0].due).days,
                    list(task.lead),
                    period=[month_key(m.start) for m in missing],
                )
            )
        for milestone in rules.milestones(ctx.ledger, task):
            if milestone.due > ctx.period.end:
                continue
            if rules.milestone_result(ctx.lines[number], milestone, ctx.judged) == rules.MISSED:
                rows.append(
                    OverdueRow(
                        number,
                        "milestone",
                        (ctx.judged - milestone.due).days,
                        list(task.lead),
                        due=milestone.due,
                        target=milestone.target,
                    )
                )
    return rows


def lead_units(ledger: Ledger) -> list[str]:
    """Units that lead at least one task, in units.yaml order."""
    leading = {unit_id for task in ledger.tasks.values() for unit_id in task.lead}
    return [unit_id for unit_id in ledger.units if unit_id in leading]


@dataclass
class _Tally:
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0
    by_self: int = 0

    def add(self, filing: rules.MonthFiling, unit_id: str) -> None:
        setattr(self, filing.outcome, getattr(self, filing.outcome) + 1)
        if filing.outcome != rules.PENDING and unit_id in filing.units:
            self.by_self += 1

    @property
    def owed(self) -> int:
        return self.on_time + self.late + self.missing


def _tallies(ctx: _Context) -> dict[str, _Tally]:
    tallies = {unit_id: _Tally() for unit_id in lead_units(ctx.ledger)}
    for number, task in ctx.ledger.tasks.items():
        for filing in ctx.filings(number):
            for unit_id in task.lead:
                tallies[unit_id].add(filing, unit_id)
    return tallies


def _unit_rows(ctx: _Context) -> list[UnitRow]:
    rows = []
    for unit_id, t in _tallies(ctx).items():
        filed = t.on_time + t.late
        rows.append(
            UnitRow(
                unit_id,
                t.owed,
                filed,
                t.on_time,
                t.late,
                t.missing,
                t.by_self,
                rate(filed, t.owed),
                rate(t.on_time, t.owed),
                t.pending,
            )
        )
    return rows


def _milestone_row(ctx: _Context, task: Task, milestone) -> MilestoneRow:
    """A milestone due within the period is judged on the period's records; one due after it
    (what comes next) is pending until its due day has passed by the judgment day, and then
    judged by the records dated up to its due day — never by a timeline cut at the period's
    end, which would call a milestone met after the period missed."""
    lines = ctx.lines if milestone.due <= ctx.period.end else ctx.whole_lines
    result = rules.milestone_result(lines[task.number], milestone, ctx.judged)
    return MilestoneRow(task.number, milestone.due, milestone.target, result)


def _milestones_between(ctx: _Context, first: dt.date, last: dt.date) -> list[MilestoneRow]:
    rows = [
        _milestone_row(ctx, task, m)
        for task in ctx.ledger.tasks.values()
        for m in rules.milestones(ctx.ledger, task)
        if first <= m.due <= last
    ]
    return sorted(rows, key=lambda row: (row.due, row.task))


def _upcoming(ctx: _Context) -> Upcoming:
    """The next monthly report's due day (on or after the judgment day) and the milestones due
    in the next period of the same kind."""
    dues = [m.due for m in rules.reporting_calendar(ctx.ledger.plan) if m.due >= ctx.judged]
    following = next_period(ctx.period)
    return Upcoming(
        dues[0] if dues else None, _milestones_between(ctx, following.start, following.end)
    )


def _milestones_due(ctx: _Context, period: Period) -> list[MilestoneRow]:
    return _milestones_between(ctx, period.start, period.end)


def _completed(ctx: _Context) -> list[CompletedRow]:
    """Tasks not done before the period and done at its end, with the day they became done."""
    rows = []
    for number in ctx.ledger.tasks:
        before, after = (
            ctx.state(number, ctx.before).status,
            ctx.state(number, ctx.status_day).status,
        )
        if before is not Status.done and after is Status.done:
            rows.append(CompletedRow(number, _became_done(before, ctx.in_period(number))))
    return rows


def _became_done(status_before: Status, records) -> dt.date:
    """The date of the last record that turned the task from not done to done."""
    day, previous = None, status_before
    for record in records:
        if record.status is Status.done and previous is not Status.done:
            day = record.date
        previous = record.status
    return day


def _scorecard(ctx: _Context, report: PeriodReport) -> list[ScoreRow]:
    missed = Counter(row.task for row in report.milestones if row.result == rules.MISSED)
    end_status = {row.task: row.status_end for row in report.tasks}
    rows = []
    for unit_id, t in _tallies(ctx).items():
        led = [n for n, task in ctx.ledger.tasks.items() if unit_id in task.lead]
        done = sum(1 for n in led if end_status[n] is Status.done)
        rows.append(
            ScoreRow(
                unit_id,
                len(led),
                done,
                sum(missed[n] for n in led),
                t.owed,
                t.on_time,
                t.late,
                t.missing,
            )
        )
    return rows
