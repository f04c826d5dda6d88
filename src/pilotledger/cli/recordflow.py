"""The steps of `record`: take each value from its option or ask for it, check it at once,
confirm, store evidence, append, report. The rules (what a value may be, what a correction
keeps, the defaults offered, the order a record is finished in) are recording.py's.

At a terminal every answer is checked as it is given and asked again with the reason (an
option given on the command line that is refused is asked for again too); without one the
first refused value is an error naming its option. Nothing is written before the clerk
confirms, so Ctrl-C at any prompt leaves every file as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import typer

from pilotledger import recording, rules
from pilotledger.cli.common import Settings
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.cli.prompts import Prompter
from pilotledger.dates import now as clock_now
from pilotledger.dates import today
from pilotledger.errors import UsageError, UserError
from pilotledger.gitflow import in_a_repository, shell_words
from pilotledger.model import Status, entry_of
from pilotledger.recording import LAST, Given, Refused
from pilotledger.render.terminal import print_text, print_warning
from pilotledger.render.width import display_width
from pilotledger.store import load_registries
from pilotledger.store.evidence import is_evidence_path, not_a_regular_file, store_evidence
from pilotledger.store.recent import RecentRecords
from pilotledger.store.writer import append_record
from pilotledger.store.yamlio import timestamp
from pilotledger.wording import Message, word

SUMMARY_SHOWN = 60


class Session:
    """One `record` run: the ledger slice, the clerk's terminal (or none), the language."""

    def __init__(self, settings, prompter, interactive: bool):
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


REQUIRED = (
    ("task", "TASK"),
    ("unit", "--unit"),
    ("date", "--date"),
    ("status", "--status"),
    ("summary", "--summary"),
)


def run_typed(options: GlobalOptions, *, evidence: list[str] | None, yes: bool, **given) -> None:
    """`record` with the values typed (Given's other fields): at a terminal whatever is missing
    is asked for and the record confirmed (unless --yes); without one, every required value
    must be given."""
    inputs = Given(**given, evidence=list(evidence or []))
    interactive = sys.stdin.isatty()
    if not interactive:
        missing = [option for name, option in REQUIRED if getattr(inputs, name) is None]
        if missing:
            raise UsageError(Message("missing_options", names=missing))
    confirm = interactive and not yes
    run_record(Settings.of(options), inputs, interactive=interactive, confirm=confirm)


def run_record(settings, inputs: Given, interactive: bool, confirm: bool, prompter=None) -> None:
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
    command = _git_add_line(settings.root, path, fields.get("evidence") or [])
    if command:
        print_text(labels("git_add_line", command=command))


def _git_add_line(root, month_file, evidence) -> str | None:
    """The exact `git add` of what this record wrote (its month file and evidence files),
    with paths as seen from the current folder; None outside a git work tree."""
    if not in_a_repository(root):
        return None
    stored = [root / item["file"] for item in evidence if isinstance(item, dict)]
    paths = [os.path.relpath(path) for path in (month_file, *dict.fromkeys(stored))]
    return shell_words("git", "add", "--", *paths)


def _show_warnings(session: Session, making: Making) -> None:
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
    """A record being made: the draft and the ledger it is checked against (`recent` reads
    further back when the date moves)."""

    draft: Any
    ledger: Any
    recent: Any  # store.recent.RecentRecords
    warnings: list = field(default_factory=list)


# Fields the clerk may change at the confirmation, in the order they were asked.
CHANGEABLE = ("unit", "date", "status", "progress", "summary", "problems", "next_steps", "evidence")


