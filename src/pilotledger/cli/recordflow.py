"""The steps of `record`: take each value from its option or ask for it, check it at once,
confirm, store evidence, append, report.

At a terminal every answer is checked as it is given and asked again with the reason (an
option given on the command line that is refused is asked for again too); without one the
first refused value is an error naming its option. Nothing is written before the clerk
confirms, so Ctrl-C at any prompt leaves every file as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import typer

from pilotledger.dates import today
from pilotledger.errors import UsageError, UserError
from pilotledger.messages import Message, word

LAST = "last"
SUMMARY_SHOWN = 60


@dataclass
class RecordInputs:
    task: str | None
    unit: str | None
    date: str | None
    status: str | None
    progress: int | str | None
    summary: str | None
    problems: str | None
    next_steps: str | None
    evidence: list[str] = field(default_factory=list)
    corrects: str | None = None
    recorded_by: str | None = None


class Refused(Exception):
    """A value that cannot be used; carries the Message and whether it is a usage error."""

    def __init__(self, message: Message, usage: bool = False):
        super().__init__(message)
        self.message, self.usage = message, usage


def _refuse(error: UserError) -> Refused:
    return Refused(error.args[0], usage=error.exit_code == 2)


class Session:
    """One `record` run: the ledger slice, the clerk's terminal (or none), the language."""

    def __init__(self, settings, prompter, interactive: bool):
        from pilotledger.store import load_registries

        self.settings, self.labels = settings, settings.labels
        self.prompter, self.interactive = prompter, interactive
        self.registries = load_registries(settings.root)

    def text(self, message: Message) -> str:
        return word(message, self.labels.lang)

    def value(
        self, given: Any, option: str, read: Callable[[str], Any], ask: Callable[[], str]
    ) -> Any:
        """`read(given)`; when refused (or not given) at a terminal, ask until `read` accepts."""
        if given is None and not self.interactive:
            return None  # optional and not given (the required ones were checked before)
        if given is not None:
            try:
                return read(given)
            except Refused as refused:
                if not self.interactive:
                    error = UsageError if refused.usage else UserError
                    raise error(
                        Message("option_problem", option=option, problem=refused.message)
                    ) from None
                self.prompter.problem(self.text(refused.message))
        while True:
            try:
                return read(ask())
            except Refused as refused:
                self.prompter.problem(self.text(refused.message))


def run_record(
    settings, inputs: RecordInputs, interactive: bool, confirm: bool, prompter=None
) -> None:
    from pilotledger.cli.prompts import Prompter
    from pilotledger.render.terminal import print_text
    from pilotledger.store.writer import append_record

    session = Session(settings, prompter or Prompter(), interactive)
    making = _draft(session, inputs)
    labels = session.labels
    _show_warnings(session, making)
    while confirm:
        _show_draft(session, making.ledger, making.draft)
        if session.prompter.confirm(labels("confirm"), labels("confirm_again")):
            break
        field_name = _field_to_change(session)
        if field_name is None:
            session.prompter.say(labels("cancelled"))
            raise typer.Exit(1)
        _change(session, making, field_name)
        _show_warnings(session, making)
    fields, record = _stored(settings.root, making.ledger, making.draft)
    path = append_record(settings.root, fields, record)
    print_text(
        labels("written", id=record.id, file=path.relative_to(settings.root.parent).as_posix())
    )
    print_text(_status_line(making.ledger, record, labels))


def _show_warnings(session: Session, making: Making) -> None:
    from pilotledger.render.terminal import print_warning

    for key in making.warnings:
        text = _warning_text(session.labels, key, making.ledger, making.draft)
        _show_warning(session, text, print_warning)


def _show_warning(session: Session, text: str, print_warning) -> None:
    if session.interactive:
        session.prompter.say(text)
    else:
        print_warning(text)


@dataclass
class Making:
    """A record being made: the draft, the ledger it is checked against, and what it started from
    (`base`: the record corrected, else the task's newest; `state`: the task as of today)."""

    draft: Any
    ledger: Any
    recent: Any  # store.recent.RecentRecords: reads further back when the date moves
    base: Any
    state: Any
    warnings: list = field(default_factory=list)


# Fields the clerk may change at the confirmation, in the order they were asked.
CHANGEABLE = ("unit", "date", "status", "progress", "summary", "problems", "next_steps", "evidence")


