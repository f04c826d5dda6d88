"""`pilotledger report` and `pilotledger remind`: the period report and the per-unit reminder
lists, in any format, to the terminal or to files."""

from __future__ import annotations

import re
from collections import Counter
from enum import Enum
from pathlib import Path

import typer

from pilotledger.cli import app
from pilotledger.cli.common import (
    ReportFormat,
    emit,
    known_ledger,
    marked,
    output_folder,
    parse_day,
    safe_file_name,
    write_output_file,
)
from pilotledger.dates import DateError, parse_period, period_containing, today
from pilotledger.errors import UsageError, UserError
from pilotledger.wording import Message

KNOWN_AT_HELP = "Ignore records recorded after the end of this day (reproduce an earlier report)."

PERIOD_HELP = "{what}; the PERIOD after it may be this (default), last or {example}."


class SendAs(str, Enum):
    """What a report is sent as (report_letter.Sending.kind)."""

    report = "report"
    notice = "notice"


def _period_flag(flag: str, what: str, example: str):
    return typer.Option(False, flag, help=PERIOD_HELP.format(what=what, example=example))


@app.command(
    epilog="\b\nExample: pilotledger report --quarter 2022Q2 --format html --output 2022Q2.html",
)
def report(
    ctx: typer.Context,
    period_text: str | None = typer.Argument(
        None, metavar="[PERIOD]", help="this, last, 2022-03, 2022Q2, 2022H1, 2022."
    ),
    month: bool = _period_flag("--month", "月度调度 monthly dispatch", "2022-03"),
    quarter: bool = _period_flag("--quarter", "季度提示 quarterly reminder", "2022Q2, 2022-Q2"),
    half: bool = _period_flag("--half", "半年检查 half-year inspection", "2022H1"),
    year: bool = _period_flag("--year", "年底对账 year-end reconciliation", "2022"),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Judgment day (default: the day after the last month's report is due, or today).",
    ),
    known_at: str | None = typer.Option(None, "--known-at", help=KNOWN_AT_HELP),
    fmt: ReportFormat | None = typer.Option(
        None, "--format", help="table, plain, markdown, csv, json, html, xlsx, docx."
    ),
    output: str | None = typer.Option(
        None, "--output", help="Write to this file (needed for xlsx and docx)."
    ),
    send_as: SendAs = typer.Option(
        SendAs.report,
        "--as",
        help="report: a 报告 to the office above; notice: a 通报 to the lead units (ranked).",
    ),
    sender: str | None = typer.Option(
        None, "--from", help="The 落款 office (default: plan.office.name, else the issuer)."
    ),
    number: str | None = typer.Option(None, "--number", help="The 文号, e.g. 石试点办〔2022〕3号."),
) -> None:
    """The period report as a document to send (报告 or 通报): 总体情况, problems, 协调事项 and
    下步安排 written from the data, signed and dated; its tables (status counts, sections,
    tasks with their lights, narrative, problems, overdue items, reporting by lead unit, what
    comes next; for a year the scorecard) are its annexes.
    """
    from pilotledger.gitflow import ledger_commit
    from pilotledger.views.report.data import made_from
    from pilotledger.views.report.document import report_document, with_header_and_trend
    from pilotledger.views.report.figures import JudgedBeforePeriod, build_report
    from pilotledger.views.report_letter import Sending, as_sent

    chosen = [
        kind
        for kind, flag in (("month", month), ("quarter", quarter), ("half", half), ("year", year))
        if flag
    ]
    if len(chosen) != 1:
        raise UsageError(Message("choose_period"))
    kind = chosen[0]
    try:
        period = parse_period(kind, period_text, today())
    except DateError as error:
        raise UsageError(
            Message("option_problem", option=f"--{kind}", problem=error.args[0])
        ) from None
    settings = ctx.obj
    ledger = known_ledger(settings.reading_ledger(), known_at)
    period = _period_within_plan(ledger, period, period_text, settings.labels)
    judged_on = parse_day(as_of, "--as-of") if as_of else None
    try:
        built = build_report(ledger, period, today(), judged_on)
    except JudgedBeforePeriod as error:
        raise UsageError(_before_period(error, period, judged_on, settings.labels)) from None
    made_from(
        built,
        parse_day(known_at, "--known-at") if known_at else None,
        *ledger_commit(settings.root),
    )
    document = with_header_and_trend(
        report_document(ledger, built, settings.labels), ledger, built, today(), settings.labels
    )
    sending = Sending(
        send_as.value,
        today(),
        office=_text_option(sender, "--from"),
        number=_text_option(number, "--number"),
    )
    document = as_sent(document, ledger, built, settings.labels, sending)
    emit(
        document, fmt, settings.labels, Path(output) if output else None, ledger_root=settings.root
    )


