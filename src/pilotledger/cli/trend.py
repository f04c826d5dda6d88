"""`pilotledger trend`: tasks by status per month of the plan, whole or by section or lead unit."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from pilotledger.cli import app
from pilotledger.cli.common import ReportFormat, emit, parse_day
from pilotledger.dates import today


class TrendBy(str, Enum):
    section = "section"
    unit = "unit"


@app.command(epilog="\b\nExample: pilotledger trend --by section --as-of 2022-06-30")
def trend(
    ctx: typer.Context,
    by: TrendBy | None = typer.Option(None, "--by", help="One trend per section or per lead unit."),
    as_of: str | None = typer.Option(None, "--as-of", help="Count up to this day (default today)."),
    fmt: ReportFormat | None = typer.Option(
        None,
        "--format",
        help="table (a chart on a terminal), plain, markdown, csv, json, html, xlsx, docx.",
    ),
    output: str | None = typer.Option(
        None, "--output", help="Write to this file (needed for xlsx and docx)."
    ),
) -> None:
    """Per month of the plan: tasks not started, in progress, blocked and done, and the share
    done."""
    from pilotledger.views import trend as trends
    from pilotledger.views.trend import grouped_trend_document, trend_document

    settings = ctx.obj
    ledger = settings.reading_ledger()
    day = parse_day(as_of, "--as-of")
    if by is None:
        document = trend_document(ledger, trends.trend(ledger, day), day, today(), settings.labels)
    else:
        grouped = (
            trends.trend_by_section(ledger, day)
            if by is TrendBy.section
            else trends.trend_by_unit(ledger, day)
        )
        document = grouped_trend_document(ledger, by.value, grouped, day, today(), settings.labels)
    emit(
        document, fmt, settings.labels, Path(output) if output else None, ledger_root=settings.root
    )
