"""`pilotledger remind`: each lead unit's reminder letter, to standard output or one file per
unit, with the folder's register of the letters sent."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pilotledger.cli.common import (
    Settings,
    marked,
    output_folder,
    parse_day,
    safe_file_name,
    write_output_file,
)
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.errors import UsageError, UserError
from pilotledger.lookup import resolve_unit
from pilotledger.render.emit import SUFFIXES, print_document, write_document
from pilotledger.render.text_formats import spreadsheet_text
from pilotledger.store.files import LedgerFileError, read_regular
from pilotledger.views.register import (
    REGISTER,
    Sent,
    decode,
    parse_register,
    register_text,
    with_letters,
)
from pilotledger.views.reminder_letter import as_letter
from pilotledger.views.reminders import build_reminders, reminder_document


def run_remind(
    options: GlobalOptions, *, as_of: str | None, unit: str | None, fmt, output_dir: str | None
) -> None:
    """One unit's letter on standard output (markdown, html), or every owing unit's letter
    written into `output_dir`, in the format `fmt` (RemindFormat)."""
    fmt = fmt.value
    settings = Settings.of(options)
    labels = settings.labels
    if output_dir is None and (unit is None or fmt in ("xlsx", "docx")):
        raise UsageError(labels("remind_needs_output_dir"))
    ledger = settings.reading_ledger()
    day = parse_day(as_of, "--as-of")
    only = resolve_unit(ledger, unit) if unit else None
    if output_dir is None:
        reminders = build_reminders(ledger, day, only.id if only else None)
        _print_reminder(ledger, reminders, only, day, fmt, labels)
        return
    folder = Path(output_dir)
    sent = _read_register(folder / REGISTER)
    reminders = build_reminders(ledger, day, only.id if only else None, sent)
    written = _write_reminders(ledger, reminders, folder, day, fmt, labels, settings.root)
    _write_register(folder / REGISTER, with_letters(sent, written), settings.root)


def _read_register(path: Path) -> list:
    """The letters already written into this folder (register.py), none when it has no
    register yet; a register that is not a regular file, or a bad row, stops here."""
    if not path.exists():
        return []
    try:
        raw = read_regular(path)
    except LedgerFileError as problem:
        raise UserError(problem.message) from None
    return parse_register(decode(raw), str(path))


def _write_register(path: Path, rows, root: Path) -> None:
    text = register_text(rows, spreadsheet_text)
    write_output_file(path, lambda temp: temp.write_bytes(text.encode("utf-8")), root)


def _print_reminder(ledger, reminders, unit, day, fmt: str, labels) -> None:
    from pilotledger.render.terminal import print_text  # rich: only to say there is none

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
    from pilotledger.render.terminal import print_text  # rich: the files written are said there

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
