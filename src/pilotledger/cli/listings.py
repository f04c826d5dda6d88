"""The listing commands: tasks, units, show, status, overdue, matrix (read-only). Their options
and help (what `--help` builds); each one's work is its module in cli/run/, loaded when it
runs."""

from __future__ import annotations

import typer

from pilotledger.cli.completion import complete_status, complete_task, complete_unit
from pilotledger.cli.formats import Format, MatrixFormat, StatusFormat
from pilotledger.cli.registration import command

FORMAT_HELP = "table (default on a terminal), plain, markdown, csv or json."


UNIT_OPTION = typer.Option(
    None,
    "--unit",
    help="Only tasks this unit leads or is responsible for (id, name or alias).",
    autocompletion=complete_unit,
)
PART_OPTION = typer.Option(None, "--part", help="Only this part: 1–4 or 一…四.")
SECTION_OPTION = typer.Option(None, "--section", help="Only this section: 1–13 or （一）….")
FORMAT_OPTION = typer.Option(None, "--format", help=FORMAT_HELP)
AS_OF_OPTION = typer.Option(
    None,
    "--as-of",
    help="The day to judge on (default today): 2022-06-30, 2022/6/30, 2022年6月30日.",
)
KNOWN_AT_OPTION = typer.Option(
    None, "--known-at", help="Ignore records recorded after the end of this day."
)


@command(
    runs="pilotledger.cli.run.tasks:run_tasks",
    epilog="\b\nExample: pilotledger tasks --unit 县商务委",
)
def tasks(
    ctx: typer.Context,
    unit: str | None = UNIT_OPTION,
    part: str | None = PART_OPTION,
    section: str | None = SECTION_OPTION,
    fmt: Format | None = FORMAT_OPTION,
) -> None:
    """List the plan's tasks with their lead and responsible units."""


@command(
    runs="pilotledger.cli.run.units:run_units", epilog="\b\nExample: pilotledger units --format csv"
)
def units(ctx: typer.Context, fmt: Format | None = FORMAT_OPTION) -> None:
    """List the units with how many tasks each leads and is responsible for."""


@command(runs="pilotledger.cli.run.show:run_show", epilog="\b\nExample: pilotledger show 12")
def show(
    ctx: typer.Context,
    task: str = typer.Argument(..., help="The task number (1–55).", autocompletion=complete_task),
    as_of: str | None = AS_OF_OPTION,
    fmt: Format | None = FORMAT_OPTION,
) -> None:
    """One task: text, units, milestones and its full history (corrections marked)."""


@command(
    runs="pilotledger.cli.run.status:run_status",
    epilog="\b\nExample: pilotledger status --as-of 2022-06-30 --part 1",
)
def status(
    ctx: typer.Context,
    as_of: str | None = AS_OF_OPTION,
    unit: str | None = UNIT_OPTION,
    part: str | None = PART_OPTION,
    section: str | None = SECTION_OPTION,
    status_filter: str | None = typer.Option(
        None,
        "--status",
        help="Only tasks in this status (key or 中文).",
        autocompletion=complete_status,
    ),
    known_at: str | None = KNOWN_AT_OPTION,
    red_first: bool = typer.Option(
        False, "--red-first", help="Red tasks first, then yellow, then green."
    ),
    fmt: StatusFormat | None = typer.Option(
        None, "--format", help=FORMAT_HELP + " Also html, xlsx, docx with --output."
    ),
    output: str | None = typer.Option(
        None, "--output", help="Write to this file instead of the terminal."
    ),
) -> None:
    """One row per task: latest status, progress, last report, missing reports, traffic light."""


@command(
    runs="pilotledger.cli.run.overdue:run_overdue",
    epilog="\b\nExample: pilotledger overdue --as-of 2022-07-10 --unit 县商务委",
)
def overdue(
    ctx: typer.Context,
    as_of: str | None = AS_OF_OPTION,
    unit: str | None = typer.Option(
        None, "--unit", help="Only what this lead unit owes.", autocompletion=complete_unit
    ),
    known_at: str | None = KNOWN_AT_OPTION,
    fmt: Format | None = FORMAT_OPTION,
    output: str | None = typer.Option(
        None, "--output", help="Write to this file instead of the terminal."
    ),
) -> None:
    """Missing monthly reports and missed milestones, grouped by the lead unit that owes them."""


@command(
    runs="pilotledger.cli.run.matrix:run_matrix", epilog="\b\nExample: pilotledger matrix --part 1"
)
def matrix(
    ctx: typer.Context,
    part: str | None = PART_OPTION,
    section: str | None = SECTION_OPTION,
    words: bool = typer.Option(
        False, "--words", help="Write 牵头/责任 (lead/responsible) instead of ● and ○."
    ),
    fmt: MatrixFormat | None = typer.Option(
        None, "--format", help=FORMAT_HELP + " Also html and xlsx with --output."
    ),
    output: str | None = typer.Option(
        None, "--output", help="Write to this file instead of the terminal."
    ),
) -> None:
    """Units × tasks with 牵头 (●) and 责任 (○) marks and per-unit counts."""
