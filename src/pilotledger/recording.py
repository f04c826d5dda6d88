"""The rules for a new record: what is refused, what is warned about, and its id. Pure.

A record is refused (UserError) for an unknown task, a unit not assigned to the task, a date
after today or before the plan was issued, progress outside 0–100, an empty summary, or a
correction of a record that does not exist. A `done` after `done`, or progress going down,
is allowed with a warning.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from pilotledger import ledger as rules
from pilotledger.checks import admitted_units
from pilotledger.errors import UserError
from pilotledger.messages import Message
from pilotledger.model import Ledger, Record, Status, Task, Unit, UnitKind


@dataclass
class Draft:
    """What the clerk gave, already resolved to ledger objects."""

    task: Task
    unit: Unit
    date: dt.date
    status: Status
    summary: str
    progress: int | None = None
    problems: str | None = None
    next_steps: str | None = None
    evidence: list[str] = field(default_factory=list)
    corrects: str | None = None
    recorded_by: str | None = None


def new_record_id(now: dt.datetime, taken: set[str]) -> str:
    """`YYYYMMDD-` and 12 random hex digits: unique across clones without any counter."""
    while True:
        candidate = f"{now:%Y%m%d}-{secrets.token_hex(6)}"
        if candidate not in taken:
            return candidate


def check_draft(ledger: Ledger, draft: Draft, today: dt.date) -> list[str]:
    """Raise UserError if the draft is refused; return the warnings if it is accepted."""
    for problem in (
        unit_problem(ledger, draft.task, draft.unit),
        date_problem(ledger, draft.date, today),
        progress_problem(draft.progress),
        summary_problem(draft.summary),
        corrects_problem(ledger, draft.task, draft.corrects),
    ):
        if problem is not None:
            raise UserError(problem)
    return _warnings(ledger, draft)


def unit_problem(ledger: Ledger, task: Task, unit: Unit) -> Message | None:
    if unit.kind is UnitKind.group:
        return Message("group_records", unit=unit.name)
    if unit.id in admitted_units(task, ledger.units):
        return None
    return Message("unit_not_assigned", unit=unit.name, task=task.number,
                   lead=[ledger.units[i].name for i in task.lead],
                   responsible=[ledger.units[i].name for i in task.responsible])


def date_problem(ledger: Ledger, day: dt.date, today: dt.date) -> Message | None:
    if day > today:
        return Message("date_future", date=day, today=today)
    if day < ledger.plan.issued:
        return Message("date_before_plan", date=day, issued=ledger.plan.issued)
    return None


def progress_problem(progress: int | None) -> Message | None:
    if progress is not None and not 0 <= progress <= 100:
        return Message("progress_range", progress=progress)
    return None


def summary_problem(summary: str | None) -> Message | None:
    return Message("summary_empty") if not (summary or "").strip() else None


def corrects_problem(ledger: Ledger, task: Task, corrects: str | None) -> Message | None:
    if corrects is None:
        return None
    if corrects not in {r.id for r in ledger.records}:
        return Message("corrects_unknown", id=corrects, task=task.number)
    return None


def _warnings(ledger: Ledger, draft: Draft) -> list[str]:
    timeline = rules.timelines(ledger)[draft.task.number]
    before = rules.state_as_of(timeline, draft.date)
    warnings = []
    if draft.status is Status.done and before.status is Status.done and draft.corrects is None:
        warnings.append("warn_done_again")
    if draft.progress is not None and before.progress is not None and draft.progress < before.progress:
        warnings.append("warn_progress_down")
    return warnings


def record_fields(draft: Draft, record_id: str, recorded_at: dt.datetime) -> dict:
    """The record as an ordered mapping of its stored keys (None for what is absent)."""
    return {
        "id": record_id,
        "task": draft.task.number,
        "date": draft.date,
        "unit": draft.unit.id,
        "status": draft.status.value,
        "progress": draft.progress,
        "summary": draft.summary,
        "problems": draft.problems or None,
        "next_steps": draft.next_steps or None,
        "evidence": draft.evidence or None,
        "corrects": draft.corrects,
        "recorded_at": recorded_at,
        "recorded_by": draft.recorded_by or None,
    }


def as_record(fields: dict) -> Record:
    return Record.model_validate({key: value for key, value in fields.items() if value is not None})
