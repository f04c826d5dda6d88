"""`review A..B` compares the registries of A and B, never the working tree (issue 21, item 7)."""

from __future__ import annotations

import json
import shutil

import pytest

from helpers.cli import Cli
from helpers.git import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def commit(root, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message, "--no-verify")


def test_a_range_review_lists_the_registry_changes_between_its_ends_only(origin):
    cli = Cli(origin)
    units = origin / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit(origin, "units: a blank line")
    tasks = origin / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8") + "# 未提交\n", encoding="utf-8")

    ranged = json.loads(cli("review", "HEAD~1..HEAD", "--format", "json").stdout)
    assert len(ranged["registries"]) == 1 and "units.yaml" in ranged["registries"][0]
    empty = json.loads(cli("review", "HEAD~1..HEAD~1", "--format", "json").stdout)
    assert empty["registries"] == []
    # without a range the working tree is what is compared: the uncommitted tasks.yaml shows
    worktree = json.loads(cli("review", "HEAD~1", "--format", "json").stdout)
    assert any("tasks.yaml" in line for line in worktree["registries"])
