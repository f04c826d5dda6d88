"""Every use of typer's private internals, in one place (tests/test_typer_compat.py checks each
against the installed typer and fails, naming this file, on a version not in TESTED).

typer 0.29 carries its own copy of click (`typer._click`: the parser and its usage errors,
worded in English), builds each command from its function (`typer.main`), and turns every
option's value into its annotated type with a pydantic TypeAdapter (`typer._coercion`), given
or not: importing pydantic and building the adapters is most of the start-up of `--help` and of
a warm `status`. `skip_pydantic_coercion` passes the values pilotledger's options take (None,
a str, one of an Enum's values) through exactly as typer's coercion would; anything else, and
every value typer would refuse, still goes through typer, so its errors stay typer's.
"""

from __future__ import annotations

import enum
import re
import typing

import typer
import typer.core
import typer.main
from typer import _param_types
from typer._click import exceptions as click_errors

# The minor versions whose internals this module was read against and tested with (pyproject.toml
# caps typer below the next one).
TESTED = ("0.29",)

UsageError = click_errors.UsageError
ParserError = UsageError  # what the parser raises for a command line it cannot take
ClickException = click_errors.ClickException
NoArgsIsHelpError = click_errors.NoArgsIsHelpError
NoSuchOption = click_errors.NoSuchOption
BadOptionUsage = click_errors.BadOptionUsage
MissingParameter = click_errors.MissingParameter
BadParameter = click_errors.BadParameter

# click's English wording, where its error classes do not tell the cases apart.
_TAKES_NO_VALUE = "does not take"  # BadOptionUsage: `--staged=yes` (else: a value is missing)
_EXTRA_ARGS = re.compile(r"unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)")
_MISSING_COMMAND = "Missing command"


def minor_version(version: str = typer.__version__) -> str:
    return ".".join(version.split(".")[:2])


def is_tested(version: str = typer.__version__) -> bool:
    return minor_version(version) in TESTED


def takes_no_value(error: click_errors.BadOptionUsage) -> bool:
    """A flag given a value (`--staged=yes`), rather than an option given none."""
    return _TAKES_NO_VALUE in error.message


def extra_arguments(error: click_errors.UsageError) -> str | None:
    """The arguments left over after the command's own, as click lists them, if that is the
    error."""
    found = _EXTRA_ARGS.search(error.message)
    return found.group("args") if found else None


def missing_command(error: click_errors.UsageError) -> bool:
    return error.message.startswith(_MISSING_COMMAND)


def annotation_of(param) -> object:
    """The option's annotated type (an Optional unwrapped), as typer resolved it."""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return inner[0] if len(inner) == 1 else annotation


def bounds_of(param) -> tuple[object, object]:
    """(min, max) of a number option as declared (`typer.Option(min=…, max=…)`), None where
    one is not; typer keeps them on its parameter itself."""
    return getattr(param, "min", None), getattr(param, "max", None)


def given_value(error: click_errors.BadParameter) -> str:
    """The text typer could not turn into the option's type: the input of the pydantic
    validation error typer raised the BadParameter from."""
    errors = getattr(error.__cause__, "errors", None)
    if callable(errors):
        found = [item.get("input") for item in errors() if "input" in item]
        if found:
            return str(found[0])
    return ""


def command_name(function) -> str:
    """The command name typer gives a function (`known_at` → `known-at`)."""
    return typer.main.get_command_name(function.__name__)


def click_command(info, app: typer.Typer):
    """The click command typer builds from one registered command (its CommandInfo)."""
    return typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )


_TO_TYPER = object()  # a value left to typer's own coercion


def _without_pydantic(param, ctx, value):
    """The value typer's coercion would give, for the cases that need no pydantic; _TO_TYPER
    for every other case (and for a value typer refuses: its error is typer's to raise)."""
    if param.multiple or param.nargs == -1:
        return _TO_TYPER
    if value is None:
        return _TO_TYPER if param.required else None
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.parameter_info.parser is not None:
        return _TO_TYPER
    annotation = descriptor.annotation
    if annotation is str and isinstance(value, str):
        return value
    if not (isinstance(annotation, type) and issubclass(annotation, enum.Enum)):
        return _TO_TYPER
    try:
        return _param_types.coerce_cli_choice(
            value,
            choices=tuple(annotation),
            case_sensitive=descriptor.parameter_info.case_sensitive,
            ctx=ctx,
        )
    except ValueError:
        return _TO_TYPER


def _has_the_internals() -> bool:
    parameter = getattr(typer.core, "_TyperParameter", None)
    return (
        parameter is not None
        and hasattr(parameter, "process_value")
        and hasattr(parameter, "get_runtime_param")
        and hasattr(_param_types, "coerce_cli_choice")
    )


def skip_pydantic_coercion() -> bool:
    """Patch typer's per-option coercion (process-wide) to pass through the values that need no
    pydantic; True if patched, False (typer left alone) on a typer without these internals."""
    if not _has_the_internals():
        return False
    parameter = typer.core._TyperParameter
    typer_process_value = parameter.process_value
    if getattr(typer_process_value, "skips_pydantic", False):
        return True

    def process_value(self, ctx, value):
        coerced = _without_pydantic(self, ctx, value)
        if coerced is _TO_TYPER:
            return typer_process_value(self, ctx, value)
        return self.callback(ctx, self, coerced) if self.callback is not None else coerced

    process_value.skips_pydantic = True
    process_value.typer_process_value = typer_process_value  # for the tests' comparison
    parameter.process_value = process_value
    return True
