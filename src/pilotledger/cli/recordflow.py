"""The steps of `record`: ask for what is missing, resolve, check, confirm, append, report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import typer

from pilotledger.cli.common import today
from pilotledger.errors import UserError


@dataclass
class RecordInputs:
    task: str | None
    unit: str | None
    date: str | None
    status: str | None
    progress: int | None
    summary: str | None
    problems: str | None
    next_steps: str | None
    evidence: list[str] = field(default_factory=list)
    corrects: str | None = None
    recorded_by: str | None = None


def run_record(settings, inputs: RecordInputs, interactive: bool, confirm: bool) -> None:
    from pilotledger import lookup, recording
    from pilotledger.render.terminal import print_text, print_warning
    from pilotledger.store import load_registries
    from pilotledger.store.history import History
    from pilotledger.store.writer import append_record
    from pilotledger.store.yamlio import record_block, timestamp

    labels = settings.labels
    registries = load_registries(settings.root)
    if interactive:
        inputs.task = inputs.task or typer.prompt(labels("prompt_task"))
    task = lookup.resolve_task(registries, inputs.task)
    history = History(settings.root, registries, task.number, inputs.corrects)
    draft = _draft(history.ledger(today()), task, inputs, interactive, labels)
    ledger = history.ledger(draft.date)
    warnings = recording.check_draft(ledger, draft, today())
    now = timestamp(dt.datetime.now().astimezone())
    fields = recording.record_fields(draft, recording.new_record_id(now, {r.id for r in ledger.records}), now)
    record = recording.as_record(fields)
    for key in warnings:
        print_warning(_warning_text(labels, key, ledger, draft))
    if confirm:
        print_text(record_block(fields))
        if not typer.confirm(labels("confirm"), default=True):
            print_text(labels("cancelled"))
            raise typer.Exit(1)
    path = append_record(settings.root, fields, record)
    print_text(labels("written", id=record.id, file=path.relative_to(settings.root.parent).as_posix()))
    print_text(_status_line(ledger, record, labels))


def _draft(ledger, task, inputs: RecordInputs, interactive: bool, labels):
    from pilotledger import ledger as rules
    from pilotledger import lookup
    from pilotledger.recording import Draft

    state = rules.state_as_of(rules.timelines(ledger)[task.number], today())
    if interactive:
        _ask(inputs, ledger, task, state, labels)
    return Draft(
        task=task,
        unit=lookup.resolve_unit(ledger, inputs.unit),
        date=_day(inputs.date),
        status=lookup.resolve_status(inputs.status),
        summary=inputs.summary or "",
        progress=inputs.progress,
        problems=inputs.problems,
        next_steps=inputs.next_steps,
        evidence=inputs.evidence,
        corrects=inputs.corrects,
        recorded_by=inputs.recorded_by,
    )


def _day(text: str) -> dt.date:
    from pilotledger.dates import DateError, parse_date

    try:
        return parse_date(text, today())
    except DateError as error:
        raise UserError(f"--date: {error}") from None


def _ask(inputs: RecordInputs, ledger, task, state, labels) -> None:
    """Prompt for each missing value, offering the task's own units and its last status."""
    if inputs.unit is None:
        choices = [*task.lead, *task.responsible]
        for number, unit_id in enumerate(choices, start=1):
            role = labels("mark_lead") if unit_id in task.lead else labels("mark_responsible")
            typer.echo(f"  {number}) {ledger.units[unit_id].name} ({role})")
        answer = typer.prompt(labels("prompt_unit"), default="1")
        inputs.unit = choices[int(answer) - 1] if answer.isdigit() and 0 < int(answer) <= len(choices) else answer
    if inputs.date is None:
        inputs.date = typer.prompt(labels("prompt_date"), default=today().isoformat())
    if inputs.status is None:
        names = " / ".join(f"{s.value} {labels.status_name(s)}" for s in type(state.status))
        typer.echo(f"  {names}")
        inputs.status = typer.prompt(labels("prompt_status"), default=labels.status_name(state.status))
    if inputs.progress is None:
        answer = typer.prompt(labels("prompt_progress"), default="" if state.progress is None else str(state.progress),
                              show_default=state.progress is not None)
        inputs.progress = _progress(answer)
    while not (inputs.summary or "").strip():
        inputs.summary = typer.prompt(labels("prompt_summary"))
    if inputs.problems is None:
        inputs.problems = typer.prompt(labels("prompt_problems"), default="", show_default=False) or None
    if inputs.next_steps is None:
        inputs.next_steps = typer.prompt(labels("prompt_next_steps"), default="", show_default=False) or None


def _progress(answer: str) -> int | None:
    answer = answer.strip().rstrip("%")
    if not answer:
        return None
    if not answer.isdigit():
        raise UserError(f"progress {answer!r} is not a whole number from 0 to 100")
    return int(answer)


def _warning_text(labels, key, ledger, draft) -> str:
    from pilotledger import ledger as rules
    from pilotledger.messages import english

    if isinstance(key, tuple):  # (message key, words) from the messages table
        return labels.message(key[0], key[1], english(*key))

    before = rules.state_as_of(rules.timelines(ledger)[draft.task.number], draft.date)
    return labels(key, task=draft.task.number, before=before.progress, after=draft.progress)


def _status_line(ledger, record, labels) -> str:
    from dataclasses import replace

    from pilotledger import ledger as rules
    from pilotledger.model import entry_of

    updated = replace(ledger, records=[*ledger.records, entry_of(record)])
    state = rules.state_as_of(rules.timelines(updated)[record.task], max(today(), record.date))
    progress = "—" if state.progress is None else f"{state.progress}%"
    return labels("new_status", task=record.task, status=labels.status_name(state.status), progress=progress)
