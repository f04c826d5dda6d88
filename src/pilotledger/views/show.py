"""`show`: one task, its standing on the as-of day, its milestones and every record (corrections
applied and marked), as plain data and as tables. The site's task pages use the same data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger import rules
from pilotledger.document import Column, Document, LightLabel, Table
from pilotledger.jsondata import INLINE
from pilotledger.model import Ledger, Record, Status, Task
from pilotledger.views.cells import progress_text, responsible_cell, unit_names
from pilotledger.wording import Labels


@dataclass
class MilestoneItem:
    due: dt.date
    target: Status
    note: str | None


@dataclass
class HistoryEntry:
    """One record of a task as written, and whether a correction replaced it."""

    record: Record = field(metadata=INLINE)
    superseded: bool = False


@dataclass
class TaskDetail:
    """`show`: one task, its standing on the as-of day, milestones and every record."""

    task: int
    section: int
    text: str
    lead: list[str]
    responsible: list[str]
    note: str | None
    status: Status
    progress: int | None
    light: str
    milestones: list[MilestoneItem]
    history: list[HistoryEntry]


def task_detail(ledger: Ledger, task: Task, as_of: dt.date) -> TaskDetail:
    effective_ids = {r.id for r in rules.effective_records(ledger.records)}
    own = sorted(
        (r for r in ledger.records if r.task == task.number),
        key=lambda r: (r.date, r.recorded_ts),
    )
    standing = rules.task_statuses(ledger, as_of, [task])[0]
    return TaskDetail(
        task.number,
        task.section,
        task.text,
        list(task.lead),
        list(task.responsible),
        task.note,
        standing.state.status,
        standing.state.progress,
        standing.light,
        [MilestoneItem(m.due, m.target, m.note) for m in rules.milestones(ledger, task)],
        [HistoryEntry(ledger.full[r.id], r.id not in effective_ids) for r in own],
    )


def show_document(ledger: Ledger, detail: TaskDetail, labels: Labels) -> Document:
    """One task: its text, units, milestones and full history, corrections applied and marked."""
    section = next(s for s in ledger.sections if s.number == detail.section)
    facts = Table(
        f"{labels('task')} {detail.task}",
        [Column("field", ""), Column("value", "", wrap=True)],
        [
            [labels("section"), f"{section.label}{section.title}"],
            [labels("text"), detail.text],
            [labels("lead"), unit_names(ledger, detail.lead, labels, full=True)],
            [labels("responsible"), responsible_cell(ledger, detail, labels, full=True)],
            [labels("status"), labels.status_name(detail.status)],
            [labels("progress"), progress_text(detail.progress)],
            [labels("light"), LightLabel(labels(f"light_{detail.light}"), detail.light)],
        ],
    )
    milestones = Table(
        labels("milestones"),
        [
            Column("due", labels("due")),
            Column("target", labels("target")),
            Column("note", labels("note"), wrap=True),
        ],
        [
            [m.due.isoformat(), labels.status_name(m.target), m.note or ""]
            for m in detail.milestones
        ],
    )
    history = Table(
        labels("title_history"),
        _history_columns(labels),
        [_history_row(ledger, entry.record, entry.superseded, labels) for entry in detail.history],
    )
    return Document("", [facts, milestones, history], detail)


def _history_columns(labels: Labels) -> list[Column]:
    return [
        Column("date", labels("date")),
        Column("id", labels("id")),
        Column("unit", labels("unit")),
        Column("status", labels("status")),
        Column("progress", labels("progress"), "right"),
        Column("summary", labels("summary"), wrap=True),
        Column("problems", labels("problems"), wrap=True),
        Column("next_steps", labels("next_steps"), wrap=True),
        Column("evidence", labels("evidence"), wrap=True),
        Column("corrects", labels("corrects"), wrap=True),
        Column("recorded_by", labels("recorded_by"), wrap=True),
        Column("recorded_at", labels("recorded_at")),
    ]


def evidence_cell(item) -> str:
    """Evidence as shown: text as it is, a stored file as its path and the start of its hash."""
    return item if isinstance(item, str) else f"{item.file} (sha256 {item.sha256[:12]})"


def _history_row(ledger: Ledger, record: Record, superseded: bool, labels: Labels) -> list:
    marks = []
    if superseded:
        marks.append(labels("corrected"))
    if record.corrects:
        marks.append(labels("correction_of", id=record.corrects))
    return [
        record.date.isoformat(),
        record.id,
        labels.unit_name(ledger.units[record.unit]),
        labels.status_name(record.status),
        progress_text(record.progress),
        record.summary,
        record.problems or "",
        record.next_steps or "",
        [evidence_cell(e) for e in record.evidence or []],
        "；".join(marks),
        record.recorded_by or "",
        record.recorded_at.isoformat(sep=" "),
    ]
