"""`tasks`: the plan's tasks as plain data, and their table."""

from __future__ import annotations

from dataclasses import dataclass

from pilotledger.document import Column, Document, Table
from pilotledger.model import Ledger, Task
from pilotledger.views.cells import SHORT_TEXT, responsible_cell, unit_names
from pilotledger.wording import Labels


@dataclass
class TaskItem:
    task: int
    section: int
    text: str
    lead: list[str]
    responsible: list[str]
    note: str | None


def task_items(tasks: list[Task]) -> list[TaskItem]:
    return [
        TaskItem(t.number, t.section, t.text, list(t.lead), list(t.responsible), t.note)
        for t in tasks
    ]


def tasks_document(ledger: Ledger, items: list[TaskItem], labels: Labels) -> Document:
    columns = [
        Column("task", labels("task"), "right"),
        Column("section", labels("section")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("lead", labels("lead"), wrap=True),
        Column("responsible", labels("responsible"), wrap=True),
    ]
    sections = {s.number: s.label for s in ledger.sections}
    rows = [
        [
            t.task,
            sections[t.section],
            t.text,
            unit_names(ledger, t.lead, labels),
            responsible_cell(ledger, t, labels),
        ]
        for t in items
    ]
    return Document("", [Table(labels("title_tasks"), columns, rows)], items)