def _draft(session: Session, inputs: RecordInputs) -> Making:
    """Every value of the new record, each checked as soon as it is known. A correction is the
    record it corrects with the given fields changed: what is not given comes from it."""
    from pilotledger import recording, rules
    from pilotledger.store.recent import RecentRecords

    labels, prompter = session.labels, session.prompter
    task = session.value(
        inputs.task,
        "TASK",
        lambda text: _read_task(session, text),
        lambda: prompter.ask(labels("prompt_task")),
    )
    if session.interactive:
        prompter.say(f"  {task.number}. {task.text}")
    corrects_id = None if inputs.corrects == LAST else inputs.corrects
    recent = RecentRecords(
        session.settings.root,
        session.registries,
        task.number,
        corrects_id,
        correcting=inputs.corrects is not None,
    )
    ledger = recent.ledger(today())
    latest = _latest(session, ledger, task.number)
    corrects, corrected = _corrects(session, ledger, task, inputs.corrects, latest)
    state = rules.task_state(ledger, task.number, today())
    making = Making(None, ledger, recent, corrected or latest, state)
    unit = _ask_unit(session, ledger, task, inputs.unit, making.base)
    day = _ask_date(session, making, inputs.date, _default_date(making.base, corrects))
    making.ledger = recent.ledger(day)
    status_default = state.status if making.base is None or not corrects else making.base.status
    status = _ask_status(session, inputs.status, status_default)
    carried = _carried(corrected)
    progress_default = _progress_default(state, making.base, corrects)
    progress = _ask_progress(session, inputs.progress, progress_default, carried["progress"])
    summary = _ask_summary(session, inputs.summary, carried["summary"])
    problems = _ask_optional_text(session, inputs.problems, "prompt_problems", carried["problems"])
    next_steps = _ask_optional_text(
        session, inputs.next_steps, "prompt_next_steps", carried["next_steps"]
    )
    evidence = _ask_evidence(session, inputs.evidence) or carried["evidence"]
    recorded_by = inputs.recorded_by if inputs.recorded_by is not None else carried["recorded_by"]
    making.draft = recording.Draft(
        task=task,
        unit=unit,
        date=day,
        status=status,
        summary=summary,
        progress=progress,
        problems=problems,
        next_steps=next_steps,
        evidence=evidence,
        corrects=corrects,
        recorded_by=recorded_by,
    )
    making.warnings = _checked_draft(making.ledger, making.draft)
    return making


def _carried(corrected) -> dict:
    """What a correction keeps from the record it corrects unless it is given again."""
    if corrected is None:
        return {
            "progress": None,
            "summary": None,
            "problems": None,
            "next_steps": None,
            "recorded_by": None,
            "evidence": [],
        }
    return {
        "progress": corrected.progress,
        "summary": corrected.summary,
        "problems": corrected.problems,
        "next_steps": corrected.next_steps,
        "recorded_by": corrected.recorded_by,
        "evidence": [
            item if isinstance(item, str) else {"file": item.file, "sha256": item.sha256}
            for item in corrected.evidence or []
        ],
    }


def _ask_date(session: Session, making: Making, given: str | None, default: str) -> dt.date:
    return session.value(
        given,
        "--date",
        lambda text: _read_date(making.ledger, text),
        lambda: session.prompter.ask(session.labels("prompt_date"), default),
    )


def _ask_progress(session: Session, given, default: str, carried: int | None) -> int | None:
    if given is None and not session.interactive:
        return carried
    return session.value(
        given,
        "--progress",
        _read_progress,
        lambda: session.prompter.ask(session.labels("prompt_progress"), default),
    )


def _ask_summary(session: Session, given: str | None, default: str | None) -> str:
    labels = session.labels
    return session.value(
        given,
        "--summary",
        _read_summary,
        lambda: session.prompter.ask_text(
            labels("prompt_summary"), labels("multiline_hint"), default
        ),
    )


def _ask_optional_text(session: Session, given: str | None, prompt_key: str, default: str | None):
    if given is not None:
        return given
    if not session.interactive:
        return default
    labels = session.labels
    return session.prompter.ask_text(labels(prompt_key), labels("multiline_hint"), default) or None


def _field_to_change(session: Session) -> str | None:
    """The field the clerk wants to change (asked by number), or None to quit (q)."""
    labels, prompter = session.labels, session.prompter
    prompter.say(labels("change_which"))
    prompter.choices(labels(name) for name in CHANGEABLE)
    while True:
        answer = prompter.ask(labels("prompt_change")).strip().lower()
        if answer in ("q", "quit", "退出"):
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(CHANGEABLE):
            return CHANGEABLE[int(answer) - 1]
        prompter.problem(session.text(Message("change_choice", last=len(CHANGEABLE))))


