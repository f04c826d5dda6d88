"""Trust boundary: only regular files inside the ledger are read as ledger files; a FIFO, a
device, a directory or a link leading outside is a problem reported quickly, and a `.cache`
link is never followed."""

from __future__ import annotations

import os
import subprocess

import pytest

from helpers.cli import PINNED_ENV, Cli, fifo_guard
from helpers.ledgers import cold, write
from helpers.workers import pilotledger_process
from reliability.trust import RECORD, block, snapshot

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices are POSIX")


def in_process(root, *args):
    """The real command through CliRunner (Cli raises on a traceback): where nothing can hang, or
    beside a FIFO under fifo_guard (a command that opened it and waited fails the test)."""
    done = Cli(root, env={"PILOTLEDGER_LANG": "en"})(*args)
    return subprocess.CompletedProcess(args, done.exit_code, done.stdout, done.stderr)


def run(root, *args, timeout=30):
    """The real command in a subprocess, where a regression could eat memory (a device read to
    its end): a hang or a crash fails the test instead of the suite."""
    env = {**os.environ, **PINNED_ENV, "PILOTLEDGER_DATA": str(root), "PILOTLEDGER_LANG": "en"}
    return pilotledger_process(list(args), env, timeout=timeout)


def test_a_fifo_named_like_a_month_is_a_problem_not_a_hang(mini):
    fifo = mini / "progress" / "2022-03.yaml"
    os.mkfifo(fifo)
    for command, code in ((["check"], 1), (["status"], 0)):  # status: the valid part, said so
        with fifo_guard(fifo):
            done = in_process(mini, *command)
        assert done.returncode == code, done.stderr
        assert "progress/2022-03.yaml:1:1: not a regular file" in done.stdout + done.stderr
    with fifo_guard(fifo):
        done = in_process(mini, *RECORD)
    assert (
        done.returncode == 1
        and "not a regular file" in done.stderr
        and "Traceback" not in done.stderr
    )


def test_a_link_to_a_device_is_a_problem_not_a_memory_error(mini):
    (mini / "progress" / "2022-04.yaml").symlink_to("/dev/zero")
    done = run(mini, "check")
    assert done.returncode == 1 and "MemoryError" not in done.stderr
    assert "progress/2022-04.yaml:1:1: a link leading outside the ledger" in done.stdout


def test_a_link_to_a_file_outside_the_ledger_is_a_problem(mini, tmp_path):
    outside = write(tmp_path, "elsewhere.yaml", block("x1"))
    (mini / "progress" / "2022-03.yaml").symlink_to(outside)
    done = in_process(mini, "check")
    assert (
        done.returncode == 1
        and "2022-03.yaml:1:1: a link leading outside the ledger" in done.stdout
    )


def test_a_directory_named_like_a_month(mini):
    (mini / "progress" / "2022-03.yaml").mkdir()
    done = in_process(mini, "check")
    assert (
        done.returncode == 1 and "2022-03.yaml:1:1: not a regular file (a directory)" in done.stdout
    )
    done = in_process(mini, *RECORD)
    assert (
        done.returncode == 1
        and "not a regular file" in done.stderr
        and "Traceback" not in done.stderr
    )
    assert (mini / "progress" / "2022-03.yaml").is_dir()


def test_an_oversized_registry_is_refused_before_it_is_read(mini, monkeypatch):
    from pilotledger.store import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    with pytest.raises(files.LedgerFileError, match="larger than"):
        files.read_ledger_file(mini, mini / "tasks.yaml")


def test_a_cache_link_is_never_followed(mini, tmp_path):
    target = tmp_path / "victim"
    target.mkdir()
    (cold(mini) / ".cache").symlink_to(target)
    before = snapshot(mini)
    done = in_process(mini, *RECORD)
    assert done.returncode == 1 and ".cache is a link; pilotledger never follows it" in done.stderr
    assert snapshot(mini) == before and list(target.iterdir()) == []  # nothing written anywhere
    for command in (["status"], ["show", "1"]):
        assert in_process(mini, *command).returncode == 0
    assert list(target.iterdir()) == []
    done = in_process(mini, "check")
    assert (
        done.returncode == 1 and ".cache:1:1: a link; pilotledger never follows it" in done.stdout
    )
    assert snapshot(mini) == before
