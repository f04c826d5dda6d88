"""The report's tables in one language, from its plain data: the tables a report shows and
an office letter annexes (附件), and the milestone and what-comes-next tables reminders share."""

from __future__ import annotations

from pilotledger.document import Column, LightLabel, Table
from pilotledger.jsondata import plain
from pilotledger.model import Ledger, Status
from pilotledger.views.cells import (
    SHORT_TEXT,
    date_column,
    int_column,
    percent_column,
    section_bar,
    unit_names,
    wrap_column,
)
from pilotledger.views.report.data import STATUS_ORDER, MilestoneRow, PeriodReport
from pilotledger.wording import Labels


def _fraction(progress: int | None) -> float | None:
    """A 0–100 progress figure as a fraction, so every format shows it as a percent."""
    return None if progress is None else progress / 100


def task_columns(labels: Labels) -> list[Column]:
    """The task's number and its text (shortened on a terminal): the first two columns of
    every table about tasks (Names.task gives their cells)."""
    return [
        int_column("task", labels("task")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
    ]


def task_table(title: str, names: Names, columns: list[Column], rows, **options) -> Table:
    """A table about tasks: the task's number and text first (task_columns), then `columns`.
    Each of `rows` starts with its task's number; the text is put after it here."""
    cells = [[*names.task(number), *rest] for number, *rest in rows]
    return Table(title, [*task_columns(names.labels), *columns], cells, **options)


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

    def task(self, number: int) -> list:
        """A task's first two cells (task_columns): its number and its text."""
        return [number, self.text(number)]

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
            "correction_of_record", date=self.labels.day(record.date), unit=self.unit(record.unit)
        )


def summary_table(report: PeriodReport, labels: Labels) -> Table:
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


def sections_table(ledger: Ledger, report: PeriodReport, labels: Labels) -> Table:
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


def tasks_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    columns = [
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
    return task_table(labels("report_tasks"), names, columns, rows)


def narrative_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    columns = [  # after the task's number and text (in docx: the task's heading)
        date_column("date", labels("date")),
        Column("unit", labels("unit")),  # short: in docx it joins the date on the lead line
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
    return task_table(labels("report_narrative"), names, columns, rows, kind="narrative")


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


# the problems the 逾期事项 table holds, grouped by unit: the problems table leaves them out
OWED_KINDS = ("missing_report", "missed_milestone")


def problems_table(report: PeriodReport, names: Names) -> Table:
    """The problems the records name and the blocked tasks, one row each; missing reports and
    missed milestones are in overdue_table (JSON `problems` keeps every kind)."""
    labels = names.labels
    columns = [
        Column("kind", labels("problem_kind")),
        Column("status", labels("status_end")),
        date_column("date", labels("date")),
        wrap_column("unit", labels("unit")),
        wrap_column("problems", labels("problems")),
    ]
    rows = [
        [
            p.task,
            labels(f"problem_{p.kind}"),
            names.status(p.status),
            p.date,
            names.unit(p.unit) if p.unit else names.leads(p.task),
            p.problems or "",
        ]
        for p in report.problems
        if p.kind not in OWED_KINDS
    ]
    owed = any(p.kind in OWED_KINDS for p in report.problems)
    notes = [labels("problems_see_overdue")] if owed else []
    return task_table(labels("report_problems"), names, columns, rows, notes=notes)


def overdue_table(report: PeriodReport, names: Names) -> Table:
    """What is overdue on the judgment day, by lead unit (units.yaml order): one row for the
    unit's tasks missing the same months (2022年3月、4月、5月), one per missed milestone day
    and target, each with the most days overdue among its tasks. A task led by two units is
    under each (JSON `overdue` keeps one entry per task)."""
    labels = names.labels
    judged = labels.day(report.period.judged_on)
    columns = [
        wrap_column("lead", labels("lead")),
        Column("kind", labels("overdue_kind")),
        wrap_column("tasks", labels("overdue_tasks")),
        wrap_column("period", labels("period")),
        int_column("days", labels("days")),
    ]
    groups: dict[tuple, list] = {}
    for item in report.overdue:
        if item.kind == "report":
            what = labels("kind_report"), labels.months(item.period or [])
        else:
            when = labels.day(item.due)
            what = (
                labels("kind_milestone"),
                labels("overdue_milestone_when", due=when, target=names.status(item.target)),
            )
        for unit_id in names.ledger.tasks[item.task].lead:
            groups.setdefault((unit_id, item.kind, *what), []).append(item)
    order = {unit_id: n for n, unit_id in enumerate(names.ledger.units)}
    rows = [
        [names.unit(unit_id), kind, [str(i.task) for i in items], when, max(i.days for i in items)]
        for (unit_id, _, kind, when), items in sorted(
            groups.items(), key=lambda group: (order[group[0][0]], group[0][1] != "report")
        )
    ]
    notes = [] if rows else [labels("nothing_overdue", as_of=judged)]
    return Table(labels("report_overdue", as_of=judged), columns, rows, notes=notes)


def units_table(report: PeriodReport, names: Names) -> Table:
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
        *task_columns(labels),
        date_column("due", labels("due")),
        Column("target", labels("target")),
    ]
    rows = [[labels("next_report"), None, "", next_due, ""]] if next_due else []
    rows += [
        [
            labels("kind_upcoming_milestone"),
            *names.task(m.task),
            m.due,
            names.status(m.target),
        ]
        for m in milestones
    ]
    return Table(title, columns, rows)


def upcoming_table(report: PeriodReport, names: Names) -> Table:
    upcoming = report.upcoming
    return next_table(
        names.labels("report_upcoming"), upcoming.next_report_due, upcoming.milestones, names
    )


def milestones_table(title: str, rows_data: list[MilestoneRow], names: Names) -> Table:
    labels = names.labels
    columns = [
        date_column("due", labels("due")),
        Column("target", labels("target")),
        Column("result", labels("result")),
    ]
    rows = [[m.task, m.due, names.status(m.target), names.result(m.result)] for m in rows_data]
    return task_table(title, names, columns, rows)


def completed_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    columns = [date_column("completed_on", labels("completed_on"))]
    rows = [[c.task, c.date] for c in report.completed]
    return task_table(labels("report_completed"), names, columns, rows)


def scorecard_table(report: PeriodReport, names: Names) -> Table:
    labels = names.labels
    keys = ("tasks_led", "done", "missed_milestones", "owed", "on_time", "late", "missing")
    columns = [
        wrap_column("unit", labels("unit")),
        *(int_column(key, labels(f"score_{key}")) for key in keys),
    ]
    rows = [[names.unit(r.unit), *(getattr(r, key) for key in keys)] for r in report.scorecard]
    return Table(labels("report_scorecard"), columns, rows)
