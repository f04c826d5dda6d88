"""`pilotledger form` and `pilotledger intake`: fill-in workbooks out to the units, returned
workbooks in as records (the library is pilotledger.forms; this module parses, reads and
writes files through the store, and prints)."""

from __future__ import annotations

from pathlib import Path

import typer

from pilotledger.cli import app
from pilotledger.cli.common import output_folder, parse_day, today, write_output_file
from pilotledger.errors import UsageError, UserError
from pilotledger.wording import Message


@app.command(epilog="\b\nExample: pilotledger form --month 2022-06 --output-dir 填报表")
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
    from pilotledger.cli.report import safe_file_name
    from pilotledger.dates import month_end
    from pilotledger.forms.content import build_form, form_file_name, units_with_tasks
    from pilotledger.forms.write import form_workbook
    from pilotledger.lookup import resolve_unit
    from pilotledger.model import UnitKind
    from pilotledger.render.terminal import print_text

    settings = ctx.obj
    labels = settings.labels
    period = _month(month)
    ledger = settings.ledger()
    _refuse_month_outside_plan(ledger, period.start)
    day = parse_day(as_of, "--as-of") if as_of else min(today(), month_end(period.start))
    units = [resolve_unit(ledger, unit)] if unit else units_with_tasks(ledger)
    folder = output_folder(Path(output_dir))
    sheet = labels("form_sheet")
    to = return_to if return_to is not None else labels("form_return_to")
    for chosen in units:
        if chosen.kind is UnitKind.group:
            raise UserError(Message("form_group", unit=chosen.name))
        made = build_form(ledger, chosen, period.start, day, to, sheet)
        if not made.rows:
            raise UserError(Message("form_no_tasks", unit=chosen.name))
        content = form_workbook(made, labels)
        path = folder / form_file_name(safe_file_name(chosen.name), period.start)
        write_output_file(
            path, lambda temp, content=content: temp.write_bytes(content), settings.root
        )
        print_text(labels("reminder_written", path=str(path)))


def _month(text: str):
    from pilotledger.dates import DateError, parse_period

    try:
        return parse_period("month", text, today())
    except DateError as error:
        raise UsageError(
            Message("option_problem", option="--month", problem=error.args[0])
        ) from None


def _refuse_month_outside_plan(ledger, first_day) -> None:
    from pilotledger.dates import month_key, month_start

    plan = ledger.plan
    if not month_start(plan.issued) <= first_day <= month_start(plan.end):
        raise UserError(
            Message(
                "form_month_outside",
                month=month_key(first_day),
                first=month_key(plan.issued),
                last=month_key(plan.end),
            )
        )
