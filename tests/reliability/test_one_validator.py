"""One validator (issue 21, item 4): what `record` refuses, `check` reports when the same record
is written by hand, and the reverse direction holds for the cases `check` knew. Every case is
run both ways: `record` with the clerk's options (refused, files untouched), then the same
record as a hand-written block through `check` (a problem at its line)."""

from __future__ import annotations

import pytest

from helpers.cli import Cli, record_args
from reliability.trust import snapshot

TODAY = "2022-07-20"
BLOCK = (
    "- id: 20220315-0123456789ab\n  task: {task}\n  date: {date}\n  unit: commerce\n"
    "  status: in_progress\n  progress: {progress}\n  summary: {summary}\n"
    "  recorded_at: {recorded_at}\n"
)
GOOD = {
    "task": "1",
    "date": "2022-03-15",
    "progress": "20",
    "summary": "已对接",
    "recorded_at": "2022-03-15 18:00:00+08:00",
}
# (what differs from GOOD, the block's value where it differs from the option's, the line)
CASES = {
    "date before the plan": ({"date": "2022-02-01"}, {}, 3),
    "date after today": (
        {"date": "2099-01-01"},
        {"date": "2099-01-01", "recorded_at": "2099-01-01 09:00:00+08:00"},
        8,
    ),
    "recorded_at in 2099": ({}, {"recorded_at": "2099-03-15 18:00:00+08:00"}, 8),
    "summary of spaces": ({"summary": "   "}, {"summary": "'   '"}, 7),
    "summary of U+3000": ({"summary": "\u3000\u3000"}, {}, 7),
    "summary of a zero-width space": ({"summary": "\u200b"}, {}, 7),
    "summary of U+FEFF": ({"summary": "\ufeff"}, {"summary": '"\\uFEFF"'}, 7),
    "task 0x17": ({"task": "0x1"}, {}, 2),
    "task 0o27": ({"task": "0o1"}, {}, 2),
    "progress 0x14": ({"progress": "0x14"}, {}, 6),
    "progress over 100": ({"progress": "101"}, {}, 6),
    "unknown task": ({"task": "9"}, {}, 2),
}


def options(values: dict) -> list[str]:
    return record_args(
        values["task"],
        unit="commerce",
        date=values["date"],
        status="in_progress",
        progress=values["progress"],
        summary=values["summary"],
        yes=True,
    )


@pytest.mark.parametrize("case", CASES)
def test_record_refuses_and_check_reports_the_same_record(mini, case):
    changed, written, line = CASES[case]
    cli = Cli(mini, env={"PILOTLEDGER_TODAY": TODAY, "PILOTLEDGER_LANG": "en"})
    if changed:  # recorded_at has no option: `record` stamps the clock's moment
        before = snapshot(mini)
        refused = cli(*options(dict(GOOD, **changed)))
        assert refused.exit_code in (1, 2), refused.stdout
        assert snapshot(mini) == before
    values = dict(GOOD, **{**changed, **written})
    month = values["date"][:7]  # the block in its own month's file
    (mini / "progress" / f"{month}.yaml").write_text(BLOCK.format(**values), encoding="utf-8")
    checked = cli("check")
    assert checked.exit_code == 1, (case, checked.stdout)
    assert f"{month}.yaml:{line}:" in checked.stdout, (case, checked.stdout)


def test_the_good_record_passes_both(mini):
    cli = Cli(mini, env={"PILOTLEDGER_TODAY": TODAY})
    (mini / "progress" / "2022-03.yaml").write_text(BLOCK.format(**GOOD), encoding="utf-8")
    assert cli("check").exit_code == 0
    assert cli(*options(GOOD)).exit_code == 0
    assert cli("check").exit_code == 0


def test_a_number_written_in_another_base_is_named_as_written(mini):
    block = BLOCK.format(**dict(GOOD, task="0x1"))
    (mini / "progress" / "2022-03.yaml").write_text(block, encoding="utf-8")
    en = Cli(mini, env={"PILOTLEDGER_LANG": "en"})("check").stdout
    assert "2022-03.yaml:2:9: task is written `0x1` (that is 1); write numbers in decimal" in en
    assert "task 写作 `0x1`（即 1）" in Cli(mini)("check").stdout
