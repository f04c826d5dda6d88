"""A PeriodReport as a Document: localised tables for people, English-keyed data for JSON."""

from __future__ import annotations

from pilotledger.i18n import Labels
from pilotledger.model import Ledger, Status
from pilotledger.reports import PeriodReport
from pilotledger.table import Column, Document, Table
from pilotledger.views import SHORT_TEXT, overdue_data, unit_names

STATUS_ORDER = (Status.not_started, Status.in_progress, Status.blocked, Status.done)


def _percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.0%}"


def _progress(value: int | None) -> str:
    return "" if value is None else f"{value}%"


def _change(value: int | None) -> str:
    return "" if value is None else f"{value:+d}"


def report_document(ledger: Ledger, report: PeriodReport, labels: Labels) -> Document:
    period = report.period
    title = labels("title_report", plan=ledger.plan.title, label=period.label)
    kind = labels(f"report_{period.kind}")
    span = labels("period_range", start=period.start.isoformat(), end=period.end.isoformat())
    tables = [
        _summary_table(report, labels), _sections_table(report, labels), _tasks_table(ledger, report, labels),
        _overdue_table(ledger, report, labels), _units_table(ledger, report, labels),
    ]
    if period.kind == "year":
        tables += [_milestones_table(ledger, report, labels), _completed_table(report, labels)]
    subtitle = f"{kind} · {span} · {labels('title_status', as_of=report.as_of.isoformat())}"
    return Document(title, tables, report_data(report), subtitle=subtitle)


def _summary_table(report: PeriodReport, labels: Labels) -> Table:
    columns = [Column("status", labels("status")), Column("at_start", labels("at_start"), "right"),
               Column("at_end", labels("at_end"), "right"), Column("change", labels("change"), "right")]
    rows = [[labels.status_name(s), report.at_start[s], report.at_end[s], f"{report.at_end[s] - report.at_start[s]:+d}"]
            for s in STATUS_ORDER]
    total = sum(report.at_end.values())
    rows.append([labels("total"), total, total, "+0"])
    return Table(labels("report_summary"), columns, rows)


def _sections_table(report: PeriodReport, labels: Labels) -> Table:
    columns = [Column("section", labels("section"), wrap=True), Column("tasks", labels("tasks"), "right")]
    columns += [Column(s.value, labels.status_name(s), "right") for s in (Status.done, Status.in_progress,
                                                                         Status.blocked, Status.not_started)]
    columns.append(Column("completion", labels("completion"), "right"))
    rows = [
        [f"{line.section.label}{line.section.title}", line.tasks, line.counts[Status.done],
         line.counts[Status.in_progress], line.counts[Status.blocked], line.counts[Status.not_started],
         _percent(line.completion)]
        for line in report.sections
    ]
    table = Table(labels("report_sections"), columns, rows)
    table.bars = [(f"{line.section.label} {line.counts[Status.done]}/{line.tasks}", line.completion)
                  for line in report.sections]
    return table


def _tasks_table(ledger: Ledger, report: PeriodReport, labels: Labels) -> Table:
    columns = [
        Column("task", labels("task"), "right"), Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("lead", labels("lead"), wrap=True), Column("status_start", labels("status_start")),
        Column("status_end", labels("status_end")), Column("progress_start", labels("progress_start"), "right"),
        Column("progress", labels("progress"), "right"), Column("progress_change", labels("progress_change"), "right"),
        Column("records", labels("records"), "right"),
    ]
    rows = [
        [line.task.number, line.task.text, unit_names(ledger, line.task.lead, labels),
         labels.status_name(line.start.status), labels.status_name(line.end.status), _progress(line.start.progress),
         _progress(line.end.progress), _change(line.progress_change), line.records_in_period]
        for line in report.tasks
    ]
    return Table(labels("report_tasks"), columns, rows)


