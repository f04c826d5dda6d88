"""`overdue`: what each lead unit owes (missing monthly reports, missed milestones) as plain
data, and the table grouped by unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger import rules
from pilotledger.document import Column, Document, Table
from pilotledger.jsondata import OMIT_NONE
from pilotledger.model import Ledger, Status, Task
from pilotledger.views.cells import SHORT_TEXT
from pilotledger.wording import Labels


@dataclass
class OverdueEntry:
    """What a task owes: its missing monthly reports (`period`) or one missed milestone."""

    task: int
    kind: str  # "report" or "milestone"
    days: int  # since the oldest missing month's due day, or since the milestone's due day
    lead: list[str]
    period: list[str] | None = field(default=None, metadata=OMIT_NONE)  # YYYY-MM
    due: dt.date | None = field(default=None, metadata=OMIT_NONE)
    target: Status | None = field(default=None, metadata=OMIT_NONE)


@dataclass
class Overdue:
    """Everything owed as of a day (`entries`, the JSON) and the same entries under each lead
    unit that owes them (`by_unit`, in units.yaml order: what the tables show)."""

    as_of: dt.date
    entries: list[OverdueEntry]
    by_unit: dict[str, list[OverdueEntry]]


def overdue(
    ledger: Ledger, tasks: list[Task], as_of: dt.date, only_unit: str | None = None
) -> Overdue:
    items = rules.overdue_items(ledger, as_of, tasks)
    entry_of = {id(item): _overdue_entry(item) for item in items}
    grouped = rules.owed_by_unit(ledger, items)
    by_unit = {
        unit_id: [entry_of[id(item)] for item in owed]
        for unit_id, owed in grouped.items()
        if only_unit is None or unit_id == only_unit
    }
    listed = {id(entry) for owed in by_unit.values() for entry in owed}
    entries = [entry for entry in entry_of.values() if id(entry) in listed]
    return Overdue(as_of, entries, by_unit)


def _overdue_entry(item: rules.OverdueItem) -> OverdueEntry:
    entry = OverdueEntry(item.task.number, item.kind, item.days, list(item.task.lead))
    if item.kind == "report":
        entry.period = item.period
    else:
        entry.due, entry.target = item.milestone.due, item.milestone.target
    return entry


def overdue_document(ledger: Ledger, owed: Overdue, labels: Labels) -> Document:
    """What each lead unit owes: one group per unit (its name in the unit column; text formats
    head each group with the name and the count)."""
    columns = [
        Column("unit", labels("unit")),
        Column("task", labels("task"), "right"),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("kind", labels("overdue_kind")),
        Column("period", labels("period")),
        Column("days", labels("days"), "right"),
    ]
    rows, headings = [], {}
    for unit_id, entries in owed.by_unit.items():
        name = labels.unit_name(ledger.units[unit_id])
        headings[name] = labels("title_owed_by", unit=name, count=len(entries))
        rows.extend([name, *_overdue_cells(ledger, entry, labels)] for entry in entries)
    as_of = owed.as_of.isoformat()
    notes = [] if rows else [labels("nothing_overdue", as_of=as_of)]
    table = Table(
        labels("title_overdue", as_of=as_of),
        columns,
        rows,
        notes=notes,
        group_by="unit",
        group_titles=headings,
    )
    return Document("", [table], owed.entries)


def _overdue_cells(ledger: Ledger, entry: OverdueEntry, labels: Labels) -> list:
    text = ledger.tasks[entry.task].text
    if entry.kind == "report":
        return [entry.task, text, labels("kind_report"), entry.period, entry.days]
    period = f"{entry.due.isoformat()} → {labels.status_name(entry.target)}"
    return [entry.task, text, labels("kind_milestone"), period, entry.days]
