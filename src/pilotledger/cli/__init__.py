"""The Typer app: global options, the one error handler, and `main`.

Commands live in cli/views.py, cli/record.py and cli/report.py; they parse options, call the
library and hand a Document to the renderer. Heavy imports happen inside commands, so that
`--help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from pilotledger.errors import UserError, ValidationFailed


class LedgerGroup(TyperGroup):
    """Turns the library's errors into a message on stderr and an exit code, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ValidationFailed as failure:
            from pilotledger.cli.common import report_invalid_ledger

            report_invalid_ledger(failure)
            ctx.exit(1)
        except UserError as error:
            from pilotledger.render.terminal import print_error

            print_error(f"pilotledger: {error}")
            ctx.exit(error.exit_code)
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
