"""The rules as pure functions, on hand-made scenarios with hand-computed answers."""

from __future__ import annotations

import pytest

from builders import day, make_ledger, rec, task, unit
from pilotledger import rules
from pilotledger.dates import Period, parse_period
from pilotledger.jsondata import plain
from pilotledger.model import Status, UnitKind
from pilotledger.validation import admitted_units
from pilotledger.views.report.data import StatusCounts
from pilotledger.views.report.figures import JudgedBeforePeriod, build_report

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
    return [
        m.isoformat()[:7]
        for m in rules.missing_reports(ledger, rules.timelines(ledger)[number], day(on))
    ]


def test_latest_status_carries_the_last_known_progress():
    ledger = scenario()
    assert state(ledger, 1, "2022-03-09") == rules.State(Status.not_started, None, None)
    assert (state(ledger, 1, "2022-05-01").status, state(ledger, 1, "2022-05-01").progress) == (
        Status.blocked,
        40,
    )
    assert (state(ledger, 1, "2022-05-15").status, state(ledger, 1, "2022-05-15").progress) == (
        Status.done,
        100,
    )


def test_ties_on_one_day_go_to_the_later_recorded_at():
    ledger = scenario(
        [
            rec(1, "2022-03-10", "done", recorded_at="2022-03-10T09:00:00+08:00"),
            rec(1, "2022-03-10", "blocked", recorded_at="2022-03-10T08:00:00+08:00"),
        ]
    )
    assert state(ledger, 1, "2022-03-10").status is Status.done


def test_records_on_the_first_and_last_day_count_for_their_month():
    ledger = scenario()
    assert (
        missing(ledger, 1, "2022-07-20") == []
    )  # March, April (30th), May (1st) filed; done before June


def test_a_task_started_late_misses_the_months_before():
    ledger = scenario()
    assert missing(ledger, 2, "2022-07-06") == ["2022-03", "2022-04", "2022-05"]
    assert missing(ledger, 2, "2022-08-06") == ["2022-03", "2022-04", "2022-05", "2022-07"]


def test_the_report_day_itself_is_not_yet_late():
    ledger = scenario(records=[])
    assert missing(ledger, 1, "2022-04-05") == []
    assert missing(ledger, 1, "2022-04-06") == ["2022-03"]
    ledger = scenario(records=[], report_day=10)
    assert missing(ledger, 1, "2022-04-10") == [] and missing(ledger, 1, "2022-04-11") == [
        "2022-03"
    ]


def test_lights():
    assert [
        rules.light(Status.in_progress, 0, 0),
        rules.light(Status.blocked, 0, 0),
        rules.light(Status.in_progress, 1, 0),
        rules.light(Status.in_progress, 2, 0),
        rules.light(Status.in_progress, 0, 1),
        rules.light(Status.done, 3, 1),
    ] == ["green", "yellow", "yellow", "red", "red", "green"]
    ledger = scenario(records=[])
    rows = rules.task_statuses(ledger, day("2022-04-06"))
    assert [r.light for r in rows] == ["yellow"] * 3
    rows = rules.task_statuses(scenario(), day("2022-05-06"))
    # 6 May: task 1 is blocked since 1 May (yellow); task 2 owes March and April (red); task 3
    # blocked (yellow)
    assert [(r.task.number, r.light) for r in rows] == [(1, "yellow"), (2, "red"), (3, "yellow")]
    rows = rules.task_statuses(scenario(), day("2022-05-15"))
    assert rows[0].light == "green"


def test_milestones_met_and_missed():
    ledger = make_ledger(
        [
            task(1, milestones=[("2022-06-30", "in_progress")]),
            task(2, milestones=[("2022-06-30", "in_progress")]),
            task(3, milestones=[("2022-06-30", "in_progress")]),
        ],
        [rec(1, "2022-06-30", "blocked"), rec(2, "2022-07-01", "in_progress")],
    )
    lines = rules.timelines(ledger)
    missed = {
        n: [
            m.due.isoformat()
            for m in rules.missed_milestones(ledger, ledger.tasks[n], lines[n], day(on))
        ]
        for n, on in ((1, "2022-07-01"), (2, "2022-07-01"), (3, "2022-06-30"))
    }
    assert missed == {
        1: [],
        2: ["2022-06-30"],
        3: [],
    }  # blocked meets in_progress; due day itself not late
    items = rules.overdue_items(ledger, day("2022-07-03"), [ledger.tasks[2]])
    # March's report was due 5 April: 25 + 31 + 30 + 3 = 89 days by 3 July; June's is not due
    # until 5 July.
    assert [(i.kind, i.days) for i in items] == [("report", 89), ("milestone", 3)]
    assert items[0].period == ["2022-03", "2022-04", "2022-05"]


