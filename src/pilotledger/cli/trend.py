"""`pilotledger trend`: tasks by status per month of the plan, whole or by section or lead unit.
Its options and help; the work is cli/run/trend.py's, loaded when it runs."""

from __future__ import annotations

from enum import Enum

import typer

from pilotledger.cli.formats import ReportFormat
from pilotledger.cli.registration import command


class TrendBy(str, Enum):
    section = "section"
    unit = "unit"


@command(
    runs="pilotledger.cli.run.trend:run_trend",
    epilog="\b\nExample: pilotledger trend --by section --as-of 2022-06-30",
)
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
