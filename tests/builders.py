"""Ledgers built in memory for rule tests: no files, every answer computable by hand."""

from __future__ import annotations

import datetime as dt
import itertools

from pilotledger.model import (
    Ledger,
    Milestone,
    Part,
    Plan,
    Record,
    Section,
    Status,
    Task,
    Unit,
    UnitKind,
    entry_of,
)

_ids = itertools.count(1)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def unit(unit_id: str, kind: UnitKind = UnitKind.department, members=None) -> Unit:
    return Unit(id=unit_id, name=f"县{unit_id}", name_en=unit_id, kind=kind, members=members)


def task(number: int, lead=("a",), responsible=(), milestones=()) -> Task:
    return Task(
        number=number,
        section=1,
        text=f"任务{number}",
        lead=list(lead),
        responsible=list(responsible),
        milestones=[Milestone(due=day(d), target=Status(t)) for d, t in milestones],
    )


def rec(
    task_number: int,
    date: str,
    status: str,
    progress=None,
    unit_id="a",
    corrects=None,
    rid=None,
    recorded_at: str | None = None,
    problems: str | None = None,
) -> Record:
    return Record(
        id=rid or f"r{next(_ids)}",
        task=task_number,
        date=day(date),
        unit=unit_id,
        status=Status(status),
        progress=progress,
        summary="进展",
        corrects=corrects,
        problems=problems,
        recorded_at=dt.datetime.fromisoformat(recorded_at or f"{date}T18:00:00+08:00"),
    )


def make_ledger(
    tasks, records=(), units=None, issued="2022-02-24", end="2025-02-23", report_day=5
) -> Ledger:
    units = units or [unit("a"), unit("b"), unit("c"), unit("g", UnitKind.group)]
    return Ledger(
        plan=Plan(
            title="测试",
            issuer="办",
            issued=day(issued),
            start=day(issued),
            end=day(end),
            report_day=report_day,
        ),
        parts=[Part(number=1, label="一、", title="部分")],
        sections=[Section(number=1, label="（一）", part=1, title="节。")],
        tasks={t.number: t for t in tasks},
        units={u.id: u for u in units},
        records=[entry_of(r) if isinstance(r, Record) else r for r in records],
        full={r.id: r for r in records if isinstance(r, Record)},
    )
