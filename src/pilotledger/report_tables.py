"""Period reports and reminder lists as Documents: localised tables built from the same plain
objects (reports.py, reminders.py) that are the documents' data (their JSON, by jsondata.plain).
Cells stay typed (int, rate 0..1, date, str); the renderers decide how each column kind looks.
Last, what the office's documents add to a report: the header block (plan, period, judgment
day, made on) and the report's trend as a table with its chart. No I/O, no rich."""

from __future__ import annotations

import datetime as dt

from pilotledger.dates import Period
from pilotledger.document import Column, Document, Table
from pilotledger.i18n import Labels
from pilotledger.jsondata import plain
from pilotledger.listing_tables import SHORT_TEXT, section_bar, unit_names
from pilotledger.model import Ledger, Status
from pilotledger.trend_tables import trend_table
from pilotledger.views.reminders import Reminder, ReminderTask
from pilotledger.views.report import STATUS_ORDER, MilestoneRow, PeriodReport


def _int(key: str, header: str) -> Column:
    return Column(key, header, "right", kind="int")


def _percent(key: str, header: str) -> Column:
    return Column(key, header, "right", kind="percent")


def _date(key: str, header: str) -> Column:
    return Column(key, header, kind="date")


def _wrap(key: str, header: str) -> Column:
    return Column(key, header, wrap=True)


def _fraction(progress: int | None) -> float | None:
    """A 0–100 progress figure as a fraction, so every format shows it as a percent."""
    return None if progress is None else progress / 100


class _Names:
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
    names = _Names(ledger, labels)
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
            _milestones_table(labels("report_milestones"), report.milestones, names),
            _completed_table(report, names),
            _scorecard_table(report, names),
        ]
    return Document(title, tables, report, subtitle=subtitle)


