"""The merge driver speaks the clerk's language without git's jargon, and a conflict keeps
`check` failing while git shows the file unmerged (issue 21, item 23). Real git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.cli import Cli, record_args
from helpers.git import git
from helpers.ledgers import once_per_run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def clone(origin, where):
    git(origin.parent, "clone", "-q", str(origin), str(where))
    assert Cli(where)("git-setup").exit_code == 0
    return where


def build_conflicted(folder: Path, initialised: Path) -> None:
    """Both clerks edited the same committed record; `one` pulls `two` (in Chinese): git's
    stderr kept in pull.stderr."""
    origin = folder / "origin"
    shutil.copytree(initialised, origin, symlinks=True)
    args = record_args(23, date="2022-03-10", status="in_progress", summary="原始内容", yes=True)
    done = Cli(origin)(*args)
    assert done.exit_code == 0
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "base", "--no-verify")
    one, two = clone(origin, folder / "one"), clone(origin, folder / "two")
    for clerk, words in ((one, "甲方改写"), (two, "乙方改写")):
        path = clerk / "progress" / "2022-03.yaml"
        path.write_text(path.read_text("utf-8").replace("原始内容", words), encoding="utf-8")
        git(clerk, "commit", "-qam", words, "--no-verify")
    env = dict(os.environ, PILOTLEDGER_LANG="zh", GIT_AUTHOR_NAME="t", GIT_COMMITTER_NAME="t")
    env.update(GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_EMAIL="t@example.org")
    merged = subprocess.run(
        ["git", "pull", "--no-rebase", "--no-edit", str(two), "HEAD"],
        cwd=one, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert merged.returncode != 0
    (folder / "pull.stderr").write_text(merged.stderr, encoding="utf-8")


@pytest.fixture
def conflicted(initialised, tmp_path_factory, tmp_path):
    """The conflicted clone `one` (built once per run) copied for the test, and what the pull
    said on stderr."""
    built = once_per_run(
        tmp_path_factory, "conflicted", lambda folder: build_conflicted(folder, initialised)
    )
    one = tmp_path / "one"
    shutil.copytree(built / "one", one, symlinks=True)
    return one, (built / "pull.stderr").read_text(encoding="utf-8")


def test_the_merge_driver_speaks_chinese_without_ours_or_theirs(conflicted):
    _, said = conflicted
    lines = [line for line in said.splitlines() if line.startswith("pilotledger")]
    assert lines, said
    assert any(
        "2022-03.yaml 需要人工决定" in line and "本机的版本里被改动过" in line for line in lines
    )
    assert any("拉取来的版本里被改动过" in line for line in lines)
    assert not any(word in line for line in lines for word in ("ours", "theirs", "CONFLICT"))


def test_check_fails_while_git_shows_the_file_unmerged(conflicted):
    one, _ = conflicted
    assert "UU progress/2022-03.yaml" in git(one, "status", "--porcelain")
    text = (one / "progress" / "2022-03.yaml").read_text("utf-8")
    assert "<<<<<<<" in text or "甲方改写" in text  # markers, or our file whole
    checked = Cli(one)("check")
    assert checked.exit_code == 1
    assert "2022-03.yaml:1:1: 此文件仍在合并中" in checked.stdout
    english = Cli(one)("--lang", "en", "check")
    assert "this file is still being merged (git shows it unmerged)" in english.stdout
    git(one, "checkout", "--ours", "progress/2022-03.yaml")
    git(one, "add", "progress/2022-03.yaml")  # decided: our version kept
    assert Cli(one)("check").exit_code == 0
