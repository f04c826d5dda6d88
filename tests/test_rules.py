"""The rules as pure functions, on hand-made scenarios with hand-computed answers."""

from __future__ import annotations

from builders import day, make_ledger, rec, task, unit
from pilotledger import ledger as rules
from pilotledger.checks import admitted_units
from pilotledger.dates import Period, parse_period
from pilotledger.model import Status, UnitKind
from pilotledger.reports import build_report

# Task 1 is done mid-quarter (15 May); task 2 starts late (10 June); task 3 is blocked.
MID_QUARTER = [
    rec(1, "2022-03-10", "in_progress", 20),
    rec(1, "2022-04-30", "in_progress", 40),  # last day of April
    rec(1, "2022-05-01", "blocked"),  # first day of May, no progress given
    rec(1, "2022-05-15", "done", 100),
    rec(2, "2022-06-10", "in_progress", 10),
    rec(3, "2022-03-20", "blocked", 5),
    rec(3, "2022-04-20", "blocked", 5),
]


def scenario(records=MID_QUARTER, **kwargs):
    return make_ledger([task(1), task(2, lead=("a", "b")), task(3, lead=("c",))], records, **kwargs)


def state(ledger, number, on):
    return rules.state_as_of(rules.timelines(ledger)[number], day(on))


def missing(ledger, number, on):
    return [m.isoformat()[:7] for m in rules.missing_reports(ledger, rules.timelines(ledger)[number], day(on))]


def test_latest_status_carries_the_last_known_progress():
    ledger = scenario()
    assert state(ledger, 1, "2022-03-09") == rules.State(Status.not_started, None, None)
    assert (state(ledger, 1, "2022-05-01").status, state(ledger, 1, "2022-05-01").progress) == (Status.blocked, 40)
    assert (state(ledger, 1, "2022-05-15").status, state(ledger, 1, "2022-05-15").progress) == (Status.done, 100)


def test_ties_on_one_day_go_to_the_later_recorded_at():
    ledger = scenario([rec(1, "2022-03-10", "done", recorded_at="2022-03-10T09:00:00+08:00"),
                       rec(1, "2022-03-10", "blocked", recorded_at="2022-03-10T08:00:00+08:00")])
    assert state(ledger, 1, "2022-03-10").status is Status.done


def test_records_on_the_first_and_last_day_count_for_their_month():
    ledger = scenario()
    assert missing(ledger, 1, "2022-07-20") == []  # March, April (30th), May (1st) filed; done before June


def test_a_task_started_late_misses_the_months_before():
    ledger = scenario()
    assert missing(ledger, 2, "2022-07-06") == ["2022-03", "2022-04", "2022-05"]
    assert missing(ledger, 2, "2022-08-06") == ["2022-03", "2022-04", "2022-05", "2022-07"]


def test_the_report_day_itself_is_not_yet_late():
    ledger = scenario(records=[])
    assert missing(ledger, 1, "2022-04-05") == []
    assert missing(ledger, 1, "2022-04-06") == ["2022-03"]
    ledger = scenario(records=[], report_day=10)
    assert missing(ledger, 1, "2022-04-10") == [] and missing(ledger, 1, "2022-04-11") == ["2022-03"]


def test_lights():
    assert [rules.light(Status.in_progress, 0, 0), rules.light(Status.blocked, 0, 0),
            rules.light(Status.in_progress, 1, 0), rules.light(Status.in_progress, 2, 0),
            rules.light(Status.in_progress, 0, 1), rules.light(Status.done, 3, 1)] == [
        "green", "yellow", "yellow", "red", "red", "green"]
    ledger = scenario(records=[])
    rows = rules.task_statuses(ledger, day("2022-04-06"))
    assert [r.light for r in rows] == ["yellow"] * 3
    rows = rules.task_statuses(scenario(), day("2022-05-06"))
    # 6 May: task 1 is blocked since 1 May (yellow); task 2 owes March and April (red); task 3 blocked (yellow)
    assert [(r.task.number, r.light) for r in rows] == [(1, "yellow"), (2, "red"), (3, "yellow")]
    rows = rules.task_statuses(scenario(), day("2022-05-15"))
    assert rows[0].light == "green"


def test_milestones_met_and_missed():
    ledger = make_ledger([task(1, milestones=[("2022-06-30", "in_progress")]),
                          task(2, milestones=[("2022-06-30", "in_progress")]),
                          task(3, milestones=[("2022-06-30", "in_progress")])],
                         [rec(1, "2022-06-30", "blocked"), rec(2, "2022-07-01", "in_progress")])
    lines = rules.timelines(ledger)
    missed = {n: [m.due.isoformat() for m in rules.missed_milestones(ledger, ledger.tasks[n], lines[n], day(on))]
              for n, on in ((1, "2022-07-01"), (2, "2022-07-01"), (3, "2022-06-30"))}
    assert missed == {1: [], 2: ["2022-06-30"], 3: []}  # blocked meets in_progress; due day itself not late
    items = rules.overdue_items(ledger, day("2022-07-03"), [ledger.tasks[2]])
    # March's report was due 5 April: 25 + 31 + 30 + 3 = 89 days by 3 July; June's is not due until 5 July.
    assert [(i.kind, i.days) for i in items] == [("report", 89), ("milestone", 3)]
    assert items[0].period == ["2022-03", "2022-04", "2022-05"]


