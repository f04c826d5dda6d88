"""The trend: per month of the plan, how many tasks stand in each status.

The months are the plan's reporting months: from the first month after `issued` through the
month of `plan.end`. A month that has begun by the as-of day counts each task's status at the
month's end, or on the as-of day while the month is still running; a month that begins after
the as-of day is still to come and has no counts.

The Document: one table per trend (all months of the plan, months to come empty) with its
chart; its data (its JSON) is the same TrendMonths. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger.dates import month_end, month_key, months, next_month
from pilotledger.document import Chart, ChartSeries, Column, Document, Table
from pilotledger.jsondata import FOUR_DIGITS
from pilotledger.model import Ledger, Status, Task
from pilotledger.rules import Timeline, state_as_of, timelines
from pilotledger.wording import Labels

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


STACK_ORDER = (Status.done, Status.in_progress, Status.blocked, Status.not_started)


def _columns(labels: Labels, group: str | None) -> list[Column]:
    columns = [Column("group", labels(group), wrap=True)] if group else []
    columns.append(Column("month", labels("month")))
    columns += [Column(s.value, labels.status_name(s), "right", kind="int") for s in STATUS_KEYS]
    columns.append(Column("share_done", labels("share_done"), "right", kind="percent"))
    return columns


def _rows(months: list[TrendMonth], group_name: str | None) -> list[list]:
    rows = []
    for line in months:
        cells = [line.month, *(line.count(s) for s in STATUS_KEYS), line.share_done]
        rows.append([group_name, *cells] if group_name is not None else cells)
    return rows


def _series(name: str, months: list[TrendMonth]) -> ChartSeries:
    counts = {s.value: [m.count(s) for m in months] for s in STACK_ORDER}
    return ChartSeries(name, counts, [m.share_done for m in months])


def trend_chart(
    title: str, named: dict[str, list[TrendMonth]], labels: Labels, after_period: bool = False
) -> Chart:
    """`after_period`: the uncounted months lie after a report's period (本期之后), not in the
    future as seen from the as-of day (尚未到来)."""
    first = next(iter(named.values()))
    return Chart(
        title,
        [m.month for m in first],
        [_series(name, months) for name, months in named.items()],
        {s.value: labels.status_name(s) for s in STACK_ORDER},
        labels("share_done"),
        labels("trend_after_period" if after_period else "trend_to_come"),
    )


def trend_table(
    months: list[TrendMonth], labels: Labels, title: str, after_period: bool = False
) -> Table:
    """The whole plan's trend as a table with its stacked-bar chart (`after_period`: see
    trend_chart)."""
    note = labels("trend_note_report" if after_period else "trend_note")
    table = Table(title, _columns(labels, None), _rows(months, None), notes=[note])
    table.chart = trend_chart(labels("trend_chart"), {title: months}, labels, after_period)
    return table


def trend_document(
    ledger: Ledger, months: list[TrendMonth], as_of: dt.date, made_on: dt.date, labels: Labels
) -> Document:
    title = labels("title_trend", plan=ledger.plan.title, as_of=as_of.isoformat())
    return Document(
        title,
        [trend_table(months, labels, labels("trend_chart"))],
        months,
        meta=trend_meta(ledger, as_of, made_on, labels),
        sender=ledger.plan.sender,
        dated=made_on,
    )


def grouped_trend_document(
    ledger: Ledger, by: str, trends: dict, as_of: dt.date, made_on: dt.date, labels: Labels
) -> Document:
    """--by section|unit: one table grouped by section or lead unit, one line per group in the
    chart."""
    names = {key: _group_name(ledger, by, key, labels) for key in trends}
    rows = [row for key, months in trends.items() for row in _rows(months, names[key])]
    title = labels(f"title_trend_by_{by}", as_of=as_of.isoformat())
    table = Table(title, _columns(labels, by), rows, notes=[labels("trend_note")], group_by="group")
    table.chart = trend_chart(title, {names[key]: months for key, months in trends.items()}, labels)
    doc_title = labels("title_trend", plan=ledger.plan.title, as_of=as_of.isoformat())
    return Document(
        doc_title,
        [table],
        trends,
        meta=trend_meta(ledger, as_of, made_on, labels),
        sender=ledger.plan.sender,
        dated=made_on,
    )


def _group_name(ledger: Ledger, by: str, key, labels: Labels) -> str:
    if by == "unit":
        return labels.unit_name(ledger.units[key])
    section = next(s for s in ledger.sections if s.number == key)
    return f"{section.label}{section.title.rstrip('。')}"


def trend_meta(
    ledger: Ledger, as_of: dt.date, made_on: dt.date, labels: Labels
) -> list[tuple[str, str]]:
    return [
        (labels("meta_plan"), ledger.plan.title),
        (labels("meta_issuer"), ledger.plan.issuer),
        (labels("meta_as_of"), as_of.isoformat()),
        (labels("meta_made_on"), made_on.isoformat()),
    ]
