"""What one invocation holds before any command module loads: the global options, the
"data incomplete" places a reading command found, the rule against empty selecting values,
and the words for a ledger that failed validation. The app (cli/__init__.py) imports this
module for `--help` too, so it reaches nothing of a ledger (no store, no model)."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from pilotledger.errors import UsageError, ValidationFailed
from pilotledger.wording import LANGS, Message, choose_lang, word

MAX_PROBLEMS_SHOWN = 20


@dataclass
class GlobalOptions:
    """--data and --lang as given (the commands' Settings, cli/common.py, read a ledger)."""

    data: Path | None
    lang: str | None


INCOMPLETE: ContextVar[tuple[str, ...]] = ContextVar("incomplete", default=())


def chosen_lang(ctx) -> str:
    """The language for an error message: the settings' if they can be had, else English."""
    return lang_of(getattr(ctx, "obj", None))


def lang_of(options: GlobalOptions | None) -> str:
    """--lang, else the environment's language, when it is one we have; else English."""
    try:
        lang = options.lang if options is not None and options.lang else choose_lang()
    except Exception:
        return "en"
    return lang if lang in LANGS else "en"


# Parameters whose text selects something (a unit, part, section, status, period or day): an
# empty text would silently select nothing in particular, so it is a usage error instead.
# `record` reads its own values (an empty one is asked for again or refused there).
SELECTING_PARAMS = ("unit", "part", "section", "status_filter", "period_text", "as_of", "known_at")
READS_ITS_OWN_VALUES = ("record",)


def refuse_empty_values(command: str | None, params, values: dict) -> None:
    """A selecting option or argument given as '' (or blanks): UsageError naming it."""
    if command in READS_ITS_OWN_VALUES:
        return
    for param in params:
        value = values.get(param.name)
        if param.name in SELECTING_PARAMS and isinstance(value, str) and not value.strip():
            shown = max(param.opts, key=len)
            if getattr(param, "param_type_name", "") == "argument":
                shown = (param.metavar or param.name.upper()).strip("[]")
            problem = Message("usage_empty_value", option=shown)
            raise UsageError(
                Message("usage_see_help", problem=problem, command=f"pilotledger {command}")
            )


def problem_text(problem, lang: str) -> str:
    """`file:line:col: message`, the message in `lang`."""
    return f"{problem.file}:{problem.line}:{problem.col}: {word(problem.message, lang)}"


def invalid_ledger_lines(failure: ValidationFailed, lang: str = "en") -> list[str]:
    """What stderr says of a ledger that failed validation: the count, then the first
    MAX_PROBLEMS_SHOWN problems and how many more there are."""
    problems = failure.problems
    lines = ["pilotledger: " + word(Message("ledger_invalid", count=len(problems)), lang)]
    lines += [f"  {problem_text(problem, lang)}" for problem in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        more = len(problems) - MAX_PROBLEMS_SHOWN
        lines.append("  " + word(Message("and_more", count=more), lang))
    return lines
