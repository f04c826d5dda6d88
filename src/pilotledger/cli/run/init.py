"""`pilotledger init`: a new ledger, its registries bundled, copied or read from a plan."""

from __future__ import annotations

from pathlib import Path

from pilotledger.cli.common import output_folder, parse_day
from pilotledger.cli.invocation import GlobalOptions, lang_of
from pilotledger.errors import UsageError, UserError
from pilotledger.gitflow.setup import init_ledger
from pilotledger.render.terminal import print_text, print_warning
from pilotledger.store.loader import TASKS_FILE, UNITS_FILE
from pilotledger.wording import Message, word


def run_init(
    options: GlobalOptions,
    directory: Path,
    *,
    plan_from: Path | None,
    from_plan: Path | None,
    start: str | None,
    end: str | None,
    report_day: int,
    alias: list[str],
    dry_run: bool,
    force: bool,
) -> None:
    lang = lang_of(options)
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
        done = init_ledger(output_folder(directory), plan_from, force, imported)
    except UserError as error:
        if getattr(error.args[0], "key", None) == "plan_source_incomplete":
            raise UserError(
                Message("option_problem", option="--plan-from", problem=error.args[0])
            ) from None
        raise
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
    from pilotledger.planimport import ImportOptions, import_plan  # pypinyin: only for a plan
    from pilotledger.planimport.report import report_markdown
    from pilotledger.store.registries import registry_findings, registry_text  # ruamel

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