def _draft(session: Session, inputs: Given) -> Making:
    """Every value of the new record, each checked as soon as it is known; the values offered
    and what a correction keeps are recording's."""
    labels, prompter = session.labels, session.prompter
    task = session.value(
        inputs.task,
        "TASK",
        lambda text: recording.read_task(session.registries, text),
        lambda: prompter.ask(labels("prompt_task")),
    )
    if session.interactive:
        prompter.say(f"  {task.number}. {task.text}")
    recent = RecentRecords(
        session.settings.root,
        session.registries,
        task.number,
        None if inputs.corrects == LAST else inputs.corrects,
        correcting=inputs.corrects is not None,
    )
    making = Making(None, recent.ledger(today()), recent)
    corrected = _corrected(session, making.ledger, task, inputs.corrects)
    latest = recording.latest_entry(making.ledger, task.number)
    offered = recording.defaults(making.ledger, task, corrected, latest, today())
    kept = recording.carried(corrected)
    unit = _ask_unit(session, making.ledger, task, inputs.unit, offered.unit)
    day = _ask_date(session, making, inputs.date, offered.date.isoformat())
    making.ledger = recent.ledger(day)
    making.draft = recording.new_draft(
        task,
        unit,
        day,
        _ask_status(session, inputs.status, offered.status),
        corrected,
        progress=_ask_progress(session, inputs.progress, _percent(offered.progress)),
        summary=_ask_summary(session, inputs.summary, kept["summary"]),
        problems=_ask_optional_text(session, inputs.problems, "prompt_problems", kept["problems"]),
        next_steps=_ask_optional_text(
            session, inputs.next_steps, "prompt_next_steps", kept["next_steps"]
        ),
        evidence=_ask_evidence(session, inputs.evidence),
        recorded_by=inputs.recorded_by,
    )
    making.warnings = _checked_draft(making.ledger, making.draft)
    return making


def _percent(progress: int | None) -> str:
    return "" if progress is None else str(progress)


def _ask_progress(session: Session, given, default: str) -> int | None:
    if given is None and not session.interactive:
        return None  # a correction keeps its original's
    return session.value(
        given,
        "--progress",
        recording.read_progress,
        lambda: session.prompter.ask(session.labels("prompt_progress"), default),
    )


def _ask_summary(session: Session, given: str | None, default: str | None) -> str:
    labels = session.labels
    return session.value(
        given,
        "--summary",
        recording.read_summary,
        lambda: session.prompter.ask_text(
            labels("prompt_summary"), labels("multiline_hint"), default
        ),
    )


