"""`pilotledger show`: one task, its units, milestones and full history."""

from __future__ import annotations

from pilotledger.cli.common import Settings, emit, parse_day
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.lookup import resolve_task
from pilotledger.views.show import show_document, task_detail


def run_show(options: GlobalOptions, *, task: str, as_of: str | None, fmt) -> None:
    settings = Settings.of(options)
    ledger = settings.ledger()
    detail = task_detail(ledger, resolve_task(ledger, task), parse_day(as_of, "--as-of"))
    emit(show_document(ledger, detail, settings.labels), fmt, settings.labels)
