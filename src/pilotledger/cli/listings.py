"""The listing commands: tasks, units, show, status, overdue, matrix (read-only)."""

from __future__ import annotations

from pathlib import Path

import typer

from pilotledger.cli import app
from pilotledger.cli.common import (
    Format,
    MatrixFormat,
    StatusFormat,
    emit,
    known_ledger,
    parse_day,
)
from pilotledger.cli.completion import complete_status, complete_task, complete_unit

FORMAT_HELP = "table (default on a terminal), plain, markdown, csv or json."


def _selected_tasks(
    ledger, unit: str | None, part: str | None, section: str | None, lead_only=False
):
    from pilotledger import lookup
    from pilotledger.rules import select_tasks

    return select_tasks(
        ledger,
        unit=lookup.resolve_unit(ledger, unit).id if unit else None,
        part=lookup.resolve_part(ledger, part) if part else None,
        section=lookup.resolve_section(ledger, section) if section else None,
        lead_only=lead_only,
    )


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


@app.command(epilog="\b\nExample: pilotledger tasks --unit 县商务委")
def tasks(
    ctx: typer.Context,
    unit: str | None = UNIT_OPTION,
    part: str | None = PART_OPTION,
    section: str | None = SECTION_OPTION,
    fmt: Format | None = FORMAT_OPTION,
) -> None:
    """List the plan's tasks with their lead and responsible units."""
    from pilotledger.views.tasks import task_items, tasks_document

    settings = ctx.obj
    ledger = settings.ledger()
    chosen = _selected_tasks(ledger, unit, part, section)
    emit(tasks_document(ledger, task_items(chosen), settings.labels), fmt, settings.labels)


@app.command(epilog="\b\nExample: pilotledger units --format csv")
def units(ctx: typer.Context, fmt: Format | None = FORMAT_OPTION) -> None:
    """List the units with how many tasks each leads and is responsible for."""
    from pilotledger.views.units import unit_items, units_document

    settings = ctx.obj
    ledger = settings.ledger()
    emit(units_document(ledger, unit_items(ledger), settings.labels), fmt, settings.labels)


@app.command(epilog="\b\nExample: pilotledger show 12")
def show(
    ctx: typer.Context,
    task: str = typer.Argument(..., help="The task number (1–55).", autocompletion=complete_task),
    as_of: str | None = AS_OF_OPTION,
    fmt: Format | None = FORMAT_OPTION,
) -> None:
    """One task: text, units, milestones and its full history (corrections marked)."""
    from pilotledger.lookup import resolve_task
    from pilotledger.views.show import show_document, task_detail

    settings = ctx.obj
    ledger = settings.ledger()
    detail = task_detail(ledger, resolve_task(ledger, task), parse_day(as_of, "--as-of"))
    emit(show_document(ledger, detail, settings.labels), fmt, settings.labels)


@app.command(epilog="\b\nExample: pilotledger status --as-of 2022-06-30 --part 1")
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
    from pilotledger.lookup import resolve_status
    from pilotledger.views.status import status_document, status_rows

    settings = ctx.obj
    ledger = known_ledger(settings.reading_ledger(), known_at)
    day = parse_day(as_of, "--as-of")
    wanted = resolve_status(status_filter) if status_filter else None
    chosen = _selected_tasks(ledger, unit, part, section)
    rows = status_rows(ledger, chosen, day, wanted, red_first)
    document = status_document(ledger, rows, day, settings.labels)
    emit(
        document, fmt, settings.labels, Path(output) if output else None, ledger_root=settings.root
    )


@app.command(epilog="\b\nExample: pilotledger overdue --as-of 2022-07-10 --unit 县商务委")
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
    from pilotledger.lookup import resolve_unit
    from pilotledger.views.overdue import overdue as owed_as_of
    from pilotledger.views.overdue import overdue_document

    settings = ctx.obj
    ledger = known_ledger(settings.reading_ledger(), known_at)
    day = parse_day(as_of, "--as-of")
    only = resolve_unit(ledger, unit).id if unit else None
    chosen = _selected_tasks(ledger, unit, None, None, lead_only=True)
    owed = owed_as_of(ledger, chosen, day, only)
    emit(
        overdue_document(ledger, owed, settings.labels),
        fmt,
        settings.labels,
        Path(output) if output else None,
        ledger_root=settings.root,
    )


@app.command(epilog="\b\nExample: pilotledger matrix --part 1")
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
    from pilotledger.views.matrix import matrix_document, matrix_listing

    settings = ctx.obj
    ledger = settings.reading_ledger()
    grid = matrix_listing(ledger, _selected_tasks(ledger, None, part, section))
    emit(
        matrix_document(ledger, grid, settings.labels, words),
        fmt,
        settings.labels,
        Path(output) if output else None,
        ledger_root=settings.root,
    )
