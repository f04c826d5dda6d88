"""The trend: per month of the plan, how many tasks stand in each status. Pure rules.

The months are the plan's reporting months: from the first month after `issued` through the
month of `plan.end`. A month that has begun by the as-of day counts each task's status at the
month's end, or on the as-of day while the month is still running; a month that begins after
the as-of day is still to come and has no counts. No I/O, no rendering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger.dates import month_end, month_key, months, next_month
from pilotledger.jsondata import FOUR_DIGITS
from pilotledger.model import Ledger, Status, Task
from pilotledger.rules import Timeline, state_as_of, timelines

STATUS_KEYS = (Status.not_started, Status.in_progress, Status.blocked, Status.done)


@dataclass(frozen=True)
class TrendMonth:
    """One month of the plan: tasks by status on its counting day (None for a month to come)
    and the share done. The trend's JSON row (share to 4 decimals), table row and chart point."""

    month: str  # YYYY-MM
    not_started: int | None
    in_progress: int | None
    blocked: int | None
    done: int | None
    share_done: float | None = field(metadata=FOUR_DIGITS)

    def count(self, status: Status) -> int | None:
        return getattr(self, status.value)


def _counted(month: dt.date, counts: dict[Status, int] | None) -> TrendMonth:
    if counts is None:
        return TrendMonth(month_key(month), None, None, None, None, None)
    total = sum(counts.values())
    share = counts[Status.done] / total if total else 0.0
    return TrendMonth(month_key(month), *(counts[s] for s in STATUS_KEYS), share)


def plan_months(ledger: Ledger) -> list[dt.date]:
    """First days of the months of the plan, as the trend and the reporting calendar count them."""
    return list(months(next_month(ledger.plan.issued), ledger.plan.end))


def trend(
    ledger: Ledger,
    as_of: dt.date,
    tasks: list[Task] | None = None,
    lines: dict[int, Timeline] | None = None,
) -> list[TrendMonth]:
    """Tasks by status at each month's end (or on `as_of` for the running month)."""
    lines = lines or timelines(ledger)
    chosen = list(ledger.tasks.values()) if tasks is None else tasks
    result = []
    for month in plan_months(ledger):
        if month > as_of:
            result.append(_counted(month, None))
            continue
        day = min(month_end(month), as_of)
        counts = dict.fromkeys(STATUS_KEYS, 0)
        for task in chosen:
            counts[state_as_of(lines[task.number], day).status] += 1
        result.append(_counted(month, counts))
    return result


def trend_by_section(ledger: Ledger, as_of: dt.date) -> dict[int, list[TrendMonth]]:
    """The trend of each section's tasks, in the plan's section order."""
    lines = timelines(ledger)
    return {
        section.number: trend(
            ledger, as_of, [t for t in ledger.tasks.values() if t.section == section.number], lines
        )
        for section in ledger.sections
        if any(t.section == section.number for t in ledger.tasks.values())
    }


def trend_by_unit(ledger: Ledger, as_of: dt.date) -> dict[str, list[TrendMonth]]:
    """The trend of the tasks each unit leads, in units.yaml order; units leading none are left
    out."""
    lines = timelines(ledger)
    led = {
        unit_id: [t for t in ledger.tasks.values() if unit_id in t.lead] for unit_id in ledger.units
    }
    return {unit_id: trend(ledger, as_of, tasks, lines) for unit_id, tasks in led.items() if tasks}
