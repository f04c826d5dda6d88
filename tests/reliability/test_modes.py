"""Trust boundary: rewritten files keep their mode; new files get the user's umask."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from helpers.cli import Cli
from reliability.trust import RECORD

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_month_file_gets_the_umask(mini, mini_cli, umask_022):
    assert mini_cli(*RECORD).exit_code == 0
    assert mode(mini / "progress" / "2022-03.yaml") == 0o644


@pytest.mark.parametrize("wanted", [0o644, 0o664, 0o640])
def test_a_rewritten_month_file_keeps_its_mode(mini, mini_cli, umask_022, wanted):
    assert mini_cli(*RECORD).exit_code == 0
    month = mini / "progress" / "2022-03.yaml"
    month.chmod(wanted)
    assert mini_cli(*RECORD).exit_code == 0
    assert mode(month) == wanted


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_writes_files_with_the_umask(tmp_path, umask_022):
    ledger = tmp_path / "new"
    assert Cli(ledger)("init", str(ledger)).exit_code == 0
    for name in ("tasks.yaml", "units.yaml", "README.md", ".gitattributes"):
        assert mode(ledger / name) == 0o644, name
