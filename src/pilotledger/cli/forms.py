"""`pilotledger form` and `pilotledger intake`: fill-in workbooks out to the units, returned
workbooks in as records (the library is pilotledger.forms). Their options and help; each one's
work is its module in cli/run/, loaded when it runs."""

from __future__ import annotations

import typer

from pilotledger.cli.registration import command


@command(
    runs="pilotledger.cli.run.form:run_form",
    epilog="\b\nExample: pilotledger form --month 2022-06 --output-dir 填报表",
)
def form(
    ctx: typer.Context,
    month: str = typer.Option(
        ..., "--month", help="The month the forms report: 2022-06, 2022年6月."
    ),
    unit: str | None = typer.Option(
        None, "--unit", help="Only this unit's form (id, name or alias)."
    ),
    output_dir: str = typer.Option(
        ".", "--output-dir", help="Folder for the workbooks (created if missing)."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Last known status as of this day (default: today, at most the month's end).",
    ),
    return_to: str | None = typer.Option(
        None, "--return-to", help="Whom the units return the form to (default: 县试点办)."
    ),
) -> None:
    """One fill-in workbook per unit that has tasks, named after the unit and the month
    (县商务委-2022年6月.xlsx): its tasks with their last known status, and validated cells for
    the month's status, progress, date and texts. `intake` reads them back."""


@command(
    runs="pilotledger.cli.run.intake:run_intake",
    epilog="\b\nExample: pilotledger intake 收回/*.xlsx --received-at 2022-07-04 --dry-run",
)
def intake(
    ctx: typer.Context,
    files: list[str] = typer.Argument(..., metavar="FILE...", help="Returned forms (.xlsx)."),
    received_at: str | None = typer.Option(
        None,
        "--received-at",
        help="When the units sent the forms: 2022-07-04 or 2022-07-04T10:30 (default now);"
        " a report is judged on time by this, not by the day it is typed in.",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what would be recorded; write nothing."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Write without asking for confirmation."),
) -> None:
    """Record every filled row of returned forms, with the rules of `record`: every problem of
    every file is shown as FILE!CELL: message and, if there is any, nothing is written. A form
    already recorded is skipped; a corrected version records the changed rows as corrections."""
