"""`pilotledger tasks`: the plan's tasks with their lead and responsible units."""

from __future__ import annotations

from pilotledger.cli.common import Settings, emit
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.cli.selection import selected_tasks
from pilotledger.views.tasks import task_items, tasks_document


def run_tasks(
    options: GlobalOptions, *, unit: str | None, part: str | None, section: str | None, fmt
) -> None:
    settings = Settings.of(options)
    ledger = settings.ledger()
    chosen = selected_tasks(ledger, unit, part, section)
    emit(tasks_document(ledger, task_items(chosen), settings.labels), fmt, settings.labels)
