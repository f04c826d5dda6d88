"""Commands for working through git: init, git-setup, merge-driver, review. Their options and
help; each one's work is its module in cli/run/, loaded when it runs."""

from __future__ import annotations

from pathlib import Path

import typer

from pilotledger.cli.formats import Format
from pilotledger.cli.registration import command


@command(runs="pilotledger.cli.run.init:run_init", epilog="\b\nExample: pilotledger init 石柱台账")
def init(
    ctx: typer.Context,
    directory: Path = typer.Argument(..., help="The new ledger folder."),
    plan_from: Path | None = typer.Option(
        None,
        "--plan-from",
        help="Copy tasks.yaml and units.yaml from this ledger (default: the bundled Shizhu plan).",
    ),
    from_plan: Path | None = typer.Option(
        None,
        "--from-plan",
        help="Read the registries from a published plan: .txt, .docx, .xlsx, .html or .pdf "
        "(its task assignment annex, or its numbered items); writes import-report.md beside them.",
    ),
    start: str | None = typer.Option(
        None, "--start", help="With --from-plan: the pilot's first day (default: the issue date)."
    ),
    end: str | None = typer.Option(
        None,
        "--end",
        help="With --from-plan: the pilot's last day (default: from the period the plan states).",
    ),
    report_day: int = typer.Option(
        5, "--report-day", min=1, max=28, help="With --from-plan: the monthly report's due day."
    ),
    alias: list[str] = typer.Option(
        [],
        "--alias",
        help="With --from-plan: SHORT=FULL, two names of one unit (e.g. 县卫健委=县卫生健康委); "
        "repeatable.",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="With --from-plan: print the import report, write nothing."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Create the ledger in a folder that has other files in it; "
        "never over a ledger (tasks.yaml, units.yaml or progress/ there is refused).",
    ),
) -> None:
    """A new ledger: registries, empty progress/, README, git repository, merge driver, first
    commit."""


@command(
    "git-setup",
    runs="pilotledger.cli.run.git_setup:run_git_setup",
    epilog="\b\nExample: pilotledger git-setup",
)
def git_setup(ctx: typer.Context) -> None:
    """In a clone: configure the merge driver, .gitattributes and a pre-commit `check`.
    Idempotent."""


@command(
    "merge-driver",
    runs="pilotledger.cli.run.merge_driver:run_merge_driver",
    hidden=True,
    epilog="\b\nExample: pilotledger merge-driver %O %A %B %P",
)
def merge_driver(
    ctx: typer.Context,
    base: Path = typer.Argument(...),
    ours: Path = typer.Argument(...),
    theirs: Path = typer.Argument(...),
    shown_as: str = typer.Argument("month file"),
) -> None:
    """Called by git (merge.pilotledger.driver) to merge two versions of a month file by record
    id."""


@command(
    runs="pilotledger.cli.run.review:run_review", epilog="\b\nExample: pilotledger review HEAD~3"
)
def review(
    ctx: typer.Context,
    rev: str | None = typer.Argument(
        None,
        help="Since this revision, or a range A..B (default: the last commit; for a merge, "
        "everything it brought in from every parent).",
    ),
    fmt: Format | None = typer.Option(
        None, "--format", help="table, plain, markdown, csv or json."
    ),
) -> None:
    """What changed in the ledger since REV: records added, records edited or removed (flagged),
    registry changes.
    """