def _change(session: Session, making: Making, name: str) -> None:
    """Ask one field again (its current value as the default) and check the draft again."""
    from dataclasses import replace

    draft = making.draft
    if name == "unit":
        value = _ask_unit(session, making.ledger, draft.task, None, draft)
    elif name == "date":
        value = _ask_date(session, making, None, draft.date.isoformat())
        making.ledger = making.recent.ledger(value)
    elif name == "status":
        value = _ask_status(session, None, draft.status)
    elif name == "progress":
        shown = "" if draft.progress is None else str(draft.progress)
        prompt = session.labels("prompt_progress")
        value = session.value(
            None, "--progress", _read_progress, lambda: session.prompter.ask(prompt, shown)
        )
    elif name == "summary":
        value = _ask_summary(session, None, draft.summary)
    elif name == "evidence":
        value = _ask_evidence(session, [])
    else:
        value = _ask_optional_text(session, None, f"prompt_{name}", getattr(draft, name))
    making.draft = replace(draft, **{name: value})
    making.warnings = _checked_draft(making.ledger, making.draft)


OPTION_OF_FIELD = {"recorded_by": "--by"}  # otherwise --field-name


def _checked_draft(ledger, draft) -> list:
    """The draft's warnings, or its refusal; a refused text names the option it came from."""
    from pilotledger import recording
    from pilotledger.messages import user_error

    try:
        return recording.check_draft(ledger, draft, today())
    except UserError as error:
        if error.key != "control_char":
            raise
        words = dict(error.words)
        field_name = str(words["name"])
        words["name"] = OPTION_OF_FIELD.get(field_name, "--" + field_name.replace("_", "-"))
        raise user_error("control_char", **words) from None


def _read_task(session: Session, text: str):
    from pilotledger import lookup

    try:
        return lookup.resolve_task(session.registries, text)
    except UserError as error:
        raise _refuse(error) from None


def _latest(session: Session, ledger, task_number: int):
    """The task's newest record in effect (by date, then recorded_at; a record another one
    corrects is not in effect), or None."""
    from pilotledger.rules import effective_records
    from pilotledger.store.recent import full_record

    own = [entry for entry in effective_records(ledger.records) if entry.task == task_number]
    if not own:
        return None
    newest = max(own, key=lambda entry: (entry.date, entry.recorded_ts))
    return full_record(session.settings.root, newest)


def _corrects(session: Session, ledger, task, given: str | None, latest):
    """(id, record) of the record corrected; `--corrects last` is the task's newest record.
    At a terminal the record is shown before anything is asked."""
    from pilotledger.store.recent import full_record

    if given is None:
        return None, None
    if given == LAST:
        if latest is None:
            raise UserError(
                Message(
                    "option_problem",
                    option="--corrects",
                    problem=Message("corrects_none_yet", task=task.number),
                )
            )
        chosen = latest
    else:
        from pilotledger.recording import corrects_problem

        problem = corrects_problem(ledger, task, given)
        if problem is not None:
            raise UserError(Message("option_problem", option="--corrects", problem=problem))
        chosen = full_record(
            session.settings.root, next(e for e in ledger.records if e.id == given)
        )
    if session.interactive:
        session.prompter.say(session.labels("correcting", id=chosen.id))
        for line in record_lines(session.labels, ledger, chosen):
            session.prompter.say(line)
    return chosen.id, chosen


def _ask_unit(session: Session, ledger, task, given: str | None, base):
    """The reporting unit, from --unit or chosen by number; `base` (a record or draft) gives
    the default."""
    from pilotledger.checks import admitted_units

    labels = session.labels
    choices = [*task.lead, *task.responsible]
    if session.interactive and given is None:
        session.prompter.choices(
            f"{unit_shown(labels, ledger.units[u])} ({_role(labels, task, u)})" for u in choices
        )
    base_unit = None if base is None else getattr(base.unit, "id", base.unit)
    default = None
    if base_unit is not None and base_unit in admitted_units(task, ledger.units):
        default = str(choices.index(base_unit) + 1) if base_unit in choices else base_unit
    elif len(choices) == 1:
        default = "1"
    return session.value(
        given,
        "--unit",
        lambda text: _read_unit(ledger, task, choices, text),
        lambda: session.prompter.ask(labels("prompt_unit"), default),
    )


def unit_shown(labels, unit) -> str:
    """A unit as the clerk reads it: its name in Chinese; its English name and id in English."""
    return unit.name if labels.lang == "zh" else f"{unit.name_en} ({unit.id})"


