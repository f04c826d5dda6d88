"""What a registry change does to past judgments: the ledger's rules run on the old and the new
registries over the same records, and the judgments that differ named. Pure: no I/O.

A judgment is what a report says of the past on a day: a month's report of a task on time,
late or missing, a milestone met or missed, and the counts of each lead unit (owed, on time,
late, missing, of the months past their due day). A month not owed or not yet due, a milestone
absent or pending, is no judgment: a change between those two (a month that becomes owed but
is not yet due) changes nothing past; one from or to a judgment (a late report whose due day
moves past today) does. The
registry fields that can move them are the plan's `report_day`, `issued`, `start` and `end`,
and each task's milestones and units (lead, responsible) or the task itself (added, removed).
Each changed field is judged alone (the old registries with only that field changed), so
every effect is named with its cause; a field of one task is judged on that task only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from pilotledger.model import Ledger
from pilotledger.rules import PENDING, Timeline, milestone_result, milestones, month_filings
from pilotledger.rules import timelines as task_timelines

PLAN_FIELDS = ("report_day", "issued", "start", "end")  # plan fields that move judgments
TASK_FIELDS = ("milestones", "lead", "responsible")  # task fields that can move them
UNIT_COUNTS = ("owed", "on_time", "late", "missing")  # of the months past their due day
NO_JUDGMENT = {None, PENDING}  # a month not owed or not yet due; a milestone absent or pending


@dataclass(frozen=True)
class Cause:
    """One changed registry field: `field` is a plan field, a task field (with `task`), or
    "task" for a task added (before None) or removed (after None)."""

    field: str
    before: Any
    after: Any
    task: int | None = None


@dataclass(frozen=True)
class Shift:
    """`count` judgments of one kind ("report" or "milestone") in `year` that were `before`
    and become `after` ("pending": not yet due; None: a month not owed, a milestone absent)."""

    kind: str
    year: int
    before: str | None
    after: str | None
    count: int


@dataclass(frozen=True)
class UnitShift:
    """A lead unit's counts of judged reports, before and after (only the counts that differ)."""

    unit: str
    before: dict[str, int]
    after: dict[str, int]


@dataclass
class RegistryEffect:
    """One registry change and what it does to past judgments."""

    cause: Cause
    shifts: list[Shift] = field(default_factory=list)
    units: list[UnitShift] = field(default_factory=list)


@dataclass
class _Judged:
    reports: dict[tuple[int, dt.date], str] = field(default_factory=dict)
    milestones: dict[tuple[int, dt.date, str], str] = field(default_factory=dict)
    units: dict[str, Counter] = field(default_factory=dict)


def registry_causes(before: Ledger, after: Ledger) -> list[Cause]:
    """Every registry field that differs between two ledgers and can move a judgment."""
    causes = [
        Cause(name, getattr(before.plan, name), getattr(after.plan, name))
        for name in PLAN_FIELDS
        if getattr(before.plan, name) != getattr(after.plan, name)
    ]
    for number in sorted(before.tasks.keys() | after.tasks.keys()):
        old, new = before.tasks.get(number), after.tasks.get(number)
        if old is None or new is None:
            causes.append(Cause("task", old, new, number))
            continue
        causes += [
            Cause(name, getattr(old, name), getattr(new, name), number)
            for name in TASK_FIELDS
            if getattr(old, name) != getattr(new, name)
        ]
    return causes


def registry_effects(before: Ledger, after: Ledger, as_of: dt.date) -> list[RegistryEffect]:
    """What each registry change from `before` to `after` does to the judgments of `as_of`,
    judged over `after`'s records; only the changes that move some judgment."""
    causes = registry_causes(before, after)
    if not causes:
        return []
    every_task = {**before.tasks, **after.tasks}
    lines = task_timelines(replace(after, tasks=every_task))
    old_ledger = replace(before, records=after.records)
    effects = []
    for cause in causes:
        numbers = list(every_task) if cause.task is None else [cause.task]
        changed = _with(old_ledger, after, cause)
        effect = _effect(
            cause, _judge(old_ledger, lines, numbers, as_of), _judge(changed, lines, numbers, as_of)
        )
        if effect.shifts or effect.units:
            effects.append(effect)
    return effects


def _with(ledger: Ledger, after: Ledger, cause: Cause) -> Ledger:
    """`ledger` with only `cause`'s field taken from `after`."""
    if cause.task is None:
        return replace(ledger, plan=replace(ledger.plan, **{cause.field: cause.after}))
    tasks = dict(ledger.tasks)
    if cause.field == "task":
        if cause.after is None:
            del tasks[cause.task]
        else:
            tasks[cause.task] = cause.after
    else:
        tasks[cause.task] = replace(tasks[cause.task], **{cause.field: cause.after})
    return replace(ledger, tasks=tasks)


def _judge(
    ledger: Ledger, lines: dict[int, Timeline], numbers: list[int], as_of: dt.date
) -> _Judged:
    """The judgments of `as_of` on the tasks `numbers` under `ledger`'s registries."""
    judged = _Judged()
    for number in numbers:
        task = ledger.tasks.get(number)
        if task is None:
            continue
        timeline = lines[number]
        for filing in month_filings(ledger, timeline, as_of):
            judged.reports[(number, filing.month.start)] = filing.outcome
            if filing.outcome == PENDING:
                continue
            for unit in task.lead:
                counts = judged.units.setdefault(unit, Counter())
                counts["owed"] += 1
                counts[filing.outcome] += 1
        for milestone in milestones(ledger, task):
            key = (number, milestone.due, milestone.target.value)
            judged.milestones[key] = milestone_result(timeline, milestone, as_of)
    return judged


def _effect(cause: Cause, old: _Judged, new: _Judged) -> RegistryEffect:
    shifts = _shifts("report", old.reports, new.reports, lambda key: key[1].year)
    shifts += _shifts("milestone", old.milestones, new.milestones, lambda key: key[1].year)
    units = []
    for unit in sorted(old.units.keys() | new.units.keys()):
        before, after = old.units.get(unit, Counter()), new.units.get(unit, Counter())
        differing = [name for name in UNIT_COUNTS if before[name] != after[name]]
        if differing:
            units.append(
                UnitShift(
                    unit,
                    {name: before[name] for name in differing},
                    {name: after[name] for name in differing},
                )
            )
    return RegistryEffect(cause, shifts, units)


def _shifts(kind: str, old: dict, new: dict, year_of) -> list[Shift]:
    """The judgments that differ, counted by year and by what they were and become."""
    counted: Counter = Counter()
    for key in old.keys() | new.keys():
        before, after = old.get(key), new.get(key)
        if before != after and not {before, after} <= NO_JUDGMENT:
            counted[(year_of(key), before, after)] += 1
    return [
        Shift(kind, year, before, after, count)
        for (year, before, after), count in sorted(counted.items(), key=_shift_order)
    ]


def _shift_order(item) -> tuple:
    (year, before, after), _ = item
    return (year, before or "", after or "")
