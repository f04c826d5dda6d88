"""The rules for a new record: what is refused, what is warned about, and its id. Pure.

A record is refused (UserError) for an unknown task, a unit not assigned to the task, a date
after today or before the plan was issued, progress outside 0–100, an empty summary, or a
correction of a record that does not exist. A `done` after `done`, progress going down, or a
date after the plan's end is allowed with a warning.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from pilotledger import rules
from pilotledger.checks import admitted_units
from pilotledger.dates import month_key
from pilotledger.errors import UserError
from pilotledger.messages import Message, user_error
from pilotledger.model import Ledger, Record, Status, Task, Unit, UnitKind
from pilotledger.textgate import code_point, first_refused, is_blank


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
    evidence: list = field(default_factory=list)  # text, a file to store, or {file, sha256}
    corrects: str | None = None
    recorded_by: str | None = None


def new_record_id(now: dt.datetime, taken: set[str]) -> str:
    """`YYYYMMDD-` and 12 random hex digits: unique across clones without any counter."""
    while True:
        candidate = f"{now:%Y%m%d}-{secrets.token_hex(6)}"
        if candidate not in taken:
            return candidate


TEXT_FIELDS = ("summary", "problems", "next_steps", "evidence", "recorded_by")


def gate_text(draft: Draft) -> None:
    """The text gate at `record`: the first control character of any text field, named by its
    field (the CLI names the option)."""
    for name in TEXT_FIELDS:
        value = getattr(draft, name)
        for text in value if isinstance(value, list) else [value]:
            found = first_refused(text) if isinstance(text, str) and text else None
            if found is not None:
                position, char = found
                raise user_error(
                    "control_char", name=name, code=code_point(char), position=position
                )


def check_draft(ledger: Ledger, draft: Draft, today: dt.date) -> list[str]:
    """Raise UserError if the draft is refused; return the warnings if it is accepted."""
    gate_text(draft)
    for problem in (
        unit_problem(ledger, draft.task, draft.unit),
        date_problem(ledger, draft.date, today),
        progress_problem(draft.progress),
        summary_problem(draft.summary),
        corrects_problem(ledger, draft.task, draft.corrects),
    ):
        if problem is not None:
            raise UserError(problem)
    if draft.corrects is not None:
        _check_correction(ledger, draft)
    return _warnings(ledger, draft)


def _check_correction(ledger: Ledger, draft: Draft) -> None:
    """A correction names a record of the same task that nothing corrects yet (that it exists
    is corrects_problem's). `ledger` must hold every record of the task (History reads them
    all for a correction)."""
    original = next(r for r in ledger.records if r.id == draft.corrects)
    if original.task != draft.task.number:
        raise user_error(
            "correction_other_task",
            original=original.id,
            original_task=original.task,
            task=draft.task.number,
        )
    earlier = next((r for r in ledger.records if r.corrects == original.id), None)
    if earlier is not None:
        raise user_error("correction_twice", original=original.id, by=earlier.id)


def unit_problem(ledger: Ledger, task: Task, unit: Unit) -> Message | None:
    if unit.kind is UnitKind.group:
        return Message("group_records", unit=unit.id, task=task.number)
    if unit.id in admitted_units(task, ledger.units):
        return None
    return Message(
        "unit_not_assigned",
        unit=unit.name,
        task=task.number,
        lead=[ledger.units[i].name for i in task.lead],
        responsible=[ledger.units[i].name for i in task.responsible],
    )


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
    return Message("summary_empty") if is_blank(summary) else None


def corrects_problem(ledger: Ledger, task: Task, corrects: str | None) -> Message | None:
    if corrects is None:
        return None
    if corrects not in {r.id for r in ledger.records}:
        return Message("corrects_unknown", id=corrects, task=task.number)
    return None


def _warnings(ledger: Ledger, draft: Draft) -> list:
    """Warning keys (labels), or (key, words) pairs for the messages table."""
    before = rules.task_state(ledger, draft.task.number, draft.date)
    warnings: list = []
    moved = _moved_month(ledger, draft)
    if moved is not None:
        warnings.append(moved)
    if draft.status is Status.done and before.status is Status.done and draft.corrects is None:
        warnings.append("warn_done_again")
    if (
        draft.progress is not None
        and before.progress is not None
        and draft.progress < before.progress
    ):
        warnings.append("warn_progress_down")
    if draft.date > ledger.plan.end:
        warnings.append(("warn_after_plan_end", (("date", draft.date), ("end", ledger.plan.end))))
    return warnings


def _moved_month(ledger: Ledger, draft: Draft) -> tuple[str, tuple] | None:
    """A correction dated in another month than its original moves that month's report."""
    original = (
        next((r for r in ledger.records if r.id == draft.corrects), None)
        if draft.corrects
        else None
    )
    if original is None or (original.date.year, original.date.month) == (
        draft.date.year,
        draft.date.month,
    ):
        return None
    words = (
        ("original", original.id),
        ("before", month_key(original.date)),
        ("after", month_key(draft.date)),
    )
    return "warn_correction_moves", words


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
    from pilotledger import schema  # pydantic: only where data is validated

    present = {key: value for key, value in fields.items() if value is not None}
    return schema.validate(Record, present)
