"""What one unit's form holds: its tasks (lead or responsible, or through a group named on the
task), each with the unit's role and the task's last known status, and the month's facts (due
day, plan, whom to return it to). Plain data; pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pilotledger import rules
from pilotledger.dates import month_key, month_start, report_due
from pilotledger.forms.layout import FORMAT_VERSION, Binding, plan_identity
from pilotledger.model import Ledger, Status, Task, Unit, UnitKind
from pilotledger.validation import admitted_units


@dataclass(frozen=True)
class FormRow:
    task: Task
    role: str  # "lead" or "responsible"
    via: str | None  # the group's name when the unit has the task as a member of that group
    last_status: Status
    last_progress: int | None


@dataclass(frozen=True)
class Form:
    unit: Unit
    month: dt.date  # its first day
    due: dt.date
    plan_title: str
    return_to: str
    rows: tuple[FormRow, ...]
    binding: Binding

    @property
    def file_name(self) -> str:
        """`县商务委-2022年6月.xlsx`: the unit's name and the month."""
        return form_file_name(self.unit.name, self.month)


def form_file_name(unit_name: str, month: dt.date) -> str:
    return f"{unit_name}-{month.year}年{month.month}月.xlsx"


def units_with_tasks(ledger: Ledger) -> list[Unit]:
    """Every unit that is not a group and has at least one task, in registry order."""
    return [
        unit
        for unit in ledger.units.values()
        if unit.kind is not UnitKind.group and unit_rows_roles(ledger, unit)
    ]


def unit_rows_roles(ledger: Ledger, unit: Unit) -> list[tuple[Task, str, str | None]]:
    """(task, role, group name or None) for each task the unit may record for, by number."""
    found = []
    for number in sorted(ledger.tasks):
        task = ledger.tasks[number]
        role = _role(ledger, task, unit)
        if role is not None:
            found.append((task, *role))
    return found


def _role(ledger: Ledger, task: Task, unit: Unit) -> tuple[str, str | None] | None:
    if unit.id in task.lead:
        return "lead", None
    if unit.id in task.responsible:
        return "responsible", None
    if unit.id not in admitted_units(task, ledger.units):
        return None
    for role, ids in (("lead", task.lead), ("responsible", task.responsible)):
        for unit_id in ids:
            group = ledger.units.get(unit_id)
            if group is not None and group.kind is UnitKind.group:
                return role, group.name
    return None


def build_form(
    ledger: Ledger, unit: Unit, month: dt.date, as_of: dt.date, return_to: str, sheet: str
) -> Form:
    """The form of `unit` for `month`; the reference columns as known on `as_of`."""
    first = month_start(month)
    rows = []
    for task, role, via in unit_rows_roles(ledger, unit):
        state = rules.task_state(ledger, task.number, as_of)
        rows.append(FormRow(task, role, via, state.status, state.progress))
    binding = Binding(
        FORMAT_VERSION,
        plan_identity(ledger.tasks),
        unit.id,
        month_key(first),
        sheet,
        tuple(row.task.number for row in rows),
    )
    due = report_due(first, ledger.plan.report_day)
    return Form(unit, first, due, ledger.plan.title, return_to, tuple(rows), binding)
