"""`pilotledger form`: one fill-in workbook per unit for a month, written into a folder."""

from __future__ import annotations

from pathlib import Path

from pilotledger.cli.common import (
    Settings,
    output_folder,
    parse_day,
    safe_file_name,
    write_output_file,
)
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.dates import DateError, month_end, month_key, month_start, parse_period, today
from pilotledger.errors import UsageError, UserError
from pilotledger.forms.content import build_form, form_file_name, units_with_tasks
from pilotledger.forms.write import form_workbook
from pilotledger.lookup import resolve_unit
from pilotledger.model import UnitKind
from pilotledger.render.terminal import print_text
from pilotledger.wording import Message


def run_form(
    options: GlobalOptions,
    *,
    month: str,
    unit: str | None,
    output_dir: str,
    as_of: str | None,
    return_to: str | None,
) -> None:
    settings = Settings.of(options)
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
    try:
        return parse_period("month", text, today())
    except DateError as error:
        raise UsageError(
            Message("option_problem", option="--month", problem=error.args[0])
        ) from None


def _refuse_month_outside_plan(ledger, first_day) -> None:
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
