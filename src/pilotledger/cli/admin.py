"""Commands for working through git: init, git-setup, merge-driver, review."""

from __future__ import annotations

from pathlib import Path

import typer

from pilotledger.cli import app, chosen_lang
from pilotledger.cli.common import Format, emit, parse_day
from pilotledger.dates import today
from pilotledger.errors import UsageError, UserError
from pilotledger.wording import Message, word


@app.command(epilog="\b\nExample: pilotledger init 石柱台账")
def init(
    ctx: typer.Context,
    directory: Path = typer.Argument(..., help="The new ledger folder."),
    plan_from: Path | None = typer.Option(
        None,
        "--plan-from",
        help="Copy tasks.yaml and units.yaml from this ledger (default: the bundled Shizhu plan).",
    ),
    from_plan: Path | None = typer.Option(
        None,
        "--from-plan",
        help="Read the registries from a published plan: .txt, .docx, .xlsx, .html or .pdf "
        "(its task assignment annex, or its numbered items); writes import-report.md beside them.",
    ),
    start: str | None = typer.Option(
        None, "--start", help="With --from-plan: the pilot's first day (default: the issue date)."
    ),
    end: str | None = typer.Option(
        None,
        "--end",
        help="With --from-plan: the pilot's last day (default: from the period the plan states).",
    ),
    report_day: int = typer.Option(
        5, "--report-day", min=1, max=28, help="With --from-plan: the monthly report's due day."
    ),
    alias: list[str] = typer.Option(
        [],
        "--alias",
        help="With --from-plan: SHORT=FULL, two names of one unit (e.g. 县卫健委=县卫生健康委); "
        "repeatable.",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="With --from-plan: print the import report, write nothing."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Create the ledger in a folder that has other files in it; "
        "never over a ledger (tasks.yaml, units.yaml or progress/ there is refused).",
    ),
) -> None:
    """A new ledger: registries, empty progress/, README, git repository, merge driver, first
    commit."""
    from pilotledger.gitflow.setup import init_ledger
    from pilotledger.render.terminal import print_text

    lang = chosen_lang(ctx)
    imported = None
    if from_plan is not None:
        if plan_from is not None:
            raise UsageError(Message("init_two_sources"))
        imported, summary = _imported_files(from_plan, start, end, report_day, alias, lang)
        if dry_run:
            print_text(imported[IMPORT_REPORT].decode("utf-8"))
            print_text(word(Message("import_dry_run"), lang))
            return
    try:
        done = init_ledger(directory, plan_from, force, imported)
    except UserError as error:
        if getattr(error.args[0], "key", None) == "plan_source_incomplete":
            raise UserError(
                Message("option_problem", option="--plan-from", problem=error.args[0])
            ) from None
        raise
    from pilotledger.render.terminal import print_warning

    print_text(word(_init_said(directory, done), lang))
    if done.others:
        print_text(word(Message("init_others_left", count=done.others), lang))
    for line in done.setup.advice:
        print_warning(word(line, lang))
    if imported is not None:
        print_text(word(Message(**summary, report=directory / IMPORT_REPORT), lang))


def _init_said(directory: Path, done):
    """What init did, truthfully: which repository, whether it committed."""
    if not done.committed:
        return Message("init_already_committed", path=directory)
    if done.outer is not None:
        return Message("init_done_own_inside", path=directory, outer=done.outer)
    if done.created:
        return Message("init_done_new", path=directory)
    return Message("init_done_in", path=directory, repo=done.repo)


IMPORT_REPORT = "import-report.md"


