"""`review` after a pull shows everything the pull brought (ORIG_HEAD..HEAD after a
fast-forward), and after a merge which clerk's side each record came from (issue 21, item 21).

Two clones of one bare origin; 李四 records in c2 over two commits and pushes, 张三 pulls in c1
with `git pull --no-rebase`. Different months on each side, so git merges without the driver."""

from __future__ import annotations

import json
import shutil

import pytest

from helpers.cli import Cli, record_args
from helpers.git import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ZHANG, LI = "张三 <zhang@example.org>", "李四 <li@example.org>"


@pytest.fixture
def clones(origin, tmp_path):
    bare = tmp_path / "office.git"
    git(tmp_path, "clone", "-q", "--bare", str(origin), str(bare))
    made = []
    for name in ("c1", "c2"):
        git(tmp_path, "clone", "-q", str(bare), name)
        made.append(tmp_path / name)
    return made


def record_and_commit(clone, author: str, task: int, unit: str, date: str, summary: str) -> None:
    result = Cli(clone)(*record_args(task, unit=unit, date=date, summary=summary, yes=True))
    assert result.exit_code == 0, result.stderr
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", summary, "--no-verify", f"--author={author}")


def summaries(cli: Cli, *args: str) -> dict[str, dict]:
    data = json.loads(cli("review", *args, "--format", "json").stdout)
    return {item["record"]["summary"]: item for item in data["added"]}


def test_review_after_a_fast_forward_pull_shows_every_commit_it_brought(clones):
    c1, c2 = clones
    record_and_commit(c2, LI, 23, "县商务委", "2022-04-10", "商务委四月进展")
    record_and_commit(c2, LI, 12, "县医保局", "2022-04-12", "医保局四月进展")
    git(c2, "push", "-q", "origin", "main")
    git(c1, "pull", "-q", "--no-rebase")
    cli = Cli(c1)
    shown = summaries(cli)
    assert sorted(shown) == ["医保局四月进展", "商务委四月进展"]  # both commits, not the last
    assert {item["origin"]["author"] for item in shown.values()} == {"李四"}
    plain = cli("review", "--format", "plain").stdout
    assert plain.startswith("上次拉取（ORIG_HEAD..HEAD）带来的台账变更")
    assert "李四 · " in plain
    english = cli("--lang", "en", "review", "--format", "plain").stdout
    assert english.startswith("Ledger changes the last pull brought (ORIG_HEAD..HEAD)")
    # once the clerk commits on top, `review` is again the last commit
    record_and_commit(c1, ZHANG, 23, "县商务委", "2022-04-15", "张三的记录")
    assert sorted(summaries(cli)) == ["张三的记录"]


def test_review_of_a_pulled_merge_names_each_records_side_and_clerk(clones):
    c1, c2 = clones
    record_and_commit(c1, ZHANG, 23, "县商务委", "2022-03-15", "张三三月进展")
    record_and_commit(c2, LI, 23, "县商务委", "2022-04-10", "李四四月进展")
    record_and_commit(c2, LI, 12, "县医保局", "2022-04-12", "李四又一条")
    git(c2, "push", "-q", "origin", "main")
    git(c1, "pull", "-q", "--no-rebase", "--no-edit")
    assert len(git(c1, "log", "-1", "--format=%P").split()) == 2  # a merge commit
    cli = Cli(c1)
    shown = summaries(cli)
    assert {
        name: (item["origin"]["side"], item["origin"]["author"]) for name, item in shown.items()
    } == {
        "张三三月进展": (1, "张三"),
        "李四四月进展": (2, "李四"),
        "李四又一条": (2, "李四"),
    }
    plain = cli("review", "--format", "plain").stdout
    assert "合并方（第1父提交） · 张三 · " in plain and "并入方（第2父提交） · 李四 · " in plain
    english = cli("--lang", "en", "review", "--format", "plain").stdout
    assert "merging side (parent 1) · 张三" in english
    assert "side merged in (parent 2) · 李四" in english
    # a record not yet committed says so
    assert Cli(c1)(*record_args(23, date="2022-04-16", summary="未提交的", yes=True)).exit_code == 0
    assert summaries(cli)["未提交的"]["origin"] is None
    assert "未提交" in cli("review", "--format", "plain").stdout
