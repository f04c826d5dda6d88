"""The rules of a new record, callable without a terminal. Pure.

What each value may be (`read_*`: text as typed or a value already typed, a refusal saying
why), what a new record starts from (the record a correction corrects, what it keeps from it,
the defaults offered), what is refused and what is warned about, and the order in which the
record is finished (its id, every field validated before any evidence file is stored).
`record` asks and prints around these; `draft_record` applies all of them at once to values
given together (a spreadsheet row).

A record is refused for an unknown task, a unit not assigned to the task, a date after today
or before the plan was issued, progress outside 0–100, an empty summary, a control character
in a text, or a correction of a record that does not exist, of another task, or already
corrected. A `done` after `done`, progress going down, a correction moving its month, or a
date after the plan's end is allowed with a warning.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pilotledger import lookup, rules, schema
from pilotledger.dates import DateError, month_key, parse_date
from pilotledger.errors import UserError
from pilotledger.model import Entry, Ledger, Record, Status, Task, Unit, UnitKind
from pilotledger.textgate import code_point, first_refused, is_blank
from pilotledger.validation import admitted_units, finding_of
from pilotledger.wording import Message


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


class Refused(Exception):
    """A value that cannot be used: the Message saying why, and whether the value is not even
    of the right form (`usage`: a command-line usage error, exit 2)."""

    def __init__(self, message: Message, usage: bool = False):
        super().__init__(message)
        self.message, self.usage = message, usage


def _refused(error: UserError) -> Refused:
    return Refused(error.args[0], usage=error.exit_code == 2)


# ---- one value: text as typed (or a value already typed) -------------------------------------


def read_task(ledger: Ledger, value: int | str) -> Task:
    try:
        return lookup.resolve_task(ledger, str(value))
    except UserError as error:
        raise _refused(error) from None


def unit_choices(ledger: Ledger, task: Task) -> list[str]:
    """The units offered for a task, numbered from 1 in this order: lead, then responsible.
    A group never records, so it is never offered (its members are typed by name)."""
    return [
        u for u in (*task.lead, *task.responsible) if ledger.units[u].kind is not UnitKind.group
    ]


def read_unit(ledger: Ledger, task: Task, value: str) -> Unit:
    """A unit by id, name or alias, or by its number among `unit_choices`; it must be one that
    may record for the task."""
    answer = str(value).strip()
    choices = unit_choices(ledger, task)
    if answer.isdigit() and len(answer) <= 3:
        if not 1 <= int(answer) <= len(choices):
            raise Refused(Message("choice_unknown", last=len(choices)))
        answer = choices[int(answer) - 1]
    try:
        unit = lookup.resolve_unit(ledger, answer)
    except UserError as error:
        raise _refused(error) from None
    problem = unit_problem(ledger, task, unit)
    if problem is not None:
        raise Refused(problem)
    return unit


def read_date(ledger: Ledger, value: dt.date | str, today: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = parse_date(value, today)
        except DateError as error:
            raise Refused(error.args[0], usage=True) from None
    problem = date_problem(ledger, day, today)
    if problem is not None:
        raise Refused(problem)
    return day


def read_status(value: Status | str) -> Status:
    """A status by key, label or synonym, or by its number in the order of `Status`."""
    if isinstance(value, Status):
        return value
    statuses = list(Status)
    answer = value.strip()
    if answer.isdigit():
        if not 1 <= int(answer) <= len(statuses):
            raise Refused(Message("choice_unknown", last=len(statuses)))
        return statuses[int(answer) - 1]
    try:
        return lookup.resolve_status(answer)
    except UserError as error:
        raise _refused(error) from None


def read_progress(value: int | str) -> int | None:
    """A percent (20, "20", "20%"); empty text is no progress."""
    if isinstance(value, int):
        progress = value
    else:
        text = str(value).strip().rstrip("%％").strip()
        if not text:
            return None
        if not text.lstrip("-").isdigit():
            raise Refused(Message("progress_not_number", text=str(value).strip()), usage=True)
        progress = int(text)
    problem = progress_problem(progress)
    if problem is not None:
        raise Refused(problem)
    return progress


def read_summary(text: str) -> str:
    problem = summary_problem(text)
    if problem is not None:
        raise Refused(problem)
    return text


# ---- what a new record starts from ----------------------------------------------------------

LAST = "last"  # corrects=LAST: the task's newest record in effect


def latest_entry(ledger: Ledger, task_number: int) -> Entry | None:
    """The task's newest record in effect (by date, then recorded_at; a record another one
    corrects is not in effect), or None."""
    own = [e for e in rules.effective_records(ledger.records) if e.task == task_number]
    return max(own, key=lambda entry: (entry.date, entry.recorded_ts)) if own else None


def corrected_record(ledger: Ledger, task: Task, corrects: str | None) -> Record | None:
    """The whole record a correction corrects (`LAST`: the task's newest), or None for a new
    record; refused when there is no such record. `ledger.full` gives the whole record."""
    if corrects is None:
        return None
    if corrects == LAST:
        newest = latest_entry(ledger, task.number)
        if newest is None:
            raise Refused(Message("corrects_none_yet", task=task.number))
        return ledger.full[newest.id]
    problem = corrects_problem(ledger, task, corrects)
    if problem is not None:
        raise Refused(problem)
    return ledger.full[corrects]


# What a correction keeps from the record it corrects, for each of these not given again.
CARRIED = ("progress", "summary", "problems", "next_steps", "evidence", "recorded_by")


def carried(corrected: Record | None) -> dict[str, Any]:
    """The values a correction keeps from the record it corrects (nothing for a new record);
    stored evidence stays stored, as {file, sha256}."""
    if corrected is None:
        return {name: [] if name == "evidence" else None for name in CARRIED}
    kept = {name: getattr(corrected, name) for name in CARRIED}
    kept["evidence"] = [
        item if isinstance(item, str) else {"file": item.file, "sha256": item.sha256}
        for item in corrected.evidence or []
    ]
    return kept


@dataclass
class Defaults:
    """The values offered before the clerk gives them: a correction starts from the record it
    corrects, a new record from the task as it stands today (and the newest record's unit)."""

    unit: str | None  # a unit id, or None when there is nothing to offer
    date: dt.date
    status: Status
    progress: int | None


def defaults(
    ledger: Ledger, task: Task, corrected: Record | None, latest: Entry | None, today: dt.date
) -> Defaults:
    state = rules.task_state(ledger, task.number, today)
    base = corrected or latest
    if corrected is not None:
        return Defaults(
            unit_default(ledger, task, base.unit),
            corrected.date,
            corrected.status,
            corrected.progress,
        )
    unit = unit_default(ledger, task, base.unit if base else None)
    return Defaults(unit, today, state.status, state.progress)


def unit_default(ledger: Ledger, task: Task, unit_id: str | None) -> str | None:
    """`unit_id` (the record started from) while it may still record for the task, else the
    task's only unit when it has one."""
    if unit_id is not None and unit_id in admitted_units(task, ledger.units):
        return unit_id
    choices = unit_choices(ledger, task)
    return choices[0] if len(choices) == 1 else None


def new_draft(
    task: Task,
    unit: Unit,
    date: dt.date,
    status: Status,
    corrected: Record | None = None,
    **values: Any,
) -> Draft:
    """The draft of `values` (CARRIED fields and none else); a correction is the record it
    corrects with the given fields changed: each not given (None, or no evidence) is kept."""
    kept = carried(corrected)
    for name in CARRIED:
        if values.get(name) in (None, []):
            values[name] = kept[name]
    corrects = corrected.id if corrected is not None else None
    return Draft(task, unit, date, status, corrects=corrects, **values)


# ---- the rules a draft must keep ------------------------------------------------------------

TEXT_FIELDS = ("summary", "problems", "next_steps", "evidence", "recorded_by")


@dataclass
class FieldProblem:
    """Why one field of a draft is refused (`field`: the record's key, e.g. next_steps)."""

    field: str
    message: Message


def text_problems(draft: Draft) -> list[FieldProblem]:
    """The text gate at `record`: the first control character of each text field."""
    found = []
    for name in TEXT_FIELDS:
        value = getattr(draft, name)
        for text in value if isinstance(value, list) else [value]:
            refused = first_refused(text) if isinstance(text, str) and text else None
            if refused is not None:
                position, char = refused
                message = Message(
                    "control_char", name=name, code=code_point(char), position=position
                )
                found.append(FieldProblem(name, message))
                break
    return found


def refusals(ledger: Ledger, draft: Draft, today: dt.date) -> list[FieldProblem]:
    """Every reason the draft is refused, text first (none: it may be written). `ledger` must
    hold every record of the task for a correction."""
    found = text_problems(draft)
    for name, problem in (
        ("unit", unit_problem(ledger, draft.task, draft.unit)),
        ("date", date_problem(ledger, draft.date, today)),
        ("progress", progress_problem(draft.progress)),
        ("summary", summary_problem(draft.summary)),
        ("corrects", corrects_problem(ledger, draft.task, draft.corrects)),
    ):
        if problem is not None:
            found.append(FieldProblem(name, problem))
    if draft.corrects is not None and not any(p.field == "corrects" for p in found):
        problem = correction_problem(ledger, draft)
        if problem is not None:
            found.append(FieldProblem("corrects", problem))
    return found


def check_draft(ledger: Ledger, draft: Draft, today: dt.date) -> list:
    """Raise UserError for the draft's first refusal; return the warnings if it is accepted."""
    found = refusals(ledger, draft, today)
    if found:
        raise UserError(found[0].message)
    return warnings(ledger, draft)


def correction_problem(ledger: Ledger, draft: Draft) -> Message | None:
    """A correction names a record of the same task that nothing corrects yet (that it exists
    is corrects_problem's)."""
    original = next(r for r in ledger.records if r.id == draft.corrects)
    if original.task != draft.task.number:
        return Message(
            "correction_other_task",
            original=original.id,
            original_task=original.task,
            task=draft.task.number,
        )
    earlier = next((r for r in ledger.records if r.corrects == original.id), None)
    if earlier is not None:
        return Message("correction_twice", original=original.id, by=earlier.id)
    return None


def unit_problem(ledger: Ledger, task: Task, unit: Unit) -> Message | None:
    if unit.kind is UnitKind.group:
        return Message(
            "group_records", unit=unit.id, name=unit.name, name_en=unit.name_en, task=task.number
        )
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


def warnings(ledger: Ledger, draft: Draft) -> list:
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
        words = (
            ("task", draft.task.number),
            ("before", before.progress),
            ("after", draft.progress),
        )
        warnings.append(("warn_progress_down", words))
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


# ---- values given together (a spreadsheet row): every rule at once ------------------------

REQUIRED = ("task", "unit", "date", "status", "summary")


@dataclass
class Given:
    """A record's values as given, as text or already typed; None: not given. A correction
    (`corrects`: an id or LAST) keeps what is not given of the CARRIED fields."""

    task: int | str | None = None
    unit: str | None = None
    date: dt.date | str | None = None
    status: Status | str | None = None
    progress: int | str | None = None
    summary: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    evidence: list = field(default_factory=list)
    corrects: str | None = None
    recorded_by: str | None = None


@dataclass
class Drafted:
    """A validated draft and its warnings, or (draft None) every problem found."""

    draft: Draft | None
    problems: list[FieldProblem] = field(default_factory=list)
    warnings: list = field(default_factory=list)


def draft_record(ledger: Ledger, given: Given, now: dt.datetime) -> Drafted:
    """`given` with exactly the rules of `record`: each value read, the correction's kept
    values, every refusal (all of them, each naming its field), the record validated as it
    would be stored, and the warnings. `ledger` holds the registries and the task's records
    (every one of them for a correction; `full` gives whole records). Nothing is written."""
    missing = [name for name in REQUIRED if getattr(given, name) is None]
    problems = [FieldProblem(name, Message("field_missing", field=name)) for name in missing]
    if given.task is None:
        return Drafted(None, problems)
    today = now.date()
    read = _Reader(problems)
    task = read("task", given.task, lambda value: read_task(ledger, value))
    if task is None:
        return Drafted(None, problems)
    corrected = read(
        "corrects", given.corrects, lambda value: corrected_record(ledger, task, value)
    )
    unit = read("unit", given.unit, lambda value: read_unit(ledger, task, value))
    day = read("date", given.date, lambda value: read_date(ledger, value, today))
    status = read("status", given.status, read_status)
    progress = read("progress", given.progress, read_progress)
    summary = read("summary", given.summary, read_summary)
    if problems:
        return Drafted(None, problems)
    draft = new_draft(
        task,
        unit,
        day,
        status,
        corrected,
        progress=progress,
        summary=summary,
        problems=given.problems,
        next_steps=given.next_steps,
        evidence=list(given.evidence),
        recorded_by=given.recorded_by,
    )
    refused = refusals(ledger, draft, today)
    if refused:
        return Drafted(None, refused)
    rejected = schema_refusal(record_fields(draft, new_record_id(now, set()), now))
    if rejected is not None:
        return Drafted(None, [rejected])
    return Drafted(draft, [], warnings(ledger, draft))


class _Reader:
    """Reads one given value with its rule, noting a refusal under the field's name."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems

    def __call__(self, name: str, value: Any, rule: Callable[[Any], Any]) -> Any:
        if value is None:
            return None
        try:
            return rule(value)
        except Refused as refused:
            self.problems.append(FieldProblem(name, refused.message))
            return None


# ---- finishing the record -------------------------------------------------------------------


def new_record_id(now: dt.datetime, taken: set[str]) -> str:
    """`YYYYMMDD-` and 12 random hex digits: unique across clones without any counter."""
    while True:
        candidate = f"{now:%Y%m%d}-{secrets.token_hex(6)}"
        if candidate not in taken:
            return candidate


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
    present = {key: value for key, value in fields.items() if value is not None}
    return schema.validate(Record, present)


def validated_record(fields: dict) -> Record:
    """The record, or a UserError naming the first field the schema rejects."""
    try:
        return as_record(fields)
    except schema.ValidationError as error:
        raise UserError(_first_finding(error).message) from None


def schema_refusal(fields: dict) -> FieldProblem | None:
    """The first field the schema rejects in `fields`, or None."""
    try:
        as_record(fields)
    except schema.ValidationError as error:
        found = _first_finding(error)
        name = next((part for part in found.loc if isinstance(part, str)), "record")
        return FieldProblem(name, found.message)
    return None


def _first_finding(error):
    first = error.errors()[0]
    return finding_of("", tuple(first["loc"]), first)


def finished(
    draft: Draft, taken: set[str], now: dt.datetime, store_evidence: Callable[[Any], Any]
) -> tuple[dict, Record]:
    """The record to append, made in this order: its id (new, not in `taken`), every field
    validated while a file to store still stands as its path (a refused record leaves no
    orphan in evidence/), then each evidence item through `store_evidence` (a file stored
    becomes its {file, sha256}; text stays text) and the record validated again."""
    record_id = new_record_id(now, taken)
    validated_record(record_fields(draft, record_id, now))
    stored = replace(draft, evidence=[store_evidence(item) for item in draft.evidence])
    fields = record_fields(stored, record_id, now)
    return fields, validated_record(fields)
