"""Hostile or odd surroundings (issue 21, items 8, 9, 10, 16, 22): a ledger folder whose name is
not UTF-8, a repository configuration that would run commands on our reads, a global hooks
folder, two ledgers in one repository, a merge driver handed a FIFO or a device, and `init`
inside another repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import Cli, fifo_guard, record_args
from helpers.git import commit_through_hook, git
from helpers.workers import pilotledger_process

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GBK_NAME = os.fsdecode("台账".encode("gbk"))  # a folder name from a Windows zip: not UTF-8


def record_12(summary: str, **options) -> list[str]:
    """A record of task 12 by 县医保局 on 15 March 2022."""
    return record_args(
        12, unit="县医保局", status="in_progress", summary=summary, yes=True, **options
    )


committed = commit_through_hook  # `git commit` as a process: git runs the installed hook


def plain_ledger(folder: Path) -> Path:
    """A ledger's registries and progress/ copied into `folder` (no git set up)."""
    from pilotledger.gitflow.setup import BUNDLED

    (folder / "progress").mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        (folder / name).write_bytes((BUNDLED / name).read_bytes())
    return folder


# ---- 8: a ledger path that is not valid UTF-8 ------------------------------------------------


def test_a_ledger_folder_named_in_gbk_works_for_every_command_and_the_hook(tmp_path):
    ledger = tmp_path / f"led{GBK_NAME}ger"
    cli = Cli(ledger, env={"PILOTLEDGER_TODAY": "2022-07-20"})
    made = cli("init", str(ledger))
    assert made.exit_code == 0, made.stderr
    assert git(ledger, "log", "--format=%s").splitlines() == ["pilotledger: new ledger"]
    evidence = tmp_path / "纪要.txt"
    evidence.write_text("会议纪要", encoding="utf-8")
    recorded = cli(*record_12("已对接", evidence=str(evidence)))
    assert recorded.exit_code == 0, recorded.stderr
    git(ledger, "add", "-A")
    done = committed(ledger)  # the hook names the folder in its bytes
    assert done.returncode == 0, done.stderr
    assert len(git(ledger, "log", "--format=%s").splitlines()) == 2
    site = tmp_path / "site"
    site.mkdir()
    for command in (
        ["check"],
        ["check", "--staged", "--since", "HEAD~1"],
        ["review"],
        ["status", "--format", "json"],
        ["show", "12"],
        ["report", "--month", "2022-03", "--format", "json"],
        ["remind", "--output-dir", str(site)],
        ["site", "--output-dir", str(site / "out")],
        ["git-setup"],
    ):
        result = cli(*command)
        assert result.exit_code == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr


# ---- 9: a repository's configuration runs nothing on our reads --------------------------------


