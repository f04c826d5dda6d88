"""`pilotledger form` and `pilotledger intake`: fill-in workbooks out to the units, returned
workbooks in as records (the library is pilotledger.forms; this module parses, reads and
writes files through the store, and prints)."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import typer

from pilotledger.cli import app
from pilotledger.cli.common import (
    default_format,
    output_folder,
    parse_day,
    safe_file_name,
    today,
    write_output_file,
)
from pilotledger.dates import (
    PLAN_TZ,
    DateError,
    month_end,
    month_key,
    month_start,
    now,
    parse_date,
    parse_period,
)
from pilotledger.errors import UsageError, UserError
from pilotledger.wording import Message, word


@app.command(epilog="\b\nExample: pilotledger form --month 2022-06 --output-dir 填报表")
def form(
    ctx: typer.Context,
    month: str = typer.Option(
        ..., "--month", help="The month the forms report: 2022-06, 2022年6月."
    ),
    unit: str | None = typer.Option(
        None, "--unit", help="Only this unit's form (id, name or alias)."
    ),
    output_dir: str = typer.Option(
        ".", "--output-dir", help="Folder for the workbooks (created if missing)."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Last known status as of this day (default: today, at most the month's end).",
    ),
    return_to: str | None = typer.Option(
        None, "--return-to", help="Whom the units return the form to (default: 县试点办)."
    ),
) -> None:
    """One fill-in workbook per unit that has tasks, named after the unit and the month
    (县商务委-2022年6月.xlsx): its tasks with their last known status, and validated cells for
    the month's status, progress, date and texts. `intake` reads them back."""
    from pilotledger.forms.content import build_form, form_file_name, units_with_tasks
    from pilotledger.forms.write import form_workbook
    from pilotledger.lookup import resolve_unit
    from pilotledger.model import UnitKind
    from pilotledger.render.terminal import print_text

    settings = ctx.obj
    labels = settings.labels
    period = _month(month)
    ledger = settings.ledger()
    _refuse_month_outside_plan(ledger, period.start)
    day = parse_day(as_of, "--as-of") if as_of else min(today(), month_end(period.start))
    units = [resolve_unit(ledger, unit)] if unit else units_with_tasks(ledger)
    folder = output_folder(Path(output_dir))
    sheet = labels("form_sheet")
    to = return_to if return_to is not None else labels("form_return_to")
    for chosen in units:
        if chosen.kind is UnitKind.group:
            raise UserError(Message("form_group", unit=chosen.name))
        made = build_form(ledger, chosen, period.start, day, to, sheet)
        if not made.rows:
            raise UserError(Message("form_no_tasks", unit=chosen.name))
        content = form_workbook(made, labels)
        path = folder / form_file_name(safe_file_name(chosen.name), period.start)
        write_output_file(
            path, lambda temp, content=content: temp.write_bytes(content), settings.root
        )
        print_text(labels("reminder_written", path=str(path)))


def _month(text: str):
    try:
        return parse_period("month", text, today())
    except DateError as error:
        raise UsageError(
            Message("option_problem", option="--month", problem=error.args[0])
        ) from None


def _refuse_month_outside_plan(ledger, first_day) -> None:
    plan = ledger.plan
    if not month_start(plan.issued) <= first_day <= month_start(plan.end):
        raise UserError(
            Message(
                "form_month_outside",
                month=month_key(first_day),
                first=month_key(plan.issued),
                last=month_key(plan.end),
            )
        )


OLD_FORMATS = (".xls", ".et", ".ett", ".xlt")


@app.command(
    epilog="\b\nExample: pilotledger intake 收回/*.xlsx --received-at 2022-07-04 --dry-run"
)
def intake(
    ctx: typer.Context,
    files: list[str] = typer.Argument(..., metavar="FILE...", help="Returned forms (.xlsx)."),
    received_at: str | None = typer.Option(
        None,
        "--received-at",
        help="When the units sent the forms: 2022-07-04 or 2022-07-04T10:30 (default now);"
        " a report is judged on time by this, not by the day it is typed in.",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what would be recorded; write nothing."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Write without asking for confirmation."),
) -> None:
    """Record every filled row of returned forms, with the rules of `record`: every problem of
    every file is shown as FILE!CELL: message and, if there is any, nothing is written. A form
    already recorded is skipped; a corrected version records the changed rows as corrections."""
    from pilotledger.forms.intake import PreviousForms
    from pilotledger.render.terminal import print_text

    settings = ctx.obj
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
    if stdin_is_terminal() and not yes:
        from pilotledger.cli.prompts import Prompter

        if not Prompter().confirm(labels("intake_confirm"), labels("confirm_again")):
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
    from pilotledger.forms.intake import FormIntake, IntakeProblem, intake_form
    from pilotledger.forms.read import FormRefused, read_form
    from pilotledger.render.terminal import print_error, print_note

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
    from pilotledger.forms.read import MAX_FORM_BYTES
    from pilotledger.store.files import LedgerFileError, read_regular

    if path.suffix.lower() in OLD_FORMATS:
        return None, Message("intake_old_format", suffix=path.suffix.lower())
    try:
        return read_regular(path, cap=MAX_FORM_BYTES), None
    except LedgerFileError as error:
        return None, Message("intake_unreadable", reason=error.message)
    except OSError as error:
        return None, Message("intake_unreadable", reason=error.strerror or str(error))


def _sha256(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


def _show(rows, labels, warnings: bool) -> None:
    from pilotledger.render.emit import print_document
    from pilotledger.views.intake import intake_document

    print_document(
        intake_document(rows, labels), default_format(None), labels.lang, labels("no_rows")
    )
    if warnings:
        _show_warnings(rows, labels)


def _show_warnings(rows, labels) -> None:
    from pilotledger.forms.layout import cell_name
    from pilotledger.render.terminal import print_warning

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
    from pilotledger import recording
    from pilotledger.store.evidence import store_named_evidence, sync_evidence_folder
    from pilotledger.store.writer import append_records

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