def test_the_plans_end_is_every_tasks_final_milestone():
    ledger = scenario()
    final = rules.milestones(ledger, ledger.tasks[3])
    assert [(m.due.isoformat(), m.target) for m in final] == [("2025-02-23", Status.done)]
    missed = rules.missed_milestones(ledger, ledger.tasks[3], rules.timelines(ledger)[3], day("2025-02-24"))
    assert len(missed) == 1
    assert rules.missed_milestones(ledger, ledger.tasks[1], rules.timelines(ledger)[1], day("2025-02-24")) == []


def test_corrections_replace_the_original_and_chains_keep_the_last_link():
    first = rec(1, "2022-03-10", "done", 100, rid="x1")
    second = rec(1, "2022-03-10", "in_progress", 50, corrects="x1", rid="x2", recorded_at="2022-03-12T09:00:00+08:00")
    ledger = scenario([first, second])
    assert (state(ledger, 1, "2022-03-31").status, state(ledger, 1, "2022-03-31").progress) == (Status.in_progress, 50)
    third = rec(1, "2022-04-02", "blocked", 50, corrects="x2", rid="x3")
    ledger = scenario([first, second, third])
    assert [r.id for r in rules.effective_records(ledger.records)] == ["x3"]
    assert state(ledger, 1, "2022-03-31").status is Status.not_started  # the corrected date moved to April
    assert missing(ledger, 1, "2022-04-06") == ["2022-03"]


def test_a_multi_lead_task_is_owed_by_each_lead_unit():
    ledger = scenario(records=[])
    grouped = rules.owed_by_unit(ledger, rules.overdue_items(ledger, day("2022-04-06")))
    assert {u: [i.task.number for i in items] for u, items in grouped.items()} == {"a": [1, 2], "b": [2], "c": [3]}


def test_a_group_admits_its_members_or_every_unit():
    open_group = unit("g", UnitKind.group)
    closed_group = unit("h", UnitKind.group, members=["b"])
    ledger = make_ledger([task(1, lead=("a",), responsible=("g",)), task(2, lead=("a",), responsible=("h",))],
                         units=[unit("a"), unit("b"), unit("c"), open_group, closed_group])
    assert admitted_units(ledger.tasks[1], ledger.units) == {"a", "b", "c"}  # a group itself never records
    assert admitted_units(ledger.tasks[2], ledger.units) == {"a", "b"}


def test_leap_day_counts_for_february():
    ledger = make_ledger([task(1)], [rec(1, "2024-02-29", "in_progress", 10)], issued="2024-01-10", end="2024-12-31")
    assert missing(ledger, 1, "2024-03-06") == []
    assert parse_period("month", "2024-02", day("2024-06-01")) == Period("month", day("2024-02-01"), day("2024-02-29"))


def test_quarter_report_counts_and_compliance():
    ledger = scenario()
    report = build_report(ledger, parse_period("quarter", "2022Q2", day("2022-07-20")), day("2022-07-20"))
    assert report.as_of == day("2022-06-30")
    assert report.at_start == {Status.not_started: 1, Status.in_progress: 1, Status.blocked: 1, Status.done: 0}
    assert report.at_end == {Status.not_started: 0, Status.in_progress: 1, Status.blocked: 1, Status.done: 1}
    assert [(t.task.number, t.records_in_period, t.progress_change) for t in report.tasks] == [
        (1, 3, 80), (2, 1, 10), (3, 1, 0)]
    # April and May are due by 30 June (June's report is due 5 July); task 2 filed neither, task 3 only April.
    assert [(u.unit_id, u.owed, u.filed) for u in report.units] == [("a", 4, 2), ("b", 2, 0), ("c", 2, 1)]
    assert report.sections[0].completion == 1 / 3


def test_report_as_of_a_later_day_owes_june_too():
    ledger = scenario()
    report = build_report(ledger, parse_period("quarter", "2022Q2", day("2022-07-20")), day("2022-07-20"),
                          as_of=day("2022-07-20"))
    assert [(u.unit_id, u.owed, u.filed) for u in report.units] == [("a", 5, 3), ("b", 3, 1), ("c", 3, 1)]


def test_year_report_reconciles_milestones_and_completions():
    ledger = make_ledger([task(1, milestones=[("2022-06-30", "in_progress")]), task(2, milestones=[("2022-09-30", "done")])],
                         MID_QUARTER[:4])
    report = build_report(ledger, parse_period("year", "2022", day("2023-01-10")), day("2023-01-10"))
    assert [(m.task.number, m.milestone.due.isoformat(), m.met, m.judged) for m in report.milestones] == [
        (1, "2022-06-30", True, True), (2, "2022-09-30", False, True)]
    assert [(c.task.number, c.day.isoformat()) for c in report.completed] == [(1, "2022-05-15")]