def test_the_plans_end_is_every_tasks_final_milestone():
    ledger = scenario()
    final = rules.milestones(ledger, ledger.tasks[3])
    assert [(m.due.isoformat(), m.target) for m in final] == [("2025-02-23", Status.done)]
    missed = rules.missed_milestones(
        ledger, ledger.tasks[3], rules.timelines(ledger)[3], day("2025-02-24")
    )
    assert len(missed) == 1
    assert (
        rules.missed_milestones(
            ledger, ledger.tasks[1], rules.timelines(ledger)[1], day("2025-02-24")
        )
        == []
    )


def test_one_tasks_timeline_is_the_one_all_timelines_hold():
    """`record` builds only its task's timeline: the same records, dates and filing times."""
    first = rec(1, "2022-03-10", "done", 100, rid="x1", recorded_at="2022-04-01T09:00:00+08:00")
    fixed = rec(
        1,
        "2022-03-11",
        "in_progress",
        50,
        corrects="x1",
        rid="x2",
        recorded_at="2022-04-20T09:00:00+08:00",
    )
    ledger = scenario([*MID_QUARTER, first, fixed])
    everything = rules.timelines(ledger)
    for number in (1, 2, 3):
        assert rules.timeline_of(ledger, number) == everything[number]
    assert rules.timeline_of(ledger, 1).filed_ts(ledger_record(ledger, "x2")) == (
        ledger_record(ledger, "x1").recorded_ts  # the same month: the first filing's time
    )
    assert rules.task_state(ledger, 1, day("2022-03-31")) == rules.state_as_of(
        everything[1], day("2022-03-31")
    )


def ledger_record(ledger, record_id):
    return next(r for r in ledger.records if r.id == record_id)


def test_corrections_replace_the_original_and_chains_keep_the_last_link():
    first = rec(1, "2022-03-10", "done", 100, rid="x1")
    second = rec(
        1,
        "2022-03-10",
        "in_progress",
        50,
        corrects="x1",
        rid="x2",
        recorded_at="2022-03-12T09:00:00+08:00",
    )
    ledger = scenario([first, second])
    assert (state(ledger, 1, "2022-03-31").status, state(ledger, 1, "2022-03-31").progress) == (
        Status.in_progress,
        50,
    )
    third = rec(1, "2022-04-02", "blocked", 50, corrects="x2", rid="x3")
    ledger = scenario([first, second, third])
    assert [r.id for r in rules.effective_records(ledger.records)] == ["x3"]
    assert (
        state(ledger, 1, "2022-03-31").status is Status.not_started
    )  # the corrected date moved to April
    assert missing(ledger, 1, "2022-04-06") == ["2022-03"]


def test_a_multi_lead_task_is_owed_by_each_lead_unit():
    ledger = scenario(records=[])
    grouped = rules.owed_by_unit(ledger, rules.overdue_items(ledger, day("2022-04-06")))
    assert {u: [i.task.number for i in items] for u, items in grouped.items()} == {
        "a": [1, 2],
        "b": [2],
        "c": [3],
    }


def test_a_group_admits_its_members_or_every_unit():
    open_group = unit("g", UnitKind.group)
    closed_group = unit("h", UnitKind.group, members=["b"])
    ledger = make_ledger(
        [task(1, lead=("a",), responsible=("g",)), task(2, lead=("a",), responsible=("h",))],
        units=[unit("a"), unit("b"), unit("c"), open_group, closed_group],
    )

    def admitted(number):
        return {
            u
            for u in (*ledger.units, "zzz")
            if u in admitted_units(ledger.tasks[number], ledger.units)
        }

    assert admitted(1) == {"a", "b", "c"}  # a group never records; an unknown unit never does
    assert admitted(2) == {"a", "b"}


def test_leap_day_counts_for_february():
    ledger = make_ledger(
        [task(1)], [rec(1, "2024-02-29", "in_progress", 10)], issued="2024-01-10", end="2024-12-31"
    )
    assert missing(ledger, 1, "2024-03-06") == []
    assert parse_period("month", "2024-02", day("2024-06-01")) == Period(
        "month", day("2024-02-01"), day("2024-02-29")
    )


def quarter(ledger, today="2022-07-20", as_of=None):
    return build_report(
        ledger,
        parse_period("quarter", "2022Q2", day(today)),
        day(today),
        day(as_of) if as_of else None,
    )


def units(report):
    return [
        (u.unit, u.owed, u.filed, u.on_time, u.late, u.missing, u.filed_by_self, u.pending)
        for u in report.units
    ]


