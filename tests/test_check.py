"""`pilotledger check`: one small bad ledger per kind of problem, with the exact message."""

from __future__ import annotations

import json

import pytest

from helpers.cli import Cli
from helpers.ledgers import MARCH, MINI_TASKS, MINI_UNITS, RECORD, write


@pytest.fixture
def mini_cli(mini):
    """These cases pin the English wording; tests/test_messages.py pins both languages."""
    return Cli(mini, env={"PILOTLEDGER_LANG": "en"})


CASES = {
    "unknown unit in a task": (
        "tasks.yaml",
        MINI_TASKS.replace("lead: [commerce]", "lead: [comerce]"),
        "tasks.yaml:21:12: unknown unit id `comerce` (not in units.yaml)",
    ),
    "unknown section": (
        "tasks.yaml",
        MINI_TASKS.replace("    section: 1\n    text: 第二", "    section: 9\n    text: 第二"),
        "tasks.yaml:24:14: unknown section 9",
    ),
    "duplicate task number": (
        "tasks.yaml",
        MINI_TASKS.replace("  - number: 2\n    section", "  - number: 1\n    section"),
        "tasks.yaml:23:13: duplicate task number 1",
    ),
    "duplicate unit id": (
        "units.yaml",
        MINI_UNITS.replace("id: finance", "id: health"),
        "units.yaml:7:9: duplicate unit id `health`\nunits.yaml:12:9: duplicate unit id `health`",
    ),
    "duplicate key": (
        MARCH,
        RECORD.replace("  summary: 已启动\n", "  summary: 已启动\n  summary: 又一次\n"),
        'progress/2022-03.yaml:7:3: YAML: duplicate key: "summary"',
    ),
    "file that is not a list": (
        MARCH,
        "id: r1\ntask: 1\n",
        "progress/2022-03.yaml:1:1: a progress file must be a YAML list of records (`- id: …`)",
    ),
    "status outside the vocabulary": (
        MARCH,
        RECORD.replace("in_progress", "finished"),
        "progress/2022-03.yaml:5:11: status: 'finished' — is not one of not_started, in_progress,"
        " blocked, done",
    ),
    "progress outside 0-100": (
        MARCH,
        RECORD.replace("  summary", "  progress: 120\n  summary"),
        "progress/2022-03.yaml:6:13: progress: 120 — should be at most 100",
    ),
    "a date that is not a date": (
        MARCH,
        RECORD.replace("2022-03-10", "2022-03-32"),
        "progress/2022-03.yaml:3:9: 2022-03-32 is not a date",
    ),
    "a date given as a number": (
        MARCH,
        RECORD.replace("2022-03-10", "20220310"),
        "progress/2022-03.yaml:3:9: date: 20220310 — should be a date (YYYY-MM-DD)",
    ),
    "date outside its month file": (
        MARCH,
        RECORD.replace("2022-03-10", "2022-04-02").replace("2022-03-11", "2022-04-03"),
        "progress/2022-03.yaml:3:9: date 2022-04-02 is outside this file's month 2022-03",
    ),
    "unit not assigned to the task": (
        MARCH,
        RECORD.replace("unit: commerce", "unit: finance"),
        "progress/2022-03.yaml:4:9: unit `finance` is not assigned to task 1 (its units: 县商务委,"
        " 县卫生健康委)",
    ),
    "unknown unit in a record": (
        MARCH,
        RECORD.replace("unit: commerce", "unit: nobody"),
        "progress/2022-03.yaml:4:9: unknown unit id `nobody`",
    ),
    "unknown task": (
        MARCH,
        RECORD.replace("task: 1", "task: 7"),
        "progress/2022-03.yaml:2:9: unknown task 7 (tasks are 1–2)",
    ),
    "unknown field": (
        MARCH,
        RECORD.replace("  summary", "  sumary: x\n  summary"),
        "progress/2022-03.yaml:6:3: unknown field `sumary`",
    ),
    "missing field": (
        MARCH,
        RECORD.replace("  summary: 已启动\n", ""),
        "progress/2022-03.yaml:1:3: missing field `summary`",
    ),
    "text that YAML reads as a number": (
        MARCH,
        RECORD.replace("summary: 已启动", "summary: 2022"),
        "progress/2022-03.yaml:6:12: summary: 2022 — should be text",
    ),
    "YAML syntax error": (
        MARCH,
        RECORD.replace("  task: 1", "  task: [1"),
        "progress/2022-03.yaml:3:7: YAML: a [ ] or { } list is not closed, or a comma is missing",
    ),
    "a YAML tag": (
        MARCH,
        RECORD.replace("已启动", "!!python/object:os.system x"),
        "progress/2022-03.yaml:6:12: YAML tags (!…) are not allowed in ledger files",
    ),
    "correction of an unknown record": (
        MARCH,
        RECORD.replace("  recorded_at", "  corrects: zz9\n  recorded_at"),
        "progress/2022-03.yaml:7:13: corrects unknown record id `zz9`",
    ),
    "a timestamp offset past 23:59": (
        MARCH,
        RECORD.replace("09:00:00+08:00", "09:00:00+24:00"),
        "progress/2022-03.yaml:7:16: recorded_at: 2022-03-11 09:00:00+24:00 is not a valid"
        " timestamp (YYYY-MM-DD HH:MM:SS+08:00, an offset under 24 hours)",
    ),
    "a key written with escapes": (
        MARCH,
        RECORD.replace("  summary:", '  "sum\\u0061ry": x\n  summary:'),
        "progress/2022-03.yaml:6:3: unknown field `sumary`",
    ),
    "an unquoted leading @": (
        MARCH,
        RECORD.replace("summary: 已启动", "summary: @张三 已启动"),
        "progress/2022-03.yaml:6:12: YAML: `@` and `` ` `` cannot start a plain value; quote the"
        " text",
    ),
    "badly named progress file": (
        "progress/march.yaml",
        RECORD,
        "progress/march.yaml:1:1: a progress file must be named YYYY-MM.yaml",
    ),
}


