"""Validation of registries and progress records, as lists of Findings; pure, no I/O.

Each function returns every problem it sees rather than stopping at the first. A Finding
names its file and the path of keys into it; the store turns that path into a line and
column. Valid parts are kept, so cross-file checks can still run on them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from pilotledger.errors import Finding
from pilotledger.messages import Message, pydantic_message
from pilotledger.model import Entry, Record, Task, TasksFile, Unit, UnitKind, UnitsFile

MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.yaml$")
Model = TypeVar("Model", bound=BaseModel)


@cache
def adapter(kind: Any) -> TypeAdapter:
    """TypeAdapters are built on first use: building them costs start-up time."""
    return TypeAdapter(kind)


def describe_error(error: dict[str, Any]) -> Message:
    """One pydantic error as a Message worded from the table keyed by its type (messages.py)."""
    return pydantic_message(error)


def findings_from(file: str, error: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[Finding]:
    return [Finding(file, prefix + tuple(e["loc"]), describe_error(e)) for e in error.errors()]


def validate_model(file: str, data: Any, model: type[Model]) -> tuple[Model | None, list[Finding]]:
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, findings_from(file, error)


def _duplicates(values: Iterable[Any]) -> set[Any]:
    return {value for value, count in Counter(values).items() if count > 1}


def check_units(file: str, units_file: UnitsFile) -> list[Finding]:
    findings = []
    dup_ids = _duplicates(unit.id for unit in units_file.units)
    known_ids = {unit.id for unit in units_file.units}
    names = [name for unit in units_file.units for name in (unit.name, *unit.aliases)]
    dup_names = _duplicates(names)
    for index, unit in enumerate(units_file.units):
        where = ("units", index)
        if unit.id in dup_ids:
            findings.append(Finding(file, where + ("id",), Message("dup_unit_id", id=unit.id)))
        for name in (unit.name, *unit.aliases):
            if name in dup_names:
                findings.append(Finding(file, where + ("name",), Message("dup_unit_name", name=name)))
        for member in unit.members or []:
            if member not in known_ids:
                findings.append(Finding(file, where + ("members",), Message("unknown_member", id=member)))
        if unit.members is not None and unit.kind is not UnitKind.group:
            findings.append(Finding(file, where + ("members",), Message("members_not_group")))
    return findings


def check_tasks(file: str, plan: TasksFile, unit_ids: set[str]) -> list[Finding]:
    findings = []
    part_numbers = {part.number for part in plan.parts}
    section_numbers = {section.number for section in plan.sections}
    for index, number in _indexed_duplicates([p.number for p in plan.parts]):
        findings.append(Finding(file, ("parts", index, "number"), Message("dup_part", number=number)))
    for index, number in _indexed_duplicates([s.number for s in plan.sections]):
        findings.append(Finding(file, ("sections", index, "number"), Message("dup_section", number=number)))
    for index, number in _indexed_duplicates([t.number for t in plan.tasks]):
        findings.append(Finding(file, ("tasks", index, "number"), Message("dup_task", number=number)))
    for index, section in enumerate(plan.sections):
        if section.part not in part_numbers:
            findings.append(Finding(file, ("sections", index, "part"), Message("unknown_part", number=section.part)))
    for index, task in enumerate(plan.tasks):
        if task.section not in section_numbers:
            findings.append(Finding(file, ("tasks", index, "section"), Message("unknown_section", number=task.section)))
        for role in ("lead", "responsible"):
            for position, unit_id in enumerate(getattr(task, role)):
                if unit_id not in unit_ids:
                    message = Message("unknown_unit_id", id=unit_id)
                    findings.append(Finding(file, ("tasks", index, role, position), message))
    if plan.plan.end < plan.plan.start:
        findings.append(Finding(file, ("plan", "end"), Message("plan_end_before_start")))
    return findings


def _indexed_duplicates(values: list[Any]) -> list[tuple[int, Any]]:
    seen: set[Any] = set()
    repeats = []
    for index, value in enumerate(values):
        if value in seen:
            repeats.append((index, value))
        seen.add(value)
    return repeats


IndexedRecords = list[tuple[int, Record]]
IndexedEntries = list[tuple[int, Entry]]


def validate_progress(file: str, data: Any) -> tuple[IndexedRecords, list[Finding]]:
    """The valid records of one month file with their list index, and a Finding for each invalid one."""
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [Finding(file, (), Message("not_a_list"))]
    try:
        return list(enumerate(adapter(list[Record]).validate_python(data))), []
    except ValidationError:
        pass
    records, findings = [], []
    for index, item in enumerate(data):
        try:
            records.append((index, adapter(Record).validate_python(item)))
        except ValidationError as error:
            findings.extend(findings_from(file, error, (index,)))
    return records, findings


def admitted_units(task: Task, units: dict[str, Unit]) -> set[str]:
    """Unit ids that may record for a task: its lead and responsible units and their groups' members."""
    assigned = set(task.lead) | set(task.responsible)
    admitted = set(assigned)
    for unit_id in assigned:
        unit = units.get(unit_id)
        if unit is not None and unit.kind is UnitKind.group:
            admitted |= set(unit.members) if unit.members is not None else {
                u.id for u in units.values() if u.kind is not UnitKind.group
            }
    return admitted


def check_records(
    records_by_file: dict[str, IndexedEntries], tasks: dict[int, Task], units: dict[str, Unit]
) -> list[Finding]:
    """Rules across records and registries: ids, months, tasks, units, corrections."""
    findings = []
    id_counts = Counter(record.id for records in records_by_file.values() for _, record in records)
    admitted = {number: admitted_units(task, units) for number, task in tasks.items()}
    for file, records in records_by_file.items():
        month = MONTH_FILE.match(file.rsplit("/", 1)[-1])
        year_month = (int(month[1]), int(month[2])) if month else None
        for index, record in records:
            if (year_month and (record.date.year, record.date.month) != year_month) \
                    or record.unit not in admitted.get(record.task, ()) \
                    or (record.corrects is not None and (record.corrects not in id_counts or record.corrects == record.id)):
                findings.extend(_record_findings(file, (index,), record, month, tasks, units, id_counts))
            if id_counts[record.id] > 1:
                findings.append(Finding(file, (index, "id"), Message("dup_record_id", id=record.id)))
    return findings


def _record_findings(file, where, record, month, tasks, units, all_ids) -> list[Finding]:
    """Every finding for one record that the quick screen in check_records flagged."""
    findings = []
    if month and (record.date.year, record.date.month) != (int(month[1]), int(month[2])):
        message = Message("date_outside_month", date=record.date, month=f"{month[1]}-{month[2]}")
        findings.append(Finding(file, where + ("date",), message))
    task = tasks.get(record.task)
    if task is None:
        findings.append(Finding(file, where + ("task",), Message("record_unknown_task", task=record.task, last=max(tasks, default=0))))
    elif record.unit not in units:
        findings.append(Finding(file, where + ("unit",), Message("record_unknown_unit", unit=record.unit)))
    elif record.unit not in admitted_units(task, units):
        names = [units[u].name for u in (*task.lead, *task.responsible) if u in units]
        message = Message("record_not_assigned", unit=record.unit, task=task.number, names=names)
        findings.append(Finding(file, where + ("unit",), message))
    if record.corrects is not None and record.corrects not in all_ids:
        findings.append(Finding(file, where + ("corrects",), Message("corrects_unknown_id", id=record.corrects)))
    if record.corrects == record.id:
        findings.append(Finding(file, where + ("corrects",), Message("corrects_itself")))
    return findings
