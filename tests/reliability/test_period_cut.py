"""A period report applies corrections before it cuts records by date: a correction that moves
a record out of the period takes it out of every number and the narrative, one that moves a
record in brings it in. Milestones due after the period ("what comes next") are pending until
their due day has passed by the judgment day, then judged on the records dated up to it.

Mini ledger (conftest): task 1 led by commerce, task 2 by health and commerce; report_day 5,
so March is due 2022-04-05 and the March and Q1 reports are judged on 2022-04-06."""

from __future__ import annotations

import json

import pytest

from helpers.cli import Cli


def record(rid, date, recorded, summary, corrects=None, task=1, status="in_progress"):
    extra = f"  corrects: {corrects}\n" if corrects else ""
    return (
        f"- id: {rid}\n  task: {task}\n  date: {date}\n  unit: commerce\n  status: {status}\n"
        f"  progress: 30\n  summary: {summary}\n{extra}  recorded_at: {recorded} 18:00:00+08:00\n"
    )


def put(mini, month, *blocks):
    path = mini / "progress" / f"{month}.yaml"
    path.write_text("".join(blocks), encoding="utf-8")


def report(mini, *args):
    done = Cli(mini, env={"PILOTLEDGER_LANG": "en"})("report", *args, "--format", "json")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


def commerce(data):
    return next(row for row in data["units"] if row["unit"] == "commerce")


@pytest.mark.parametrize("period", [["--month", "2022-03"], ["--quarter", "2022Q1"]])
def test_a_correction_moving_a_record_out_of_the_period_takes_it_out(mini, period):
    put(mini, "2022-03", record("a1", "2022-03-10", "2022-03-10", "三月已对接"))
    put(mini, "2022-04", record("c1", "2022-04-02", "2022-04-03", "实为四月对接", corrects="a1"))
    data = report(mini, *period)
    task1 = data["tasks"][0]
    assert (task1["status_end"], task1["progress_end"], task1["records"]) == (
        "not_started",
        None,
        0,
    )
    assert data["narrative"] == []
    # commerce owes March for tasks 1 and 2 (Q1: March only; February is not owed, issued 02-24)
    assert (commerce(data)["filed"], commerce(data)["on_time"], commerce(data)["missing"]) == (
        0,
        0,
        2,
    )
    overdue = Cli(mini, env={"PILOTLEDGER_LANG": "en"})(
        "overdue", "--as-of", "2022-04-06", "--format", "json"
    )
    assert "2022-03" in overdue.stdout


def test_a_correction_moving_a_record_into_the_period_brings_it_in(mini):
    put(mini, "2022-03", record("c2", "2022-03-20", "2022-04-11", "实为三月对接", corrects="a2"))
    put(mini, "2022-04", record("a2", "2022-04-10", "2022-04-10", "四月对接"))
    data = report(mini, "--month", "2022-03")
    task1 = data["tasks"][0]
    assert (task1["status_end"], task1["progress_end"], task1["records"]) == ("in_progress", 30, 1)
    assert [row["summary"] for row in data["narrative"]] == ["实为三月对接"]
    # filed on 04-11, after the due day 04-05: late, never on time
    assert (commerce(data)["filed"], commerce(data)["on_time"], commerce(data)["late"]) == (1, 0, 1)


def test_a_correction_within_the_period_keeps_the_original_filing_time(mini):
    put(
        mini,
        "2022-03",
        record("a3", "2022-03-10", "2022-03-10", "初稿"),
        record("c3", "2022-03-12", "2022-04-20", "更正稿", corrects="a3"),
    )
    data = report(mini, "--month", "2022-03")
    assert [row["summary"] for row in data["narrative"]] == ["更正稿"]
    assert (commerce(data)["filed"], commerce(data)["on_time"]) == (1, 1)


def with_milestone(mini, due):
    tasks = (mini / "tasks.yaml").read_text(encoding="utf-8")
    tasks = tasks.replace(
        "    responsible: [health]\n",
        "    responsible: [health]\n    milestones:\n"
        f"      - due: {due}\n        target: in_progress\n",
        1,
    )
    (mini / "tasks.yaml").write_text(tasks, encoding="utf-8")


def upcoming(data, task=1):
    return [(m["due"], m["result"]) for m in data["upcoming"]["milestones"] if m["task"] == task]


def test_an_upcoming_milestone_met_after_the_period_is_met_not_missed(mini):
    with_milestone(mini, "2022-04-02")
    put(mini, "2022-04", record("b1", "2022-04-01", "2022-04-01", "四月一日启动"))
    data = report(mini, "--quarter", "2022Q1")  # judged 2022-04-06, after the due day
    assert data["period"]["judged_on"] == "2022-04-06"
    assert upcoming(data) == [("2022-04-02", "met")]
    # without any record by the due day it is missed, judged the same way
    (mini / "progress" / "2022-04.yaml").unlink()
    assert upcoming(report(mini, "--quarter", "2022Q1")) == [("2022-04-02", "missed")]


def test_an_upcoming_milestone_not_yet_due_on_the_judgment_day_is_pending(mini):
    with_milestone(mini, "2022-04-20")
    put(mini, "2022-04", record("b1", "2022-04-01", "2022-04-01", "四月一日启动"))
    assert upcoming(report(mini, "--quarter", "2022Q1")) == [("2022-04-20", "pending")]