def _overdue_table(ledger: Ledger, report: PeriodReport, labels: Labels) -> Table:
    columns = [Column("task", labels("task"), "right"), Column("lead", labels("lead"), wrap=True),
               Column("kind", labels("overdue_kind")), Column("period", labels("period"), wrap=True),
               Column("days", labels("days"), "right")]
    rows = []
    for item in report.overdue:
        if item.kind == "report":
            what, when = labels("kind_report"), item.period
        else:
            what = labels("kind_milestone")
            when = f"{item.milestone.due.isoformat()} → {labels.status_name(item.milestone.target)}"
        rows.append([item.task.number, unit_names(ledger, item.task.lead, labels), what, when, item.days])
    notes = [] if rows else [labels("nothing_overdue", as_of=report.as_of.isoformat())]
    return Table(labels("report_overdue", as_of=report.as_of.isoformat()), columns, rows, notes=notes)


def _units_table(ledger: Ledger, report: PeriodReport, labels: Labels) -> Table:
    columns = [Column("unit", labels("unit"), wrap=True), Column("owed", labels("owed"), "right", kind="int"),
               Column("filed", labels("filed"), "right", kind="int"),
               Column("compliance", labels("compliance"), "right")]
    rows = [[labels.unit_name(ledger.units[line.unit_id]), line.owed, line.filed, _percent(line.compliance)]
            for line in report.units]
    return Table(labels("report_units"), columns, rows, total_label=labels("total"))


def _milestones_table(ledger: Ledger, report: PeriodReport, labels: Labels) -> Table:
    columns = [Column("task", labels("task"), "right"), Column("due", labels("due")),
               Column("target", labels("target")), Column("status", labels("status")),
               Column("result", labels("result"))]
    rows = [
        [line.task.number, line.milestone.due.isoformat(), labels.status_name(line.milestone.target),
         labels.status_name(line.status_at_due), labels("met") if line.met else labels("missed") if line.judged else "…"]
        for line in report.milestones
    ]
    return Table(labels("report_milestones"), columns, rows)


def _completed_table(report: PeriodReport, labels: Labels) -> Table:
    columns = [Column("task", labels("task"), "right"), Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
               Column("completed_on", labels("completed_on"))]
    rows = [[c.task.number, c.task.text, c.day.isoformat()] for c in report.completed]
    return Table(labels("report_completed"), columns, rows)


def report_data(report: PeriodReport) -> dict:
    """The report for programs: English keys, ISO dates, status keys."""
    data = {
        "period": {"kind": report.period.kind, "label": report.period.label,
                   "start": report.period.start.isoformat(), "end": report.period.end.isoformat(),
                   "as_of": report.as_of.isoformat()},
        "summary": {"start": {s.value: n for s, n in report.at_start.items()},
                    "end": {s.value: n for s, n in report.at_end.items()}},
        "sections": [{"section": line.section.number, "tasks": line.tasks,
                      **{s.value: line.counts[s] for s in STATUS_ORDER}, "completion": round(line.completion, 4)}
                     for line in report.sections],
        "tasks": [{"task": line.task.number, "status_start": line.start.status.value,
                   "status_end": line.end.status.value, "progress_start": line.start.progress,
                   "progress_end": line.end.progress, "progress_change": line.progress_change,
                   "records": line.records_in_period} for line in report.tasks],
        "overdue": [overdue_data(item) for item in report.overdue],
        "units": [{"unit": line.unit_id, "owed": line.owed, "filed": line.filed,
                   "compliance": None if line.compliance is None else round(line.compliance, 4)}
                  for line in report.units],
    }
    if report.period.kind == "year":
        data["milestones"] = [{"task": m.task.number, "due": m.milestone.due.isoformat(),
                               "target": m.milestone.target.value, "status_at_due": m.status_at_due.value,
                               "result": ("met" if m.met else "missed") if m.judged else "pending"}
                              for m in report.milestones]
        data["completed"] = [{"task": c.task.number, "date": c.day.isoformat()} for c in report.completed]
    return data
