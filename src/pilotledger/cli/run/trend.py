"""`pilotledger trend`: tasks by status per month, whole or by section or lead unit."""

from __future__ import annotations

from pilotledger.cli.common import Settings, parse_day
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.dates import today
from pilotledger.views import trend as trends
from pilotledger.views.trend import grouped_trend_document, trend_document


def run_trend(options: GlobalOptions, *, by, as_of: str | None, fmt, output: str | None) -> None:
    """`by` (TrendBy): None for the whole plan, section or unit for one trend per group."""
    by = by.value if by else None
    settings = Settings.of(options)
    ledger = settings.reading_ledger()
    day = parse_day(as_of, "--as-of")
    if by is None:
        document = trend_document(ledger, trends.trend(ledger, day), day, today(), settings.labels)
    else:
        grouped = (
            trends.trend_by_section(ledger, day)
            if by == "section"
            else trends.trend_by_unit(ledger, day)
        )
        document = grouped_trend_document(ledger, by, grouped, day, today(), settings.labels)
    settings.emit(document, fmt, output)
