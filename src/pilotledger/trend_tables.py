"""The trend as a Document: one table per trend (all months of the plan, months to come empty),
its chart; the document's data (its JSON) is the same TrendMonths.
No I/O, no rendering."""

from __future__ import annotations

import datetime as dt

from pilotledger.document import Chart, ChartSeries, Column, Document, Table
from pilotledger.i18n import Labels
from pilotledger.model import Ledger, Status
from pilotledger.views.trend import STATUS_KEYS, TrendMonth

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
    return Document(doc_title, [table], trends, meta=trend_meta(ledger, as_of, made_on, labels))


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