def _role(labels, task, unit_id: str) -> str:
    return labels("mark_lead") if unit_id in task.lead else labels("mark_responsible")


def _read_unit(ledger, task, choices: list[str], text: str):
    from pilotledger import lookup
    from pilotledger.recording import unit_problem

    answer = text.strip()
    if answer.isdigit() and len(answer) <= 3:
        if not 1 <= int(answer) <= len(choices):
            raise Refused(Message("choice_unknown", last=len(choices)))
        answer = choices[int(answer) - 1]
    try:
        unit = lookup.resolve_unit(ledger, answer)
    except UserError as error:
        raise _refuse(error) from None
    problem = unit_problem(ledger, task, unit)
    if problem is not None:
        raise Refused(problem)
    return unit


def _read_date(ledger, text: str) -> dt.date:
    from pilotledger.dates import DateError, parse_date
    from pilotledger.recording import date_problem

    try:
        day = parse_date(text, today())
    except DateError as error:
        raise Refused(error.args[0], usage=True) from None
    problem = date_problem(ledger, day, today())
    if problem is not None:
        raise Refused(problem)
    return day


def _default_date(base, corrects: str | None) -> str:
    return base.date.isoformat() if corrects and base is not None else today().isoformat()


def _ask_status(session: Session, given: str | None, default_status):
    from pilotledger.model import Status

    labels = session.labels
    statuses = list(Status)
    if session.interactive and given is None:
        session.prompter.choices(labels.status_name(status) for status in statuses)
    default = labels.status_name(default_status)

    def read(text: str):
        from pilotledger.lookup import resolve_status

        answer = text.strip()
        if answer.isdigit():
            if not 1 <= int(answer) <= len(statuses):
                raise Refused(Message("choice_unknown", last=len(statuses)))
            return statuses[int(answer) - 1]
        try:
            return resolve_status(answer)
        except UserError as error:
            raise _refuse(error) from None

    return session.value(
        given, "--status", read, lambda: session.prompter.ask(labels("prompt_status"), default)
    )


def _read_progress(answer) -> int | None:
    from pilotledger.recording import progress_problem

    if isinstance(answer, int):
        value = answer
    else:
        text = str(answer).strip().rstrip("%％").strip()
        if not text:
            return None
        if not text.lstrip("-").isdigit():
            raise Refused(Message("progress_not_number", text=str(answer).strip()), usage=True)
        value = int(text)
    problem = progress_problem(value)
    if problem is not None:
        raise Refused(problem)
    return value


def _progress_default(state, base, corrects: str | None) -> str:
    progress = base.progress if corrects and base is not None else state.progress
    return "" if progress is None else str(progress)


def _read_summary(text: str) -> str:
    from pilotledger.recording import summary_problem

    problem = summary_problem(text)
    if problem is not None:
        raise Refused(problem)
    return text


def _ask_evidence(session: Session, given: list[str]) -> list[str]:
    """Evidence from --evidence, or asked for: one item a line, a file path or text."""
    items = list(given)
    if session.interactive and not items:
        session.prompter.say(session.labels("prompt_evidence"))
        while True:
            line = session.prompter.read("> ").strip()
            if not line:
                break
            items.append(line)
    return items


def _stored(root, ledger, draft):
    """Evidence files stored (atomically, under the lock); the record's fields and model."""
    from dataclasses import replace

    from pilotledger import recording
    from pilotledger.dates import now as clock_now
    from pilotledger.store.evidence import is_evidence_path, store_evidence
    from pilotledger.store.yamlio import timestamp

    now = timestamp(clock_now())
    record_id = recording.new_record_id(now, {r.id for r in ledger.records})
    # Every field is validated before any evidence file is copied: a refused record leaves
    # no orphan in evidence/ (a path stands in for its stored {file, sha256} meanwhile).
    _validated_record(recording.record_fields(draft, record_id, now))
    evidence = [
        store_evidence(root, _path(item))
        if isinstance(item, str) and is_evidence_path(item)
        else item
        for item in draft.evidence
    ]
    fields = recording.record_fields(replace(draft, evidence=evidence), record_id, now)
    return fields, _validated_record(fields)


def _validated_record(fields: dict):
    """The record, or a refusal naming the first field pydantic rejects (never a traceback)."""
    from pilotledger import recording, schema
    from pilotledger.checks import finding_of

    try:
        return recording.as_record(fields)
    except schema.ValidationError as error:
        found = finding_of("", tuple(error.errors()[0]["loc"]), error.errors()[0])
        if found.key is not None:
            raise UserError(found.message, 1, found.key, found.words) from None
        raise UserError(found.message) from None


