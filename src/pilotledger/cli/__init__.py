"""The Typer app: global options, the one error handler, and `main`.

Commands are declared one group per module (cli/check.py, cli/listings.py, cli/record.py,
cli/report.py, cli/trend.py, cli/site.py, cli/admin.py, cli/forms.py) with
cli/registration.py's `@command`: their options and help, light enough that `--help` loads
them all, and the function doing each one's work (its module under cli/run/; record's is
cli/recordflow.py). Only the invoked command is built, and only its module imported
(COMMAND_MODULES); the module doing its work is imported when it runs (`_running`), so that
`--help` and a warm `status` load nothing else. The command modules never import the app.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
import traceback
from difflib import get_close_matches
from importlib import import_module
from pathlib import Path

import typer
import typer.core
from typer.core import TyperGroup

from pilotledger import __version__
from pilotledger.cli.invocation import (
    INCOMPLETE,
    GlobalOptions,
    chosen_lang,
    invalid_ledger_lines,
    refuse_empty_values,
)
from pilotledger.cli.registration import commands_of
from pilotledger.cli.typer_compat import (
    ParserError,
    click_command,
    command_name,
    skip_pydantic_coercion,
)
from pilotledger.cli.usage import UnknownCommand, is_parser_error, worded
from pilotledger.errors import OutputFailed, UsageError, UserError, ValidationFailed
from pilotledger.render.streams import guard_streams, replaced
from pilotledger.wording import LANGS, Message, os_reason, user_error, word


def _print_error(*lines: str) -> None:
    """Lines on stderr, through the terminal renderer (rich: imported only when there is an
    error to show)."""
    from pilotledger.render.terminal import print_error

    for line in lines:
        print_error(line)


def _report_output_failure(ctx, error: OSError) -> None:
    """stdout or an output file could not be written (a full disk, a closed pipe): say so once,
    and point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    reason = os_reason(error)
    failed = user_error("output_failed", reason=reason)
    _print_error(f"pilotledger: {word(failed.args[0], chosen_lang(ctx))}")


def _say_replaced(ctx) -> None:
    """Once, on stderr: how many characters stdout or stderr could not carry."""
    count, encoding = replaced()
    if count:
        note = word(Message("output_replaced", count=count, encoding=encoding), chosen_lang(ctx))
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"pilotledger: {note}\n")
            sys.stderr.flush()


skip_pydantic_coercion()


GLOBAL_OPTIONS = ("--lang", "--data")
EXIT_INTERRUPTED = 130


def hoist_global_options(args: list[str]) -> list[str]:
    """Move --lang/--data given after the command to just before it, so both places work;
    given in both, the later one (after the command) is the one that counts, as a repeated
    option's last value does."""
    command_at = 0
    while command_at < len(args) and args[command_at].startswith("-"):
        command_at += 2 if args[command_at] in GLOBAL_OPTIONS else 1
    head, tail = args[: command_at + 1], args[command_at + 1 :]
    moved, rest = [], []
    index = 0
    while index < len(tail):
        arg = tail[index]
        if arg == "--":
            rest.extend(tail[index:])
            break
        if arg in GLOBAL_OPTIONS and index + 1 < len(tail):
            moved.extend(tail[index : index + 2])
            index += 2
            continue
        (moved if arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg else rest).append(arg)
        index += 1
    return head[:command_at] + moved + head[command_at:] + rest


def lang_in_args(args) -> str | None:
    """The --lang given (a known one), from the command line or the parsed parameters."""

    if isinstance(args, dict):
        lang = args.get("lang")
    else:
        lang = None
        for index, arg in enumerate(args):
            if arg == "--lang" and index + 1 < len(args):
                lang = args[index + 1]
            elif arg.startswith("--lang="):
                lang = arg.split("=", 1)[1]
    return lang if lang in LANGS else None


def _worded_usage(error: Exception, lang: str, subcommand: str | None = None) -> Exception:
    """A parser's usage error in the reader's language; any other error as it is."""
    return worded(error, lang, subcommand) if is_parser_error(error) else error


class LedgerCommand(typer.core.TyperCommand):
    """Every command: after parsing, a selecting value given empty is a usage error."""

    def parse_args(self, ctx, args):
        rest = super().parse_args(ctx, args)
        refuse_empty_values(ctx.info_name, self.params, ctx.params)
        return rest


