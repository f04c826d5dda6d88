"""What the commands share when they run: the ledger they read (Settings), today, output in
the chosen format, files written through the store. Imported by the commands' run modules
(cli/run/), never for `--help` (what the app needs first is cli/invocation.py)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from pilotledger.cli.invocation import (
    INCOMPLETE,
    MAX_PROBLEMS_SHOWN,
    GlobalOptions,
    problem_text,
)
from pilotledger.dates import DateError, parse_date, today
from pilotledger.errors import UsageError, UserError
from pilotledger.render import emit as renderers
from pilotledger.rules import known_at as cut_at
from pilotledger.store import find_root, load_readable, load_valid
from pilotledger.store.files import is_ledger_file, write_output
from pilotledger.wording import Labels, Message, choose_lang, os_reason, user_error, word


@dataclass
class Settings(GlobalOptions):
    """The global options and what follows from them: the ledger's root, the labels, the
    ledger itself (validated, or its readable part)."""

    @classmethod
    def of(cls, options: GlobalOptions) -> Settings:
        """A command's Settings from the app's GlobalOptions (ctx.obj)."""
        if isinstance(options, cls):
            return options
        return cls(data=options.data, lang=options.lang)

    @cached_property
    def root(self) -> Path:
        return find_root(self.data)

    @cached_property
    def labels(self):
        lang = choose_lang(self.lang)
        try:
            return Labels(lang)
        except ValueError:
            raise UsageError(Message("lang_unknown", text=lang)) from None

    def ledger(self):
        return load_valid(self.root, progress=self.read_progress())

    def emit(self, document, fmt, output: str | None = None) -> None:
        """`emit` in this command's labels, to `output` when given (never over a ledger file)."""
        emit(document, fmt, self.labels, Path(output) if output else None, ledger_root=self.root)

    def reading_ledger(self):
        """The ledger for a reading command (status, overdue, matrix, report, remind, trend,
        site): its valid part when some records have problems, said on stderr with their
        places, and every document it makes marked incomplete (see `marked`)."""
        ledger, problems = load_readable(self.root, progress=self.read_progress())
        places = sorted({f"{problem.file}:{problem.line}" for problem in problems})
        INCOMPLETE.set(tuple(places))
        if places:
            from pilotledger.render.terminal import print_warning  # rich: only when needed

            for problem in problems[:MAX_PROBLEMS_SHOWN]:
                print_warning(problem_text(problem, self.labels.lang))
            print_warning(incomplete_line(places, self.labels))
        return ledger

    def read_progress(self):
        """What shows a long read's progress: a bar on stderr when it is a terminal, else None.
        rich is imported only if the store reports progress (a cold read of a large ledger)."""
        if not sys.stderr.isatty():
            return None
        label = self.labels("reading_files")
        bar = None

        def show(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                from pilotledger.render.terminal import ReadProgress  # rich

                bar = ReadProgress(label)
            bar(done, total)

        return show


def incomplete_line(places, labels) -> str:
    """'Data incomplete: N problem(s) … places', said on stderr and on every site page."""
    colon = "：" if labels.lang == "zh" else ": "
    return labels("incomplete_label") + colon + incomplete_text(places, labels)


def incomplete_text(places: list[str], labels) -> str:
    shown = list(places[:MAX_PROBLEMS_SHOWN]) + (["…"] if len(places) > MAX_PROBLEMS_SHOWN else [])
    return labels("incomplete_note", count=len(places), places="; ".join(shown))


def marked(document, labels):
    """The document with a visible "data incomplete" line first in its header block (every
    format shows it; a 公文 opens its body with it) and the places for JSON, when the ledger it
    was made from had problems."""
    places = INCOMPLETE.get()
    if not places:
        return document
    note = (labels("incomplete_label"), incomplete_text(places, labels))
    official = document.official
    if official is not None:  # a 公文 shows no header block: the note opens its body
        official = replace(official, opening=[incomplete_line(places, labels), *official.opening])
    return replace(
        document, meta=[note, *document.meta], incomplete=list(places), official=official
    )


def parse_day(text: str | None, option: str) -> dt.date:
    """A typed date; a text that is no date is a usage error (exit 2) for every option alike."""
    if text is None:
        return today()
    try:
        return parse_date(text, today())
    except DateError as error:
        raise UsageError(Message("option_problem", option=option, problem=error.args[0])) from None


def default_format(fmt) -> str:
    if fmt is not None:
        return fmt.value
    return "table" if sys.stdout.isatty() else "plain"


def emit(
    document, fmt, labels, output: Path | None = None, ledger_root: Path | None = None
) -> None:
    """Print or write a Document in the chosen format (never over a file of `ledger_root`)."""
    name = default_format(fmt)
    empty = labels("no_rows")
    document = marked(document, labels)
    if renderers.is_file_format(name) and output is None:
        raise UsageError(Message("xlsx_needs_output", format=name))
    if output is None:
        renderers.print_document(document, name, labels.lang, empty)
        return
    _write_file(
        output,
        lambda path: renderers.write_document(document, name, path, labels.lang, empty),
        ledger_root,
        labels.lang,
    )


def _write_file(output: Path, write, ledger_root: Path | None = None, lang: str = "en") -> None:
    from pilotledger.render.terminal import print_note  # rich

    write_output_file(output, write, ledger_root)
    print_note(word(Message("output_written", path=output), lang))


def output_folder(folder: Path) -> Path:
    """A folder a command writes into (remind's and form's --output-dir, the site's, the
    ledger `init` makes), created if missing with its parents; a path that is not a folder, or
    cannot become one, is refused in words."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            Message("output_dir_cannot_create", folder=folder, reason=os_reason(error))
        ) from None
    if not folder.is_dir():
        raise UserError(Message("output_dir_cannot_create", folder=folder, reason="not a folder"))
    return folder


def safe_file_name(name: str) -> str:
    """A unit's name as a file name: path separators and control characters become _."""
    return (
        "".join(
            "_" if ch in '/\\:*?"<>|' or ord(ch) < 32 or ch == "\x7f" else ch for ch in name
        ).strip(". ")
        or "_"
    )


def write_output_file(
    output: Path, write, ledger_root: Path | None, option: str = "--output"
) -> None:
    """Every output file goes through the store's one output writer (never over a ledger
    file, never into a FIFO or device, never through a link); OSError worded for the user."""
    if output.parent and not output.parent.is_dir():
        exists = os.path.lexists(output.parent)
        key = "output_parent_not_folder" if exists else "output_no_folder"
        raise UserError(Message(key, folder=output.parent))
    try:
        write_output(ledger_root, output, write)
    except OSError as error:
        raise UserError(
            Message("output_cannot_write", option=option, path=output, reason=os_reason(error))
        ) from None


def refuse_ledger_file(output: Path, ledger_root: Path | None) -> None:
    """An output (a file or the site's folder) is never a registry, a month file, evidence or
    the cache (by real path or, for a hard link, by inode)."""
    if ledger_root is not None and is_ledger_file(ledger_root, output):
        raise user_error("output_ledger_file", path=output)


def judged_ledger(settings: Settings, as_of: str | None, known_at: str | None):
    """A reading command's ledger as known at the end of --known-at, and the day --as-of
    judges it on (default today)."""
    return known_ledger(settings.reading_ledger(), known_at), parse_day(as_of, "--as-of")


def known_ledger(ledger, known_at: str | None):
    """The ledger as it was known at the end of --known-at (all of it without the option)."""
    if known_at is None:
        return ledger
    return cut_at(ledger, parse_day(known_at, "--known-at"))
