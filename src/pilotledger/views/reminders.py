"""Reminder lists (一单位一清单 / 提示函) as plain data, one per lead unit that owes something.
Pure: the data has no labels; reminder_document builds each unit's document from it.

A lead unit owes something on day D when a task it leads has a missing monthly report, a
missed milestone it has still not reached on D, or a milestone due within the next 30 days
(after D, at most D + 30) that it has not reached yet. A milestone reached (late or early) is
nothing to ask for, and a unit whose only items were such gets no letter.

A letter is a second notice (再次提示) when an item of it — a missing month, a missed
milestone — was already named in an earlier notice to the same unit (`Sent`, read from the
register `remind --output-dir` keeps in its folder: see register.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pilotledger import rules
from pilotledger.dates import month_key, plus_days
from pilotledger.document import Column, Document, Table
from pilotledger.model import Ledger, Status, Task
from pilotledger.views.cells import date_column, int_column, wrap_column
from pilotledger.views.register import Sent
from pilotledger.views.report.data import MilestoneRow
from pilotledger.views.report.figures import lead_units
from pilotledger.views.report.tables import Names, milestones_table, next_table
from pilotledger.wording import Labels

HORIZON_DAYS = 30
REPLY_DAYS = 7  # the letter asks for the missing reports within a week of its date


@dataclass
class ReminderTask:
    task: int
    missing: list[str]  # YYYY-MM of the missing monthly reports
    missing_since: dt.date | None  # the oldest missing month's due day
    days: int | None  # days since missing_since
    missed: list[MilestoneRow]  # missed and still not reached on the day
    upcoming: list[MilestoneRow]  # due within the next 30 days, not reached yet
    owes_next: bool  # the task owes the month now running (it is not done)

    def items(self) -> list[str]:
        """What the letter names, as register keys: each missing month (2022-03) and each missed
        milestone (40@2022-04-30)."""
        return [*self.missing, *(milestone_key(m.task, m.due) for m in self.missed)]


@dataclass
class Reminder:
    unit: str
    as_of: dt.date
    next_report_due: dt.date | None  # the next monthly report, when a task of the unit owes it
    next_month: str | None  # the month that report covers (YYYY-MM)
    tasks: list[ReminderTask]
    reply_by: dt.date  # the day the letter asks for the missing reports by
    reminded_on: list[dt.date]  # earlier notices naming an item of this one (再次提示)
    repeated: list[str]  # the items already named in them

    @property
    def again(self) -> bool:
        return bool(self.reminded_on)

    def items(self) -> list[str]:
        return [item for task in self.tasks for item in task.items()]


def milestone_key(task: int, due: dt.date) -> str:
    return f"{task}@{due.isoformat()}"


def build_reminders(
    ledger: Ledger,
    as_of: dt.date,
    only_unit: str | None = None,
    sent: tuple[Sent, ...] | list[Sent] = (),
) -> list[Reminder]:
    """One reminder per lead unit that owes something on `as_of`, in units.yaml order; `sent`
    are the earlier notices (only those dated before `as_of` count)."""
    lines = rules.timelines(ledger)
    owing = {
        number: _task_items(ledger, task, lines[number], as_of)
        for number, task in ledger.tasks.items()
    }
    running = next((m for m in rules.reporting_calendar(ledger.plan) if m.due >= as_of), None)
    led = rules.tasks_by_unit(ledger)
    sent_to: dict[str, list[Sent]] = {}
    for notice in sent:
        sent_to.setdefault(notice.unit, []).append(notice)
    reminders = []
    for unit_id in lead_units(ledger):
        if only_unit is not None and unit_id != only_unit:
            continue
        items = [owing[n] for n in led.get(unit_id, []) if owing[n]]
        if items:
            reminders.append(_reminder(unit_id, as_of, running, items, sent_to.get(unit_id, [])))
    return reminders


def _reminder(
    unit_id: str,
    as_of: dt.date,
    running: rules.ReportMonth | None,
    tasks: list[ReminderTask],
    sent: tuple[Sent, ...] | list[Sent],
) -> Reminder:
    owes_next = running is not None and any(task.owes_next for task in tasks)
    named = {item for task in tasks for item in task.items()}
    earlier = [n for n in sent if n.unit == unit_id and n.day < as_of and n.items & named]
    repeated = sorted(set().union(*(n.items & named for n in earlier)))
    return Reminder(
        unit_id,
        as_of,
        running.due if owes_next else None,
        month_key(running.start) if owes_next else None,
        tasks,
        plus_days(as_of, REPLY_DAYS),
        sorted({n.day for n in earlier}),
        repeated,
    )


def _task_items(
    ledger: Ledger, task: Task, timeline: rules.Timeline, as_of: dt.date
) -> ReminderTask | None:
    missing = [
        f.month for f in rules.month_filings(ledger, timeline, as_of) if f.outcome == rules.MISSING
    ]
    missed, upcoming = [], []
    horizon = plus_days(as_of, HORIZON_DAYS)
    status = rules.state_as_of(timeline, as_of).status
    for milestone in rules.milestones(ledger, task):
        if status.meets(milestone.target):
            continue  # reached, on time or not: nothing to ask for
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
        status is not Status.done,
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
    subtitle = ledger.plan.title
    if reminder.again:
        days = "、".join(_day(day, labels.lang) for day in reminder.reminded_on)
        subtitle = labels("reminder_again", days=days)
    return Document(title, tables, reminder, subtitle=subtitle)


def _day(day: dt.date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.strftime("%-d %B %Y")


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
