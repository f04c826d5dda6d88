"""Real git in a ledger folder, with a fixed author; the clerks' clones tests share."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from helpers.cli import Cli, record_args

AUTHOR = dict(
    GIT_AUTHOR_NAME="t",
    GIT_AUTHOR_EMAIL="t@example.org",
    GIT_COMMITTER_NAME="t",
    GIT_COMMITTER_EMAIL="t@example.org",
)


def git(root: Path, *args: str) -> str:
    env = dict(os.environ, **AUTHOR)
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_through_hook(
    root: Path, *options: str, message: str = "c"
) -> subprocess.CompletedProcess:
    """`git commit` as a process, so git runs the installed pre-commit hook; a fixed author and
    the day the tests' ledgers are judged on."""
    env = dict(os.environ, **AUTHOR, PILOTLEDGER_TODAY="2022-07-20")
    return subprocess.run(
        ["git", "commit", "-qm", message, *options],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def clone(origin: Path, where: Path) -> Path:
    """A clerk's clone of `origin` at `where`, set up by `pilotledger git-setup`."""
    git(origin.parent, "clone", "-q", str(origin), str(where))
    done = Cli(where)("git-setup")
    assert done.exit_code == 0, done.stderr
    return where


def clerks(folder: Path, initialised: Path) -> None:
    """folder/origin, a copy of a ledger `init` made, and two clerks' clones of it, a and b."""
    shutil.copytree(initialised, folder / "origin", symlinks=True)
    for name in ("a", "b"):
        clone(folder / "origin", folder / name)


def conflicting(folder: Path, initialised: Path) -> None:
    """folder/origin with one committed record (task 23, 县商务委, 10 March: 原始内容) and two
    clerks' clones, one and two, that each rewrote that record's summary (甲方改写, 乙方改写)
    and committed it (past the hook): pulling two into one conflicts."""
    origin = folder / "origin"
    shutil.copytree(initialised, origin, symlinks=True)
    args = record_args(23, date="2022-03-10", status="in_progress", summary="原始内容", yes=True)
    done = Cli(origin)(*args)
    assert done.exit_code == 0, done.stderr
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "base", "--no-verify")
    for name, words in (("one", "甲方改写"), ("two", "乙方改写")):
        path = clone(origin, folder / name) / "progress" / "2022-03.yaml"
        path.write_text(path.read_text("utf-8").replace("原始内容", words), encoding="utf-8")
        git(folder / name, "commit", "-qam", words, "--no-verify")


def pull(root: Path, source: Path, **env: str) -> subprocess.CompletedProcess:
    """`git pull --no-rebase --no-edit SOURCE HEAD` in root as a process (git runs the merge
    driver), with a fixed author and `env` added."""
    return subprocess.run(
        ["git", "pull", "--no-rebase", "--no-edit", str(source), "HEAD"],
        cwd=root,
        capture_output=True,
        text=True,
        env=dict(os.environ, **AUTHOR, **env),
    )