def test_quarter_report_counts_and_timeliness():
    report = quarter(scenario())
    assert (report.period.judged_on, report.period.provisional) == (day("2022-07-06"), False)
    assert report.summary.start == StatusCounts(not_started=1, in_progress=1, blocked=1, done=0)
    assert report.summary.end == StatusCounts(not_started=0, in_progress=1, blocked=1, done=1)
    assert [(t.task, t.records, t.progress_change) for t in report.tasks] == [
        (1, 3, 80),
        (2, 1, 10),
        (3, 1, 0),
    ]
    # Task 1 owes April and May (done 15 May: not June); task 2 files June only; task 3 April only.
    # Records of tasks 1–3 are all by unit a, so b and c filed none themselves.
    assert units(report) == [
        ("a", 5, 3, 3, 0, 2, 3, 0),
        ("b", 3, 1, 1, 0, 2, 0, 0),
        ("c", 3, 1, 1, 0, 2, 0, 0),
    ]
    assert (report.units[0].compliance, report.units[0].on_time_rate) == (0.6, 0.6)
    assert report.sections[0].completion == 0.3333


def test_report_judged_at_the_periods_end_is_provisional_and_june_pending():
    report = quarter(scenario(), as_of="2022-06-30")
    assert report.period.provisional is True
    assert units(report) == [
        ("a", 4, 2, 2, 0, 2, 2, 1),
        ("b", 2, 0, 0, 0, 2, 0, 1),
        ("c", 2, 1, 1, 0, 1, 0, 1),
    ]


def test_before_on_and_after_the_judgment_day():
    ledger = scenario()
    before, on, after = (
        quarter(ledger, today=t) for t in ("2022-07-05", "2022-07-06", "2022-11-26")
    )
    assert [
        (r.period.judged_on.isoformat(), r.period.provisional) for r in (before, on, after)
    ] == [("2022-07-05", True), ("2022-07-06", False), ("2022-07-06", False)]
    assert units(before)[0] == ("a", 4, 2, 2, 0, 2, 2, 1) and units(on) == units(after)
    with pytest.raises(JudgedBeforePeriod):
        quarter(ledger, as_of="2022-03-31")


def test_a_reopened_task_owes_reports_again():
    # Done in March, reopened in May: April and May are not owed (done the day before they began);
    # June is owed again and missing.
    ledger = make_ledger(
        [task(1)], [rec(1, "2022-03-10", "done", 100), rec(1, "2022-05-12", "in_progress", 80)]
    )
    assert missing(ledger, 1, "2022-07-06") == ["2022-06"]
    assert rules.task_statuses(ledger, day("2022-07-06"))[0].light == "yellow"


def judged(ledger, number, on):
    lines = rules.timelines(ledger)
    return [
        (f.month.start.isoformat()[:7], f.outcome)
        for f in rules.month_filings(ledger, lines[number], day(on))
    ]


def test_timeliness_is_judged_by_recorded_at_in_plus_eight():
    def outcome(recorded_at):
        ledger = make_ledger(
            [task(1)], [rec(1, "2022-03-20", "in_progress", recorded_at=recorded_at)]
        )
        return judged(ledger, 1, "2022-04-06")[0][1]

    assert outcome("2022-04-05T23:59:59+08:00") == "on_time"  # the due day itself
    assert outcome("2022-04-06T00:00:00+08:00") == "late"
    assert outcome("2022-04-05T15:59:00+00:00") == "on_time"  # 23:59 in +08:00
    assert outcome("2022-04-05T16:30:00+00:00") == "late"  # 00:30 on 6 April in +08:00
    assert (
        outcome("2026-11-26T10:00:00+08:00") == "late"
    )  # a backfill four years on counts as filed, late
    ledger = make_ledger(
        [task(1)],
        [
            rec(1, "2022-03-20", "in_progress", recorded_at="2022-04-20T10:00:00+08:00"),
            rec(1, "2022-03-25", "in_progress", recorded_at="2022-03-25T10:00:00+08:00"),
        ],
    )
    # the earliest recorded counts; April has begun but is not due yet
    assert judged(ledger, 1, "2022-04-06") == [("2022-03", "on_time"), ("2022-04", "pending")]
    assert judged(ledger, 1, "2022-04-05") == [("2022-03", "pending"), ("2022-04", "pending")]


def test_a_correction_dated_in_another_month_moves_the_report():
    original = rec(1, "2022-04-28", "in_progress", 30, rid="o1")
    moved = rec(
        1,
        "2022-05-02",
        "in_progress",
        30,
        corrects="o1",
        rid="c1",
        recorded_at="2022-05-03T09:00:00+08:00",
    )
    ledger = make_ledger([task(1)], [original, moved])
    assert judged(ledger, 1, "2022-07-06")[1:4] == [
        ("2022-04", "missing"),
        ("2022-05", "on_time"),
        ("2022-06", "missing"),
    ]
    report = quarter(ledger)
    assert [(n.date.isoformat(), n.corrects) for n in report.narrative] == [("2022-05-02", "o1")]
    # A correction in the same month after the due day keeps the original's on-time filing.
    fixed = rec(
        1,
        "2022-04-29",
        "in_progress",
        35,
        corrects="o1",
        rid="c2",
        recorded_at="2022-06-01T09:00:00+08:00",
    )
    assert judged(make_ledger([task(1)], [original, fixed]), 1, "2022-07-06")[1] == (
        "2022-04",
        "on_time",
    )


