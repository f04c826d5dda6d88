"""What the office's documents add to a period report: the header block (plan, period,
judgment day, made on) and the report's trend of the plan (`PeriodReport.trend`) as a table
with its chart. Kept apart from report_views.py, which owns the report's
content. No I/O, no rendering."""

from __future__ import annotations

import datetime as dt

from pilotledger.i18n import Labels
from pilotledger.model import Ledger
from pilotledger.reports import PeriodReport
from pilotledger.table import Document
from pilotledger.trend_views import trend_table


def report_header(ledger: Ledger, report: PeriodReport, made_on: dt.date, labels: Labels) -> list[tuple[str, str]]:
    period = report.period
    span = labels("period_range", start=period.start.isoformat(), end=period.end.isoformat())
    return [(labels("meta_plan"), ledger.plan.title), (labels("meta_issuer"), ledger.plan.issuer),
            (labels("meta_period"), f"{period.label}（{span}）" if labels.lang == "zh" else f"{period.label} ({span})"),
            (labels("meta_judged_on"), period.judged_on.isoformat()
             + (labels("meta_provisional") if period.provisional else "")),
            (labels("meta_made_on"), made_on.isoformat())]


def with_header_and_trend(document: Document, ledger: Ledger, report: PeriodReport, made_on: dt.date,
                          labels: Labels) -> Document:
    """The report's document with its header block and, last, the report's trend (the months
    after the period are "after this period"; in a provisional report, judged before the
    period's end, they are still to come)."""
    document.meta = report_header(ledger, report, made_on, labels)
    after_period = min(report.period.end, report.period.judged_on) == report.period.end
    document.tables.append(trend_table(report.trend, labels, labels("trend_chart"), after_period))
    return document
