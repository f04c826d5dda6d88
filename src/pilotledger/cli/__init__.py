"""The Typer app: global options, the one error handler, and `main`.

Commands live in cli/views.py, cli/record.py and cli/report.py; they parse options, call the
library and hand a Document to the renderer. Heavy imports happen inside commands, so that
`--help` stays fast.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from pilotledger.errors import OutputFailed, UserError, ValidationFailed


def _labels(ctx):
    """The reader's labels, or None before the settings exist or with an unknown --lang."""
    try:
        return ctx.obj.labels
    except (AttributeError, UserError):
        return None


def _worded(ctx, error: UserError) -> str:
    """The error in the reader's language when it has a message key (English otherwise)."""
    labels = _labels(ctx)
    return labels.message(error.key, error.words, str(error)) if labels else str(error)


def _report_output_failure(ctx, error: OSError) -> None:
    """stdout or an output file could not be written (a full disk, a closed pipe): say so once,
    and point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    import os

    from pilotledger.messages import user_error
    from pilotledger.render.terminal import print_error

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    reason = error.strerror or str(error)
    print_error(f"pilotledger: {_worded(ctx, user_error('output_failed', reason=reason))}")


class LedgerGroup(TyperGroup):
    """Turns the library's errors into a message on stderr and an exit code, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ValidationFailed as failure:
            from pilotledger.cli.common import report_invalid_ledger

            report_invalid_ledger(failure, _labels(ctx))
            ctx.exit(1)
        except UserError as error:
            from pilotledger.render.terminal import print_error

            print_error(f"pilotledger: {_worded(ctx, error)}")
            ctx.exit(error.exit_code)
        except OutputFailed as failure:
            _report_output_failure(ctx, failure.error)
            ctx.exit(1)
        except KeyboardInterrupt:
            ctx.exit(130)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception:
            import traceback

            from pilotledger.render.terminal import print_error

            traceback.print_exc()
            print_error("pilotledger: internal error (a bug, not your data). Please report it with the command "
                        "you ran and the text above.")
            ctx.exit(3)


app = typer.Typer(
    cls=LedgerGroup,
    help="pilotledger — the progress ledger (台账) of a reform pilot, kept as YAML files in git.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich for it would cost more than the command
)


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Optional[Path] = typer.Option(
        None, "--data", envvar="PILOTLEDGER_DATA", help="The ledger directory (default: the nearest data/)."
    ),
    lang: Optional[str] = typer.Option(
        None, "--lang", help="Labels: zh or en (default: $PILOTLEDGER_LANG, else the locale)."
    ),
) -> None:
    """Example: pilotledger --lang en status --as-of 2022-06-30"""
    from pilotledger.cli.common import Settings

    ctx.obj = Settings(data=data, lang=lang)


from pilotledger.cli import admin, record, report, site, trend, views  # noqa: E402,F401  (registers the commands)


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
