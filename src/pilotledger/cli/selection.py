"""The tasks that the --unit, --part and --section texts select (tasks, status, overdue,
matrix): each text resolved against the ledger (lookup), then the rule that filters."""

from __future__ import annotations

from pilotledger import lookup
from pilotledger.rules import select_tasks


def selected_tasks(
    ledger, unit: str | None, part: str | None, section: str | None, lead_only=False
):
    return select_tasks(
        ledger,
        unit=lookup.resolve_unit(ledger, unit).id if unit else None,
        part=lookup.resolve_part(ledger, part) if part else None,
        section=lookup.resolve_section(ledger, section) if section else None,
        lead_only=lead_only,
    )
