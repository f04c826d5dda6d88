"""The whole of `check`: every problem of the ledger, on disk or as staged in git's index —
the files' own, records edited or removed since a revision, evidence, the trust boundary (a
foreign work folder, a tracked cache), and whether .gitattributes asks for a merge driver this
clone lacks. Gathers from store and gitflow; called only from cli."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

from pilotledger.dates import today
from pilotledger.errors import Problem, YamlProblem, sorted_problems
from pilotledger.gitflow import DRIVER_NAME, driver_configured, git, in_a_repository, repo_root
from pilotledger.gitflow.history import registry_effects_since, rewrite_problems
from pilotledger.gitflow.staged import staged_ledger
from pilotledger.registry_change import Cause
from pilotledger.store import load
from pilotledger.store.evidence import evidence_problems
from pilotledger.store.files import (
    WORK_DIR,
    LedgerFileError,
    decode,
    read_ledger_file,
    read_regular,
)
from pilotledger.store.loader import PROGRESS_DIR, TASKS_FILE, work_dir_problems
from pilotledger.store.yamlio import load_data, locate
from pilotledger.views.review import cause_message, effect_messages
from pilotledger.wording import Message


def index_problems(ledger: Path) -> list[Problem]:
    """What git's index says that the files cannot: a parse cache tracked by git (its content
    is never used: see store.cache), and a month file still unmerged (a merge stopped on a
    conflict; whatever the work tree's file holds, the merge is not decided yet). One
    `ls-files --stage` answers both: an entry under the cache folder is tracked, one of a
    stage other than 0 is unmerged."""
    if shutil.which("git") is None or not in_a_repository(ledger):
        return []
    listed = git("ls-files", "--stage", "-z", "--", WORK_DIR, PROGRESS_DIR, cwd=ledger, check=False)
    entries = [entry.split("\t", 1) for entry in listed.split("\0") if "\t" in entry]
    problems = []
    if any(_under(name, WORK_DIR) for _, name in entries):
        where = (ledger / WORK_DIR).as_posix()
        problems.append(Problem(where, 1, 1, Message("cache_tracked", path=where)))
    unmerged = {
        name for stage, name in entries if _under(name, PROGRESS_DIR) and not stage.endswith(" 0")
    }
    problems += [
        Problem((ledger / name).as_posix(), 1, 1, Message("file_unmerged"))
        for name in sorted(unmerged)
    ]
    return problems


def _under(name: str, pathspec: str) -> bool:
    """Whether git's `name` is what the pathspec `pathspec` matched: it, or a file under it."""
    return name == pathspec or name.startswith(pathspec + "/")


# ---- check: every problem of the ledger, on disk or as staged ---------------------------------


def checked_ledger(
    ledger: Path,
    since: str | None,
    staged: bool,
    progress=None,
    allow_registry_change: bool = False,
):
    """The ledger loaded with every problem `check` reports: the files' own (as staged in git's
    index, with `staged`), records edited or removed since `since` and registry changes since
    it that alter past judgments (unless `allow_registry_change`), evidence, and the trust
    boundary (a foreign work folder, a tracked cache); sorted, each named by its real path."""
    judged = since if not allow_registry_change else None
    result = (
        _staged_check(ledger, since, progress, judged)
        if staged
        else _disk_check(ledger, since, progress, judged)
    )
    trust = work_dir_problems(ledger) + index_problems(ledger)
    result.problems = sorted_problems(result.problems + trust)
    return result


def _disk_check(ledger: Path, since: str | None, progress, judged: str | None):
    result = load(ledger, progress=progress)
    problems = result.problems + _evidence_problems(ledger, result)
    if since is not None:
        problems += rewrite_problems(ledger, since)
    if judged is not None:
        problems += registry_change_problems(ledger, judged, result.ledger, ledger)
    result.problems = sorted_problems(problems)
    return result


def _staged_check(ledger: Path, since: str | None, progress, judged: str | None):
    """Evidence too is judged as staged: a commit must carry it."""
    with staged_ledger(ledger) as tree:
        result = load(tree, cache_root=ledger, progress=progress)
        evidence = _evidence_problems(tree, result)
        problems = result.problems + [_unstaged(problem, ledger) for problem in evidence]
        if since is not None:
            problems += rewrite_problems(ledger, since, tree)
        if judged is not None:
            problems += registry_change_problems(ledger, judged, result.ledger, tree)
        result.problems = sorted_problems(_relocated(problem, tree, ledger) for problem in problems)
        result.warnings = [_relocated(warning, tree, ledger) for warning in result.warnings]
    return result


def registry_change_problems(ledger: Path, since: str, current, root: Path) -> list[Problem]:
    """A registry change since `since` that alters a past judgment (as of today), one Problem
    per changed field at its place in `root`'s tasks.yaml, naming what it alters and the
    option that lets it through."""
    if current is None:
        return []
    effects = registry_effects_since(ledger, since, current, root, today())
    if not effects:
        return []
    path = root / TASKS_FILE
    try:
        text = decode(read_ledger_file(root, path))
        data = load_data(text)
    except (LedgerFileError, YamlProblem):
        text, data = "", None
    problems = []
    for effect in effects:
        line, col = _cause_place(text, data, effect.cause)
        message = Message(
            "registry_change_refused",
            rev=since,
            cause=cause_message(effect.cause, current.units),
            effects=effect_messages(effect, current.units),
        )
        problems.append(Problem(path.as_posix(), line, col, message))
    return problems


def _cause_place(text: str, data, cause: Cause) -> tuple[int, int]:
    """Where a changed field is written in tasks.yaml (1:1 when it is gone: a removed task)."""
    if not isinstance(data, dict):
        return 1, 1
    if cause.task is None:
        return locate(text, ("plan", cause.field))
    tasks = data.get("tasks")
    numbers = [t.get("number") if isinstance(t, dict) else None for t in tasks or []]
    if cause.task not in numbers:
        return 1, 1
    index = numbers.index(cause.task)
    has_field = cause.field in tasks[index]
    return locate(text, ("tasks", index, cause.field) if has_field else ("tasks", index))


def _evidence_problems(root: Path, result) -> list[Problem]:
    return evidence_problems(root, result) if result.ledger is not None else []


def _unstaged(problem: Problem, ledger: Path) -> Problem:
    """Evidence missing from the index but on disk: the clerk has not `git add`ed it."""
    message = problem.message
    if getattr(message, "key", None) != "evidence_missing":
        return problem
    stored = message.params["file"]
    if not (ledger / stored).is_file():
        return problem
    return replace(problem, message=Message("evidence_unstaged", file=stored))


def _relocated(problem: Problem, tree: Path, ledger: Path) -> Problem:
    """A problem found in the staged copy, named by the ledger's own path."""
    staged, real = tree.as_posix(), ledger.as_posix()
    if not problem.file.startswith(staged):
        return problem
    return replace(problem, file=real + problem.file[len(staged) :])


def merge_driver_missing(ledger: Path) -> bool:
    """True in a git repository whose .gitattributes asks for our merge driver while git's
    configuration does not name it (a fresh clone before `git-setup`)."""
    folders = (ledger, *ledger.resolve().parents)
    asked = any(
        f"merge={DRIVER_NAME}" in _attributes_if_readable(folder / ".gitattributes")
        for folder in folders
    )
    if not asked:
        return False
    repo = repo_root(ledger)
    return repo is not None and not driver_configured(repo)


def _attributes_if_readable(path: Path) -> str:
    """A .gitattributes as `check` reads it, with the one safe reader: "" for a FIFO, a device,
    a link to /proc/self/mem, an unreadable or missing file (no warning is better than a hang)."""
    if not os.path.lexists(path):
        return ""
    try:
        return read_regular(path, cap=1 << 20).decode("utf-8", errors="replace")
    except LedgerFileError:
        return ""