def _imported_files(plan: Path, start, end, report_day: int, aliases: list[str], lang: str):
    """The registries and the import report read from `plan`, checked as `check` checks."""
    from pilotledger.planimport import ImportOptions, import_plan
    from pilotledger.planimport.report import report_markdown
    from pilotledger.store.loader import TASKS_FILE, UNITS_FILE
    from pilotledger.store.registries import registry_findings, registry_text

    pairs = {}
    for text in aliases:
        short, equals, full = (part.strip() for part in text.partition("="))
        if not (equals and short and full) or short == full:
            problem = Message("import_alias_bad", text=text)
            raise UsageError(Message("option_problem", option="--alias", problem=problem))
        pairs[short] = full
    options = ImportOptions(
        start=parse_day(start, "--start") if start else None,
        end=parse_day(end, "--end") if end else None,
        report_day=report_day,
        aliases=pairs,
    )
    result = import_plan(plan, options)
    heading = f"Imported from {plan.name} by `pilotledger init --from-plan`; see {IMPORT_REPORT}."
    tasks = registry_text(result.registries.tasks, heading)
    units = registry_text(result.registries.units, heading)
    findings = registry_findings(tasks, units)
    if findings:
        problems = "; ".join(f"{f.file}: {f.message}" for f in findings[:5])
        raise UserError(Message("import_registries_invalid", path=plan, problems=problems))
    report = report_markdown(result, lang).encode("utf-8")
    summary = {
        "key": "import_done",
        "path": plan,
        "tasks": len(result.registries.tasks["tasks"]),
        "units": len(result.registries.units["units"]),
        "doubts": len(result.draft.doubts),
    }
    return {TASKS_FILE: tasks, UNITS_FILE: units, IMPORT_REPORT: report}, summary


@app.command("git-setup", epilog="\b\nExample: pilotledger git-setup")
def git_setup(ctx: typer.Context) -> None:
    """In a clone: configure the merge driver, .gitattributes and a pre-commit `check`.
    Idempotent."""
    from pilotledger.gitflow.setup import git_setup as setup
    from pilotledger.render.terminal import print_text, print_warning

    report = setup(ctx.obj.root)
    lang = chosen_lang(ctx)
    for line in report.done:
        print_text(word(Message("setup_done", what=line), lang))
    for line in report.already:
        print_text(word(Message("setup_already", what=line), lang))
    for line in report.advice:
        print_warning(word(line, lang))


@app.command(
    "merge-driver", hidden=True, epilog="\b\nExample: pilotledger merge-driver %O %A %B %P"
)
def merge_driver(
    ctx: typer.Context,
    base: Path = typer.Argument(...),
    ours: Path = typer.Argument(...),
    theirs: Path = typer.Argument(...),
    shown_as: str = typer.Argument("month file"),
) -> None:
    """Called by git (merge.pilotledger.driver) to merge two versions of a month file by record
    id."""
    from pilotledger.gitflow.merge import run_merge_driver
    from pilotledger.render.terminal import print_error

    lang = ctx.obj.labels.lang
    conflicts = run_merge_driver(base, ours, theirs, shown_as)
    for conflict in conflicts:
        said = Message("merge_needs_decision", file=shown_as, conflict=word(conflict, lang))
        print_error(word(said, lang))
    if conflicts:
        raise typer.Exit(1)


@app.command(epilog="\b\nExample: pilotledger review HEAD~3")
def review(
    ctx: typer.Context,
    rev: str | None = typer.Argument(
        None,
        help="Since this revision, or a range A..B (default: the last commit; for a merge, "
        "everything it brought in from every parent).",
    ),
    fmt: Format | None = typer.Option(
        None, "--format", help="table, plain, markdown, csv or json."
    ),
) -> None:
    """What changed in the ledger since REV: records added, records edited or removed (flagged),
    registry changes.
    """
    from pilotledger.gitflow.history import (
        changes_since,
        judgments_in_range,
        records_at,
        registry_changes,
        review_range,
    )
    from pilotledger.gitflow.origins import merge_parents, record_origins
    from pilotledger.store import load_registries
    from pilotledger.views.review import contested_in, review_document
    from pilotledger.views.review import review as review_of

    settings = ctx.obj
    root = settings.root
    chosen = review_range(root, rev)
    changes = changes_since(root, chosen.base, target=chosen.target)
    head = chosen.target or "HEAD"
    added = {change.record_id for change in changes if change.kind == "added"}
    origins = record_origins(root, chosen.base, head, merge_parents(root, head), added)
    registries = registry_changes(root, chosen.base, chosen.target)
    reviewed = review_of(changes, registries, chosen.shown, origins)
    known = records_at(root, chosen.target)
    reviewed.contested = contested_in(known)
    if reviewed.registries:
        reviewed.judged_on = today()
        reviewed.judgments = judgments_in_range(root, chosen, reviewed.judged_on)
    document = review_document(reviewed, settings.labels, load_registries(root), known)
    emit(document, fmt, settings.labels)
    if reviewed.edited or reviewed.removed:
        raise typer.Exit(1)