def snapshot(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_kind_is_reported_with_its_place(mini, mini_cli, case):
    relative, text, expected = CASES[case]
    write(mini, relative, text)
    before = snapshot(mini)
    result = mini_cli("check")
    assert result.exit_code == 1
    assert result.stdout.replace(f"{mini.as_posix()}/", "") == expected + "\n"
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(mini) == before


def test_duplicate_record_ids_across_files(mini, mini_cli):
    write(mini, MARCH, RECORD)
    write(
        mini,
        "progress/2022-04.yaml",
        RECORD.replace("2022-03-10", "2022-04-10").replace("2022-03-11", "2022-04-11"),
    )
    result = mini_cli("check")
    assert result.stdout.replace(f"{mini.as_posix()}/", "") == (
        "progress/2022-03.yaml:1:7: duplicate record id `r1`\n"
        "progress/2022-04.yaml:1:7: duplicate record id `r1`\n"
    )


def test_a_gbk_file_is_a_problem_not_a_crash(mini, mini_cli):
    (mini / MARCH).write_bytes(RECORD.encode("gbk"))
    result = mini_cli("check")
    assert result.exit_code == 1
    assert result.stdout.replace(f"{mini.as_posix()}/", "") == (
        "progress/2022-03.yaml:6:12: not valid UTF-8 (byte 0xd2); save the file as UTF-8, not GBK"
        " or another encoding\n"
    )


def test_all_problems_are_listed_sorted(mini, mini_cli):
    write(
        mini,
        "progress/2022-04.yaml",
        RECORD.replace("2022-03-10", "2022-04-10").replace("in_progress", "x"),
    )
    write(
        mini,
        MARCH,
        RECORD.replace("unit: commerce", "unit: finance")
        + RECORD.replace("r1", "r2").replace("task: 1", "task: 9"),
    )
    lines = mini_cli("check").stdout.replace(f"{mini.as_posix()}/", "").splitlines()
    assert lines == [
        "progress/2022-03.yaml:4:9: unit `finance` is not assigned to task 1 (its units: 县商务委,"
        " 县卫生健康委)",
        "progress/2022-03.yaml:9:9: unknown task 9 (tasks are 1–2)",
        "progress/2022-04.yaml:5:11: status: 'x' — is not one of not_started, in_progress,"
        " blocked, done",
    ]


def test_json_lists_the_problems_for_programs(mini, mini_cli):
    write(mini, MARCH, RECORD.replace("task: 1", "task: 7"))
    result = mini_cli("check", "--format", "json")
    payload = json.loads(result.stdout)
    assert result.exit_code == 1
    assert payload == {
        "ok": False,
        "problems": [
            {
                "file": f"{mini.as_posix()}/progress/2022-03.yaml",
                "line": 2,
                "col": 9,
                "message": "unknown task 7 (tasks are 1–2)",
            }
        ],
        "warnings": [],
    }


def test_a_clean_ledger_prints_a_one_line_summary(mini, mini_cli):
    write(mini, MARCH, RECORD)
    result = mini_cli("check", env={"PILOTLEDGER_LANG": "zh"})
    assert (result.exit_code, result.stdout) == (
        0,
        "检查通过：2 项任务，4 个单位，1 条记录，3 个文件\n",
    )
    english = mini_cli("check", env={"PILOTLEDGER_LANG": "en"})
    assert english.stdout == "ledger OK: 2 tasks, 4 units, 1 records, 3 files\n"


def test_the_shipped_ledger_passes(cli):
    result = cli("check")
    assert (result.exit_code, result.stdout) == (
        0,
        "检查通过：55 项任务，36 个单位，0 条记录，2 个文件\n",
    )


def test_other_commands_refuse_an_invalid_ledger_and_name_the_problem(mini, mini_cli):
    """`show` refuses; reading commands (status …) work on the valid part and name it too
    (tests/reliability/test_incomplete_ledger.py)."""
    write(mini, MARCH, RECORD.replace("task: 1", "task: 7"))
    result = mini_cli("show", "1")
    assert result.exit_code == 1
    assert "progress/2022-03.yaml:2:9: unknown task 7" in result.stderr
    assert result.stdout == ""
    status = mini_cli("status")
    assert status.exit_code == 0 and "progress/2022-03.yaml:2:9: unknown task 7" in status.stderr


def test_missing_ledger_is_a_clear_error(tmp_path):
    result = Cli(tmp_path / "nowhere", env={"PILOTLEDGER_LANG": "en"})("check")
    assert result.exit_code == 1
    assert f"{tmp_path / 'nowhere'}: not a ledger directory (no tasks.yaml in it)" in result.stderr
