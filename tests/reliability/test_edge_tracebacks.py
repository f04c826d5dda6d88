"""Inputs at the edges never show a traceback or hang: the last day a date can hold as
--known-at, a .gitattributes or cache key that is no plain file."""

from __future__ import annotations

import os
import subprocess

import pytest

from helpers.cli import PINNED_ENV, Cli, fifo_guard
from helpers.workers import pilotledger_process
from pilotledger.store.cache import cache_key
from reliability.trust import block, in_git, snapshot

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /proc are POSIX")


def run(root, *args, timeout=30, env=None):
    env = {
        **os.environ,
        **PINNED_ENV,
        "PILOTLEDGER_DATA": str(root),
        "PILOTLEDGER_LANG": "en",
        **(env or {}),
    }
    return pilotledger_process(list(args), env, cwd=root, timeout=timeout)


def in_process(root, *args, timeout=None, env=None):
    """The real command through CliRunner (Cli raises on a traceback), with run's result."""
    done = Cli(root, env={"PILOTLEDGER_LANG": "en", **(env or {})})(*args)
    return subprocess.CompletedProcess(args, done.exit_code, done.stdout, done.stderr)


@pytest.mark.parametrize("command", [["status"], ["overdue"], ["report", "--month", "2022-03"]])
def test_known_at_the_last_day_a_date_can_hold(mini, command):
    (mini / "progress" / "2022-03.yaml").write_text(block("a1"), encoding="utf-8")
    done = Cli(mini, env={"PILOTLEDGER_LANG": "en"})(
        *command, "--known-at", "9999-12-31", "--format", "json"
    )
    assert done.exit_code == 0, done.stderr  # Cli raises on any uncaught exception


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="no /proc/self/mem")
@pytest.mark.parametrize("target", ["/proc/self/mem", "fifo"])
def test_a_gitattributes_that_is_no_plain_file(mini, target):
    in_git(mini)
    attributes = mini / ".gitattributes"
    if target == "fifo":
        os.mkfifo(attributes)
    else:
        attributes.symlink_to(target)
    before = snapshot(mini)
    # /proc/self/mem names the memory of the process reading it: a process of its own; the
    # FIFO in-process, guarded (a command that opened it and waited fails the test)
    runner = run if target != "fifo" else in_process
    with fifo_guard(*([attributes] if target == "fifo" else [])):
        checked = runner(mini, "check", timeout=20)
    assert checked.returncode == 0, checked.stderr
    with fifo_guard(*([attributes] if target == "fifo" else [])):
        setup = runner(mini, "git-setup", timeout=20)
    assert setup.returncode == 1 and "Traceback" not in setup.stderr
    assert ".gitattributes" in setup.stderr and "nothing was changed" in setup.stderr
    assert snapshot(mini) == before and os.path.lexists(attributes)


@pytest.mark.parametrize("kind", ["fifo", "zero", "loose"])
def test_a_cache_key_that_is_no_private_file_is_replaced_not_read(mini, tmp_path, kind):
    home = tmp_path / "home"
    key = home / "pilotledger" / "cache-key"
    key.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(key)
    elif kind == "zero":
        key.symlink_to("/dev/zero")
    else:
        key.write_bytes(b"k" * 32)
        key.chmod(0o644)
    (mini / "progress" / "2022-03.yaml").write_text(block("a1"), encoding="utf-8")
    cache_key.cache_clear()  # a process reads its key once: this run is the first to ask
    try:
        with fifo_guard(*([key] if kind == "fifo" else [])):
            done = in_process(mini, "status", "--format", "json", env={"XDG_CACHE_HOME": str(home)})
    finally:
        cache_key.cache_clear()  # the next command reads the run's own key again
    assert done.returncode == 0, done.stderr
    assert key.is_file() and not key.is_symlink()
    assert oct(key.stat().st_mode & 0o777) == oct(0o600) and len(key.read_bytes()) == 32
