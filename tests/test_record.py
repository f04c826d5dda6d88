"""`pilotledger record`: what it writes, what it refuses, and the promises about the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import record_args
from helpers.git import git
from helpers.ledgers import records
from helpers.workers import run_workers


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def test_a_record_lands_in_its_month_file_with_keys_in_order(mini, mini_cli):
    result = mini_cli(*record_args(progress=20, evidence="纪要.pdf", by="张三"))
    assert result.exit_code == 0, result.stderr
    [stored] = records(mini)
    assert list(stored) == [
        "id",
        "task",
        "date",
        "unit",
        "status",
        "progress",
        "summary",
        "evidence",
        "recorded_at",
        "recorded_by",
    ]
    assert (
        stored["task"],
        str(stored["date"]),
        stored["unit"],
        stored["status"],
        stored["progress"],
    ) == (1, "2022-03-15", "commerce", "in_progress", 20)
    assert stored["recorded_at"].utcoffset() is not None
    assert result.stdout.splitlines() == [
        f"已写入 {stored['id']} → mini/progress/2022-03.yaml",
        "任务 1：推进中，进度 20%",
    ]
    assert (
        (mini / "progress" / "2022-03.yaml")
        .read_text(encoding="utf-8")
        .startswith("# Progress records for 2022-03")
    )
    assert mini_cli("check").exit_code == 0


def test_units_by_alias_dates_in_every_form_and_status_by_label(mini, mini_cli):
    forms = [
        ("2022/3/15", "2022-03-15"),
        ("2022年3月16日", "2022-03-16"),
        ("today", "2022-07-20"),
        ("yesterday", "2022-07-19"),
    ]
    for typed, stored in forms:
        result = mini_cli(*record_args(unit="县卫健委", date=typed, status="受阻", summary="x"))
        assert result.exit_code == 0, result.stderr
        month = stored[:7]
        assert str(records(mini, month)[-1]["date"]) == stored
        assert records(mini, month)[-1]["unit"] == "health"
        assert records(mini, month)[-1]["status"] == "blocked"


def test_text_is_stored_exactly_as_typed(mini, mini_cli):
    tricky = [
        "NO",
        "yes",
        "0123",
        "1_000",
        "~",
        "null",
        "12:30",
        "2022-03-05",
        "中文“引号”：冒号",
        "a: b",
        "# not a comment",
    ]
    for text in tricky:
        result = mini_cli(*record_args(summary=text, problems=text, evidence=text))
        assert result.exit_code == 0, result.stderr
    stored = records(mini)
    assert [r["summary"] for r in stored] == tricky
    assert [r["problems"] for r in stored] == tricky
    assert [r["evidence"] for r in stored] == [[t] for t in tricky]
    raw = (mini / "progress" / "2022-03.yaml").read_text(encoding="utf-8")
    assert "中文“引号”：冒号" in raw and "\\u" not in raw


def test_multi_line_text_is_a_literal_block_and_long_lines_are_never_folded(mini, mini_cli):
    long_text = "推进" * 300
    mini_cli(*record_args(summary="第一行\n第二行", problems=long_text))
    raw = (mini / "progress" / "2022-03.yaml").read_text(encoding="utf-8")
    assert "  summary: |-\n    第一行\n    第二行\n" in raw
    assert f"  problems: {long_text}\n" in raw
    assert records(mini)[0]["summary"] == "第一行\n第二行"


def test_the_diff_of_a_record_is_one_added_block_and_old_bytes_survive(mini, mini_cli):
    git(mini, "init", "-q")
    mini_cli(*record_args())
    path = mini / "progress" / "2022-03.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "# 手写备注：三月份由商务委汇总\n", encoding="utf-8"
    )
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "first")
    before = path.read_bytes()
    mini_cli(*record_args(2, unit="health", date="2022-03-20", status="done", summary="完成"))
    diff = git(mini, "diff", "--unified=0").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert git(mini, "diff", "--name-only").splitlines() == ["progress/2022-03.yaml"]
    assert all(line.startswith("+") for line in changed)
    assert (
        changed[0].startswith("+- id: ") and len(changed) == 7
    )  # id task date unit status summary recorded_at
    assert path.read_bytes().startswith(before)
    assert len([hunk for hunk in diff if hunk.startswith("@@")]) == 1


REFUSALS = {
    "unknown task": (record_args(99), "unknown task '99'; tasks are numbered 1–2 (closest: 1, 2)"),
    "unit not assigned": (
        record_args(unit="县财政局"),
        "县财政局 is not assigned to task 1; its lead units (牵头): 县商务委; responsible units"
        " (责任): 县卫生健康委",
    ),
    "unknown unit": (
        record_args(unit="县商务局"),
        "unknown unit '县商务局'; did you mean",
    ),
    "invalid date": (
        record_args(date="2022-02-30"),
        "--date：“2022-02-30”不是有效日期",
    ),
    "date after today": (
        record_args(date="2022-07-21"),
        "date 2022-07-21 is after today (2022-07-20)",
    ),
    "date before the plan": (
        record_args(date="2022-02-23"),
        "before the plan was issued (2022-02-24)",
    ),
    "unknown status": (
        record_args(status="finished"),
        "unknown status 'finished'; use one of not_started (未启动), in_progress (推进中),"
        " blocked (受阻),"
        " done (已完成)",
    ),
    "progress above 100": (record_args(progress=101), "progress 101 is outside 0–100"),
    "progress below 0": (record_args(progress=-1), "progress -1 is outside 0–100"),
    "correction of nothing": (
        record_args(corrects="nope"),
        "--corrects: no record has the id nope",
    ),
    "empty summary": (record_args(summary="  "), "the summary (工作进展) is empty"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_say_why_and_touch_nothing(mini, mini_cli, case):
    mini_cli(*record_args())
    before = tree(mini)
    args, message = REFUSALS[case]
    lang = "zh" if case == "invalid date" else "en"
    result = mini_cli(*args, env={"PILOTLEDGER_LANG": lang})
    assert result.exit_code == (2 if case == "invalid date" else 1)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(mini) == before


def test_missing_options_without_a_terminal_are_named(mini, mini_cli):
    result = mini_cli(*record_args(unit="commerce", date=None, status=None, summary=None))
    assert result.exit_code == 2
    assert "缺少 --date、--status、--summary（标准输入不是终端，无法询问）；未写入" in result.stderr
    assert list((mini / "progress").iterdir()) == []


def test_done_after_done_and_progress_going_down_are_warned_about(mini, mini_cli):
    mini_cli(*record_args(status="done", summary="完成", progress=100))
    again = mini_cli(*record_args(status="done", summary="再次确认"))
    assert again.exit_code == 0 and "注意：任务 1 此前已完成。" in again.stderr
    lower = mini_cli(*record_args(progress=60))
    assert lower.exit_code == 0 and "注意：进度由 100 降为 60。" in lower.stderr
    assert len(records(mini)) == 3


def test_a_correction_replaces_the_original_in_every_view(mini, mini_cli):
    mini_cli(*record_args(status="done", summary="误报完成", progress=100))
    original = records(mini)[0]["id"]
    result = mini_cli(*record_args(progress=40, corrects=original))
    assert result.exit_code == 0, result.stderr
    assert "任务 1：推进中，进度 40%" in result.stdout
    stored = records(mini)
    assert [r["id"] for r in stored][0] == original and stored[1]["corrects"] == original
    status = json.loads(mini_cli("status", "--format", "json").stdout)
    assert (status[0]["status"], status[0]["progress"]) == ("in_progress", 40)
    shown = json.loads(mini_cli("show", "1", "--format", "json").stdout)
    assert [(h["id"], h["superseded"]) for h in shown["history"]] == [
        (original, True),
        (stored[1]["id"], False),
    ]
    plain = mini_cli("show", "1", "--format", "plain").stdout
    assert "已更正" in plain and f"更正 {original}" in plain


@pytest.mark.parametrize(
    "existing",
    [
        "- id: old1\r\n  task: 1\r\n  date: 2022-03-01\r\n  unit: commerce\r\n  status:"
        " in_progress\r\n"
        "  summary: 旧\r\n  recorded_at: 2022-03-02 09:00:00+08:00\r\n",
        "- id: old1\n  task: 1\n  date: 2022-03-01\n  unit: commerce\n  status: in_progress\n"
        "  summary: 旧\n  recorded_at: 2022-03-02 09:00:00+08:00",
        "# 缩进的列表\n  - id: old1\n    task: 1\n    date: 2022-03-01\n    unit: commerce\n   "
        " status:"
        " in_progress\n"
        "    summary: 旧\n    recorded_at: 2022-03-02 09:00:00+08:00\n",
        "\ufeff- id: old1\n  task: 1\n  date: 2022-03-01\n  unit: commerce\n  status: in_progress\n"
        "  summary: 旧\n  recorded_at: 2022-03-02 09:00:00+08:00\n\n\n# 结尾注释\n",
    ],
    ids=["crlf", "no-final-newline", "indented-list", "bom-and-trailing-comment"],
)
def test_messy_files_keep_their_bytes_and_take_the_new_record(mini, mini_cli, existing):
    path = mini / "progress" / "2022-03.yaml"
    path.write_bytes(existing.encode("utf-8"))
    result = mini_cli(*record_args())
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes().startswith(
        existing.encode("utf-8").rstrip(b"\n")
        if not existing.endswith("\n")
        else existing.encode("utf-8")
    )
    assert [r["id"] for r in records(mini)][0] == "old1" and len(records(mini)) == 2
    if "\r\n" in existing:
        assert b"\n" not in path.read_bytes().replace(b"\r\n", b"")
    assert mini_cli("check").exit_code == 0


def test_a_file_whose_style_cannot_be_appended_to_is_refused_unchanged(mini, mini_cli):
    path = mini / "progress" / "2022-03.yaml"
    path.write_text(
        "[{id: old1, task: 1, date: 2022-03-01, unit: commerce, status: in_progress, summary: 旧, "
        "recorded_at: '2022-03-02T09:00:00+08:00'}]\n",
        encoding="utf-8",
    )
    before = path.read_bytes()
    result = mini_cli(*record_args())
    assert result.exit_code == 1
    assert "无法在不改写原有内容的情况下追加新记录" in result.stderr
    assert path.read_bytes() == before


def test_four_processes_recording_at_once_lose_nothing(mini, mini_cli):
    run_workers(mini, processes=4, each=6)  # the 16-process run is in `make soak`
    stored = records(mini)
    assert len(stored) == 24
    assert len({r["id"] for r in stored}) == 24
    expected = [f"进程{n}第{i}条" for n in range(4) for i in range(6)]
    assert sorted(r["summary"] for r in stored) == sorted(expected)
    assert mini_cli("check").exit_code == 0
    assert [p.name for p in (mini / "progress").iterdir()] == ["2022-03.yaml"]
