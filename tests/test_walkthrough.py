"""The README's "Working with several clerks" runs as written: the office sets up a shared bare
repository, two clerks clone it, record, commit, pull and push, and the reviewer reviews. Every
command comes from the README's own code blocks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from pilotledger.store.yamlio import load_data

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
PLACEHOLDER = "<the office's shared repository>"


def readme_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Working with several clerks", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def run_block(block: str, cwd: Path, env: dict[str, str], shared: Path) -> str:
    script = "set -e\n" + block.replace(PLACEHOLDER, str(shared))
    done = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{block}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_readme_walkthrough_with_two_clerks_and_a_bare_origin(tmp_path):
    office_block, clerk_block, month_block, review_block = readme_blocks()
    shared = tmp_path / "shared" / "石柱台账.git"
    shared.parent.mkdir()
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        HOME=str(tmp_path),
        GIT_AUTHOR_NAME="clerk",
        GIT_AUTHOR_EMAIL="clerk@example.org",
        GIT_COMMITTER_NAME="clerk",
        GIT_COMMITTER_EMAIL="clerk@example.org",
        GIT_MERGE_AUTOEDIT="no",
        PILOTLEDGER_LANG="zh",
        PILOTLEDGER_TODAY="2022-07-20",
        NO_COLOR="1",
    )
    env.pop("PILOTLEDGER_DATA", None)
    for name in ("office", "a", "b"):
        (tmp_path / name).mkdir()
    run_block(office_block, tmp_path / "office", env, shared)
    for clerk in ("a", "b"):
        run_block(clerk_block, tmp_path / clerk, env, shared)
    clone_a, clone_b = tmp_path / "a" / "石柱台账", tmp_path / "b" / "石柱台账"
    run_block(month_block, clone_a, env, shared)
    run_block(
        month_block.replace("上河街夜间经济活动启动", "新天地商圈智慧停车上线"),
        clone_b,
        env,
        shared,
    )
    reviewed = run_block(review_block, clone_b, env, shared)
    assert (
        "新天地商圈智慧停车上线" in reviewed and "上河街夜间经济活动启动" in reviewed
    )  # the merge, both sides
    run_block("git pull -q --no-rebase", clone_a, env, shared)
    records = load_data((clone_a / "progress" / "2022-03.yaml").read_text(encoding="utf-8"))
    assert sorted(r["summary"] for r in records) == [
        "上河街夜间经济活动启动",
        "新天地商圈智慧停车上线",
    ]
    branch = subprocess.run(
        ["git", "branch", "--show-current"], cwd=clone_a, capture_output=True, text=True
    )
    assert branch.stdout.strip() == "main"
    check = subprocess.run(
        [sys.executable, "-m", "pilotledger", "check", "--format", "json"],
        cwd=clone_a,
        env=env,
        capture_output=True,
        text=True,
    )
    assert json.loads(check.stdout)["ok"] is True
