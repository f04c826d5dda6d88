"""New ledgers (`init`) and what a clone does not carry (`git-setup`): the merge driver's git
configuration, the .gitattributes line and the pre-commit hook."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pilotledger.errors import UserError
from pilotledger.gitflow import (
    DRIVER_NAME,
    as_path_text,
    attributes_line,
    driver_command,
    git,
    repo_root,
    run_git,
    shell_words,
)
from pilotledger.store.files import LedgerFileError, atomic_write, current_umask, read_regular
from pilotledger.store.loader import PROGRESS_DIR, TASKS_FILE, UNITS_FILE
from pilotledger.wording import Message

INITIAL_BRANCH = "main"
HOOK_MARKER = "# pilotledger pre-commit hook"
BUNDLED = Path(__file__).resolve().parent.parent / "bundled"

# ---- git-setup ------------------------------------------------------------------------------


@dataclass
class SetupReport:
    done: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def git_setup(ledger: Path) -> SetupReport:
    """Configure what a clone does not carry: the merge driver, .gitattributes, the hook."""
    repo = repo_root(ledger)
    if repo is None:
        raise UserError(Message("not_in_git", path=ledger))
    report = SetupReport()
    _configure_driver(repo, report)
    _ensure_attributes(repo, ledger, report)
    _install_hook(repo, ledger, report)
    return report


def _configure_driver(repo: Path, report: SetupReport) -> None:
    wanted = driver_command()
    current = git("config", "--get", f"merge.{DRIVER_NAME}.driver", cwd=repo, check=False).strip()
    if current == wanted:
        report.already.append(f"merge.{DRIVER_NAME}.driver")
        return
    git(
        "config",
        f"merge.{DRIVER_NAME}.name",
        "pilotledger: merge month files by record id",
        cwd=repo,
    )
    git("config", f"merge.{DRIVER_NAME}.driver", wanted, cwd=repo)
    report.done.append(f"merge.{DRIVER_NAME}.driver = {wanted}")


def _attributes_text(path: Path) -> str:
    """The .gitattributes text, read with the one safe reader; one that is not a readable
    regular file is refused (never hung on, never replaced)."""
    if not os.path.lexists(path):
        return ""
    try:
        raw = read_regular(path, follow_links=False, cap=1 << 20)
        return raw.decode("utf-8", errors="surrogateescape")
    except LedgerFileError as error:
        problem = error.message
        raise UserError(Message("attributes_unreadable", path=path, problem=problem)) from None


def _ensure_attributes(repo: Path, ledger: Path, report: SetupReport) -> None:
    path = repo / ".gitattributes"
    line = attributes_line(repo, ledger)
    existing = _attributes_text(path)
    if line in existing.splitlines():
        report.already.append(f".gitattributes: {line}")
        return
    separator = "" if not existing or existing.endswith("\n") else "\n"
    added = existing + separator + line + "\n"
    atomic_write(path, added.encode("utf-8", errors="surrogateescape"))
    report.done.append(f".gitattributes: {line}")


def _hook_text(repo: Path, ledger: Path) -> str:
    data = ledger.resolve().relative_to(repo.resolve()).as_posix() or "."
    command = shell_words(
        sys.executable, "-m", "pilotledger", "--data", data, "check", "--staged", "--every-ledger"
    )
    return (
        f"#!/bin/sh\n{HOOK_MARKER}: refuse a commit whose staged ledgers do not pass"
        " `pilotledger check`\n"
        "# (this ledger and every other ledger the commit touches; once there is a HEAD, also\n"
        "# a commit that edits or removes a committed record).\n"
        f"if git rev-parse --verify --quiet HEAD >/dev/null; then exec {command} --since HEAD; fi\n"
        f"exec {command}\n"
    )


def _hook_text_on_disk(hook: Path) -> str:
    """An existing hook's text through the safe reader ("" when it is no readable file)."""
    try:
        return read_regular(hook, cap=1 << 20).decode("utf-8", errors="replace")
    except LedgerFileError:
        return ""


