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
    attributes_line,
    driver_command,
    git,
    repo_root,
    shell_words,
)
from pilotledger.messages import Message
from pilotledger.store.files import atomic_write, current_umask
from pilotledger.store.loader import PROGRESS_DIR, TASKS_FILE, UNITS_FILE

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
    from pilotledger.store.files import LedgerFileError, read_regular

    if not os.path.lexists(path):
        return ""
    try:
        return read_regular(path, follow_links=False, cap=1 << 20).decode("utf-8", errors="replace")
    except LedgerFileError as error:
        problem = Message(error.key, **dict(error.words))
        raise UserError(Message("attributes_unreadable", path=path, problem=problem)) from None


def _ensure_attributes(repo: Path, ledger: Path, report: SetupReport) -> None:
    path = repo / ".gitattributes"
    line = attributes_line(repo, ledger)
    existing = _attributes_text(path)
    if line in existing.splitlines():
        report.already.append(f".gitattributes: {line}")
        return
    separator = "" if not existing or existing.endswith("\n") else "\n"
    atomic_write(path, (existing + separator + line + "\n").encode("utf-8"))
    report.done.append(f".gitattributes: {line}")


def _hook_text(repo: Path, ledger: Path) -> str:
    data = ledger.resolve().relative_to(repo.resolve()).as_posix() or "."
    command = shell_words(sys.executable, "-m", "pilotledger", "--data", data, "check", "--staged")
    return (
        f"#!/bin/sh\n{HOOK_MARKER}: refuse a commit whose staged ledger does not pass"
        " `pilotledger check`\n"
        "# (and, once there is a HEAD, one that edits or removes a committed record).\n"
        f"if git rev-parse --verify --quiet HEAD >/dev/null; then exec {command} --since HEAD; fi\n"
        f"exec {command}\n"
    )


def _hook_text_on_disk(hook: Path) -> str:
    """An existing hook's text through the safe reader ("" when it is no readable file)."""
    from pilotledger.store.files import LedgerFileError, read_regular

    try:
        return read_regular(hook, cap=1 << 20).decode("utf-8", errors="replace")
    except LedgerFileError:
        return ""


def _install_hook(repo: Path, ledger: Path, report: SetupReport) -> None:
    hooks = Path(git("rev-parse", "--git-path", "hooks", cwd=repo).strip())
    hooks = hooks if hooks.is_absolute() else repo / hooks
    hook = hooks / "pre-commit"
    if hook.exists():
        if HOOK_MARKER in _hook_text_on_disk(hook):
            report.already.append("pre-commit hook")
        else:
            command = shell_words(
                sys.executable, "-m", "pilotledger", "check", "--staged", "--since", "HEAD"
            )
            report.advice.append(
                f"{hook} exists and is not ours; to check the ledger on commit, add this line"
                f" to it:\n  {command}"
            )
        return
    hooks.mkdir(parents=True, exist_ok=True)
    atomic_write(hook, _hook_text(repo, ledger).encode("utf-8"))
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


def init_ledger(
    target: Path, plan_from: Path | None, force: bool, imported: dict[str, bytes] | None = None
) -> tuple[Path, bool]:
    """Create a ledger in `target`; returns (repo root, whether a repository was created).

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
    if target.exists() and any(target.iterdir()) and not force:
        raise UserError(Message("init_not_empty", path=target))
    (target / PROGRESS_DIR).mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        atomic_write(target / name, content)
    (target / PROGRESS_DIR / ".gitkeep").touch()
    made = [target / name for name in files] + [target / PROGRESS_DIR / ".gitkeep"]
    if not (target / "README.md").exists():
        atomic_write(target / "README.md", LEDGER_README.encode("utf-8"))
        made.append(target / "README.md")
    repo = repo_root(target)
    created = repo is None
    if created:
        git("init", "-q", "--initial-branch", INITIAL_BRANCH, cwd=target)
        repo = repo_root(target)
    git_setup(target)
    made.append(repo / ".gitattributes")
    paths = [path.resolve().relative_to(repo.resolve()).as_posix() for path in made]
    git("add", "--", *paths, cwd=repo)
    if not git("status", "--porcelain", "--", *paths, cwd=repo).strip():
        return repo, created  # an interrupted init had committed them already
    # --only: the commit holds these paths and nothing else the user had staged.
    git(
        *_identity(repo),
        "commit",
        "-q",
        "--only",
        "-m",
        "pilotledger: new ledger",
        "--",
        *paths,
        cwd=repo,
    )
    return repo, created


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
