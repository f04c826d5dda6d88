"""What the office's documents add to a period report: the header block (plan, period,
judgment day, made on) and the trend of the plan up to the period's end, as a table with its
chart and as the JSON key `trend`. Kept apart from report_views.py, which owns the report's
content. No I/O, no rendering."""

from __future__ import annotations

import datetime as dt

from pilotledger.i18n import Labels
from pilotledger.ledger import Timeline
from pilotledger.model import Ledger
from pilotledger.reports import PeriodReport
from pilotledger.table import Document
from pilotledger.trend import trend
from pilotledger.trend_views import trend_data, trend_table


def report_header(ledger: Ledger, report: PeriodReport, made_on: dt.date, labels: Labels) -> list[tuple[str, str]]:
    period = report.period
    span = labels("period_range", start=period.start.isoformat(), end=period.end.isoformat())
    return [(labels("meta_plan"), ledger.plan.title), (labels("meta_issuer"), ledger.plan.issuer),
            (labels("meta_period"), f"{period.label}（{span}）" if labels.lang == "zh" else f"{period.label} ({span})"),
            (labels("meta_judged_on"), period.judged_on.isoformat()
             + (labels("meta_provisional") if period.provisional else "")),
            (labels("meta_made_on"), made_on.isoformat())]


def with_header_and_trend(document: Document, ledger: Ledger, report: PeriodReport, made_on: dt.date,
                          labels: Labels, lines: dict[int, Timeline] | None = None) -> Document:
    """The report's document with its header block and, last, the trend up to the period's end
    (the months after it are "after this period"; in a provisional report, judged before the
    period's end, they are still to come). `lines`: the ledger's timelines when the caller has
    them already (the site, for every report)."""
    counted_to = min(report.period.end, report.period.judged_on)
    months = trend(ledger, counted_to, lines=lines)
    document.meta = report_header(ledger, report, made_on, labels)
    after_period = counted_to == report.period.end
    document.tables.append(trend_table(months, labels, labels("trend_chart"), after_period))
    if isinstance(document.data, dict):
        document.data["trend"] = trend_data(months)
    return document
