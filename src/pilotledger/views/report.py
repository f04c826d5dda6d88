"""Period reports (月度调度, 季度提示, 半年检查, 年底对账) as plain data. Pure.

A report is a tree of dataclasses with no labels: `jsondata.plain` turns it into the JSON, and
report_document below builds the localised tables from the same objects. A report describes its
period only: it is built from the records dated on or before the period's end, so nothing
dated later changes it. Its monthly obligations (the months that begin in the period) are
judged on the judgment day: by default the day after the last month's due day; a report
judged before that day is provisional and counts months not yet due as pending."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field

from pilotledger import rules
from pilotledger.dates import Period, month_key, month_start, next_period, report_due
from pilotledger.document import Column, Document, LightLabel, Table
from pilotledger.jsondata import OMIT_NONE, plain
from pilotledger.model import Ledger, Status, Task
from pilotledger.views.cells import (
    SHORT_TEXT,
    date_column,
    int_column,
    percent_column,
    section_bar,
    unit_names,
    wrap_column,
)
from pilotledger.views.trend import TrendMonth, trend, trend_table
from pilotledger.wording import Labels

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
    # what the report was made from (set by `made_from`): the --known-at cut, the ledger's
    # commit (None outside git) and whether its files differed from that commit
    known_at: dt.date | None = None
    commit: str | None = None
    uncommitted: bool = False


def made_from(
    report: PeriodReport, known_at: dt.date | None, commit: str | None, uncommitted: bool
) -> PeriodReport:
    """The report, saying in its `period` which ledger state it was made from."""
    report.period.known_at, report.period.commit = known_at, commit
    report.period.uncommitted = uncommitted
    return report


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
    light: str = rules.GREEN  # on the judgment day (rules.light; set from the overdue items)


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


PROBLEM_KINDS = ("blocked", "problems", "missing_report", "missed_milestone")


@dataclass
class ProblemItem:
    """One problem of a task: `blocked` (at the end) and `problems` (its latest record in the
    period names some) carry that record's date, unit and problems; `missing_report` the
    months still missing on the judgment day (up to the period's end) and `missed_milestone`
    the milestone's due day and target — both owed by the task's lead units."""

    kind: str  # one of PROBLEM_KINDS
    task: int
    status: Status  # at the end
    date: dt.date | None  # the record's date, or a missed milestone's due day
    unit: str | None  # the record's unit (None: the lead units owe it)
    problems: str | None  # that record's problems (a blocked record may name none)
    months: list[str] | None = field(default=None, metadata=OMIT_NONE)  # YYYY-MM
    target: Status | None = field(default=None, metadata=OMIT_NONE)


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


# ---- the report as a Document: localised tables from the same objects ----------------------


def _fraction(progress: int | None) -> float | None:
    """A 0–100 progress figure as a fraction, so every format shows it as a percent."""
    return None if progress is None else progress / 100


class Names:
    """Turns ids and keys of the plain data into the words of one language."""

    def __init__(self, ledger: Ledger, labels: Labels):
        self.ledger, self.labels = ledger, labels

    def unit(self, unit_id: str | None) -> str:
        return "" if unit_id is None else self.labels.unit_name(self.ledger.units[unit_id])

    def leads(self, number: int) -> list[str]:
        return unit_names(self.ledger, self.ledger.tasks[number].lead, self.labels)

    def text(self, number: int) -> str:
        return self.ledger.tasks[number].text

    def status(self, status: Status | None) -> str:
        return "" if status is None else self.labels.status_name(status)

    def result(self, result: str) -> str:
        return self.labels(f"result_{result}")

    def corrected(self, record_id: str) -> str:
        """The record a correction replaced, as people know it: its date and unit (the raw id
        only when the ledger no longer holds that record)."""
        record = self.ledger.full.get(record_id)
        if record is None:
            return self.labels("correction_of", id=record_id)
        return self.labels(
            "correction_of_record", date=record.date.isoformat(), unit=self.unit(record.unit)
        )


def report_document(ledger: Ledger, report: PeriodReport, labels: Labels) -> Document:
    names = Names(ledger, labels)
    info = report.period
    period = Period(info.kind, info.start, info.end)
    title = labels("title_report", plan=ledger.plan.title, label=labels.period_title(period))
    subtitle = " · ".join(
        [
            labels(f"report_{info.kind}"),
            labels("period_range", start=info.start.isoformat(), end=info.end.isoformat()),
            labels("judged_on", day=info.judged_on.isoformat()),
            *([labels("provisional")] if info.provisional else []),
        ]
    )
    tables = [
        _summary_table(report, labels),
        _sections_table(ledger, report, labels),
        _tasks_table(report, names),
        _narrative_table(report, names),
        _problems_table(report, names),
        _overdue_table(report, names),
        _units_table(report, names),
        _upcoming_table(report, names),
    ]
    if report.milestones is not None:
        tables += [
            milestones_table(labels("report_milestones"), report.milestones, names),
            _completed_table(report, names),
            _scorecard_table(report, names),
        ]
    return Document(title, tables, report, subtitle=subtitle)


def _summary_table(report: PeriodReport, labels: Labels) -> Table:
    columns = [
        Column("status", labels("status")),
        int_column("at_start", labels("at_start")),
        int_column("at_end", labels("at_end")),
        int_column("change", labels("change")),
    ]
    start, end = report.summary.start, report.summary.end
    rows = [
        [labels.status_name(s), start.of(s), end.of(s), end.of(s) - start.of(s)]
        for s in STATUS_ORDER
    ]
    total = sum(start.of(s) for s in STATUS_ORDER)
    rows.append([labels("total"), total, total, 0])
    return Table(labels("report_summary"), columns, rows)


def _sections_table(ledger: Ledger, report: PeriodReport, labels: Labels) -> Table:
    columns = [wrap_column("section", labels("section")), int_column("tasks", labels("tasks"))]
    shown = (Status.done, Status.in_progress, Status.blocked, Status.not_started)
    columns += [int_column(s.value, labels.status_name(s)) for s in shown]
    columns.append(percent_column("completion", labels("completion")))
    columns.append(percent_column("average_progress", labels("average_progress")))
    by_number = {s.number: s for s in ledger.sections}
    rows, bars = [], []
    for line in report.sections:
        section = by_number[line.section]
        rows.append(
            [
                f"{section.label}{section.title}",
                line.tasks,
                *(getattr(line, s.value) for s in shown),
                line.completion,
                line.average_progress,
            ]
        )
        bars.append(section_bar(section, line.done, line.tasks, line.average_progress, labels))
    table = Table(labels("report_sections"), columns, rows)
    table.bars = bars
    return table


def _tasks_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    columns = [
        int_column("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        wrap_column("lead", labels("lead")),
        Column("status_start", labels("status_start")),
        Column("status_end", labels("status_end")),
        Column("light", labels("light"), kind="light"),
        percent_column("progress_start", labels("progress_start")),
        percent_column("progress", labels("progress_end")),
        int_column("progress_change", labels("progress_change")),
        int_column("records", labels("records")),
    ]
    rows = [
        [
            r.task,
            names.text(r.task),
            names.leads(r.task),
            names.status(r.status_start),
            names.status(r.status_end),
            LightLabel(labels(f"light_{r.light}"), r.light),
            _fraction(r.progress_start),
            _fraction(r.progress_end),
            r.progress_change,
            r.records,
        ]
        for r in report.tasks
    ]
    return Table(labels("report_tasks"), columns, rows)


def _narrative_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    columns = [
        int_column("task", labels("task")),
        Column(
            "text", labels("text"), shorten=SHORT_TEXT, wrap=True
        ),  # docx: in the task's heading
        date_column("date", labels("date")),
        Column(
            "unit", labels("unit")
        ),  # short: in docx it joins the date on the record's lead line
        Column("status", labels("status")),
        percent_column("progress", labels("progress")),
        wrap_column("summary", labels("summary")),
        wrap_column("problems", labels("problems")),
        wrap_column("next_steps", labels("next_steps")),
        wrap_column("evidence", labels("evidence")),
        Column("corrects", labels("corrects")),
    ]
    rows = [
        [
            item.task,
            names.text(item.task),
            item.date,
            names.unit(item.unit),
            names.status(item.status),
            _fraction(item.progress),
            item.summary,
            item.problems or "",
            item.next_steps or "",
            _evidence_texts(item.evidence),
            names.corrected(item.corrects) if item.corrects else "",
        ]
        for item in report.narrative
    ]
    # docx writes a narrative as paragraphs under each task (see document.py)
    return Table(labels("report_narrative"), columns, rows, kind="narrative")


def _evidence_texts(evidence: list) -> list[str]:
    """Evidence as text: a stored file by its own name beside its path inside the ledger, text
    as it is."""
    texts = []
    for item in plain(evidence):
        if not isinstance(item, dict):
            texts.append(str(item))
            continue
        stored = item.get("file", str(item))
        texts.append(f"{item['name']} ({stored})" if item.get("name") else stored)
    return texts


def _problems_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    columns = [
        int_column("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("kind", labels("problem_kind")),
        Column("status", labels("status_end")),
        date_column("date", labels("date")),
        wrap_column("unit", labels("unit")),
        wrap_column("problems", labels("problems")),
    ]
    rows = [
        [
            p.task,
            names.text(p.task),
            labels(f"problem_{p.kind}"),
            names.status(p.status),
            p.date,
            names.unit(p.unit) if p.unit else names.leads(p.task),
            _problem_detail(p, names),
        ]
        for p in report.problems
    ]
    return Table(labels("report_problems"), columns, rows)


def _problem_detail(item: ProblemItem, names: Names) -> str | list[str]:
    """What the problem is: the record's words, the missing months, or the missed target."""
    if item.kind == "missing_report":
        return item.months or []
    if item.kind == "missed_milestone":
        return names.labels("problem_missed_target", target=names.status(item.target))
    return item.problems or ""


def _overdue_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    judged = report.period.judged_on.isoformat()
    columns = [
        int_column("task", labels("task")),
        wrap_column("lead", labels("lead")),
        Column("kind", labels("overdue_kind")),
        wrap_column("period", labels("period")),
        int_column("days", labels("days")),
    ]
    rows = []
    for item in report.overdue:
        if item.kind == "report":
            what, when = labels("kind_report"), item.period
        else:
            what, when = (
                labels("kind_milestone"),
                f"{item.due.isoformat()} → {names.status(item.target)}",
            )
        rows.append([item.task, names.leads(item.task), what, when, item.days])
    notes = [] if rows else [labels("nothing_overdue", as_of=judged)]
    return Table(labels("report_overdue", as_of=judged), columns, rows, notes=notes)


def _units_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    keys = ("owed", "filed", "on_time", "late", "missing", "filed_by_self")
    columns = [
        wrap_column("unit", labels("unit")),
        *(int_column(key, labels(key)) for key in keys),
        Column(
            "compliance", labels("compliance"), "right", kind="percent", rate_of=("filed", "owed")
        ),
        Column(
            "on_time_rate",
            labels("on_time_rate"),
            "right",
            kind="percent",
            rate_of=("on_time", "owed"),
        ),
        int_column("pending", labels("pending")),
    ]
    rows = [
        [
            names.unit(r.unit),
            *(getattr(r, key) for key in keys),
            r.compliance,
            r.on_time_rate,
            r.pending,
        ]
        for r in report.units
    ]
    notes = [labels("provisional_note")] if report.period.provisional else []
    return Table(labels("report_units"), columns, rows, notes=notes, total_label=labels("total"))


def next_table(title: str, next_due, milestones: list[MilestoneRow], names: Names) -> Table:
    """What comes next: the next monthly report's due day, then the milestones."""
    labels = names.labels
    columns = [
        Column("item", labels("next_item")),
        int_column("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        date_column("due", labels("due")),
        Column("target", labels("target")),
    ]
    rows = [[labels("next_report"), None, "", next_due, ""]] if next_due else []
    rows += [
        [
            labels("kind_upcoming_milestone"),
            m.task,
            names.text(m.task),
            m.due,
            names.status(m.target),
        ]
        for m in milestones
    ]
    return Table(title, columns, rows)


def _upcoming_table(report: PeriodReport, names: Names) -> Table:
    upcoming = report.upcoming
    return next_table(
        names.labels("report_upcoming"), upcoming.next_report_due, upcoming.milestones, names
    )


def milestones_table(title: str, rows_data: list[MilestoneRow], names: Names) -> Table:
    labels = names.labels
    columns = [
        int_column("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        date_column("due", labels("due")),
        Column("target", labels("target")),
        Column("result", labels("result")),
    ]
    rows = [
        [m.task, names.text(m.task), m.due, names.status(m.target), names.result(m.result)]
        for m in rows_data
    ]
    return Table(title, columns, rows)


def _completed_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    columns = [
        int_column("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        date_column("completed_on", labels("completed_on")),
    ]
    rows = [[c.task, names.text(c.task), c.date] for c in report.completed]
    return Table(labels("report_completed"), columns, rows)


def _scorecard_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    keys = ("tasks_led", "done", "missed_milestones", "owed", "on_time", "late", "missing")
    columns = [
        wrap_column("unit", labels("unit")),
        *(int_column(key, labels(f"score_{key}")) for key in keys),
    ]
    rows = [[names.unit(r.unit), *(getattr(r, key) for key in keys)] for r in report.scorecard]
    return Table(labels("report_scorecard"), columns, rows)


def report_header(
    ledger: Ledger, report: PeriodReport, made_on: dt.date, labels: Labels
) -> list[tuple[str, str]]:
    period = report.period
    span = labels("period_range", start=period.start.isoformat(), end=period.end.isoformat())
    return [
        (labels("meta_plan"), ledger.plan.title),
        (labels("meta_issuer"), ledger.plan.issuer),
        (
            labels("meta_period"),
            f"{period.label}（{span}）" if labels.lang == "zh" else f"{period.label} ({span})",
        ),
        (
            labels("meta_judged_on"),
            period.judged_on.isoformat()
            + (labels("meta_provisional") if period.provisional else ""),
        ),
        (labels("meta_made_on"), made_on.isoformat()),
    ]


def with_header_and_trend(
    document: Document, ledger: Ledger, report: PeriodReport, made_on: dt.date, labels: Labels
) -> Document:
    """The report's document with its header block and, last, the report's trend (the months
    after the period are "after this period"; in a provisional report, judged before the
    period's end, they are still to come)."""
    document.meta = report_header(ledger, report, made_on, labels)
    after_period = min(report.period.end, report.period.judged_on) == report.period.end
    document.tables.append(trend_table(report.trend, labels, labels("trend_chart"), after_period))
    return document
