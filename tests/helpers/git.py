"""Real git in a ledger folder, with a fixed author."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(root: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_through_hook(
    root: Path, *options: str, message: str = "c"
) -> subprocess.CompletedProcess:
    """`git commit` as a process, so git runs the installed pre-commit hook; a fixed author and
    the day the tests' ledgers are judged on."""
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        PILOTLEDGER_TODAY="2022-07-20",
    )
    return subprocess.run(
        ["git", "commit", "-qm", message, *options],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
