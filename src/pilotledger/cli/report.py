"""`pilotledger report`: the period report in any format, to the terminal or a file."""

from __future__ import annotations

from typing import Optional

import typer

from pilotledger.cli import app
from pilotledger.cli.common import ReportFormat, emit, parse_day, today
from pilotledger.errors import UsageError
from pilotledger.messages import Message

PERIOD_HELP = "{what}; the PERIOD after it may be this (default), last or {example}."


def _period_flag(flag: str, what: str, example: str):
    return typer.Option(False, flag, help=PERIOD_HELP.format(what=what, example=example))


@app.command()
def report(
    ctx: typer.Context,
    period_text: Optional[str] = typer.Argument(None, metavar="[PERIOD]", help="this, last, 2022-03, 2022Q2, 2022H1, 2022."),
    month: bool = _period_flag("--month", "月度调度 monthly dispatch", "2022-03"),
    quarter: bool = _period_flag("--quarter", "季度提示 quarterly reminder", "2022Q2, 2022-Q2"),
    half: bool = _period_flag("--half", "半年检查 half-year inspection", "2022H1"),
    year: bool = _period_flag("--year", "年底对账 year-end reconciliation", "2022"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge on this day (default: the period's end, or today)."),
    fmt: Optional[ReportFormat] = typer.Option(None, "--format", help="table, plain, markdown, csv, json, html, xlsx."),
    output: Optional[str] = typer.Option(None, "--output", help="Write to this file (needed for xlsx)."),
) -> None:
    """The period report: status counts, sections, tasks, overdue items and unit compliance.

    Example: pilotledger report --quarter 2022Q2 --format html --output 2022Q2.html
    """
    from pathlib import Path

    from pilotledger.dates import DateError, parse_period
    from pilotledger.report_views import report_document
    from pilotledger.reports import build_report

    chosen = [kind for kind, flag in (("month", month), ("quarter", quarter), ("half", half), ("year", year)) if flag]
    if len(chosen) != 1:
        raise UsageError(Message("choose_period"))
    kind = chosen[0]
    try:
        period = parse_period(kind, period_text, today())
    except DateError as error:
        raise UsageError(Message("option_problem", option=f"--{kind}", problem=error.args[0])) from None
    settings = ctx.obj
    ledger = settings.ledger()
    judged_on = parse_day(as_of, "--as-of") if as_of else None
    built = build_report(ledger, period, today(), judged_on)
    emit(report_document(ledger, built, settings.labels), fmt, settings.labels, Path(output) if output else None)
