"""Validation of registries and progress records, as lists of Findings; pure, no I/O.

Each function returns every problem it sees rather than stopping at the first. A Finding
names its file and the path of keys into it; the store turns that path into a line and
column. Valid parts are kept, so cross-file checks can still run on them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pilotledger.corrections import contested_corrections
from pilotledger.dates import MONTH_FILE, day_start_ts, month_key
from pilotledger.errors import Finding
from pilotledger.model import (
    Entry,
    Record,
    Task,
    TasksFile,
    Unit,
    UnitKind,
    UnitsFile,
    WrittenInt,
)
from pilotledger.textgate import code_point, first_refused, is_blank
from pilotledger.wording import Message, field_name, finding, pydantic_message

if TYPE_CHECKING:
    from pydantic import ValidationError

Model = TypeVar("Model")


def _control_character(error: dict[str, Any]) -> Message | None:
    """A text field's pattern error is the text gate's, naming the character."""
    value = error.get("input")
    gated = error["type"] == "string_pattern_mismatch" and isinstance(value, str)
    found = first_refused(value) if gated else None
    if found is None:
        return None
    position, char = found
    name = field_name(tuple(error["loc"]))
    return Message("control_char", name=name, code=code_point(char), position=position)


def finding_of(file: str, loc: tuple, error: dict[str, Any]) -> Finding:
    return Finding(file, loc, _control_character(error) or describe_error(error))


def describe_error(error: dict[str, Any]) -> Message:
    """One pydantic error as a Message worded from the table keyed by its type (messages.py)."""
    return pydantic_message(error)


def findings_from(
    file: str, error: ValidationError, prefix: tuple[str | int, ...] = ()
) -> list[Finding]:
    return [finding_of(file, prefix + tuple(e["loc"]), e) for e in error.errors()]


def validate_model(file: str, data: Any, model: type[Model]) -> tuple[Model | None, list[Finding]]:
    from pilotledger import schema  # pydantic: only where data is validated

    try:
        return schema.validate(model, data), []
    except schema.ValidationError as error:
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
                findings.append(
                    Finding(file, where + ("name",), Message("dup_unit_name", name=name))
                )
        for alias in unit.aliases:
            if alias in known_ids and alias != unit.id:
                findings.append(
                    finding(file, where + ("aliases",), "alias_is_id", alias=alias, unit=unit.id)
                )
        for member in unit.members or []:
            if member not in known_ids:
                findings.append(
                    Finding(file, where + ("members",), Message("unknown_member", id=member))
                )
        if unit.members is not None and unit.kind is not UnitKind.group:
            findings.append(Finding(file, where + ("members",), Message("members_not_group")))
    return findings


def check_tasks(file: str, plan: TasksFile, unit_ids: set[str]) -> list[Finding]:
    findings = []
    part_numbers = {part.number for part in plan.parts}
    section_numbers = {section.number for section in plan.sections}
    for index, number in _indexed_duplicates([p.number for p in plan.parts]):
        findings.append(
            Finding(file, ("parts", index, "number"), Message("dup_part", number=number))
        )
    for index, number in _indexed_duplicates([s.number for s in plan.sections]):
        findings.append(
            Finding(file, ("sections", index, "number"), Message("dup_section", number=number))
        )
    for index, number in _indexed_duplicates([t.number for t in plan.tasks]):
        findings.append(
            Finding(file, ("tasks", index, "number"), Message("dup_task", number=number))
        )
    for index, section in enumerate(plan.sections):
        if section.part not in part_numbers:
            findings.append(
                Finding(
                    file, ("sections", index, "part"), Message("unknown_part", number=section.part)
                )
            )
    for index, task in enumerate(plan.tasks):
        if task.section not in section_numbers:
            findings.append(
                Finding(
                    file,
                    ("tasks", index, "section"),
                    Message("unknown_section", number=task.section),
                )
            )
        for role in ("lead", "responsible"):
            for position, unit_id in enumerate(getattr(task, role)):
                if unit_id not in unit_ids:
                    message = Message("unknown_unit_id", id=unit_id)
                    findings.append(Finding(file, ("tasks", index, role, position), message))
    findings += _plan_date_findings(file, plan.plan)
    return findings


PLAN_FIRST_DAY = dt.date(1900, 1, 1)
PLAN_LAST_DAY = dt.date(2200, 12, 31)
PLAN_MAX_YEARS = 20


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 1 March in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def _plan_date_findings(file: str, plan) -> list[Finding]:
    """The plan's days lie within 1900–2200 and the plan runs at most 20 years from its issue:
    every calendar a view builds (months owed, due days) is then bounded, and no date
    arithmetic can leave the years a date can hold."""
    findings = []
    for name in ("issued", "start", "end"):
        day = getattr(plan, name)
        if not PLAN_FIRST_DAY <= day <= PLAN_LAST_DAY:
            findings.append(
                Finding(
                    file,
                    ("plan", name),
                    Message(
                        "plan_day_out_of_range", day=day, first=PLAN_FIRST_DAY, last=PLAN_LAST_DAY
                    ),
                )
            )
    if findings:
        return findings
    if plan.end < plan.start:
        findings.append(Finding(file, ("plan", "end"), Message("plan_end_before_start")))
    elif plan.end > _years_after(min(plan.issued, plan.start), PLAN_MAX_YEARS):
        findings.append(
            Finding(
                file,
                ("plan", "end"),
                Message(
                    "plan_too_long",
                    years=PLAN_MAX_YEARS,
                    first=min(plan.issued, plan.start),
                    end=plan.end,
                ),
            )
        )
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


def _as_written_findings(file: str, data: list) -> list[Finding]:
    """What the schema cannot see in a record as written, and `record` refuses: a number
    written other than in decimal digits (task 0x17 is 23 to YAML), a summary that shows
    nothing (spaces, U+3000, a zero-width space, U+FEFF)."""
    findings = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            if isinstance(value, WrittenInt):
                findings.append(
                    finding(
                        file,
                        (index, key),
                        "number_not_decimal",
                        name=key,
                        text=value.text,
                        value=int(value),
                    )
                )
        summary = item.get("summary")
        if isinstance(summary, str) and summary and is_blank(summary):
            findings.append(finding(file, (index, "summary"), "summary_blank"))
    return findings


def validate_progress(file: str, data: Any) -> tuple[IndexedRecords, list[Finding]]:
    """The valid records of one month file with their list index, and a Finding for each invalid
    one."""
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [Finding(file, (), Message("not_a_list"))]
    from pilotledger import schema  # pydantic: only where data is validated

    findings = _as_written_findings(file, data)
    refused = {finding.loc[0] for finding in findings}
    if not refused:
        try:
            return list(enumerate(schema.validate(list[Record], data))), []
        except schema.ValidationError:
            pass
    records = []
    for index, item in enumerate(data):
        if index in refused:
            continue
        try:
            records.append((index, schema.validate(Record, item)))
        except schema.ValidationError as error:
            findings.extend(findings_from(file, error, (index,)))
    return records, findings


@dataclass(frozen=True)
class Admitted:
    """The units that may record for one task: the listed ones, plus — when the task names a
    group without members — every unit that is not a group, held as a flag rather than a set
    of all units per task (N tasks × N units would be quadratic)."""

    listed: frozenset[str]
    every_unit: bool
    units: dict[str, Unit]

    def __contains__(self, unit_id: object) -> bool:
        if unit_id in self.listed:
            return True
        return (
            self.every_unit
            and isinstance(unit_id, str)
            and unit_id in self.units
            and not _is_group(self.units[unit_id])
        )


def admitted_units(task: Task, units: dict[str, Unit]) -> Admitted:
    """Unit ids that may record for a task: its lead and responsible units that are not groups,
    and the members of its groups (a group admits its `members`, else every unit that is not a
    group). A group itself never records."""
    assigned = set(task.lead) | set(task.responsible)
    listed = {unit_id for unit_id in assigned if not _is_group(units.get(unit_id))}
    every_unit = False
    for unit_id in assigned:
        unit = units.get(unit_id)
        if _is_group(unit):
            if unit.members is None:
                every_unit = True
            else:
                listed |= set(unit.members)
    return Admitted(frozenset(listed), every_unit, units)


def _is_group(unit: Unit | None) -> bool:
    return unit is not None and unit.kind is UnitKind.group


# ---- rules across records: each a small function returning Findings (beancount's style) ------


@dataclass
class RecordContext:
    """What the record rules consult, built once per check."""

    tasks: dict[int, Task]
    units: dict[str, Unit]
    admitted: dict[int, Admitted]
    id_counts: Counter
    by_id: dict[str, Entry]
    cycles: dict[str, tuple[list[str], int]]  # record id → its correction cycle, its place
    issued: dt.date | None = None  # the plan's issue: no record is dated before it
    latest_ts: float = float("inf")  # no record is recorded after this moment (the clock's)


@dataclass(frozen=True)
class Place:
    file: str
    index: int
    month: tuple[int, int] | None

    def at(self, *keys: str | int) -> tuple[str | int, ...]:
        return (self.index, *keys)


def _context(
    records_by_file: dict[str, IndexedEntries], tasks, units, issued, latest_ts
) -> RecordContext:
    entries = [record for records in records_by_file.values() for _, record in records]
    by_id = {record.id: record for record in entries}
    return RecordContext(
        tasks,
        units,
        {number: admitted_units(task, units) for number, task in tasks.items()},
        Counter(record.id for record in entries),
        by_id,
        correction_cycles(by_id),
        issued,
        latest_ts,
    )


def rule_in_its_month(ctx: RecordContext, place: Place, record: Entry) -> list[Finding]:
    if place.month is None or (record.date.year, record.date.month) == place.month:
        return []
    message = Message(
        "date_outside_month", date=record.date, month=month_key(dt.date(*place.month, 1))
    )
    return [Finding(place.file, place.at("date"), message)]


def rule_known_task_and_admitted_unit(ctx: RecordContext, place: Place, record: Entry) -> list:
    task = ctx.tasks.get(record.task)
    if task is None:
        message = Message("record_unknown_task", task=record.task, last=max(ctx.tasks, default=0))
        return [Finding(place.file, place.at("task"), message)]
    if record.unit in ctx.admitted[record.task]:
        return []
    if record.unit not in ctx.units:
        return [
            Finding(place.file, place.at("unit"), Message("record_unknown_unit", unit=record.unit))
        ]
    if _is_group(ctx.units[record.unit]):
        return [
            finding(
                place.file, place.at("unit"), "group_records", unit=record.unit, task=task.number
            )
        ]
    names = [ctx.units[u].name for u in (*task.lead, *task.responsible) if u in ctx.units]
    message = Message("record_not_assigned", unit=record.unit, task=task.number, names=names)
    return [Finding(place.file, place.at("unit"), message)]


def rule_unique_id(ctx: RecordContext, place: Place, record: Entry) -> list[Finding]:
    if ctx.id_counts[record.id] > 1:
        return [Finding(place.file, place.at("id"), Message("dup_record_id", id=record.id))]
    return []


def rule_corrects_a_known_other_record(ctx: RecordContext, place: Place, record: Entry) -> list:
    if record.corrects is None:
        return []
    if record.corrects == record.id:
        return [finding(place.file, place.at("corrects"), "correction_self")]
    if record.corrects not in ctx.by_id:
        return [
            finding(
                place.file, place.at("corrects"), "correction_unknown", original=record.corrects
            )
        ]
    return []


def rule_corrects_the_same_task(ctx: RecordContext, place: Place, record: Entry) -> list[Finding]:
    original = ctx.by_id.get(record.corrects) if record.corrects is not None else None
    if original is None or original.task == record.task:
        return []
    return [
        finding(
            place.file,
            place.at("corrects"),
            "correction_other_task",
            original=original.id,
            original_task=original.task,
            task=record.task,
        )
    ]


def rule_correction_after_its_original(ctx: RecordContext, place: Place, record: Entry) -> list:
    """A correction recorded before the record it corrects is impossible (a hand-written
    recorded_at could otherwise move a report's filing time)."""
    original = ctx.by_id.get(record.corrects) if record.corrects is not None else None
    if original is None or original is record or record.recorded_ts >= original.recorded_ts:
        return []
    return [
        finding(
            place.file, place.at("recorded_at"), "correction_before_original", original=original.id
        )
    ]


def rule_no_correction_cycle(ctx: RecordContext, place: Place, record: Entry) -> list[Finding]:
    cycle = ctx.cycles.get(record.id)
    if cycle is None:
        return []
    return [
        finding(
            place.file,
            place.at("corrects"),
            "correction_cycle",
            chain=_cycle_text(cycle, record.id),
        )
    ]


CYCLE_SHOWN = 6  # ids of a long cycle shown before "…"


def correction_cycles(by_id: dict[str, Entry]) -> dict[str, tuple[list[str], int]]:
    """Record id → (its cycle, its position in it) for every record on a correction cycle.

    Each record corrects at most one other, so following `corrects` is a walk in a functional
    graph: one pass colours every record once (on the current walk, or finished), and a walk
    that meets itself has found a cycle. Linear in the number of records, however long the
    chains (a 4,000-link chain is 4,000 steps, not 4,000² list scans)."""
    finished: set[str] = set()
    cycles: dict[str, tuple[list[str], int]] = {}
    for start in by_id:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current = start
        while current in by_id and current not in finished and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            after = by_id[current].corrects
            if after is None or after == current:
                break
            current = after
        if current in on_path and by_id[current].corrects not in (None, current):
            cycle = path[on_path[current] :]
            for position, record_id in enumerate(cycle):
                cycles[record_id] = (cycle, position)
        finished.update(path)
    return cycles


def _cycle_text(cycle: tuple[list[str], int], record_id: str) -> str:
    """The cycle read from `record_id` back to itself (a long one shortened in the middle)."""
    ids, position = cycle
    length = len(ids)
    if length + 1 <= CYCLE_SHOWN + 2:
        shown = [ids[(position + step) % length] for step in range(length)] + [record_id]
    else:
        head = [ids[(position + step) % length] for step in range(CYCLE_SHOWN)]
        shown = [*head, "…", ids[(position - 1) % length], record_id]
    return " → ".join(shown)


def rule_recorded_not_before_its_day(ctx: RecordContext, place: Place, record: Entry) -> list:
    """A record cannot be recorded before its day began (+08:00): a backfill recorded later is
    normal, one recorded earlier is impossible (a typo in `date` or `recorded_at`)."""
    if record.date is None or record.recorded_ts is None:
        return []
    try:
        day_start = day_start_ts(record.date)
    except (OverflowError, ValueError):
        return []
    if record.recorded_ts >= day_start:
        return []
    return [finding(place.file, place.at("recorded_at"), "recorded_before_date", date=record.date)]


_MADE_ID = re.compile(r"^(\d{4})(\d{2})(\d{2})-[0-9a-f]{12}$")  # recording.new_record_id's form
_EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14))  # where a day begins first (Kiritimati)


