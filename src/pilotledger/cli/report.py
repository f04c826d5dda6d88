"""`pilotledger report` and `pilotledger remind`: their options and help (what `--help`
builds); the work is cli/run/report.py's and cli/run/remind.py's, loaded when one runs."""

from __future__ import annotations

from enum import Enum

import typer

from pilotledger.cli.formats import ReportFormat
from pilotledger.cli.registration import command

KNOWN_AT_HELP = "Ignore records recorded after the end of this day (reproduce an earlier report)."

PERIOD_HELP = "{what}; the PERIOD after it may be this (default), last or {example}."


class SendAs(str, Enum):
    """What a report is sent as (report_letter.Sending.kind)."""

    report = "report"
    notice = "notice"


def _period_flag(flag: str, what: str, example: str):
    return typer.Option(False, flag, help=PERIOD_HELP.format(what=what, example=example))


@command(
    runs="pilotledger.cli.run.report:run_report",
    epilog="\b\nExample: pilotledger report --quarter 2022Q2 --format html --output 2022Q2.html",
)
def report(
    ctx: typer.Context,
    period_text: str | None = typer.Argument(
        None, metavar="[PERIOD]", help="this, last, 2022-03, 2022Q2, 2022H1, 2022."
    ),
    month: bool = _period_flag("--month", "月度调度 monthly dispatch", "2022-03"),
    quarter: bool = _period_flag("--quarter", "季度提示 quarterly reminder", "2022Q2, 2022-Q2"),
    half: bool = _period_flag("--half", "半年检查 half-year inspection", "2022H1"),
    year: bool = _period_flag("--year", "年底对账 year-end reconciliation", "2022"),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Judgment day (default: the day after the last month's report is due, or today).",
    ),
    known_at: str | None = typer.Option(None, "--known-at", help=KNOWN_AT_HELP),
    fmt: ReportFormat | None = typer.Option(
        None, "--format", help="table, plain, markdown, csv, json, html, xlsx, docx."
    ),
    output: str | None = typer.Option(
        None, "--output", help="Write to this file (needed for xlsx and docx)."
    ),
    send_as: SendAs = typer.Option(
        SendAs.report,
        "--as",
        help="report: a 报告 to the office above; notice: a 通报 to the lead units (ranked).",
    ),
    sender: str | None = typer.Option(
        None, "--from", help="The 落款 office (default: plan.office.name, else the issuer)."
    ),
    number: str | None = typer.Option(None, "--number", help="The 文号, e.g. 石试点办〔2022〕3号."),
) -> None:
    """The period report as a document to send (报告 or 通报): 总体情况, problems, 协调事项 and
    下步安排 written from the data, signed and dated; its tables (status counts, sections,
    tasks with their lights, narrative, problems, overdue items, reporting by lead unit, what
    comes next; for a year the scorecard) are its annexes.
    """


class RemindFormat(str, Enum):
    """The reminder list's formats (each one a renderer in render/emit.py)."""

    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


@command(
    runs="pilotledger.cli.run.remind:run_remind",
    epilog="\b\nExample: pilotledger remind --as-of 2022-07-20 --output-dir 提示函",
)
def remind(
    ctx: typer.Context,
    as_of: str | None = typer.Option(None, "--as-of", help="The day to judge on (default today)."),
    unit: str | None = typer.Option(
        None, "--unit", help="Only this lead unit's list (id, name or alias)."
    ),
    fmt: RemindFormat = typer.Option(
        RemindFormat.markdown, "--format", help="markdown (default), html, xlsx or docx."
    ),
    output_dir: str | None = typer.Option(
        None,
        "--output-dir",
        help="Write one file per unit here (made if missing), named after the unit: 县商务委.md.",
    ),
) -> None:
    """One reminder list per lead unit that owes something: missing reports since when, missed
    milestones, milestones due within 30 days and the next report's due day.

    Without --output-dir, --unit is needed and the list goes to standard output (not xlsx, docx).
    """
