"""A period report as a Document: its title and subtitle, its header block, its tables in
order (the year's three more for a year) and, last, its trend."""

from __future__ import annotations

import datetime as dt

from pilotledger.dates import Period
from pilotledger.document import Document
from pilotledger.model import Ledger
from pilotledger.views.report.data import PeriodReport
from pilotledger.views.report.tables import (
    Names,
    completed_table,
    milestones_table,
    narrative_table,
    overdue_table,
    problems_table,
    scorecard_table,
    sections_table,
    summary_table,
    tasks_table,
    units_table,
    upcoming_table,
)
from pilotledger.views.trend import trend_table
from pilotledger.wording import Labels


def report_document(ledger: Ledger, report: PeriodReport, labels: Labels) -> Document:
    names = Names(ledger, labels)
    info = report.period
    period = Period(info.kind, info.start, info.end)
    title = labels("title_report", plan=ledger.plan.title, label=labels.period_title(period))
    subtitle = " · ".join(
        [
            labels(f"report_{info.kind}"),
            labels("period_range", start=labels.day(info.start), end=labels.day(info.end)),
            labels("judged_on", day=labels.day(info.judged_on)),
            *([labels("provisional")] if info.provisional else []),
        ]
    )
    tables = [
        summary_table(report, labels),
        sections_table(ledger, report, labels),
        tasks_table(report, names),
        narrative_table(report, names),
        problems_table(report, names),
        overdue_table(report, names),
        units_table(report, names),
        upcoming_table(report, names),
    ]
    if report.milestones is not None:
        tables += [
            milestones_table(labels("report_milestones"), report.milestones, names),
            completed_table(report, names),
            scorecard_table(report, names),
        ]
    return Document(title, tables, report, subtitle=subtitle)


def report_header(
    ledger: Ledger, report: PeriodReport, made_on: dt.date, labels: Labels
) -> list[tuple[str, str]]:
    period = report.period
    span = labels("period_range", start=labels.day(period.start), end=labels.day(period.end))
    name = labels.period_title(Period(period.kind, period.start, period.end))
    return [
        (labels("meta_plan"), ledger.plan.title),
        (labels("meta_issuer"), ledger.plan.issuer),
        (
            labels("meta_period"),
            f"{name}（{span}）" if labels.lang == "zh" else f"{name} ({span})",
        ),
        (
            labels("meta_judged_on"),
            labels.day(period.judged_on)
            + (labels("meta_provisional") if period.provisional else ""),
        ),
        (labels("meta_made_on"), labels.day(made_on)),
    ]


def with_header_and_trend(
    document: Document, ledger: Ledger, report: PeriodReport, made_on: dt.date, labels: Labels
) -> Document:
    """The report's document with its header block and, last, the report's trend (the months
    after the period are "after this period"; in a provisional report, judged before the
    period's end, they are still to come)."""
    document.meta = report_header(ledger, report, made_on, labels)
    after_period = min(report.period.end, report.period.judged_on) == report.period.end
    document.tables.append(trend_table(report.trend, labels, labels("trend_chart"), after_period))
    return document
