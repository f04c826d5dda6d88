"""Read-only commands: check, tasks, units, show, status, overdue, matrix."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from pilotledger.cli import app
from pilotledger.cli.completion import complete_status, complete_task, complete_unit
from pilotledger.cli.common import Format, MatrixFormat, StatusFormat, emit, parse_day

FORMAT_HELP = "table (default on a terminal), plain, markdown, csv or json."


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(epilog="\b\nExample: pilotledger check --since origin/main")
def check(
    ctx: typer.Context,
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", help="text or json."),
    since: Optional[str] = typer.Option(None, "--since", help="Also refuse records edited or removed since this git revision."),
    staged: bool = typer.Option(False, "--staged", help="Check the ledger as staged in git's index (what a commit records), not the files."),
) -> None:
    """Validate the registries and every progress file; print each problem as file:line:col.

    Exits 1 if there is any problem.
    """
    import json

    from pilotledger.render.export import write_stdout as write_raw
    from pilotledger.render.terminal import print_error, print_text

    from pilotledger.gitflow import tracked_cache_problems
    from pilotledger.store.loader import work_dir_problems

    settings = ctx.obj
    result = _checked(settings.root, since, staged, settings.read_progress())
    trust = work_dir_problems(settings.root) + tracked_cache_problems(settings.root)
    result.problems = sorted(set(result.problems) | set(trust))
    _warn_if_no_merge_driver(settings.root, settings.labels.lang)
    if fmt is CheckFormat.json:
        from pilotledger.cli.common import problem_message

        problems = [dict(p.as_dict(), message=problem_message(p, settings.labels.lang)) for p in result.problems]
        payload = {"ok": not result.problems, "problems": problems}
        write_raw(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif result.problems:
        from pilotledger.cli.common import problem_text

        for problem in result.problems:
            write_raw(problem_text(problem, settings.labels.lang) + "\n")
        print_error(settings.labels("check_failed", count=len(result.problems)))
    else:
        ledger = result.ledger
        print_text(settings.labels("check_ok", tasks=len(ledger.tasks), units=len(ledger.units),
                                   records=len(ledger.records), files=result.file_count))
    if result.problems:
        raise typer.Exit(1)


def _checked(root, since: str | None, staged: bool, progress=None):
    """Every problem of the ledger (as staged, with --staged), and edits since `since`."""
    from pilotledger.gitflow import history_problems, staged_ledger
    from pilotledger.store import load

    if not staged:
        result = load(root, progress=progress)
        if since is not None:
            result.problems = sorted(set(result.problems) | set(history_problems(root, since)))
        result.problems = sorted(set(result.problems) | set(_evidence(root, result)))
        return result
    with staged_ledger(root) as tree:  # evidence too is judged as staged: a commit must carry it
        result = load(tree, cache_root=root, progress=progress)
        problems = result.problems + (history_problems(root, since, tree) if since is not None else [])
        problems += _evidence(tree, result)
        result.problems = sorted({_relocated(problem, tree, root) for problem in problems})
    return result


def _evidence(root, result) -> list:
    from pilotledger.store.evidence import evidence_problems

    return evidence_problems(root, result) if result.ledger is not None else []


def _relocated(problem, tree, root):
    """A problem found in the staged copy, named by the ledger's own path."""
    from dataclasses import replace

    staged, real = tree.as_posix(), root.as_posix()
    return replace(problem, file=real + problem.file[len(staged):]) if problem.file.startswith(staged) else problem


def _warn_if_no_merge_driver(root, lang: str) -> None:
    """In a git repository whose .gitattributes asks for our merge driver, say if it is missing."""
    attributes = [folder / ".gitattributes" for folder in (root, *root.resolve().parents)]
    if not any(path.is_file() and "merge=pilotledger" in path.read_text(encoding="utf-8", errors="replace")
               for path in attributes):
        return
    from pilotledger.gitflow import driver_configured, repo_root
    from pilotledger.render.terminal import print_warning

    repo = repo_root(root)
    if repo is not None and not driver_configured(repo):
        from pilotledger.messages import Message, word

        print_warning(word(Message("driver_missing"), lang))


def _selected_tasks(ledger, unit: str | None, part: str | None, section: str | None, lead_only=False):
    from pilotledger import lookup
    from pilotledger.ledger import select_tasks

    return select_tasks(
        ledger,
        unit=lookup.resolve_unit(ledger, unit).id if unit else None,
        part=lookup.resolve_part(ledger, part) if part else None,
        section=lookup.resolve_section(ledger, section) if section else None,
        lead_only=lead_only,
    )


UNIT_OPTION = typer.Option(None, "--unit", help="Only tasks this unit leads or is responsible for (id, name or alias).",
                           autocompletion=complete_unit)
PART_OPTION = typer.Option(None, "--part", help="Only this part: 1–4 or 一…四.")
SECTION_OPTION = typer.Option(None, "--section", help="Only this section: 1–13 or （一）….")
FORMAT_OPTION = typer.Option(None, "--format", help=FORMAT_HELP)
AS_OF_OPTION = typer.Option(None, "--as-of", help="The day to judge on (default today): 2022-06-30, 2022/6/30, 2022年6月30日.")
KNOWN_AT_OPTION = typer.Option(
    None, "--known-at", help="Ignore records recorded after the end of this day."
)


