"""`pilotledger overdue`: what each lead unit owes on a day (missing reports, missed
milestones)."""

from __future__ import annotations

from pilotledger.cli.common import Settings, judged_ledger
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.cli.selection import selected_tasks
from pilotledger.lookup import resolve_unit
from pilotledger.views.overdue import overdue as owed_as_of
from pilotledger.views.overdue import overdue_document


def run_overdue(
    options: GlobalOptions,
    *,
    as_of: str | None,
    unit: str | None,
    known_at: str | None,
    fmt,
    output: str | None,
) -> None:
    settings = Settings.of(options)
    ledger, day = judged_ledger(settings, as_of, known_at)
    only = resolve_unit(ledger, unit).id if unit else None
    chosen = selected_tasks(ledger, unit, None, None, lead_only=True)
    owed = owed_as_of(ledger, chosen, day, only)
    settings.emit(overdue_document(ledger, owed, settings.labels), fmt, output)
