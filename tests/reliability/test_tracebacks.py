"""No traceback for the cases an adversarial pass found: each ends in a clear message."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import PINNED_ENV
from helpers.ledgers import write
from helpers.workers import pilotledger_process
from reliability.trust import RECORD, block, snapshot


def run(root, *args, stdout=subprocess.PIPE):
    env = {**os.environ, **PINNED_ENV, "PILOTLEDGER_DATA": str(root), "PILOTLEDGER_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "pilotledger", *args],
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )


def test_a_merge_key_is_a_clear_problem(mini, mini_cli):
    write(mini, "progress/2022-03.yaml", block("r1") + "- <<: {task: 1}\n  id: r2\n")
    result = mini_cli("--lang", "en", "check")
    assert result.exit_code == 1
    assert "2022-03.yaml:8:3:" in result.stdout and "merge keys (<<)" in result.stdout


def test_record_when_the_month_file_is_a_directory(mini, mini_cli):
    (mini / "progress" / "2022-03.yaml").mkdir()
    result = mini_cli("--lang", "en", *RECORD)
    assert result.exit_code == 1 and "not a regular file" in result.stderr


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads a mode-000 file; see the simulated case below"
)
def test_record_when_the_month_file_is_unreadable(mini, mini_cli):
    assert mini_cli(*RECORD).exit_code == 0
    (mini / "progress" / "2022-03.yaml").chmod(0)
    result = mini_cli("--lang", "en", *RECORD)
    assert result.exit_code == 1 and "cannot read" in result.stderr


def test_record_when_a_file_cannot_be_opened(mini, mini_cli, monkeypatch):
    from pilotledger.store import files

    assert mini_cli(*RECORD).exit_code == 0
    before = snapshot(mini)

    def denied(path, flags):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(files, "_open_for_reading", denied)
    for command in (RECORD, ["check"], ["status"]):
        result = mini_cli("--lang", "en", *command)
        assert (
            result.exit_code == 1
            and "cannot read (Permission denied)" in result.stdout + result.stderr
        )
    assert snapshot(mini) == before


def test_record_on_a_read_only_disk(mini, mini_cli, monkeypatch):
    import filelock

    assert mini_cli(*RECORD).exit_code == 0
    before = snapshot(mini)

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(filelock.FileLock, "acquire", read_only)
    result = mini_cli("--lang", "en", *RECORD)
    assert result.exit_code == 1 and "Read-only file system" in result.stderr
    assert snapshot(mini) == before


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_stdout_on_a_full_device(mini):
    with open("/dev/full", "w") as full:
        done = run(mini, "status", stdout=full)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "No space left on device" in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_xlsx_to_a_device_is_refused_without_opening_it(mini):
    env = {**os.environ, **PINNED_ENV, "PILOTLEDGER_DATA": str(mini), "PILOTLEDGER_LANG": "en"}
    args = ["matrix", "--format", "xlsx", "--output", "/dev/full"]
    done = pilotledger_process(args, env, timeout=60)  # writing a device whole: a process
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "/dev/full is not a regular file (a device)" in done.stderr


@pytest.mark.parametrize(
    "args", [["show", "²"], ["status", "--part", "²"], ["status", "--section", "①"], ["show", "１"]]
)
def test_unicode_digits(mini_cli, args):
    result = mini_cli("--lang", "en", *args)
    if args == ["show", "１"]:
        assert result.exit_code == 0  # a full-width digit is a digit a Chinese keyboard types
        return
    assert result.exit_code == 1 and "unknown" in result.stderr


@pytest.mark.parametrize("under", ["a-file", "/proc", "/dev/null"])
def test_init_where_no_folder_can_be_made_is_refused_in_words(mini_cli, tmp_path, under):
    (tmp_path / "a-file").write_text("not a folder")
    target = (tmp_path / under if under == "a-file" else Path(under)) / "ledger"
    result = mini_cli("init", str(target))
    assert result.exit_code == 1, result.stderr
    assert f"无法创建文件夹 {target}（" in result.stderr and "Traceback" not in result.stderr
    assert not re.search("[A-Za-z]", result.stderr.split(str(target))[-1])  # the reason in Chinese
    assert (tmp_path / "a-file").read_text() == "not a folder"
    english = mini_cli("--lang", "en", "init", str(target))
    assert english.exit_code == 1 and f"cannot create the folder {target} (" in english.stderr


@pytest.mark.parametrize("under", ["a-file", "/proc"])
def test_a_site_where_no_folder_can_be_made_is_refused_in_words(reader, tmp_path, under):
    (tmp_path / "a-file").write_text("not a folder")
    target = (tmp_path / under if under == "a-file" else Path(under)) / "site"
    result = reader("site", "--output-dir", str(target))
    assert result.exit_code == 1, result.stderr
    assert f"无法创建文件夹 {target}（" in result.stderr and "Traceback" not in result.stderr
    reason = {"a-file": "路径中有一段不是文件夹", "/proc": "没有这个文件或文件夹"}[under]
    assert f"（{reason}）" in result.stderr


def test_an_output_under_a_file_says_the_file_is_no_folder(reader, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    result = reader("status", "--output", str(tmp_path / "a-file" / "status.csv"))
    assert result.exit_code == 1
    assert f"--output：{tmp_path / 'a-file'} 不是文件夹" in result.stderr
    missing = reader("status", "--output", str(tmp_path / "none" / "status.csv"))
    assert missing.exit_code == 1 and f"文件夹 {tmp_path / 'none'} 不存在" in missing.stderr
