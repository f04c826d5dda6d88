"""`pilotledger status`: one row per task, judged on a day, in any format."""

from __future__ import annotations

from pilotledger.cli.common import Settings, judged_ledger
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.cli.selection import selected_tasks
from pilotledger.lookup import resolve_status
from pilotledger.views.status import status_document, status_rows


def run_status(
    options: GlobalOptions,
    *,
    as_of: str | None,
    unit: str | None,
    part: str | None,
    section: str | None,
    status_filter: str | None,
    known_at: str | None,
    red_first: bool,
    fmt,
    output: str | None,
) -> None:
    settings = Settings.of(options)
    ledger, day = judged_ledger(settings, as_of, known_at)
    wanted = resolve_status(status_filter) if status_filter else None
    chosen = selected_tasks(ledger, unit, part, section)
    rows = status_rows(ledger, chosen, day, wanted, red_first)
    document = status_document(ledger, rows, day, settings.labels)
    settings.emit(document, fmt, output)
