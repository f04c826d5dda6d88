"""The rules of `record` without a terminal: recording.draft_record takes values given together
(text or already typed, as a returned spreadsheet row gives them) and returns the draft `record`
would write, or every problem, each naming its field."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.cli import record_args
from helpers.ledgers import MARCH, RECORD, records, write
from pilotledger.dates import PLAN_TZ
from pilotledger.model import Status
from pilotledger.recording import LAST, Given, draft_record, record_fields
from pilotledger.store import load_valid
from pilotledger.store.recent import RecentRecords
from pilotledger.wording import word

NOW = dt.datetime(2022, 7, 20, 10, 0, tzinfo=PLAN_TZ)  # the pinned today of the tests' CLI
GOOD = dict(unit="县商务委", date="2022-03-15", status="推进中", summary="已启动")


def drafted(root, **values):
    return draft_record(load_valid(root), Given(**values), NOW)


def kept_fields(fields: dict) -> dict:
    """A record's stored fields without what only the moment of writing decides."""
    return {k: v for k, v in fields.items() if k not in ("id", "recorded_at") and v is not None}


def test_values_given_as_text_make_the_record_that_record_writes(mini, mini_cli):
    given = dict(GOOD, progress="20%", problems="资金未到位", evidence=["纪要"])
    result = drafted(mini, task="1", **given)
    assert result.problems == [] and result.warnings == []
    draft = result.draft
    args = record_args(1, progress="20%", problems="资金未到位", evidence="纪要")
    assert mini_cli(*args).exit_code == 0
    [written] = records(mini)
    assert kept_fields(record_fields(draft, "x", NOW)) == kept_fields(written)
    assert (draft.task.number, draft.unit.id, draft.status, draft.progress) == (
        1,
        "commerce",
        Status.in_progress,
        20,
    )


def test_values_already_typed_are_taken_as_they_are(mini):
    result = drafted(
        mini,
        task=1,
        unit="commerce",
        date=dt.datetime(2022, 3, 15),  # a spreadsheet's date cell
        status=Status.done,
        progress=100,
        summary="已完成",
    )
    assert result.problems == []
    assert (result.draft.date, result.draft.status, result.draft.progress) == (
        dt.date(2022, 3, 15),
        Status.done,
        100,
    )


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            {
                "unit": "县财政局 不是任务 1 的单位；牵头单位：县商务委；责任单位：县卫生健康委",
                "date": "日期 2030-01-01 晚于今天（2022-07-20）；进展发生后再报送",
                "progress": "进度 150 超出 0–100",
                "summary": "工作进展不能为空，请写明做了什么",
            },
        ),
        (
            "en",
            {
                "unit": "县财政局 is not assigned to task 1; its lead units (牵头): 县商务委; "
                "responsible units (责任): 县卫生健康委",
                "date": "date 2030-01-01 is after today (2022-07-20); progress is recorded "
                "when it has happened",
                "progress": "progress 150 is outside 0–100",
                "summary": "the summary (工作进展) is empty; say what was done",
            },
        ),
    ],
)
def test_every_refused_value_is_named_by_its_field_at_once(mini, lang, expected):
    result = drafted(
        mini, task=1, unit="finance", date="2030-01-01", status="推进中", progress=150, summary=" "
    )
    assert result.draft is None
    assert {p.field: word(p.message, lang) for p in result.problems} == expected


def test_missing_values_and_an_unknown_task_are_problems_not_errors(mini):
    result = drafted(mini, task="99", unit="县商务委")
    assert [p.field for p in result.problems] == ["date", "status", "summary", "task"]
    assert word(result.problems[0].message, "zh") == "缺少 date（必填）"
    assert word(result.problems[-1].message, "en").startswith("unknown task '99'")


def test_a_control_character_is_refused_by_the_field_it_is_in(mini):
    result = drafted(mini, task=1, **dict(GOOD, next_steps="下月\x07完成"))
    assert [(p.field, p.message.key) for p in result.problems] == [("next_steps", "control_char")]


def test_a_correction_keeps_what_is_not_given_again(mini, mini_cli):
    given = dict(date="2022-03-10", summary="旧", progress="30", problems="问题")
    given |= dict(next_steps="下步", evidence="纪要", by="张三")
    assert mini_cli(*record_args(1, **given)).exit_code == 0
    [original] = records(mini)
    result = draft_record(
        RecentRecords(mini, load_valid(mini), 1, None, correcting=True).ledger(NOW.date()),
        Given(task=1, corrects=LAST, **dict(GOOD, summary="新")),
        NOW,
    )
    assert result.problems == []
    fields = record_fields(result.draft, "x", NOW)
    assert (fields["corrects"], fields["summary"], fields["date"]) == (
        original["id"],
        "新",
        dt.date(2022, 3, 15),
    )
    kept = ("progress", "problems", "next_steps", "evidence", "recorded_by")
    assert {k: fields[k] for k in kept} == {k: original[k] for k in kept}


def test_a_correction_of_a_corrected_record_is_refused_as_record_refuses_it(mini, mini_cli):
    write(mini, MARCH, RECORD)
    args = record_args(1, corrects="r1", **GOOD)
    assert mini_cli(*args).exit_code == 0
    again = mini_cli(*args)
    result = drafted(mini, task=1, corrects="r1", **GOOD)
    [problem] = result.problems
    assert problem.field == "corrects"
    assert again.exit_code == 1 and word(problem.message, "zh") in again.stderr


def test_a_warning_is_returned_with_the_draft(mini):
    write(mini, MARCH, RECORD.replace("in_progress", "done"))
    result = drafted(mini, task=1, **dict(GOOD, status="已完成"))
    assert result.problems == [] and result.warnings == ["warn_done_again"]
