"""The merge driver speaks the clerk's language without git's jargon, and a conflict keeps
`check` failing while git shows the file unmerged (issue 21, item 23). Real git."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.cli import Cli
from helpers.git import conflicting, git, pull
from helpers.ledgers import once_per_run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def build_conflicted(folder: Path, conflicting_clones: Path) -> None:
    """Both clerks edited the same committed record (helpers.git.conflicting); `one` pulls
    `two` in Chinese: git's stderr kept in pull.stderr."""
    one = folder / "one"
    shutil.copytree(conflicting_clones / "one", one, symlinks=True)
    merged = pull(one, conflicting_clones / "two", PILOTLEDGER_LANG="zh")
    assert merged.returncode != 0
    (folder / "pull.stderr").write_text(merged.stderr, encoding="utf-8")


@pytest.fixture
def conflicted(initialised, tmp_path_factory, tmp_path):
    """The conflicted clone `one` (built once per run) copied for the test, and what the pull
    said on stderr."""
    clones = once_per_run(
        tmp_path_factory, "conflicting", lambda folder: conflicting(folder, initialised)
    )
    built = once_per_run(
        tmp_path_factory, "conflicted-zh", lambda folder: build_conflicted(folder, clones)
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