def _text_option(text: str | None, option: str) -> str | None:
    """An option's text for a document's face: stripped, no control characters, not empty."""
    if text is None:
        return None
    from pilotledger.textgate import TEXT_PATTERN

    cleaned = text.strip()
    if not cleaned or not re.fullmatch(TEXT_PATTERN, cleaned) or len(cleaned) > 200:
        raise UsageError(Message("option_problem", option=option, problem=repr(text)))
    return cleaned


def _before_period(error, period, judged_on, labels) -> str:
    """Why a report cannot be judged yet: the --as-of given, or (without one) today."""
    start = error.start.isoformat()
    if judged_on is None:
        return labels(
            "period_not_begun", label=period.label, today=error.day.isoformat(), start=start
        )
    return labels("judged_before_period", day=error.day.isoformat(), start=start)


RELATIVE_PERIODS = ("this", "current", "本期", "last", "previous", "上期")


def _period_within_plan(ledger, period, period_text: str | None, labels):
    """A period taken from today that starts after the plan's end would be an empty report: a
    period flag alone (`report --quarter`) then means the plan's last period of that kind, said
    on stderr; `this` or `last` given in words is a usage error naming the plan's end and a
    period to give."""
    from pilotledger.render.terminal import print_note

    if period.start <= ledger.plan.end:
        return period
    last = period_containing(period.kind, ledger.plan.end)
    if period_text is None:
        print_note(
            labels(
                "period_last_of_plan",
                label=period.label,
                end=ledger.plan.end.isoformat(),
                last=last.label,
            )
        )
        return last
    if period_text.strip().lower() in RELATIVE_PERIODS:
        raise UsageError(
            labels(
                "period_after_plan",
                label=period.label,
                end=ledger.plan.end.isoformat(),
                kind=period.kind,
                example=last.label,
            )
        )
    return period


class RemindFormat(str, Enum):
    """The reminder list's formats (each one a renderer in render/emit.py)."""

    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


@app.command(epilog="\b\nExample: pilotledger remind --as-of 2022-07-20 --output-dir 提示函")
def remind(
    ctx: typer.Context,
    as_of: str | None = typer.Option(None, "--as-of", help="The day to judge on (default today)."),
    unit: str | None = typer.Option(
        None, "--unit", help="Only this lead unit's list (id, name or alias)."
    ),
    fmt: RemindFormat = typer.Option(
        RemindFormat.markdown, "--format", help="markdown (default), html, xlsx or docx."
    ),
    output_dir: str | None = typer.Option(
        None,
        "--output-dir",
        help="Write one file per unit here (made if missing), named after the unit: 县商务委.md.",
    ),
) -> None:
    """One reminder list per lead unit that owes something: missing reports since when, missed
    milestones, milestones due within 30 days and the next report's due day.

    Without --output-dir, --unit is needed and the list goes to standard output (not xlsx, docx).
    """
    from pilotledger.lookup import resolve_unit
    from pilotledger.views.register import REGISTER, with_letters
    from pilotledger.views.reminders import build_reminders

    settings = ctx.obj
    labels = settings.labels
    if output_dir is None and (unit is None or fmt in (RemindFormat.xlsx, RemindFormat.docx)):
        raise UsageError(labels("remind_needs_output_dir"))
    ledger = settings.reading_ledger()
    day = parse_day(as_of, "--as-of")
    only = resolve_unit(ledger, unit) if unit else None
    if output_dir is None:
        reminders = build_reminders(ledger, day, only.id if only else None)
        _print_reminder(ledger, reminders, only, day, fmt.value, labels)
        return
    folder = Path(output_dir)
    sent = _read_register(folder / REGISTER)
    reminders = build_reminders(ledger, day, only.id if only else None, sent)
    written = _write_reminders(ledger, reminders, folder, day, fmt.value, labels, settings.root)
    _write_register(folder / REGISTER, with_letters(sent, written), settings.root)