def id_day(record_id: str) -> dt.date | None:
    """The day a tool-made id names (`YYYYMMDD-` and 12 hex digits), else None."""
    match = _MADE_ID.match(record_id)
    try:
        return dt.date(*(int(part) for part in match.groups())) if match else None
    except ValueError:
        return None


def rule_recorded_not_before_its_id(ctx: RecordContext, place: Place, record: Entry) -> list:
    """`record` makes the id and recorded_at from one moment: a recorded_at before the day its
    id names was written by hand (it could make a late report count as on time). Ids made
    before the one clock used the machine's day, so the day is taken from its first instant
    anywhere (+14:00)."""
    made = id_day(record.id)
    if made is None or record.recorded_ts >= day_start_ts(made, _EARLIEST_ZONE):
        return []
    return [finding(place.file, place.at("recorded_at"), "recorded_before_id_day", day=made)]


def correction_warnings(records_by_file: dict[str, IndexedEntries]) -> list[Finding]:
    """A record corrected more than once and not settled: one warning at the `corrects` of the
    correction that applies, naming every correction (rules.contested_corrections)."""
    entries = [record for records in records_by_file.values() for _, record in records]
    contested = contested_corrections(entries)
    if not contested:
        return []
    places = {
        id(record): (file, index)
        for file, records in records_by_file.items()
        for index, record in records
    }
    warnings = []
    for each in contested:
        file, index = places[id(each.applies)]
        warnings.append(
            finding(
                file,
                (index, "corrects"),
                "correction_contested",
                original=each.original,
                by=[record.id for record in each.corrections],
                applies=each.applies.id,
            )
        )
    return warnings


