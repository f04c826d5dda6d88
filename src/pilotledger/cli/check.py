"""`pilotledger check`: every problem of the ledger (on disk or as staged, with edits since a
revision), as `file:line:col: message` lines or JSON, through the one render dispatch."""

from __future__ import annotations

from enum import Enum

import typer

from pilotledger.cli import app
from pilotledger.cli.common import emit
from pilotledger.errors import sorted_problems
from pilotledger.wording import Message, word


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(epilog="\b\nExample: pilotledger check --since origin/main")
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
    from pilotledger.ledger_check import checked_ledger, merge_driver_missing
    from pilotledger.render.terminal import print_error, print_text, print_warning
    from pilotledger.views.check import check_document, check_report

    settings = ctx.obj
    labels = settings.labels
    result = checked_ledger(
        settings.root, since, staged, settings.read_progress(), allow_registry_change
    )
    if every_ledger:
        from pilotledger.gitflow.staged import touched_ledgers

        others = [
            checked_ledger(other, since, staged, None, allow_registry_change).problems
            for other in touched_ledgers(settings.root)
        ]
        result.problems = sorted_problems(result.problems + [p for found in others for p in found])
    if merge_driver_missing(settings.root):
        print_warning(word(Message("driver_missing"), labels.lang))
    report = check_report(
        result.problems, lambda problem: word(problem.message, labels.lang), result.warnings
    )
    emit(check_document(report, labels), fmt, labels)
    said_in_text = fmt is CheckFormat.text  # JSON says it all in `ok` and `warnings`
    if said_in_text:
        for warning in report.warnings:
            print_warning(f"{warning.file}:{warning.line}:{warning.col}: {warning.message}")
    if result.problems:
        if said_in_text:
            print_error(labels("check_failed", count=len(result.problems)))
        raise typer.Exit(1)
    if said_in_text:
        ledger = result.ledger
        print_text(
            labels(
                "check_ok",
                tasks=len(ledger.tasks),
                units=len(ledger.units),
                records=len(ledger.records),
                files=result.file_count,
            )
        )
