"""The whole of `check`: every problem of the ledger, on disk or as staged in git's index —
the files' own, records edited or removed since a revision, evidence, the trust boundary (a
foreign work folder, a tracked cache), and whether .gitattributes asks for a merge driver this
clone lacks. Gathers from store and gitflow; called only from cli."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

from pilotledger.errors import Problem, sorted_problems
from pilotledger.gitflow import DRIVER_NAME, driver_configured, git, in_a_repository, repo_root
from pilotledger.gitflow.history import rewrite_problems
from pilotledger.gitflow.staged import staged_ledger
from pilotledger.store import load
from pilotledger.store.evidence import evidence_problems
from pilotledger.store.files import WORK_DIR, LedgerFileError, read_regular
from pilotledger.store.loader import work_dir_problems
from pilotledger.wording import Message


def tracked_cache_problems(ledger: Path) -> list[Problem]:
    """A parse cache tracked by git is reported (its content is never used: see store.cache)."""
    if shutil.which("git") is None or not in_a_repository(ledger):
        return []
    listed = git("ls-files", "-z", "--", WORK_DIR, cwd=ledger, check=False)
    if not listed.strip("\0"):
        return []
    where = (ledger / WORK_DIR).as_posix()
    return [Problem(where, 1, 1, Message("cache_tracked", path=where))]


def unmerged_problems(ledger: Path) -> list[Problem]:
    """A month file git still shows unmerged (a merge stopped on a conflict) is a problem,
    whatever the work tree's file holds: the merge is not decided yet."""
    if shutil.which("git") is None or not in_a_repository(ledger):
        return []
    listed = git("ls-files", "-u", "-z", "--", "progress", cwd=ledger, check=False)
    names = sorted({entry.split("\t", 1)[1] for entry in listed.split("\0") if "\t" in entry})
    return [Problem((ledger / name).as_posix(), 1, 1, Message("file_unmerged")) for name in names]


# ---- check: every problem of the ledger, on disk or as staged ---------------------------------


def checked_ledger(ledger: Path, since: str | None, staged: bool, progress=None):
    """The ledger loaded with every problem `check` reports: the files' own (as staged in git's
    index, with `staged`), records edited or removed since `since`, evidence, and the trust
    boundary (a foreign work folder, a tracked cache); sorted, each named by its real path."""
    result = (
        _staged_check(ledger, since, progress) if staged else _disk_check(ledger, since, progress)
    )
    trust = work_dir_problems(ledger) + tracked_cache_problems(ledger) + unmerged_problems(ledger)
    result.problems = sorted_problems(result.problems + trust)
    return result


def _disk_check(ledger: Path, since: str | None, progress):
    result = load(ledger, progress=progress)
    problems = result.problems + _evidence_problems(ledger, result)
    if since is not None:
        problems += rewrite_problems(ledger, since)
    result.problems = sorted_problems(problems)
    return result


def _staged_check(ledger: Path, since: str | None, progress):
    """Evidence too is judged as staged: a commit must carry it."""
    with staged_ledger(ledger) as tree:
        result = load(tree, cache_root=ledger, progress=progress)
        problems = result.problems + _evidence_problems(tree, result)
        if since is not None:
            problems += rewrite_problems(ledger, since, tree)
        result.problems = sorted_problems(_relocated(problem, tree, ledger) for problem in problems)
        result.warnings = [_relocated(warning, tree, ledger) for warning in result.warnings]
    return result


def _evidence_problems(root: Path, result) -> list[Problem]:
    return evidence_problems(root, result) if result.ledger is not None else []


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
