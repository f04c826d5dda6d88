"""Promise 7: bad input to every command gets a clear message and a non-zero exit, and costs
no data."""

from __future__ import annotations

import errno
import os

import pytest

from helpers.cli import Cli, record_args

BAD = {
    "status with a bad date": (
        ["status", "--as-of", "2022-13-40"],
        2,
        "--as-of: '2022-13-40' is not a date",
    ),
    "status with words for a date": (
        ["status", "--as-of", "上个月"],
        2,
        "is not a date; use 2022-03-15",
    ),
    "overdue with an unknown unit": (
        ["overdue", "--unit", "县外事办"],
        1,
        "unknown unit '县外事办'",
    ),
    "status with an unknown part": (
        ["status", "--part", "9"],
        1,
        "unknown part '9'; use 1–1 or 一…",
    ),
    "status with an unknown section": (
        ["status", "--section", "（二十）"],
        1,
        "unknown section '（二十）'",
    ),
    "status with an unknown status": (
        ["status", "--status", "finished"],
        1,
        "unknown status 'finished'",
    ),
    "report with a bad quarter": (
        ["report", "--quarter", "2022Q7"],
        2,
        "'2022Q7' is not a quarter",
    ),
    "report with two periods": (["report", "--quarter", "--year"], 2, "choose one period"),
    "report with no period": (["report"], 2, "choose one period"),
    "report with a bad year": (["report", "--year", "99999"], 2, "is not a year"),
    "report with a bad format": (["report", "--quarter", "--format", "pdf"], 2, "pdf"),
    "report into a missing folder": (
        ["report", "--quarter", "--format", "html", "--output", "/nonexistent/x.html"],
        1,
        "--output: folder /nonexistent does not exist",
    ),
    "xlsx without output": (["matrix", "--format", "xlsx"], 2, "--format xlsx needs --output"),
    "show with no task": (["show"], 2, "missing TASK (see `pilotledger show --help`)"),
    "show with text": (["show", "abc"], 1, "unknown task 'abc'"),
    "record a bad progress": (
        record_args(unit="commerce", status="done", summary="x", progress="lots"),
        2,
        "--progress: progress 'lots' is not a whole number",
    ),
    "record a bad date": (
        record_args(unit="commerce", date="3/15", status="done", summary="x"),
        2,
        "--date: '3/15' is not a date",
    ),
    "check --since a bad revision": (
        ["check", "--since", "no-such-rev"],
        1,
        "not inside a git repository",
    ),
    "review outside git": (["review"], 1, "not inside a git repository"),
    "unknown language": (["--lang", "fr", "status"], 2, "unknown language 'fr'; use zh or en"),
    "unknown command": (["statsu"], 2, "no command 'statsu'; did you mean status?"),
    "init from a folder without a plan": (
        ["init", "/tmp/pl-never", "--plan-from", "/nonexistent"],
        1,
        "--plan-from: /nonexistent: no tasks.yaml there",
    ),
}


def snapshot(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_a_clear_refusal(mini, mini_cli, case):
    args, code, message = BAD[case]
    before = snapshot(mini)
    result = mini_cli(*args, env={"PILOTLEDGER_LANG": "en"})
    assert result.exit_code == code, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(mini) == before


def test_a_missing_data_dir(tmp_path):
    result = Cli(tmp_path / "gone")("status")
    assert result.exit_code == 1 and "不是台账目录（其中没有 tasks.yaml）" in result.stderr


def test_no_ledger_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cli = Cli(tmp_path)
    cli.env.pop("PILOTLEDGER_DATA")
    result = cli("status")
    assert (
        result.exit_code == 1
        and "及其上级目录中找不到台账" in result.stderr
        and "请用 --data 目录" in result.stderr
    )


RECORD = record_args(unit="commerce", status="done", summary="x")


def test_a_read_only_file_system_costs_nothing(mini, mini_cli, monkeypatch):
    assert mini_cli(*RECORD).exit_code == 0
    before = snapshot(mini)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("tempfile.mkstemp", read_only)  # every file this process would write
    result = mini_cli(*RECORD)
    assert result.exit_code == 1
    assert "无法写入（磁盘是只读的）；未写入任何内容" in result.stderr
    assert snapshot(mini) == before
    assert mini_cli("status").exit_code == 0  # reading still works; the cache is not needed


def test_a_failed_rename_costs_nothing(mini, mini_cli, monkeypatch):
    assert mini_cli(*RECORD).exit_code == 0
    before = snapshot(mini)
    monkeypatch.setattr(
        "pilotledger.store.files.os.replace",
        lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")),
    )
    result = mini_cli(*RECORD)
    assert result.exit_code == 1 and "未写入任何内容" in result.stderr
    assert snapshot(mini) == before
    assert list((mini / "progress").glob(".pilotledger-*.tmp")) == []


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root can write to a read-only folder; covered by the EROFS test"
)
def test_an_unwritable_progress_folder(mini, mini_cli):
    (mini / "progress").chmod(0o555)
    try:
        result = mini_cli(*RECORD)
    finally:
        (mini / "progress").chmod(0o755)
    assert result.exit_code == 1 and "未写入任何内容" in result.stderr


def test_a_progress_path_that_is_a_file(mini, mini_cli):
    (mini / "progress").rmdir()
    (mini / "progress").write_text("not a folder")
    result = mini_cli(*RECORD)
    assert result.exit_code == 1 and "无法创建" in result.stderr
    assert (mini / "progress").read_text() == "not a folder"
