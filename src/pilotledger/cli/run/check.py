"""`pilotledger check`: every problem of the ledger, printed or as JSON; exit 1 if any."""

from __future__ import annotations

import typer

from pilotledger.cli.common import Settings, emit
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.errors import sorted_problems
from pilotledger.gitflow.staged import touched_ledgers
from pilotledger.ledger_check import checked_ledger, merge_driver_missing
from pilotledger.render.terminal import print_error, print_text, print_warning
from pilotledger.views.check import check_document, check_report
from pilotledger.wording import Message, word


def run_check(
    options: GlobalOptions,
    *,
    fmt,
    since: str | None,
    staged: bool,
    allow_registry_change: bool,
    every_ledger: bool,
) -> None:
    """`fmt`: CheckFormat text (`file:line:col: message` lines, then a summary) or json."""
    settings = Settings.of(options)
    labels = settings.labels
    result = checked_ledger(
        settings.root, since, staged, settings.read_progress(), allow_registry_change
    )
    if every_ledger:
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
    said_in_text = fmt.value == "text"  # JSON says it all in `ok` and `warnings`
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
