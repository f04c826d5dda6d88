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
import typing

from typer._click import exceptions as click_errors

from pilotledger.wording import Message, word

EXIT_USAGE = 2
_EXTRA_ARGS = re.compile(r"unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)")


class UnknownCommand(click_errors.UsageError):
    """A command name that is not one of ours (raised by the group in place of click's)."""

    def __init__(self, name: str, suggestions: list[str], ctx=None):
        super().__init__(f"No such command {name!r}.", ctx)
        self.name, self.suggestions = name, suggestions


class WordedUsage(click_errors.ClickException):
    """A usage error already worded in the reader's language; typer shows it and exits 2."""

    exit_code = EXIT_USAGE

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def show(self, file=None) -> None:
        from pilotledger.render.terminal import print_error

        print_error(f"pilotledger: {self.text}")


def is_parser_error(error: Exception) -> bool:
    """A usage error from the parser (not the no-arguments help, which is shown as it is)."""
    return isinstance(error, click_errors.UsageError) and not isinstance(
        error, click_errors.NoArgsIsHelpError
    )


def worded(error: click_errors.UsageError, lang: str, subcommand: str | None = None) -> WordedUsage:
    return WordedUsage(word(usage_message(error, subcommand), lang))


def usage_message(error: click_errors.UsageError, subcommand: str | None = None) -> Message:
    """The error as a Message, ending with where the command's options are listed
    (`subcommand` names the command when the parser did not attach its context)."""
    command = _command(error.ctx, subcommand)
    return Message("usage_see_help", problem=_problem(error), command=command)


def _command(ctx, subcommand: str | None) -> str:
    if ctx is not None and ctx.parent is not None:
        return f"pilotledger {ctx.info_name}"
    return f"pilotledger {subcommand}" if subcommand and ctx is None else "pilotledger"


def _problem(error: click_errors.UsageError) -> Message:
    if isinstance(error, UnknownCommand):
        return Message("usage_no_command", name=error.name, hint=_did_you_mean(error.suggestions))
    if isinstance(error, click_errors.NoSuchOption):
        return Message(
            "usage_no_option",
            option=error.option_name,
            hint=_did_you_mean(sorted(error.possibilities or [])),
        )
    if isinstance(error, click_errors.BadOptionUsage):
        key = "usage_no_value" if "does not take" in error.message else "usage_needs_value"
        return Message(key, option=error.option_name)
    if isinstance(error, click_errors.MissingParameter):
        return Message("usage_missing", name=_param_name(error.param))
    if isinstance(error, click_errors.BadParameter):
        return _bad_value(error)
    extra = _EXTRA_ARGS.search(error.message)
    if extra:
        return Message("usage_extra", args=extra.group("args"))
    if error.message.startswith("Missing command"):
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


def _bad_value(error: click_errors.BadParameter) -> Message:
    """A value typer could not turn into the option's type: a choice, a number, or other."""
    option = _param_name(error.param)
    given = _given(error)
    choices = _choices(error.param)
    if choices:
        return Message("usage_choice", option=option, text=given, choices=choices)
    if _annotation_is(error.param, int):
        return Message("usage_not_number", option=option, text=given)
    return Message("usage_bad_value", option=option, text=given)


def _given(error: click_errors.BadParameter) -> str:
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = [item.get("input") for item in errors() if "input" in item]
        if found:
            return str(found[0])
    return ""


def _annotation(param) -> object:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return inner[0] if len(inner) == 1 else annotation


def _annotation_is(param, kind: type) -> bool:
    annotation = _annotation(param)
    return isinstance(annotation, type) and issubclass(annotation, kind) and annotation is not bool


def _choices(param) -> list[str]:
    annotation = _annotation(param)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    return []
