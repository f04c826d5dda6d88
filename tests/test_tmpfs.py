"""The run's temporary folders go to tmpfs only where it is a roomy tmpfs and not opted out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.tmpfs import OPT_OUT, SHM, is_roomy_tmpfs, memory_temp_root


def test_opting_out_keeps_the_disk(monkeypatch):
    monkeypatch.setenv(OPT_OUT, "0")
    assert memory_temp_root() is None


def test_a_folder_that_is_no_tmpfs_mount_is_not_used(tmp_path):
    assert not is_roomy_tmpfs(tmp_path)  # a folder, not a mount point
    assert not is_roomy_tmpfs(tmp_path / "missing")


def test_this_run_is_in_memory_where_the_machine_allows_it(tmp_path):
    if os.environ.get(OPT_OUT) == "0" or not is_roomy_tmpfs(SHM):
        pytest.skip("no roomy tmpfs at /dev/shm here, or PILOTLEDGER_TEST_TMPFS=0: on disk")
    assert SHM in tmp_path.resolve().parents
    assert Path(os.environ["TMPDIR"]).resolve().parent == SHM  # what the tests' processes inherit


def test_a_folder_another_user_could_write_is_not_used(monkeypatch, tmp_path):
    monkeypatch.setattr("helpers.tmpfs.SHM", tmp_path)
    monkeypatch.setattr("helpers.tmpfs.is_roomy_tmpfs", lambda folder: True)
    assert memory_temp_root() == tmp_path / f"pilotledger-tests-{os.getuid()}"
    (tmp_path / f"pilotledger-tests-{os.getuid()}").chmod(0o777)
    assert memory_temp_root() is None