def _summary_table(report: PeriodReport, labels: Labels) -> Table:
    columns = [
        Column("status", labels("status")),
        _int("at_start", labels("at_start")),
        _int("at_end", labels("at_end")),
        _int("change", labels("change")),
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
    columns = [_wrap("section", labels("section")), _int("tasks", labels("tasks"))]
    shown = (Status.done, Status.in_progress, Status.blocked, Status.not_started)
    columns += [_int(s.value, labels.status_name(s)) for s in shown]
    columns.append(_percent("completion", labels("completion")))
    columns.append(_percent("average_progress", labels("average_progress")))
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


def _tasks_table(report: PeriodReport, names: _Names) -> Table:
    labels = names.labels
    columns = [
        _int("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        _wrap("lead", labels("lead")),
        Column("status_start", labels("status_start")),
        Column("status_end", labels("status_end")),
        _percent("progress_start", labels("progress_start")),
        _percent("progress", labels("progress_end")),
        _int("progress_change", labels("progress_change")),
        _int("records", labels("records")),
    ]
    rows = [
        [
            r.task,
            names.text(r.task),
            names.leads(r.task),
            names.status(r.status_start),
            names.status(r.status_end),
            _fraction(r.progress_start),
            _fraction(r.progress_end),
            r.progress_change,
            r.records,
        ]
        for r in report.tasks
    ]
    return Table(labels("report_tasks"), columns, rows)


def _narrative_table(report: PeriodReport, names: _Names) -> Table:
    labels = names.labels
    columns = [
        _int("task", labels("task")),
        Column(
            "text", labels("text"), shorten=SHORT_TEXT, wrap=True
        ),  # docx: in the task's heading
        _date("date", labels("date")),
        Column(
            "unit", labels("unit")
        ),  # short: in docx it joins the date on the record's lead line
        Column("status", labels("status")),
        _percent("progress", labels("progress")),
        _wrap("summary", labels("summary")),
        _wrap("problems", labels("problems")),
        _wrap("next_steps", labels("next_steps")),
        _wrap("evidence", labels("evidence")),
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
    """Evidence as text: a stored file by its path inside the ledger, text as it is."""
    texts = []
    for item in plain(evidence):
        texts.append(item.get("file", str(item)) if isinstance(item, dict) else str(item))
    return texts


def _problems_table(report: PeriodReport, names: _Names) -> Table:
    labels = names.labels
    columns = [
        _int("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("status", labels("status_end")),
        _date("date", labels("date")),
        _wrap("unit", labels("unit")),
        _wrap("problems", labels("problems")),
    ]
    rows = [
        [
            p.task,
            names.text(p.task),
            names.status(p.status),
            p.date,
            names.unit(p.unit),
            p.problems or "",
        ]
        for p in report.problems
    ]
    return Table(labels("report_problems"), columns, rows)


def _overdue_table(report: PeriodReport, names: _Names) -> Table:
    labels = names.labels
    judged = report.period.judged_on.isoformat()
    columns = [
        _int("task", labels("task")),
        _wrap("lead", labels("lead")),
        Column("kind", labels("overdue_kind")),
        _wrap("period", labels("period")),
        _int("days", labels("days")),
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


def _units_table(report: PeriodReport, names: _Names) -> Table:
    labels = names.labels
    keys = ("owed", "filed", "on_time", "late", "missing", "filed_by_self")
    columns = [
        _wrap("unit", labels("unit")),
        *(_int(key, labels(key)) for key in keys),
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
        _int("pending", labels("pending")),
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


def _next_table(title: str, next_due, milestones: list[MilestoneRow], names: _Names) -> Table:
    """What comes next: the next monthly report's due day, then the milestones."""
    labels = names.labels
    columns = [
        Column("item", labels("next_item")),
        _int("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        _date("due", labels("due")),
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


def _upcoming_table(report: PeriodReport, names: _Names) -> Table:
    upcoming = report.upcoming
    return _next_table(
        names.labels("report_upcoming"), upcoming.next_report_due, upcoming.milestones, names
    )


def _milestones_table(title: str, rows_data: list[MilestoneRow], names: _Names) -> Table:
    labels = names.labels
    columns = [
        _int("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        _date("due", labels("due")),
        Column("target", labels("target")),
        Column("result", labels("result")),
    ]
    rows = [
        [m.task, names.text(m.task), m.due, names.status(m.target), names.result(m.result)]
        for m in rows_data
    ]
    return Table(title, columns, rows)


def _completed_table(report: PeriodReport, names: _Names) -> Table:
    labels = names.labels
    columns = [
        _int("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        _date("completed_on", labels("completed_on")),
    ]
    rows = [[c.task, names.text(c.task), c.date] for c in report.completed]
    return Table(labels("report_completed"), columns, rows)


def _scorecard_table(report: PeriodReport, names: _Names) -> Table:
    labels = names.labels
    keys = ("tasks_led", "done", "missed_milestones", "owed", "on_time", "late", "missing")
    columns = [_wrap("unit", labels("unit")), *(_int(key, labels(f"score_{key}")) for key in keys)]
    rows = [[names.unit(r.unit), *(getattr(r, key) for key in keys)] for r in report.scorecard]
    return Table(labels("report_scorecard"), columns, rows)


def reminder_document(ledger: Ledger, reminder: Reminder, labels: Labels) -> Document:
    """One unit's reminder list: what it is missing since when, and what is due next."""
    names = _Names(ledger, labels)
    unit = ledger.units[reminder.unit]
    title = labels(
        "title_reminder", unit=labels.unit_full_name(unit), as_of=reminder.as_of.isoformat()
    )
    tables = [
        _missing_table(reminder.tasks, names),
        _milestones_table(
            labels("reminder_missed"), [m for t in reminder.tasks for m in t.missed], names
        ),
        _next_table(
            labels("reminder_next"),
            reminder.next_report_due,
            [m for t in reminder.tasks for m in t.upcoming],
            names,
        ),
    ]
    return Document(title, tables, reminder, subtitle=ledger.plan.title)


def _missing_table(tasks: list[ReminderTask], names: _Names) -> Table:
    labels = names.labels
    columns = [
        _int("task", labels("task")),
        Column("text", labels("text"), wrap=True),
        _wrap("months", labels("months")),
        _date("missing_since", labels("missing_since")),
        _int("days", labels("days")),
    ]
    rows = [
        [t.task, names.text(t.task), t.missing, t.missing_since, t.days] for t in tasks if t.missing
    ]
    return Table(labels("reminder_missing"), columns, rows)


# ---- the office's documents: header block and trend ------------------------------------------


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