def _path(text: str):
    from pathlib import Path

    return Path(text).expanduser()


def _show_draft(session: Session, ledger, draft) -> None:
    """The record as the clerk will read it back: labels and names, not keys."""
    labels, say = session.labels, session.prompter.say
    say("")
    say(labels("confirm_title"))
    rows = [
        (labels("task_line"), f"{draft.task.number}. {_short(draft.task.text)}"),
        (labels("unit"), _unit_with_role(labels, draft)),
        (labels("date"), draft.date.isoformat()),
        (labels("status"), labels.status_name(draft.status)),
        (labels("progress"), "" if draft.progress is None else f"{draft.progress}%"),
        (labels("summary"), draft.summary),
        (labels("problems"), draft.problems or ""),
        (labels("next_steps"), draft.next_steps or ""),
        (labels("evidence"), "\n".join(_evidence_shown(labels, item) for item in draft.evidence)),
        (labels("corrects"), draft.corrects or ""),
        (labels("recorded_by"), draft.recorded_by or ""),
    ]
    for line in labelled_lines(rows):
        say(line)


def _unit_with_role(labels, draft) -> str:
    shown = unit_shown(labels, draft.unit)
    if draft.unit.id in (*draft.task.lead, *draft.task.responsible):
        return f"{shown} ({_role(labels, draft.task, draft.unit.id)})"
    return shown


def _evidence_shown(labels, item) -> str:
    from pilotledger.store.evidence import is_evidence_path

    if isinstance(item, dict):  # carried over from the corrected record, already stored
        return f"{item['file']} (sha256 {item['sha256'][:12]}…)"
    return labels("evidence_file_shown", path=item) if is_evidence_path(item) else item


def _short(text: str) -> str:
    return text if len(text) <= SUMMARY_SHOWN else text[: SUMMARY_SHOWN - 1] + "…"


def labelled_lines(rows: list[tuple[str, str]]) -> list[str]:
    """`label  value` lines; a value of several lines continues under the first, indented."""
    from pilotledger.render.width import display_width

    width = max(display_width(label) for label, _ in rows)
    lines = []
    for label, value in rows:
        if not value:
            continue
        first, *rest = value.splitlines() or [""]
        pad = " " * (width - display_width(label))
        lines.append(f"  {label}{pad}  {first}")
        lines.extend(f"  {' ' * width}  {line}" for line in rest)
    return lines


def record_lines(labels, ledger, record) -> list[str]:
    """Every field of a stored record as labelled lines (for --corrects and its confirmation)."""
    unit = ledger.units.get(record.unit)
    rows = [
        (labels("id"), record.id),
        (labels("date"), record.date.isoformat()),
        (labels("unit"), unit_shown(labels, unit) if unit else record.unit),
        (labels("status"), labels.status_name(record.status)),
        (labels("progress"), "" if record.progress is None else f"{record.progress}%"),
        (labels("summary"), record.summary),
        (labels("problems"), record.problems or ""),
        (labels("next_steps"), record.next_steps or ""),
        (labels("evidence"), "\n".join(evidence_text(item) for item in record.evidence or [])),
        (labels("corrects"), record.corrects or ""),
        (labels("recorded_by"), record.recorded_by or ""),
        (labels("recorded_at"), str(record.recorded_at)),
    ]
    return labelled_lines(rows)


def evidence_text(item) -> str:
    return item if isinstance(item, str) else f"{item.file} (sha256 {item.sha256[:12]}…)"


def _warning_text(labels, key, ledger, draft) -> str:
    from pilotledger import rules
    from pilotledger.messages import english

    if isinstance(key, tuple):  # (message key, words) from the messages table
        return labels.message(key[0], key[1], english(*key))

    before = rules.task_state(ledger, draft.task.number, draft.date)
    return labels(key, task=draft.task.number, before=before.progress, after=draft.progress)


def _status_line(ledger, record, labels) -> str:
    from dataclasses import replace

    from pilotledger import rules
    from pilotledger.model import entry_of

    updated = replace(ledger, records=[*ledger.records, entry_of(record)])
    state = rules.task_state(updated, record.task, max(today(), record.date))
    progress = "—" if state.progress is None else f"{state.progress}%"
    return labels(
        "new_status", task=record.task, status=labels.status_name(state.status), progress=progress
    )