class LedgerTyper(typer.Typer):
    """A Typer whose commands are LedgerCommands (the one place options are checked), built
    only when asked for: typer turns every command's signature into click parameters
    (inspect.signature, type hints) whenever the app is called, which is most of the start-up
    of one command. The commands are kept aside in `lazy_commands` (typer then builds the group
    with the global options alone) and LedgerGroup builds the one that is invoked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict = {}  # name: typer's CommandInfo
        self.built_commands: dict = {}  # name: its click command, once built (it is reusable)

    def command(self, *args, cls=None, **kwargs):
        register = super().command(*args, cls=cls or LedgerCommand, **kwargs)

        def set_aside(function):
            register(function)
            info = self.registered_commands.pop()
            self.lazy_commands[info.name or command_name(function)] = info
            return function

        return set_aside

    def register(self, module) -> None:
        """Set aside the commands a command module declares (cli/registration.py)."""
        for function, runs, args, kwargs in commands_of(module):
            self.command(*args, **kwargs)(_running(function, runs))

    def build_command(self, name: str):
        """The click command `name`, or None if there is no such command."""
        if name not in self.lazy_commands and name in COMMAND_MODULES:
            self.register(import_module(f"pilotledger.cli.{COMMAND_MODULES[name]}"))
        info = self.lazy_commands.get(name)
        if info is None:
            return None
        if name not in self.built_commands:  # a process that runs the app again (tests, shells)
            self.built_commands[name] = click_command(info, self)
        return self.built_commands[name]


def _running(function, runs: str):
    """The declared command as typer calls it: its signature and help are `function`'s; its
    parameters go, by name and after the global options, to the function `runs` names
    ("module:function"), whose module is imported only now that the command runs."""
    module_name, _, name = runs.partition(":")

    @functools.wraps(function)
    def run(ctx, **params):
        return getattr(import_module(module_name), name)(ctx.obj, **params)

    return run


class LedgerGroup(TyperGroup):
    """Turns the library's errors into a message on stderr and an exit code, never a traceback."""

    def parse_args(self, ctx, args):
        args = hoist_global_options(list(args))
        given = list(args)  # the parser consumes the list it is given
        try:
            return super().parse_args(ctx, args)
        except ParserError as error:
            raise _worded_usage(error, lang_in_args(given) or chosen_lang(ctx)) from None

    def list_commands(self, ctx) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx, name: str):
        if name not in self.commands:
            command = app.build_command(name)
            if command is None:
                return super().get_command(ctx, name)
            self.commands[name] = command
        return self.commands[name]

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            close = get_close_matches(args[0], self.list_commands(ctx), n=3)
            raise UnknownCommand(args[0], close, ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx):
        guard_streams()
        try:
            return self._invoke_guarded(ctx)
        finally:
            _say_replaced(ctx)

    def _invoke_guarded(self, ctx):

        try:
            try:
                return super().invoke(ctx)
            except ParserError as error:
                lang = lang_in_args(ctx.params) or chosen_lang(ctx)
                raise _worded_usage(error, lang, ctx.invoked_subcommand) from None
        except ValidationFailed as failure:
            _print_error(*invalid_ledger_lines(failure, chosen_lang(ctx)))
            ctx.exit(1)
        except UserError as error:
            _print_error(f"pilotledger: {word(error.args[0], chosen_lang(ctx))}")
            ctx.exit(error.exit_code)
        except OutputFailed as failure:
            _report_output_failure(ctx, failure.error)
            ctx.exit(1)
        except (KeyboardInterrupt, typer.Abort):
            _print_error(word(Message("aborted"), chosen_lang(ctx)))
            ctx.exit(EXIT_INTERRUPTED)
        except (typer.Exit, typer.TyperException):
            raise
        except Exception:
            traceback.print_exc()
            _print_error(word(Message("internal_error"), chosen_lang(ctx)))
            ctx.exit(3)


app = LedgerTyper(
    cls=LedgerGroup,
    help="pilotledger — the progress ledger (台账) of a reform pilot, kept as YAML files in git.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich for it would cost more than the command
    epilog="\b\nExample: pilotledger --lang en status --as-of 2022-06-30",
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"pilotledger {__version__}")
        raise typer.Exit()


def _refuse_given_empty(ctx, option: str, value: str | None) -> None:
    """`--data ''` (a script's unset variable) would otherwise mean "search from here", and
    could pick another ledger; `--lang ''` the locale's language. An empty
    $PILOTLEDGER_DATA stays as unset, as shells treat it."""
    given = getattr(ctx.get_parameter_source(option.lstrip("-")), "name", "") == "COMMANDLINE"
    if given and value is not None and not value.strip():
        problem = Message("usage_empty_value", option=option)
        raise UsageError(Message("usage_see_help", problem=problem, command="pilotledger"))


@app.callback()
def main_options(
    ctx: typer.Context,
    data: str | None = typer.Option(
        None,
        "--data",
        envvar="PILOTLEDGER_DATA",
        help="The ledger directory (default: the current folder or a parent holding tasks.yaml and "
        "units.yaml, itself or in its data/).",
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="Labels: zh or en (default: $PILOTLEDGER_LANG, else the locale)."
    ),
    version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        callback=_print_version,
        help="Print the version and exit.",
    ),
) -> None:
    """Global options: where the ledger is and the language of labels and messages."""
    INCOMPLETE.set(())  # one command per invocation (the tests run many in one process)
    ctx.obj = GlobalOptions(data=Path(data) if data else None, lang=lang)
    for option, value in (("--data", data), ("--lang", lang)):
        _refuse_given_empty(ctx, option, value)  # worded in the --lang given, if any


# Each command's module, in the order of `--help`. A module is imported when one of its
# commands is built, so that running a command imports none of the others' modules
# (tests/test_structure.py checks this table against what the modules declare).
COMMAND_MODULES = {
    "init": "admin",
    "git-setup": "admin",
    "merge-driver": "admin",
    "review": "admin",
    "check": "check",
    "tasks": "listings",
    "units": "listings",
    "show": "listings",
    "status": "listings",
    "overdue": "listings",
    "matrix": "listings",
    "record": "record",
    "form": "forms",
    "intake": "forms",
    "report": "report",
    "remind": "report",
    "site": "site",
    "trend": "trend",
}


def main() -> None:
    # What the imports made (typer, the app) lives as long as the process: frozen, it is never
    # walked again by the garbage collector, which runs often while a command imports and
    # builds its data (about 5% of a warm `status`; see the README's Speed section).
    gc.freeze()
    app()


if __name__ == "__main__":
    sys.exit(main())
