"""Corrections (spec, Rules): only of the same task, at most once per record; `record` warns when
a correction moves the report to another month; `check` reports the rest in written files."""

from __future__ import annotations

import re

import pytest

from helpers.cli import record_args
from helpers.ledgers import write
from reliability.trust import RECORD, block, record_with, snapshot


def recorded_id(result) -> str:
    return re.search(r"\d{8}-[0-9a-f]{12}", result.stdout).group(0)


@pytest.fixture
def first(mini_cli):
    result = mini_cli(*RECORD)
    assert result.exit_code == 0
    return recorded_id(result)


def correct(cli, original, *, task="1", date="2022-03-16", lang="en"):
    return cli(
        "--lang",
        lang,
        *record_args(
            task,
            unit="commerce",
            date=date,
            status="in_progress",
            progress=25,
            summary="更正",
            corrects=original,
        ),
    )


def test_a_correction_of_another_tasks_record_is_refused(mini, mini_cli, first):
    before = snapshot(mini)
    result = correct(mini_cli, first, task="2")
    assert result.exit_code == 1
    assert f"record {first} is of task 1, not task 2" in result.stderr
    assert "属于任务 1" in correct(mini_cli, first, task="2", lang="zh").stderr
    assert snapshot(mini) == before


def test_a_second_correction_of_one_record_is_refused(mini, mini_cli, first):
    second = correct(mini_cli, first)
    assert second.exit_code == 0, second.stderr
    before = snapshot(mini)
    result = correct(mini_cli, first)
    assert result.exit_code == 1
    assert (
        f"record {first} is already corrected by {recorded_id(second)}; correct that one instead"
        in result.stderr
    )
    assert snapshot(mini) == before
    assert (
        correct(mini_cli, recorded_id(second)).exit_code == 0
    )  # correcting the correction is fine


def test_a_correction_that_moves_the_report_to_another_month_warns(mini, mini_cli, first):
    result = correct(mini_cli, first, date="2022-04-02")
    assert result.exit_code == 0
    assert "moves it from 2022-03 to 2022-04" in result.stderr
    moved_back = correct(mini_cli, recorded_id(result), date="2022-03-20", lang="zh")
    assert moved_back.exit_code == 0 and "从 2022-04 移到 2022-03" in moved_back.stderr
    same = correct(mini_cli, recorded_id(moved_back), date="2022-03-21")
    assert same.exit_code == 0 and "moves it" not in same.stderr


def corrected(rid, target, task=1, date="2022-03-16"):
    return block(rid, task=task, date=date, extra=f"  corrects: {target}\n")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_reports_bad_corrections(mini, mini_cli, lang):
    write(
        mini,
        "progress/2022-03.yaml",
        block("a1")
        + block("b1", task=2)
        + corrected("x1", "b1")  # another task's record
        + corrected("c1", "a1")
        + corrected("c2", "a1")  # a second correction: warned of, settled by rule (c2 applies)
        + corrected("u1", "nope")  # an unknown id
        + corrected("y1", "y2")
        + corrected("y2", "y1"),
    )  # a cycle
    result = mini_cli("--lang", lang, "check")
    assert result.exit_code == 1
    words = {
        "en": [
            "record b1 is of task 2, not task 1",
            "corrects unknown record id `nope`",
            "corrections form a cycle: y1 → y2 → y1",
        ],
        "zh": [
            "记录 b1 属于任务 2，不是任务 1",
            "更正的记录编号 `nope` 不存在",
            "更正形成循环：y1 → y2 → y1",
        ],
    }[lang]
    lines = result.stdout.splitlines()
    # a1's two corrections are a warning, no problem (the file's path may hold "a1" itself)
    assert not any("a1" in line.replace(str(mini), "") for line in lines)
    contested = {
        "en": "record a1 is corrected more than once (c1, c2): c2 applies",
        "zh": "记录 a1 被更正不止一次（c1、c2）：按规则以登记较晚的 c2 为准",
    }[lang]
    assert ":37:" in result.stderr and contested in result.stderr
    for expected, line_number in zip(words, (21, 45, 53)):
        assert any(expected in line and f":{line_number}:" in line for line in lines), (
            expected,
            lines,
        )


def test_corrects_last_follows_a_correction_moved_to_an_earlier_month(mini, mini_cli):
    """A record of June corrected by one dated in May: `--corrects last` must name the May
    correction (the record in effect), never the June original a second time, though `record`
    would otherwise stop reading at the June file."""
    june = mini_cli(*record_with(date="2022-06-08"))
    assert june.exit_code == 0, june.stderr
    original = recorded_id(june)
    moved = correct(mini_cli, "last", date="2022-05-30")
    assert moved.exit_code == 0, moved.stderr
    assert f"correction of {original} moves it from 2022-06 to 2022-05" in moved.stderr
    in_effect = recorded_id(moved)
    back = correct(mini_cli, "last", date="2022-06-09")
    assert back.exit_code == 0, back.stderr
    assert f"correction of {in_effect} moves it from 2022-05 to 2022-06" in back.stderr
    assert f"corrects: {in_effect}" in (mini / "progress" / "2022-06.yaml").read_text("utf-8")
    assert mini_cli("check").exit_code == 0
    assert mini_cli("show", "1").exit_code == 0