def rule_dated_in_the_plan(ctx: RecordContext, place: Place, record: Entry) -> list:
    """No record is dated before the plan was issued (`record` refuses it too)."""
    if ctx.issued is None or record.date >= ctx.issued:
        return []
    message = Message("date_before_plan", date=record.date, issued=ctx.issued)
    return [Finding(place.file, place.at("date"), message)]


def rule_not_recorded_in_the_future(ctx: RecordContext, place: Place, record: Entry) -> list:
    """recorded_at is the moment `record` ran: one after the end of today (+08:00, by the
    machine's clock) was written by hand (2099)."""
    if record.recorded_ts <= ctx.latest_ts:
        return []
    return [finding(place.file, place.at("recorded_at"), "recorded_in_the_future")]


RECORD_RULES = (
    rule_in_its_month,
    rule_known_task_and_admitted_unit,
    rule_unique_id,
    rule_corrects_a_known_other_record,
    rule_corrects_the_same_task,
    rule_correction_after_its_original,
    rule_no_correction_cycle,
    rule_recorded_not_before_its_day,
    rule_recorded_not_before_its_id,
    rule_dated_in_the_plan,
    rule_not_recorded_in_the_future,
)


def check_records(
    records_by_file: dict[str, IndexedEntries],
    tasks: dict[int, Task],
    units: dict[str, Unit],
    issued: dt.date | None = None,
    latest_ts: float = float("inf"),
) -> list[Finding]:
    """Every record rule on every record: ids, months, tasks, units, corrections, dates
    (`issued`: the plan's; `latest_ts`: the last moment a record can have been recorded)."""
    ctx = _context(records_by_file, tasks, units, issued, latest_ts)
    findings = []
    for file, records in records_by_file.items():
        month = MONTH_FILE.match(file.rsplit("/", 1)[-1])
        year_month = (int(month[1]), int(month[2])) if month else None
        for index, record in records:
            place = Place(file, index, year_month)
            for rule in RECORD_RULES:
                findings += rule(ctx, place, record)
    return findings