def _read_register(path: Path) -> list:
    """The letters already written into this folder (register.py), none when it has no
    register yet; a register that is not a regular file, or a bad row, stops here."""
    from pilotledger.store.files import LedgerFileError, read_regular
    from pilotledger.views.register import decode, parse_register

    if not path.exists():
        return []
    try:
        raw = read_regular(path)
    except LedgerFileError as problem:
        raise UserError(problem.message) from None
    return parse_register(decode(raw), str(path))


def _write_register(path: Path, rows, root: Path) -> None:
    from pilotledger.render.text_formats import spreadsheet_text
    from pilotledger.views.register import register_text

    text = register_text(rows, spreadsheet_text)
    write_output_file(path, lambda temp: temp.write_bytes(text.encode("utf-8")), root)


def _print_reminder(ledger, reminders, unit, day, fmt: str, labels) -> None:
    from pilotledger.render.emit import print_document
    from pilotledger.render.terminal import print_text
    from pilotledger.views.reminder_letter import as_letter
    from pilotledger.views.reminders import reminder_document

    if not reminders:
        print_text(
            labels("reminder_nothing", unit=labels.unit_full_name(unit), as_of=day.isoformat())
        )
        return
    document = marked(
        as_letter(reminder_document(ledger, reminders[0], labels), ledger, reminders[0], labels),
        labels,
    )
    print_document(document, fmt, labels.lang, labels("no_rows"))


def _write_reminders(ledger, reminders, folder: Path, day, fmt: str, labels, root: Path) -> list:
    """Each unit's letter into `folder` (made if missing); the register rows of the letters."""
    from pilotledger.render.emit import SUFFIXES, write_document
    from pilotledger.render.terminal import print_text
    from pilotledger.views.register import Sent
    from pilotledger.views.reminder_letter import as_letter
    from pilotledger.views.reminders import reminder_document

    output_folder(folder)
    if not reminders:
        print_text(labels("reminders_none", as_of=day.isoformat()))
    names = reminder_file_names([ledger.units[reminder.unit] for reminder in reminders])
    written = []
    for reminder in reminders:
        path = folder / (names[reminder.unit] + SUFFIXES[fmt])
        document = marked(
            as_letter(reminder_document(ledger, reminder, labels), ledger, reminder, labels),
            labels,
        )
        write_output_file(
            path,
            lambda temp, document=document: write_document(
                document, fmt, temp, labels.lang, labels("no_rows")
            ),
            root,
            "--output-dir",
        )
        print_text(labels("reminder_written", path=str(path)))
        unit = ledger.units[reminder.unit]
        written.append(Sent(day, unit.id, frozenset(reminder.items()), unit.name, path.name))
    return written


NAME_BYTES = 200  # a file name's stem at most, in UTF-8 (file systems allow 255 bytes)


def reminder_file_names(units) -> dict[str, str]:
    """Each unit's file name: its name made safe and cut to NAME_BYTES, and where names meet
    (县科技局/A and 县科技局:A both give 县科技局_A, or one unit is even named 县科技局_A-id),
    each of them followed by its unit id, then by a number, until every name is its own."""
    names = {unit.id: _fit(safe_file_name(unit.name)) for unit in units}
    for attempt in range(len(names) + 1):
        counts = Counter(name.casefold() for name in names.values())
        clashing = [uid for uid, name in names.items() if counts[name.casefold()] > 1]
        if not clashing:
            break
        for uid in clashing:
            tail = safe_file_name(uid) if attempt == 0 else f"{safe_file_name(uid)}-{attempt}"
            names[uid] = f"{_fit(safe_file_name_of(units, uid), len(tail) + 1)}-{tail}"
    return names


def safe_file_name_of(units, unit_id: str) -> str:
    return next(safe_file_name(unit.name) for unit in units if unit.id == unit_id)


def _fit(name: str, room: int = 0) -> str:
    """`name` cut (at a character) so that it and `room` more bytes fit in NAME_BYTES."""
    cut = name.encode("utf-8", errors="surrogateescape")[: max(NAME_BYTES - room, 1)]
    return cut.decode("utf-8", errors="ignore") or "_"
