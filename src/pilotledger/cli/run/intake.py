"""`pilotledger intake`: returned fill-in workbooks read, judged with the rules of `record`,
shown, and (confirmed) recorded, each workbook stored once as evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import replace
from pathlib import Path

import typer

from pilotledger import recording
from pilotledger.cli.common import Settings, default_format, safe_file_name
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.cli.prompts import Prompter
from pilotledger.dates import PLAN_TZ, DateError, now, parse_date, today
from pilotledger.errors import UsageError, UserError
from pilotledger.forms.intake import FormIntake, IntakeProblem, PreviousForms, intake_form
from pilotledger.forms.layout import cell_name
from pilotledger.forms.read import MAX_FORM_BYTES, FormRefused, read_form
from pilotledger.render.emit import print_document
from pilotledger.render.terminal import print_error, print_note, print_text, print_warning
from pilotledger.store.evidence import store_named_evidence, sync_evidence_folder
from pilotledger.store.files import LedgerFileError, read_regular
from pilotledger.views.intake import intake_document
from pilotledger.wording import Message, os_reason, word

OLD_FORMATS = (".xls", ".et", ".ett", ".xlt")


def run_intake(
    options: GlobalOptions,
    files: list[str],
    *,
    received_at: str | None,
    dry_run: bool,
    yes: bool,
) -> None:
    settings = Settings.of(options)
    labels = settings.labels
    received = _received(received_at)
    ledger = settings.ledger()
    previous = PreviousForms(ledger, ledger.full.listing_evidence_files())
    results, contents = _intake_all(ledger, files, received, previous, labels)
    rows = [row for result in results for row in result.rows]
    if not rows:
        print_text(labels("intake_nothing"))
        return
    _show(rows, labels, warnings=True)
    if dry_run:
        print_text(labels("intake_dry_run"))
        return
    confirming = stdin_is_terminal() and not yes
    if confirming and not Prompter().confirm(labels("intake_confirm"), labels("confirm_again")):
        print_text(labels("cancelled"))
        raise typer.Exit(1)
    written = _write(settings.root, ledger, results, contents, received)
    shown = ", ".join(path.relative_to(settings.root.parent).as_posix() for path in written)
    forms = sum(1 for result in results if result.rows)
    print_text(labels("intake_written", count=len(rows), forms=forms, files=shown))


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _received(text: str | None):
    """--received-at as a moment in the plan's zone: a date alone is that day at the current
    time of day; never later than now."""
    current = now()
    if text is None:
        return current
    try:
        moment = dt.datetime.combine(parse_date(text, today()), current.timetz())
    except DateError as error:
        try:
            moment = dt.datetime.fromisoformat(text.strip())
        except ValueError:
            raise UsageError(
                Message("option_problem", option="--received-at", problem=error.args[0])
            ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PLAN_TZ)
    moment = moment.astimezone(PLAN_TZ).replace(microsecond=0)
    if moment > current + dt.timedelta(minutes=1):
        raise UserError(Message("intake_received_future", at=moment.isoformat(sep=" ")))
    return moment


def _intake_all(ledger, files, received, previous, labels):
    """Every file read and judged; all problems printed and the run refused if there is any."""
    results, problems, by_content, by_form, contents = [], [], {}, {}, {}
    for name in files:
        content, refused = _content(Path(name))
        if refused is not None:
            problems.append(IntakeProblem(name, None, refused))
            continue
        sha256 = _sha256(content)
        if sha256 in by_content:
            print_note(
                _worded(labels, f"{name}: ", Message("intake_same_file", other=by_content[sha256]))
            )
            continue
        by_content[sha256] = name
        contents[sha256] = content
        try:
            form = read_form(content)
        except FormRefused as error:
            problems.append(IntakeProblem(name, None, error.message))
            continue
        result = intake_form(ledger, form, name, sha256, received, today(), previous)
        results.append(result)
        problems += result.problems
        key = (result.unit.id if result.unit else None, result.month)
        if result.unit is not None and key in by_form:
            problems.append(
                IntakeProblem(name, None, Message("intake_same_form", other=by_form[key]))
            )
        by_form.setdefault(key, name)
        _notes(result, labels, print_note)
    if problems:
        for problem in problems:
            print_error(_worded(labels, f"{problem.place()}: ", problem.message))
        raise UserError(Message("intake_refused", count=len(problems)))
    return [result for result in results if isinstance(result, FormIntake)], contents


def _notes(result, labels, print_note) -> None:
    if result.already:
        print_note(
            _worded(labels, f"{result.file}: ", Message("intake_already", count=result.already))
        )
    elif result.unchanged:
        print_note(labels("intake_unchanged", file=result.file, count=result.unchanged))


def _worded(labels, prefix: str, message: Message) -> str:
    return prefix + word(message, labels.lang)


def _content(path: Path):
    """The file's bytes, or the Message that refuses it (an old format, not a regular file,
    too large)."""
    if path.suffix.lower() in OLD_FORMATS:
        return None, Message("intake_old_format", suffix=path.suffix.lower())
    try:
        return read_regular(path, cap=MAX_FORM_BYTES), None
    except LedgerFileError as error:  # already a phrase of its own (cannot read (…), a link …)
        return None, error.message
    except OSError as error:
        return None, Message("intake_unreadable", reason=os_reason(error))


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _show(rows, labels, warnings: bool) -> None:
    print_document(
        intake_document(rows, labels), default_format(None), labels.lang, labels("no_rows")
    )
    if warnings:
        _show_warnings(rows, labels)


def _show_warnings(rows, labels) -> None:
    for row in rows:
        for key in row.warnings:
            if isinstance(key, tuple):  # (message key, words)
                text = labels(key[0], **dict(key[1]))
            else:
                text = labels(key, task=row.draft.task.number)
            print_warning(f"{row.file}!{cell_name('number', row.row)}: {text}")


def _write(root: Path, ledger, results, contents: dict, received) -> list[Path]:
    """Each workbook stored once under evidence/ and named in every record it made (its
    {file, sha256} stands in the draft until `finished` stores it; the folder synced once
    after the last); the records appended in one hold of the lock."""
    from pilotledger.store.writer import append_records  # ruamel: only when writing

    taken = {entry.id for entry in ledger.records}
    stored: dict[str, dict] = {}

    def store(item):
        if not isinstance(item, dict) or item["sha256"] not in contents:
            return item
        sha256 = item["sha256"]
        if sha256 not in stored:
            name = item["file"].split("-", 1)[1]
            stored[sha256] = store_named_evidence(root, contents[sha256], name, sync_folder=False)
        return stored[sha256]

    items = []
    for result in results:
        name = safe_file_name(Path(result.file).name)
        workbook = {"file": f"evidence/{result.sha256}-{name}", "sha256": result.sha256}
        for row in result.rows:
            draft = replace(row.draft, evidence=[*row.draft.evidence, workbook])
            fields, record = recording.finished(draft, taken, received, store)
            taken.add(record.id)
            items.append((fields, record))
    sync_evidence_folder(root)
    return append_records(root, items)
