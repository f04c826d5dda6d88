"""`pilotledger record`: one new progress record, from options or prompts. Its options and
help; the work is cli/recordflow.py's, loaded when it runs."""

from __future__ import annotations

import typer

from pilotledger.cli.completion import complete_status, complete_task, complete_unit
from pilotledger.cli.registration import command


@command(
    runs="pilotledger.cli.recordflow:run_typed",
    epilog="\b\nExample: pilotledger record 12 --unit 县医保局 --date 2022-03-15 --status 推进中"
    " --progress 20 --summary 已与两家保险公司对接",
)
def record(
    ctx: typer.Context,
    task: str | None = typer.Argument(
        None, help="Task number (1–55).", autocompletion=complete_task
    ),
    unit: str | None = typer.Option(
        None,
        "--unit",
        help="Reporting unit: id, full name or alias (县卫健委).",
        autocompletion=complete_unit,
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        help="Date of the progress: 2022-03-15, 2022/3/15, 2022年3月15日, today, yesterday.",
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        autocompletion=complete_status,
        help="not_started, in_progress, blocked, done (or 未启动, 推进中, 受阻, 已完成, 进行中).",
    ),
    progress: str | None = typer.Option(
        None, "--progress", help="Percent done, 0–100 (20 or 20%)."
    ),
    summary: str | None = typer.Option(None, "--summary", help="工作进展: what was done."),
    problems: str | None = typer.Option(None, "--problems", help="存在问题."),
    next_steps: str | None = typer.Option(None, "--next-steps", help="下步打算."),
    evidence: list[str] | None = typer.Option(
        None,
        "--evidence",
        help="佐证材料: text, or a file to store in evidence/ (repeat for several).",
    ),
    corrects: str | None = typer.Option(
        None,
        "--corrects",
        help="Id of an earlier record of this task to correct, or `last` for its newest.",
    ),
    recorded_by: str | None = typer.Option(
        None, "--by", envvar="PILOTLEDGER_USER", help="Who records (optional)."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Write without asking for confirmation."),
) -> None:
    """Add one progress record to <ledger>/progress/YYYY-MM.yaml (one added block, nothing
    else touched).

    On a terminal it asks for whatever is missing; otherwise missing options are an error.
    """
