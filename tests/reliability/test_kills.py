"""Promise 1: a write killed at any moment leaves every file as it was or with the new
record complete, and the next command works (no stale lock, temporary files cleaned up)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.cli import PINNED_ENV, Cli, record_args
from helpers.scale import SOAK, scaled
from helpers.workers import Forker, pilotledger_process
from pilotledger.store.yamlio import load_data

# kills in `make soak`; a completed (acknowledged) record follows every third
KILLS = scaled(16, 210, SOAK)
SHORT_KILLS = 4  # the same run, short, in `make test`


def env_for(root: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, **PINNED_ENV, PILOTLEDGER_DATA=str(root), **extra)


def numbered(n: int) -> list[str]:
    """The record of the n-th writer."""
    return record_args(unit="commerce", status="in_progress", summary=f"第{n}条")


def all_records(root: Path) -> list[dict]:
    found = []
    for path in sorted((root / "progress").glob("*.yaml")):
        found += (
            load_data(path.read_text(encoding="utf-8")) or []
        )  # raises if a file is unparseable
    return found


@pytest.mark.slow
def test_random_kills_never_corrupt_or_lose_acknowledged_records(mini):
    kill_records_at_random(mini, KILLS)


def test_a_few_random_kills_never_corrupt_or_lose_acknowledged_records(mini):
    kill_records_at_random(mini, SHORT_KILLS)


def kill_records_at_random(mini: Path, kills: int) -> None:
    """Writers killed at a random moment of their record (uniform over the time a completed
    one took): each a process forked ready to write (helpers.workers.Forker), so the kill
    lands in the write, not in Python's start-up."""
    rng = random.Random(20221125)
    acknowledged: set[str] = set()
    typical = None
    with Forker(mini, numbered(-1), env_for(mini)) as forker:
        for n in range(kills):
            if n % 3 == 0:  # a completed record between kills: it must survive all after it
                started = time.perf_counter()
                status, out, err = forker.wait(forker.start(numbered(10_000 + n)))
                assert status == 0, err
                acknowledged.add(out.split()[1])
                typical = typical or (time.perf_counter() - started)
            child = forker.start(numbered(n))
            time.sleep(rng.uniform(0, typical))
            os.kill(child, signal.SIGKILL)
            status, _, _ = forker.wait(child)
            assert status in (0, -signal.SIGKILL), status
            ids = [r["id"] for r in all_records(mini)]
            assert acknowledged <= set(ids)
            assert len(ids) == len(set(ids))
    result = Cli(mini)("check")
    assert result.exit_code == 0, result.stdout + result.stderr
    after = Cli(mini)(*numbered(9999))  # the next writer, in-process
    assert after.exit_code == 0, after.stderr  # no stale lock
    assert list((mini / "progress").glob(".pilotledger-*.tmp")) == []  # cleaned by the next writer


def test_a_crash_between_fsync_and_rename_leaves_the_old_file(mini, mini_cli):
    assert (
        mini_cli(
            *record_args(unit="commerce", status="in_progress", summary="第一条"),
        ).exit_code
        == 0
    )
    path = mini / "progress" / "2022-03.yaml"
    before = path.read_bytes()
    crashed = pilotledger_process(numbered(2), env_for(mini, PILOTLEDGER_FAULT="before-replace"))
    assert crashed.returncode == 70
    assert path.read_bytes() == before
    leftovers = list((mini / "progress").glob(".pilotledger-*.tmp"))
    assert len(leftovers) == 1  # the new file, fsynced but never renamed
    assert mini_cli("check").exit_code == 0  # temporary files are not ledger files
    assert (
        mini_cli(
            *record_args(
                unit="commerce", date="2022-03-16", status="in_progress", summary="第二条"
            ),
        ).exit_code
        == 0
    )
    assert list((mini / "progress").glob(".pilotledger-*.tmp")) == []
    assert [r["summary"] for r in all_records(mini)] == ["第一条", "第二条"]


@pytest.mark.slow
def test_killed_inits_can_be_run_again(tmp_path):
    kill_inits_at_random(tmp_path, scaled(3, 30, SOAK))


def test_a_killed_init_can_be_run_again(tmp_path):
    kill_inits_at_random(tmp_path, 1)


def kill_inits_at_random(tmp_path: Path, attempts: int) -> None:
    rng = random.Random(7)
    for attempt in range(attempts):
        target = tmp_path / f"ledger{attempt}"
        child = subprocess.Popen(
            [sys.executable, "-m", "pilotledger", "init", str(target)],
            env=env_for(target),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        wait_for_orphaned_git(target)
        again = Cli(target)("init", str(target), "--force")  # in-process: the next run
        assert again.exit_code == 0, again.stderr
        assert Cli(target)("check").exit_code == 0


def wait_for_orphaned_git(target: Path, seconds: float = 10.0) -> None:
    """A git command the killed init had started runs on to its end (killing its parent does
    not kill it) and holds .git/index.lock meanwhile; a clerk runs init again seconds later,
    not within the same millisecond."""
    lock = target / ".git" / "index.lock"
    deadline = time.monotonic() + seconds
    while lock.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def test_a_merge_that_dies_before_the_rename_leaves_our_file(tmp_path):
    base = (
        "- id: a\n  task: 1\n  date: 2022-03-01\n  unit: commerce\n  status: in_progress\n "
        " summary: 甲\n"
        "  recorded_at: 2022-03-02 09:00:00+08:00\n"
    )
    theirs = base + base.replace("id: a", "id: b").replace("甲", "乙")
    paths = {}
    for name, text in (("base", base), ("ours", base), ("theirs", theirs)):
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    args = [
        "merge-driver",
        str(paths["base"]),
        str(paths["ours"]),
        str(paths["theirs"]),
        "progress/2022-03.yaml",
    ]
    crashed = pilotledger_process(args, dict(os.environ, PILOTLEDGER_FAULT="before-replace"))
    assert crashed.returncode == 70
    assert paths["ours"].read_text(encoding="utf-8") == base
    merged = Cli(tmp_path)(*args)  # the next merge, in-process
    assert merged.exit_code == 0, merged.stderr
    assert [r["id"] for r in load_data(paths["ours"].read_text(encoding="utf-8"))] == ["a", "b"]


@pytest.mark.parametrize("stage", ["registries", "repository"])
def test_init_finishes_an_init_that_was_killed_before_its_commit(tmp_path, stage):
    """What a killed init leaves (the plan's own registries, an empty progress/, perhaps a
    repository without a commit) is finished by running init again; a registry a clerk has
    changed is never replaced."""
    from pilotledger.gitflow import git
    from pilotledger.gitflow.setup import BUNDLED

    target = tmp_path / "ledger"
    (target / "progress").mkdir(parents=True)
    (target / "progress" / ".gitkeep").touch()
    for name in ("tasks.yaml", "units.yaml"):
        (target / name).write_bytes((BUNDLED / name).read_bytes())
    if stage == "repository":
        git("init", "-q", cwd=target)
    done = Cli(target)("init", str(target), "--force")
    assert done.exit_code == 0, done.stderr
    assert Cli(target)("check").exit_code == 0
    assert "pilotledger: new ledger" in git("log", "--format=%s", cwd=target)
    again = Cli(target)("init", str(target), "--force")
    assert again.exit_code == 0, again.stderr  # still only the plan's own files: nothing to do
    (target / "units.yaml").write_bytes((target / "units.yaml").read_bytes() + "# 改\n".encode())
    refused = Cli(target)("init", str(target), "--force")
    assert refused.exit_code != 0 and "units.yaml" in refused.stderr