def _configured_hooks_path(repo: Path) -> tuple[str, Path] | None:
    """(scope, folder) of a core.hooksPath the user's configuration sets, if any. Our own git
    runs override it (QUIET_CONFIG), so the command-line entry is skipped."""
    listed = git("config", "--show-scope", "--get-all", "core.hooksPath", cwd=repo, check=False)
    entries = [line.split("\t", 1) for line in listed.splitlines() if "\t" in line]
    entries = [(scope, value) for scope, value in entries if scope != "command"]
    if not entries:
        return None
    scope, value = entries[-1]
    folder = Path(os.path.expanduser(value))
    return scope, folder if folder.is_absolute() else repo / folder


def _hooks_folder(repo: Path, report: SetupReport) -> Path:
    """Where the hook goes: a core.hooksPath of this repository's own configuration, else the
    repository's hooks folder. A global or system core.hooksPath is shared by every repository
    of the user: nothing is written there (a hook of ours would stop their other commits)."""
    configured = _configured_hooks_path(repo)
    common = Path(as_path_text(run_git("rev-parse", "--git-common-dir", cwd=repo)[1]).rstrip("\n"))
    own = (common if common.is_absolute() else repo / common) / "hooks"
    if configured is None:
        return own
    scope, folder = configured
    if scope in ("local", "worktree"):
        return folder
    report.advice.append(Message("hooks_path_global", scope=scope, folder=folder, hook=own))
    return own


def _install_hook(repo: Path, ledger: Path, report: SetupReport) -> None:
    hooks = _hooks_folder(repo, report)
    hook = hooks / "pre-commit"
    wanted = _hook_text(repo, ledger)
    if os.path.lexists(hook):
        on_disk = _hook_text_on_disk(hook)
        if on_disk == wanted:
            report.already.append("pre-commit hook")
            return
        if HOOK_MARKER not in on_disk:
            command = shell_words(
                sys.executable, "-m", "pilotledger", "check", "--staged", "--since", "HEAD"
            )
            report.advice.append(
                f"{hook} exists and is not ours; to check the ledger on commit, add this line"
                f" to it:\n  {command}"
            )
            return
    hooks.mkdir(parents=True, exist_ok=True)
    atomic_write(hook, wanted.encode("utf-8", errors="surrogateescape"))
    hook.chmod(0o777 & ~current_umask())
    report.done.append(f"pre-commit hook {hook}")


# ---- init -----------------------------------------------------------------------------------

LEDGER_README = """# 台账 / Progress ledger

This folder is a pilotledger ledger: `tasks.yaml` (the plan and its tasks), `units.yaml`
(the units) and `progress/YYYY-MM.yaml` (the monthly progress records).

- Add progress: `pilotledger record`
- Who is behind: `pilotledger status`, `pilotledger overdue`
- Reports: `pilotledger report --quarter`
- After cloning this repository: `pilotledger git-setup` (merge driver and pre-commit check)

Records are append-only: correct one with `pilotledger record --corrects ID`.
"""

# What the ledger's repository never tracks: the site `pilotledger site` builds by default
# (the parse cache's folder ignores itself, see store.files.WORK_DIR).
LEDGER_IGNORE = "/site/\n"


@dataclass
class InitReport:
    """What `init` did, for the message that says it truthfully."""

    repo: Path
    created: bool  # a new repository at the ledger folder
    outer: Path | None  # the repository the folder lies in, left alone
    committed: bool  # False: an interrupted init had committed the files already
    others: int  # files that were in the folder already (--force), neither changed nor committed
    setup: SetupReport


