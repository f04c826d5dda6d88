"""`pilotledger check`: every problem of the ledger (on disk or as staged, with edits since a
revision), as `file:line:col: message` lines or JSON, through the one render dispatch. Its
options and help; the work is cli/run/check.py's, loaded when it runs."""

from __future__ import annotations

from enum import Enum

import typer

from pilotledger.cli.registration import command


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@command(
    runs="pilotledger.cli.run.check:run_check",
    epilog="\b\nExample: pilotledger check --since origin/main",
)
def check(
    ctx: typer.Context,
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", help="text or json."),
    since: str | None = typer.Option(
        None, "--since", help="Also refuse records edited or removed since this git revision."
    ),
    staged: bool = typer.Option(
        False,
        "--staged",
        help="Check the ledger as staged in git's index (what a commit records), not the files.",
    ),
    allow_registry_change: bool = typer.Option(
        False,
        "--allow-registry-change",
        envvar="PILOTLEDGER_ALLOW_REGISTRY_CHANGE",
        help="With --since: let through a registry change (report_day, plan dates, a task's "
        "milestones or units) that alters past judgments (in the commit hook: "
        "PILOTLEDGER_ALLOW_REGISTRY_CHANGE=1 git commit).",
    ),
    every_ledger: bool = typer.Option(
        False,
        "--every-ledger",
        hidden=True,
        help="Also check every other ledger of the repository that the next commit touches "
        "(the pre-commit hook's way).",
    ),
) -> None:
    """Validate the registries and every progress file; print each problem as file:line:col.

    Exits 1 if there is any problem.
    """