def _ask_optional_text(session: Session, given: str | None, prompt_key: str, default: str | None):
    """The text given, else asked (an empty answer stays empty); None when neither, so that a
    correction keeps its original's."""
    if given is not None or not session.interactive:
        return given
    labels = session.labels
    return session.prompter.ask_text(labels(prompt_key), labels("multiline_hint"), default)


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
    draft = making.draft
    if name == "unit":
        value = _ask_unit(session, making.ledger, draft.task, None, draft.unit.id)
    elif name == "date":
        value = _ask_date(session, making, None, draft.date.isoformat())
        making.ledger = making.recent.ledger(value)
    elif name == "status":
        value = _ask_status(session, None, draft.status)
    elif name == "progress":
        shown = "" if draft.progress is None else str(draft.progress)
        prompt = session.labels("prompt_progress")
        value = session.value(
            None, "--progress", recording.read_progress, lambda: session.prompter.ask(prompt, shown)
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
    try:
        return recording.check_draft(ledger, draft, today())
    except UserError as error:
        message = error.args[0]
        if getattr(message, "key", None) != "control_char":
            raise
        words = dict(message.params)
        name = str(words["name"])
        words["name"] = OPTION_OF_FIELD.get(name, "--" + name.replace("_", "-"))
        raise UserError(Message("control_char", **words)) from None


def _corrected(session: Session, ledger, task, given: str | None):
    """The whole record corrected (`--corrects last`: the task's newest), or None; at a
    terminal it is shown before anything is asked."""
    try:
        chosen = recording.corrected_record(ledger, task, given)
    except Refused as refused:
        raise UserError(
            Message("option_problem", option="--corrects", problem=refused.message)
        ) from None
    if chosen is not None and session.interactive:
        session.prompter.say(session.labels("correcting", id=chosen.id))
        for line in record_lines(session.labels, ledger, chosen):
            session.prompter.say(line)
    return chosen


def _ask_unit(session: Session, ledger, task, given: str | None, default_id: str | None):
    """The reporting unit, from --unit or chosen by number (`default_id` offered)."""
    labels = session.labels
    choices = recording.unit_choices(ledger, task)
    if session.interactive and given is None:
        session.prompter.choices(
            f"{unit_shown(labels, ledger.units[u])} ({_role(labels, task, u)})" for u in choices
        )
    default = default_id
    if default_id in choices:
        default = str(choices.index(default_id) + 1)
    elif default_id in ledger.units:  # by name, as the clerk knows it, never by id
        default = unit_shown(labels, ledger.units[default_id])
    return session.value(
        given,
        "--unit",
        lambda text: recording.read_unit(ledger, task, text),
        lambda: session.prompter.ask(labels("prompt_unit"), default),
    )


def unit_shown(labels, unit) -> str:
    """A unit as the clerk reads it: its name in Chinese; its English name and id in English."""
    return unit.name if labels.lang == "zh" else f"{unit.name_en} ({unit.id})"


def _role(labels, task, unit_id: str) -> str:
    return labels("mark_lead") if unit_id in task.lead else labels("mark_responsible")


def _ask_date(session: Session, making: Making, given: str | None, default: str) -> dt.date:
    return session.value(
        given,
        "--date",
        lambda text: recording.read_date(making.ledger, text, today()),
        lambda: session.prompter.ask(session.labels("prompt_date"), default),
    )


def _ask_status(session: Session, given: str | None, default_status):
    labels = session.labels
    if session.interactive and given is None:
        session.prompter.choices(labels.status_name(status) for status in Status)
    default = labels.status_name(default_status)
    return session.value(
        given,
        "--status",
        recording.read_status,
        lambda: session.prompter.ask(labels("prompt_status"), default),
    )


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
    _refuse_special_files(items)
    return items


def _refuse_special_files(items: list[str]) -> None:
    """A path to a device, a FIFO or a folder is neither a file to store nor text to keep."""
    for item in items:
        kind = not_a_regular_file(item)
        if kind is not None:
            shown = Message("output_kind", kind_en=kind[0], kind_zh=kind[1])
            problem = Message("evidence_given_not_regular", path=item, kind=shown)
            raise UserError(Message("option_problem", option="--evidence", problem=problem))


def _stored(root, ledger, draft):
    """The record finished in recording's order (id, every field validated, then evidence
    files stored atomically under the lock): its fields and model."""

    def stored(item):
        if isinstance(item, str) and is_evidence_path(item):
            return store_evidence(root, Path(item).expanduser())
        return item

    taken = {r.id for r in ledger.records}
    return recording.finished(draft, taken, timestamp(clock_now()), stored)


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
    if isinstance(item, dict):  # carried over from the corrected record, already stored
        return f"{item['file']} (sha256 {item['sha256'][:12]}…)"
    return labels("evidence_file_shown", path=item) if is_evidence_path(item) else item


def _short(text: str) -> str:
    return text if len(text) <= SUMMARY_SHOWN else text[: SUMMARY_SHOWN - 1] + "…"


def labelled_lines(rows: list[tuple[str, str]]) -> list[str]:
    """`label  value` lines; a value of several lines continues under the first, indented."""
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
    if isinstance(item, str):
        return item
    named = f"{item.name} — " if item.name else ""
    return f"{named}{item.file} (sha256 {item.sha256[:12]}…)"


def _warning_text(labels, key, ledger, draft) -> str:
    if isinstance(key, tuple):  # (message key, words)
        return labels(key[0], **dict(key[1]))
    return labels(key, task=draft.task.number)


def _status_line(ledger, record, labels) -> str:
    updated = replace(ledger, records=[*ledger.records, entry_of(record)])
    state = rules.task_state(updated, record.task, max(today(), record.date))
    progress = "—" if state.progress is None else f"{state.progress}%"
    return labels(
        "new_status", task=record.task, status=labels.status_name(state.status), progress=progress
    )
