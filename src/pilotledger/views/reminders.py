"""Reminder lists (一单位一清单 / 提示函) as plain data, one per lead unit that owes something.
Pure: the data has no labels; reminder_document builds each unit's document from it.

A lead unit owes something on day D when a task it leads has a missing monthly report, a
missed milestone, or a milestone due within the next 30 days (after D, at most D + 30)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pilotledger import rules
from pilotledger.dates import month_key, plus_days
from pilotledger.document import Column, Document, Table
from pilotledger.model import Ledger, Task
from pilotledger.views.cells import date_column, int_column, wrap_column
from pilotledger.views.report import MilestoneRow, Names, lead_units, milestones_table, next_table
from pilotledger.wording import Labels

HORIZON_DAYS = 30


@dataclass
class ReminderTask:
    task: int
    missing: list[str]  # YYYY-MM of the missing monthly reports
    missing_since: dt.date | None  # the oldest missing month's due day
    days: int | None  # days since missing_since
    missed: list[MilestoneRow]
    upcoming: list[MilestoneRow]  # due within the next 30 days


@dataclass
class Reminder:
    unit: str
    as_of: dt.date
    next_report_due: dt.date | None
    tasks: list[ReminderTask]


def build_reminders(ledger: Ledger, as_of: dt.date, only_unit: str | None = None) -> list[Reminder]:
    """One reminder per lead unit that owes something on `as_of`, in units.yaml order."""
    lines = rules.timelines(ledger)
    owing = {
        number: _task_items(ledger, task, lines[number], as_of)
        for number, task in ledger.tasks.items()
    }
    dues = [m.due for m in rules.reporting_calendar(ledger.plan) if m.due >= as_of]
    reminders = []
    for unit_id in lead_units(ledger):
        if only_unit is not None and unit_id != only_unit:
            continue
        items = [owing[n] for n, task in ledger.tasks.items() if unit_id in task.lead and owing[n]]
        if items:
            reminders.append(Reminder(unit_id, as_of, dues[0] if dues else None, items))
    return reminders


def _task_items(
    ledger: Ledger, task: Task, timeline: rules.Timeline, as_of: dt.date
) -> ReminderTask | None:
    missing = [
        f.month for f in rules.month_filings(ledger, timeline, as_of) if f.outcome == rules.MISSING
    ]
    missed, upcoming = [], []
    horizon = plus_days(as_of, HORIZON_DAYS)
    for milestone in rules.milestones(ledger, task):
        result = rules.milestone_result(timeline, milestone, as_of)
        row = MilestoneRow(task.number, milestone.due, milestone.target, result)
        if result == rules.MISSED:
            missed.append(row)
        elif result == rules.PENDING and milestone.due <= horizon:
            upcoming.append(row)
    if not (missing or missed or upcoming):
        return None
    since = missing[0].due if missing else None
    return ReminderTask(
        task.number,
        [month_key(m.start) for m in missing],
        since,
        (as_of - since).days if since else None,
        missed,
        upcoming,
    )


def reminder_document(ledger: Ledger, reminder: Reminder, labels: Labels) -> Document:
    """One unit's reminder list: what it is missing since when, and what is due next."""
    names = Names(ledger, labels)
    unit = ledger.units[reminder.unit]
    title = labels(
        "title_reminder", unit=labels.unit_full_name(unit), as_of=reminder.as_of.isoformat()
    )
    tables = [
        _missing_table(reminder.tasks, names),
        milestones_table(
            labels("reminder_missed"), [m for t in reminder.tasks for m in t.missed], names
        ),
        next_table(
            labels("reminder_next"),
            reminder.next_report_due,
            [m for t in reminder.tasks for m in t.upcoming],
            names,
        ),
    ]
    return Document(title, tables, reminder, subtitle=ledger.plan.title)


def _missing_table(tasks: list[ReminderTask], names: Names) -> Table:
    labels = names.labels
    columns = [
        int_column("task", labels("task")),
        Column("text", labels("text"), wrap=True),
        wrap_column("months", labels("months")),
        date_column("missing_since", labels("missing_since")),
        int_column("days", labels("days")),
    ]
    rows = [
        [t.task, names.text(t.task), t.missing, t.missing_since, t.days] for t in tasks if t.missing
    ]
    return Table(labels("reminder_missing"), columns, rows)