def init_ledger(
    target: Path, plan_from: Path | None, force: bool, imported: dict[str, bytes] | None = None
) -> InitReport:
    """Create a ledger in `target`, its own git repository (a folder inside another repository
    gets one of its own: init never commits into a repository it did not make).

    The registries come from `imported` (an import from a plan: tasks.yaml, units.yaml and
    any other file to commit beside them, e.g. import-report.md), else from the ledger
    `plan_from`, else the bundled plan."""
    files = imported if imported is not None else _registries_of(plan_from or BUNDLED)
    existing = [
        name for name in (TASKS_FILE, UNITS_FILE, PROGRESS_DIR) if os.path.lexists(target / name)
    ]
    if existing and not _interrupted_init(target, files):
        # --force or not: a ledger's registries and records are never replaced
        raise UserError(Message("init_already_ledger", path=target, names=existing))
    others = sorted(target.iterdir()) if target.is_dir() else []
    if others and not force:
        raise UserError(Message("init_not_empty", path=target))
    (target / PROGRESS_DIR).mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        atomic_write(target / name, content)
    (target / PROGRESS_DIR / ".gitkeep").touch()
    made = [target / name for name in files] + [target / PROGRESS_DIR / ".gitkeep"]
    for name, text in ((".gitignore", LEDGER_IGNORE), ("README.md", LEDGER_README)):
        if not os.path.lexists(target / name):
            atomic_write(target / name, text.encode("utf-8"))
            made.append(target / name)
    repo, outer = _own_repository(target)
    created = repo is None
    if created:
        git("init", "-q", "--initial-branch", INITIAL_BRANCH, cwd=target)
        repo = repo_root(target)
    setup = git_setup(target)
    made.append(repo / ".gitattributes")
    paths = [path.resolve().relative_to(repo.resolve()).as_posix() for path in made]
    git("add", "--", *paths, cwd=repo)
    report = InitReport(repo, created, outer, True, _count_others(others, made), setup)
    if not git("status", "--porcelain", "--", *paths, cwd=repo).strip():
        report.committed = False  # an interrupted init had committed them already
        return report
    # --only: the commit holds these paths and nothing else the user had staged.
    git(
        *_identity(repo),
        "commit",
        "-q",
        "--no-verify",
        "--only",
        "-m",
        "pilotledger: new ledger",
        "--",
        *paths,
        cwd=repo,
    )
    return report


def _own_repository(target: Path) -> tuple[Path | None, Path | None]:
    """(the repository whose top is `target`, or None; the other repository `target` lies
    in, or None). A ledger inside another repository becomes a repository of its own."""
    repo = repo_root(target)
    if repo is None:
        return None, None
    if repo.resolve() == target.resolve():
        return repo, None
    return None, repo


def _count_others(others: list[Path], made: list[Path]) -> int:
    ours = {path.name for path in made} | {PROGRESS_DIR, TASKS_FILE, UNITS_FILE}
    ours |= {".git", ".gitattributes", ".gitignore", "README.md"}
    return sum(1 for path in others if path.name not in ours)


def _registries_of(source: Path) -> dict[str, bytes]:
    for name in (TASKS_FILE, UNITS_FILE):
        if not (source / name).is_file():
            raise UserError(Message("plan_source_incomplete", path=source, name=name))
    return {name: (source / name).read_bytes() for name in (TASKS_FILE, UNITS_FILE)}


def _interrupted_init(target: Path, files: dict[str, bytes]) -> bool:
    """Whether what is there is only what an `init` of these registries writes before it is
    done: registries byte-identical to them (or not yet written) and no progress record.
    Running init again then finishes it; nothing of a clerk's can be replaced."""
    for name in (TASKS_FILE, UNITS_FILE):
        path = target / name
        if os.path.lexists(path) and (
            path.is_symlink() or not path.is_file() or path.read_bytes() != files[name]
        ):
            return False
    progress = target / PROGRESS_DIR
    if not os.path.lexists(progress):
        return True
    if progress.is_symlink() or not progress.is_dir():
        return False
    return all(entry.name == ".gitkeep" and entry.is_file() for entry in progress.iterdir())


def _identity(repo: Path) -> list[str]:
    """Commit as the user; when git has no identity configured, as `pilotledger`."""
    if git("config", "user.email", cwd=repo, check=False).strip():
        return []
    return ["-c", "user.name=pilotledger", "-c", "user.email=pilotledger@localhost"]
