"""The figures of a period report (月度调度, 季度提示, 半年检查, 年底对账), computed from a ledger
and a judgment day. Pure.

A report describes its period only: it is built from the records dated on or before the
period's end, so nothing dated later changes it. Its monthly obligations (the months that
begin in the period) are judged on the judgment day: by default the day after the last
month's due day; a report judged before that day is provisional and counts months not yet due
as pending."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass

from pilotledger import rules
from pilotledger.dates import Period, month_key, month_start, next_period, report_due
from pilotledger.model import Ledger, Status, Task
from pilotledger.views.report.data import (
    PROBLEM_KINDS,
    STATUS_ORDER,
    CompletedRow,
    MilestoneRow,
    NarrativeItem,
    OverdueRow,
    PeriodInfo,
    PeriodReport,
    ProblemItem,
    ScoreRow,
    SectionRow,
    StatusCounts,
    Summary,
    TaskRow,
    UnitRow,
    Upcoming,
)
from pilotledger.views.trend import trend


class JudgedBeforePeriod(ValueError):
    """A report asked to be judged on a day before its period begins."""

    def __init__(self, day: dt.date, start: dt.date):
        super().__init__(f"{day.isoformat()} is before the period's start {start.isoformat()}")
        self.day, self.start = day, start


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def default_judgment_day(ledger: Ledger, period: Period) -> dt.date:
    """The day after the due day of the last month the period owes (2022Q2 → 2022-07-06; the
    plan's last year 2025, whose last owed month is February, → 2025-03-06); a period owing no
    month (before the plan's first month or after its end) the day after its last month's
    would-be due day."""
    owed = [
        m.due
        for m in rules.reporting_calendar(ledger.plan)
        if period.start <= m.start <= period.end
    ]
    last = owed[-1] if owed else report_due(month_start(period.end), ledger.plan.report_day)
    return last + dt.timedelta(days=1)


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


def _status_day(period: Period, judged: dt.date, as_of: dt.date | None, provisional: bool):
    """The day the tasks' status is taken on: the period's end in a final report judged on
    its default day (which the plan's end may put before the period's end: 2025 → 2025-03-06),
    else the earlier of the judgment day and the period's end."""
    if as_of is None and not provisional:
        return period.end
    return min(judged, period.end)


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
    ctx = _Context(
        view,
        rules.timelines(view),
        period,
        judged,
        _status_day(period, judged, as_of, provisional),
        ledger,
    )
    overdue = _overdue(ctx)
    task_rows = _with_lights([_task_row(ctx, number) for number in view.tasks], overdue)
    report = PeriodReport(
        period=PeriodInfo(period.kind, period.label, period.start, period.end, judged, provisional),
        summary=Summary(
            _counts(r.status_start for r in task_rows), _counts(r.status_end for r in task_rows)
        ),
        sections=_section_rows(view, task_rows),
        tasks=task_rows,
        narrative=_narrative(ctx),
        problems=_all_problems(ctx, task_rows, overdue),
        overdue=overdue,
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
    by_section: dict[int, list[TaskRow]] = {}
    for row in task_rows:
        by_section.setdefault(ledger.tasks[row.task].section, []).append(row)
    for section in ledger.sections:
        in_section = by_section.get(section.number, [])
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
        kind = "blocked" if end.status is Status.blocked else "problems"
        items.append(
            ProblemItem(kind, number, end.status, source.date, source.unit, source.problems)
        )
    return items


def _owed_problems(task_rows: list[TaskRow], overdue: list[OverdueRow]) -> list[ProblemItem]:
    """The overdue items as problems: a task's missing months, each missed milestone."""
    end = {row.task: row.status_end for row in task_rows}
    items = []
    for row in overdue:
        if row.kind == "report":
            item = ProblemItem("missing_report", row.task, end[row.task], None, None, None)
            item.months = list(row.period or [])
        else:
            item = ProblemItem("missed_milestone", row.task, end[row.task], row.due, None, None)
            item.target = row.target
        items.append(item)
    return items


def _all_problems(ctx: _Context, task_rows, overdue) -> list[ProblemItem]:
    """Every problem, by task and then in PROBLEM_KINDS order."""
    items = _problems(ctx) + _owed_problems(task_rows, overdue)
    return sorted(items, key=lambda item: (item.task, PROBLEM_KINDS.index(item.kind)))


def _with_lights(task_rows: list[TaskRow], overdue: list[OverdueRow]) -> list[TaskRow]:
    """Each task's light on the judgment day from its status at the end, its missing months
    and its missed milestones (rules.light, as `status` has it)."""
    missing, missed = Counter(), Counter()
    for row in overdue:
        if row.kind == "report":
            missing[row.task] += len(row.period or [])
        else:
            missed[row.task] += 1
    for row in task_rows:
        row.light = rules.light(row.status_end, missing[row.task], missed[row.task])
    return task_rows


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
    leads = rules.tasks_by_unit(ctx.ledger)
    for unit_id, t in _tallies(ctx).items():
        led = leads.get(unit_id, [])
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
