"""Typer's (vendored click's) usage errors, worded from our messages table in either language.

The parser raises NoSuchOption, BadOptionUsage, MissingParameter, BadParameter (typer checks
typed values with pydantic, the cause of the BadParameter) and plain UsageError (unknown
command, extra arguments). `usage_message` maps each, by its class and parameter, to a
Message; `WordedUsage` shows it as `pilotledger: …` on stderr and exits 2. No library
wording reaches the reader.
"""

from __future__ import annotations

import enum
import re

from pilotledger.cli.typer_compat import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
    annotation_of,
    bounds_of,
    extra_arguments,
    given_value,
    missing_command,
    takes_no_value,
)
from pilotledger.wording import Message, word

EXIT_USAGE = 2


class UnknownCommand(UsageError):
    """A command name that is not one of ours (raised by the group in place of click's)."""

    def __init__(self, name: str, suggestions: list[str], ctx=None):
        super().__init__(f"No such command {name!r}.", ctx)
        self.name, self.suggestions = name, suggestions


class WordedUsage(ClickException):
    """A usage error already worded in the reader's language; typer shows it and exits 2."""

    exit_code = EXIT_USAGE

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def show(self, file=None) -> None:
        from pilotledger.render.terminal import print_error  # rich: only for a usage error

        print_error(f"pilotledger: {self.text}")


def is_parser_error(error: Exception) -> bool:
    """A usage error from the parser (not the no-arguments help, which is shown as it is)."""
    return isinstance(error, UsageError) and not isinstance(error, NoArgsIsHelpError)


def worded(error: UsageError, lang: str, subcommand: str | None = None) -> WordedUsage:
    return WordedUsage(word(usage_message(error, subcommand), lang))


def usage_message(error: UsageError, subcommand: str | None = None) -> Message:
    """The error as a Message, ending with where the command's options are listed
    (`subcommand` names the command when the parser did not attach its context)."""
    command = _command(error.ctx, subcommand)
    return Message("usage_see_help", problem=_problem(error), command=command)


def _command(ctx, subcommand: str | None) -> str:
    if ctx is not None and ctx.parent is not None:
        return f"pilotledger {ctx.info_name}"
    return f"pilotledger {subcommand}" if subcommand and ctx is None else "pilotledger"


def _problem(error: UsageError) -> Message:
    if isinstance(error, UnknownCommand):
        return Message("usage_no_command", name=error.name, hint=_did_you_mean(error.suggestions))
    if isinstance(error, NoSuchOption):
        return Message(
            "usage_no_option",
            option=error.option_name,
            hint=_did_you_mean(sorted(error.possibilities or [])),
        )
    if isinstance(error, BadOptionUsage):
        key = "usage_no_value" if takes_no_value(error) else "usage_needs_value"
        return Message(key, option=error.option_name)
    if isinstance(error, MissingParameter):
        return Message("usage_missing", name=_param_name(error.param))
    if isinstance(error, BadParameter):
        return _bad_value(error)
    extra = extra_arguments(error)
    if extra is not None:
        return Message("usage_extra", args=extra)
    if missing_command(error):
        return Message("usage_missing_command")
    return Message("usage_other")


def _did_you_mean(names: list[str]) -> Message | str:
    return Message("usage_did_you_mean", names=names) if names else ""


def _param_name(param) -> str:
    if param is None:
        return "?"
    if getattr(param, "param_type_name", "") == "argument":
        return param.name.upper()
    return max(param.opts, key=len)


def _bad_value(error: BadParameter) -> Message:
    """A value typer could not turn into the option's type: a choice, a number, or other."""
    option = _param_name(error.param)
    given = given_value(error)
    choices = _choices(error.param)
    if choices:
        return Message("usage_choice", option=option, text=given, choices=choices)
    if _annotation_is(error.param, int):
        low, high = bounds_of(error.param)
        if re.fullmatch(r"[+-]?[0-9]+", given.strip()) and None not in (low, high):
            return Message("usage_out_of_range", option=option, text=given, low=low, high=high)
        return Message("usage_not_number", option=option, text=given)
    return Message("usage_bad_value", option=option, text=given)


def _annotation_is(param, kind: type) -> bool:
    annotation = annotation_of(param)
    return isinstance(annotation, type) and issubclass(annotation, kind) and annotation is not bool


def _choices(param) -> list[str]:
    annotation = annotation_of(param)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    return []