def marker_script(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A script that leaves a marker file when run (and passes its input through)."""
    marker = tmp_path / f"{name}-ran"
    script = tmp_path / f"{name}.sh"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\ncat\n")
    script.chmod(0o755)
    return script, marker


def test_a_copied_fsmonitor_or_smudge_filter_never_runs_on_check_or_review(origin, tmp_path):
    fsmonitor, fs_marker = marker_script(tmp_path, "fsmonitor")
    smudge, smudge_marker = marker_script(tmp_path, "smudge")
    git(origin, "config", "core.fsmonitor", str(fsmonitor))
    git(origin, "config", "filter.ev.smudge", str(smudge))
    git(origin, "config", "filter.ev.clean", "cat")
    (origin / ".git" / "info").mkdir(exist_ok=True)
    (origin / ".git" / "info" / "attributes").write_text("*.yaml filter=ev\n")
    cli = Cli(origin)
    assert cli(*record_12("已对接")).exit_code == 0
    git(origin, "-c", "core.fsmonitor=false", "add", "-A")
    fs_marker.unlink(missing_ok=True)
    for command in (["check"], ["check", "--staged", "--since", "HEAD"], ["review"]):
        result = cli(*command)
        assert result.exit_code == 0, (command, result.stderr)
    assert not fs_marker.exists(), "core.fsmonitor ran"
    assert not smudge_marker.exists(), "a smudge filter ran on check --staged"


def test_init_and_git_setup_never_write_into_a_global_hooks_folder(tmp_path):
    shared = tmp_path / "shared-hooks"
    shared.mkdir()
    config = tmp_path / "gitconfig"
    config.write_text(f"[core]\n\thooksPath = {shared}\n")
    ledger = tmp_path / "ledger"
    env = {"GIT_CONFIG_GLOBAL": str(config), "PILOTLEDGER_LANG": "en"}
    made = Cli(ledger, env=env)("init", str(ledger))
    assert made.exit_code == 0, made.stderr
    assert list(shared.iterdir()) == []
    assert "core.hooksPath" in made.stderr and str(shared) in made.stderr
    assert (ledger / ".git" / "hooks" / "pre-commit").is_file()
    again = Cli(ledger, env=env)("git-setup")
    assert again.exit_code == 0 and list(shared.iterdir()) == []
    said = Cli(ledger, env=dict(env, PILOTLEDGER_LANG="zh"))("git-setup").stderr
    assert "所有仓库共用；pilotledger 未在其中写入" in said
    other = tmp_path / "other"  # another repository of the user still commits
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    (other / "a.txt").write_text("a")
    git(other, "add", "a.txt")
    assert committed(other).returncode == 0


# ---- 10: two ledgers in one repository --------------------------------------------------------


def test_the_hook_checks_every_ledger_the_commit_touches(tmp_path):
    repo = tmp_path / "office"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    first, second = plain_ledger(repo / "a"), plain_ledger(repo / "b")
    for ledger in (first, second):
        assert Cli(ledger)("git-setup").exit_code == 0
    git(repo, "add", "-A")
    assert committed(repo).returncode == 0
    broken = second / "progress" / "2022-03.yaml"
    broken.write_text(
        "- id: x1\n  task: 12\n  date: 2022-03-15\n  unit: medical-security\n"
        "  status: nonsense\n  summary: 进展\n  recorded_at: 2022-03-15 18:00:00+08:00\n",
        encoding="utf-8",
    )
    git(repo, "add", "-A")
    refused = committed(repo)
    assert refused.returncode != 0
    assert "b/progress/2022-03.yaml" in refused.stdout + refused.stderr
    assert len(git(repo, "log", "--format=%s").splitlines()) == 1


# ---- 16: the merge driver reads its versions as every reader does -----------------------------

BASE = (
    "- id: a\n  task: 1\n  date: 2022-03-01\n  unit: commerce\n  status: in_progress\n"
    "  summary: 甲\n  recorded_at: 2022-03-02 09:00:00+08:00\n"
)


def test_the_merge_driver_refuses_a_fifo_as_a_version(tmp_path):
    base, ours, fifo = tmp_path / "base.yaml", tmp_path / "ours.yaml", tmp_path / "theirs.yaml"
    base.write_text(BASE, encoding="utf-8")
    ours.write_text(BASE, encoding="utf-8")
    os.mkfifo(fifo)
    with fifo_guard(fifo):
        result = Cli(tmp_path)(
            "--lang", "en", "merge-driver", str(base), str(ours), str(fifo), "2022-03.yaml"
        )  # the driver speaks the clerk's language: English here
    assert result.exit_code == 1
    assert "FIFO" in result.stderr and "Traceback" not in result.stderr
    assert ours.read_text(encoding="utf-8") == BASE


def test_the_merge_driver_refuses_dev_zero_as_a_version(tmp_path):
    base, ours = tmp_path / "base.yaml", tmp_path / "ours.yaml"
    base.write_text(BASE, encoding="utf-8")
    ours.write_text(BASE, encoding="utf-8")
    done = pilotledger_process(
        ["merge-driver", str(base), str(ours), "/dev/zero"],
        dict(os.environ),
        timeout=30,
        memory=1 << 30,  # a regression reading /dev/zero whole fails fast, not the machine
    )
    assert done.returncode == 1
    assert "device" in done.stderr and "Traceback" not in done.stderr
    assert ours.read_text(encoding="utf-8") == BASE


# ---- 22: init inside another repository --------------------------------------------------------


def test_init_inside_another_repository_makes_its_own_and_commits_nothing_outside(tmp_path):
    outer = tmp_path / "documents"
    outer.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(outer)], check=True)
    (outer / "notes.txt").write_text("x")
    git(outer, "add", "notes.txt")
    assert committed(outer).returncode == 0
    (outer / "staged.txt").write_text("y")
    git(outer, "add", "staged.txt")
    head = git(outer, "rev-parse", "HEAD")
    ledger = outer / "台账"
    made = Cli(ledger)("init", str(ledger))
    assert made.exit_code == 0, made.stderr
    assert "已建为独立的 git 仓库" in made.stdout and str(outer) in made.stdout
    assert git(outer, "rev-parse", "HEAD") == head
    assert git(outer, "diff", "--cached", "--name-only") == "staged.txt\n"
    assert (ledger / ".git").is_dir()
    assert git(ledger, "log", "--format=%s").splitlines() == ["pilotledger: new ledger"]
    en = Cli(tmp_path / "l2", env={"PILOTLEDGER_LANG": "en"})
    inner = outer / "l2"
    assert "a git repository of its own" in en("init", str(inner)).stdout


def test_init_force_says_what_it_did(tmp_path):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("x")
    first = Cli(folder)("init", str(folder), "--force")
    assert first.exit_code == 0, first.stderr
    assert "原有的 1 个文件未改动，也未提交" in first.stdout
    assert "?? notes.txt" in git(folder, "status", "--porcelain")
    second = Cli(folder, env={"PILOTLEDGER_LANG": "en"})("init", str(folder), "--force")
    assert second.exit_code == 0, second.stderr
    assert "no new commit" in second.stdout and "first commit made" not in second.stdout
    assert len(git(folder, "log", "--format=%s").splitlines()) == 1


# ---- 11: stdout that is not UTF-8 ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
def test_output_the_stream_cannot_carry_is_replaced_and_said_once(sample, encoding):
    """gbk carries the Chinese text but not CO₂'s subscript; cp1252 no Chinese character."""
    assert Cli(sample)(*record_12("减排 CO₂ 两吨")).exit_code == 0
    env = dict(os.environ, PYTHONIOENCODING=encoding, PILOTLEDGER_DATA=str(sample))
    env.update(PILOTLEDGER_LANG="en", PILOTLEDGER_TODAY="2022-07-20")
    for command in (["show", "12"], ["status", "--format", "markdown"]):
        done = subprocess.run(
            [sys.executable, "-m", "pilotledger", *command], env=env, capture_output=True
        )
        said = done.stderr.decode(encoding)
        assert done.returncode == 0 and "Traceback" not in said, said
        text = done.stdout.decode(encoding)
        if command[0] == "show":
            assert said.count("cannot carry") == 1 and "CO? " in text, said
            assert any("\u4e00" <= c <= "\u9fff" for c in text) == (encoding == "gbk")


# ---- 25: a ledger made by init ignores site/ ----------------------------------------------------


def test_a_site_built_in_the_ledger_folder_is_not_offered_to_git(origin):
    built = Cli(origin)("site", "--output-dir", str(origin / "site"))
    assert built.exit_code == 0, built.stderr
    assert (origin / "site" / "index.html").is_file()
    assert git(origin, "status", "--porcelain") == ""