def test_a_task_done_on_the_last_day_of_the_period():
    ledger = make_ledger(
        [task(1), task(2)], [rec(1, "2022-06-30", "done", 100), rec(2, "2022-12-31", "done")]
    )
    report = quarter(ledger)
    assert (report.tasks[0].status_end, report.summary.end.done) == (Status.done, 1)
    assert missing(ledger, 1, "2022-08-06") == ["2022-03", "2022-04", "2022-05"]  # July not owed
    year = build_report(ledger, parse_period("year", "2022", day("2023-02-01")), day("2023-02-01"))
    assert [(c.task, c.date.isoformat()) for c in year.completed] == [
        (1, "2022-06-30"),
        (2, "2022-12-31"),
    ]
    assert (
        missing(ledger, 2, "2023-02-06")[-1] == "2022-11"
    )  # December filed on its last day; January not owed


def test_a_co_lead_that_never_reports_is_visible():
    ledger = make_ledger(
        [task(1, lead=("a", "b", "c"))],
        [
            rec(1, "2022-04-10", "in_progress", unit_id="a"),
            rec(1, "2022-05-10", "in_progress", unit_id="b"),
            rec(1, "2022-06-10", "in_progress", unit_id="a"),
        ],
    )
    assert units(quarter(ledger)) == [
        ("a", 3, 3, 3, 0, 0, 2, 0),
        ("b", 3, 3, 3, 0, 0, 1, 0),
        ("c", 3, 3, 3, 0, 0, 0, 0),
    ]


def test_known_at_reproduces_an_earlier_report():
    first = [
        rec(1, "2022-04-10", "in_progress", 10, rid="k1"),
        rec(1, "2022-06-10", "in_progress", 30, rid="k2"),
    ]
    later = [
        rec(1, "2022-05-10", "in_progress", 20, rid="k3", recorded_at="2022-08-01T09:00:00+08:00"),
        rec(
            1,
            "2022-06-10",
            "blocked",
            30,
            corrects="k2",
            rid="k4",
            recorded_at="2022-08-02T09:00:00+08:00",
        ),
    ]
    then = quarter(make_ledger([task(1)], first), today="2022-07-06")
    ledger = make_ledger([task(1)], first + later)
    now = quarter(rules.known_at(ledger, day("2022-07-06")), today="2022-11-26", as_of="2022-07-06")
    assert plain(now) == plain(then)
    assert units(then) == [("a", 3, 2, 2, 0, 1, 2, 0)]
    # May is backfilled (late); June's correction in the same month keeps June's first filing
    # (on time).
    everything = quarter(ledger, today="2022-11-26")
    assert (
        units(everything) == [("a", 3, 3, 2, 1, 0, 3, 0)]
        and everything.tasks[0].status_end is Status.blocked
    )


def test_milestones_pending_until_the_due_day_has_passed():
    ledger = make_ledger(
        [task(1, milestones=[("2022-06-30", "in_progress")])], [rec(1, "2022-06-10", "in_progress")]
    )
    line, milestone = rules.timelines(ledger)[1], ledger.tasks[1].milestones[0]
    assert [
        rules.milestone_result(line, milestone, day(d))
        for d in ("2022-06-20", "2022-06-30", "2022-07-01")
    ] == ["pending", "pending", "met"]


def test_year_report_reconciles_milestones_and_completions():
    ledger = make_ledger(
        [
            task(1, milestones=[("2022-06-30", "in_progress")]),
            task(2, milestones=[("2022-09-30", "done")]),
        ],
        MID_QUARTER[:4],
    )
    report = build_report(
        ledger, parse_period("year", "2022", day("2023-01-10")), day("2023-01-10")
    )
    assert [(m.task, m.due.isoformat(), m.result) for m in report.milestones] == [
        (1, "2022-06-30", "met"),
        (2, "2022-09-30", "missed"),
    ]
    assert [(c.task, c.date.isoformat()) for c in report.completed] == [(1, "2022-05-15")]
    # Unit a leads both: task 1 owes March–May (filed on time), task 2 owes March–December
    # (nothing).
    assert [
        (s.unit, s.tasks_led, s.done, s.missed_milestones, s.owed, s.on_time, s.late, s.missing)
        for s in report.scorecard
    ] == [("a", 2, 1, 1, 13, 3, 0, 10)]
