"""What the commands share: settings, today, the ledger, output in the chosen format."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path

from pilotledger.errors import UsageError, UserError, ValidationFailed
from pilotledger.messages import Message, word
from pilotledger.render import FILE_FORMATS, TEXT_FORMATS

ENV_TODAY = "PILOTLEDGER_TODAY"
MAX_PROBLEMS_SHOWN = 20


def _formats(name: str, names: tuple[str, ...]) -> type[Enum]:
    return Enum(name, {format_name: format_name for format_name in names}, type=str)


# The --format choices, from the one list of what the renderers can do.
Format = _formats("Format", TEXT_FORMATS)
MatrixFormat = _formats("MatrixFormat", (*TEXT_FORMATS, "xlsx"))
ReportFormat = _formats("ReportFormat", TEXT_FORMATS + FILE_FORMATS)


def today() -> dt.date:
    """Today, or $PILOTLEDGER_TODAY (YYYY-MM-DD) for demos and tests."""
    pinned = os.environ.get(ENV_TODAY)
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise UsageError(Message("today_bad", name=ENV_TODAY, text=pinned)) from None
    return dt.date.today()


@dataclass
class Settings:
    data: Path | None
    lang: str | None

    @cached_property
    def root(self) -> Path:
        from pilotledger.store import find_root

        return find_root(self.data)

    @cached_property
    def labels(self):
        from pilotledger.i18n import Labels, choose_lang

        lang = choose_lang(self.lang)
        try:
            return Labels(lang)
        except ValueError:
            raise UsageError(Message("lang_unknown", text=lang)) from None

    def ledger(self):
        from pilotledger.store import load_valid

        return load_valid(self.root)


def parse_day(text: str | None, option: str) -> dt.date:
    """A typed date; a text that is no date is a usage error (exit 2) for every option alike."""
    from pilotledger.dates import DateError, parse_date

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


def emit(document, fmt, labels, output: Path | None = None) -> None:
    """Print or write a Document in the chosen format."""
    from pilotledger.render import export

    name = default_format(fmt)
    if name == "xlsx":
        if output is None:
            raise UsageError(Message("xlsx_needs_output", format=name))
        _write_file(output, lambda path: export.write_xlsx(document, path), labels.lang)
        return
    if name == "table" and output is None:
        from pilotledger.render.terminal import print_document  # rich: only for the terminal view

        print_document(document)
        return
    text = {
        "csv": lambda: export.as_csv(document),
        "json": lambda: export.as_json(document),
        "html": lambda: export.as_html(document, labels.lang),
    }.get(name, lambda: export.as_tabulated(document, "plain" if name == "table" else name, labels("no_rows")))()
    if output is None:
        export.write_stdout(text)
    else:
        _write_file(output, lambda path: path.write_text(text, encoding="utf-8"), labels.lang)


def _write_file(output: Path, write, lang: str = "en") -> None:
    from pilotledger.render.terminal import print_note

    if output.parent and not output.parent.exists():
        raise UserError(Message("output_no_folder", folder=output.parent))
    try:
        write(output)
    except OSError as error:
        raise UserError(Message("output_cannot_write", path=output, reason=error.strerror)) from None
    print_note(word(Message("output_written", path=output), lang))


def problem_text(problem, lang: str) -> str:
    """`file:line:col: message`, the message in `lang`."""
    return f"{problem.file}:{problem.line}:{problem.col}: {word(problem.message, lang)}"


def report_invalid_ledger(failure: ValidationFailed, lang: str = "en") -> None:
    from pilotledger.render.terminal import print_error

    problems = failure.problems
    print_error("pilotledger: " + word(Message("ledger_invalid", count=len(problems)), lang))
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print_error(f"  {problem_text(problem, lang)}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print_error("  " + word(Message("and_more", count=len(problems) - MAX_PROBLEMS_SHOWN), lang))