@app.command(epilog="\b\nExample: pilotledger tasks --unit 县商务委")
def tasks(
    ctx: typer.Context,
    unit: Optional[str] = UNIT_OPTION,
    part: Optional[str] = PART_OPTION,
    section: Optional[str] = SECTION_OPTION,
    fmt: Optional[Format] = FORMAT_OPTION,
) -> None:
    """List the plan's tasks with their lead and responsible units."""
    from pilotledger.views import tasks_document

    settings = ctx.obj
    ledger = settings.ledger()
    chosen = _selected_tasks(ledger, unit, part, section)
    emit(tasks_document(ledger, chosen, settings.labels), fmt, settings.labels)


@app.command(epilog="\b\nExample: pilotledger units --format csv")
def units(ctx: typer.Context, fmt: Optional[Format] = FORMAT_OPTION) -> None:
    """List the units with how many tasks each leads and is responsible for."""
    from pilotledger.views import units_document

    settings = ctx.obj
    emit(units_document(settings.ledger(), settings.labels), fmt, settings.labels)


@app.command(epilog="\b\nExample: pilotledger show 12")
def show(
    ctx: typer.Context,
    task: str = typer.Argument(..., help="The task number (1–55).", autocompletion=complete_task),
    as_of: Optional[str] = AS_OF_OPTION,
    fmt: Optional[Format] = FORMAT_OPTION,
) -> None:
    """One task: text, units, milestones and its full history (corrections marked)."""
    from pilotledger.lookup import resolve_task
    from pilotledger.views import show_document

    settings = ctx.obj
    ledger = settings.ledger()
    document = show_document(ledger, resolve_task(ledger, task), parse_day(as_of, "--as-of"), settings.labels)
    emit(document, fmt, settings.labels)


@app.command(epilog="\b\nExample: pilotledger status --as-of 2022-06-30 --part 1")
def status(
    ctx: typer.Context,
    as_of: Optional[str] = AS_OF_OPTION,
    unit: Optional[str] = UNIT_OPTION,
    part: Optional[str] = PART_OPTION,
    section: Optional[str] = SECTION_OPTION,
    status_filter: Optional[str] = typer.Option(None, "--status", help="Only tasks in this status (key or 中文).",
                                                autocompletion=complete_status),
    known_at: Optional[str] = KNOWN_AT_OPTION,
    red_first: bool = typer.Option(False, "--red-first", help="Red tasks first, then yellow, then green."),
    fmt: Optional[StatusFormat] = typer.Option(
        None, "--format", help=FORMAT_HELP + " Also html, xlsx, docx with --output."),
    output: Optional[str] = typer.Option(None, "--output", help="Write to this file instead of the terminal."),
) -> None:
    """One row per task: latest status, progress, last report, missing reports, traffic light."""
    from pathlib import Path

    from pilotledger.cli.report import known_ledger
    from pilotledger.lookup import resolve_status
    from pilotledger.views import status_document

    settings = ctx.obj
    ledger = known_ledger(settings.ledger(), known_at)
    day = parse_day(as_of, "--as-of")
    wanted = resolve_status(status_filter) if status_filter else None
    chosen = _selected_tasks(ledger, unit, part, section)
    document = status_document(ledger, chosen, day, settings.labels, wanted, red_first)
    emit(document, fmt, settings.labels, Path(output) if output else None)


@app.command(epilog="\b\nExample: pilotledger overdue --as-of 2022-07-10 --unit 县商务委")
def overdue(
    ctx: typer.Context,
    as_of: Optional[str] = AS_OF_OPTION,
    unit: Optional[str] = typer.Option(None, "--unit", help="Only what this lead unit owes.",
                                       autocompletion=complete_unit),
    known_at: Optional[str] = KNOWN_AT_OPTION,
    fmt: Optional[Format] = FORMAT_OPTION,
) -> None:
    """Missing monthly reports and missed milestones, grouped by the lead unit that owes them."""
    from pilotledger.cli.report import known_ledger
    from pilotledger.lookup import resolve_unit
    from pilotledger.views import overdue_document

    settings = ctx.obj
    ledger = known_ledger(settings.ledger(), known_at)
    day = parse_day(as_of, "--as-of")
    only = resolve_unit(ledger, unit).id if unit else None
    chosen = _selected_tasks(ledger, unit, None, None, lead_only=True)
    emit(overdue_document(ledger, chosen, day, settings.labels, only), fmt, settings.labels)


@app.command(epilog="\b\nExample: pilotledger matrix --part 1")
def matrix(
    ctx: typer.Context,
    part: Optional[str] = PART_OPTION,
    section: Optional[str] = SECTION_OPTION,
    words: bool = typer.Option(False, "--words", help="Write 牵头/责任 (lead/responsible) instead of ● and ○."),
    fmt: Optional[MatrixFormat] = typer.Option(None, "--format", help=FORMAT_HELP + " Also html and xlsx with --output."),
    output: Optional[str] = typer.Option(None, "--output", help="Write to this file instead of the terminal."),
) -> None:
    """Units × tasks with 牵头 (●) and 责任 (○) marks and per-unit counts."""
    from pathlib import Path

    from pilotledger.views import matrix_document

    settings = ctx.obj
    ledger = settings.ledger()
    chosen = _selected_tasks(ledger, None, part, section)
    emit(matrix_document(ledger, chosen, settings.labels, words), fmt, settings.labels,
         Path(output) if output else None, ledger_root=settings.root)
