"""The ledger's data types: plain frozen dataclasses, cheap to import and to build.

What each field may hold (patterns, lengths, ranges, strictness) is in schema.py, which
validates parsed YAML into these same classes with pydantic. A warm read, whose data the
parse cache vouches for (HMAC), rebuilds them with `rebuild` and never imports pydantic. No
I/O, no rules beyond one value's shape.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from pilotledger.jsondata import OMIT_NONE

if TYPE_CHECKING:  # the constrained types, for readers and type checkers (see schema.py)
    from pilotledger.schema import (
        Date,
        Int,
        Leads,
        Number,
        Percent,
        Phone,
        RecordId,
        ReportDay,
        Sha256,
        Text,
        Timestamp,
        UnitId,
    )

# Each constrained type of schema.py as the plain type of its values: what `rebuild` makes of
# a field (tests/test_model.py checks this table against schema.py).
PLAIN_TYPES: dict[str, Any] = {
    "Date": dt.date,
    "Int": int,
    "Leads": list[str],
    "Number": int,
    "Percent": int,
    "Phone": str,
    "RecordId": str,
    "ReportDay": int,
    "Sha256": str,
    "Text": str,
    "Timestamp": dt.datetime,
    "UnitId": str,
}


def frozen(kind: type) -> type:
    """A frozen, slotted, keyword-only dataclass that refuses unknown keys when schema.py
    validates into it (pydantic reads `__pydantic_config__`; here it is a plain dict)."""
    kind.__pydantic_config__ = {"extra": "forbid"}
    return dataclass(frozen=True, slots=True, kw_only=True)(kind)


def optional():
    """A field that may be left out: None when absent, and then left out of the JSON."""
    return field(default=None, metadata=OMIT_NONE)


class Status(str, Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    blocked = "blocked"
    done = "done"

    def meets(self, target: Status) -> bool:
        """A target of in_progress is met by in_progress, blocked or done; done only by done."""
        if target is Status.done:
            return self is Status.done
        if target is Status.not_started:
            return True
        return self is not Status.not_started


class UnitKind(str, Enum):
    department = "department"
    institution = "institution"
    party = "party"
    stationed = "stationed"
    court = "court"
    group = "group"


@frozen
class Unit:
    id: UnitId
    name: Text
    aliases: list[Text] = field(default_factory=list)
    name_en: Text
    kind: UnitKind
    members: list[UnitId] | None = optional()


@frozen
class UnitsFile:
    units: list[Unit]


@frozen
class Office:
    """`plan.office` in tasks.yaml: who sends the ledger's documents, every key optional —
    `name` the 落款 office (default: the plan's issuer), `report_to` the 主送 of a 报告
    (default: the plan's issuer), `notice_to` the 主送 of a 通报 (default: 各试点任务牵头单位),
    and the 填报人 / 审核人 / 联系电话 line under the signature (shown when any is set)."""

    name: Text | None = optional()
    report_to: Text | None = optional()
    notice_to: Text | None = optional()
    preparer: Text | None = optional()
    reviewer: Text | None = optional()
    phone: Phone | None = optional()


@frozen
class Plan:
    title: Text
    issuer: Text
    issued: Date
    start: Date
    end: Date
    report_day: ReportDay = 5
    office: Office | None = optional()

    @property
    def sender(self) -> str:
        """The office the ledger's documents come from: plan.office.name, else the issuer."""
        return (self.office and self.office.name) or self.issuer


@frozen
class Part:
    number: Number
    label: Text
    title: Text


@frozen
class Section:
    number: Number
    label: Text
    part: Int
    title: Text


@frozen
class Milestone:
    due: Date
    target: Status = Status.done
    note: Text | None = optional()


@frozen
class Task:
    number: Number
    section: Int
    text: Text
    lead: Leads
    responsible: list[UnitId] = field(default_factory=list)
    note: Text | None = optional()
    milestones: list[Milestone] = field(default_factory=list)


@frozen
class TasksFile:
    plan: Plan
    parts: list[Part]
    sections: list[Section]
    tasks: list[Task]


@frozen
class EvidenceFile:
    """A file stored under the ledger's evidence/ folder, named by its content's sha256."""

    file: Text
    sha256: Sha256
    name: Text | None = optional()  # the file's own name when it was given (会议纪要.pdf)


class WrittenInt(int):
    """An integer YAML reads from a form other than decimal digits (0x17, 0o27, 0b…, +23,
    2_3): a value, but not one `record` would take; `check` reports it where a record holds
    it."""

    def __new__(cls, value: int, text: str) -> WrittenInt:
        made = super().__new__(cls, value)
        made.text = text
        return made

    def __reduce__(self):
        return (WrittenInt, (int(self), self.text))


@frozen
class Record:
    """One progress record, as stored in progress/YYYY-MM.yaml (keys in this order)."""

    id: RecordId
    task: Number
    date: Date
    unit: UnitId
    status: Status
    progress: Percent | None = optional()
    summary: Text
    problems: Text | None = optional()
    next_steps: Text | None = optional()
    evidence: list[Text | EvidenceFile] | None = optional()
    corrects: RecordId | None = optional()
    recorded_at: Timestamp
    recorded_by: Text | None = optional()


class Entry(NamedTuple):
    """What the rules need of one record. Small and cheap to build, so that a ledger of a
    million records loads from the cache in seconds; the full text is in Ledger.full."""

    id: str
    task: int
    date: dt.date
    unit: str
    status: Status
    progress: int | None
    corrects: str | None
    recorded_ts: float  # recorded_at as POSIX seconds: orders records of the same day


def entry_of(record: Record) -> Entry:
    return Entry(
        record.id,
        record.task,
        record.date,
        record.unit,
        record.status,
        record.progress,
        record.corrects,
        record.recorded_at.timestamp(),
    )


@dataclass
class Ledger:
    """A whole, validated ledger in memory: what the rules and reports work on.

    `records` are in file order (months ascending, then as written); `full` maps a record id to
    the whole Record (summary, problems, evidence …) and may load lazily.
    """

    plan: Plan
    parts: list[Part]
    sections: list[Section]
    tasks: dict[int, Task]
    units: dict[str, Unit]
    records: list[Entry] = field(default_factory=list)
    full: Mapping[str, Record] = field(default_factory=dict)


class NotRebuildable(Exception):
    """A field type `rebuild` does not know: validate the data instead."""


def rebuild(kind: type, data: dict) -> Any:
    """An instance of dataclass `kind` from the JSON dump of a value this program already
    validated, without validating again. Only for data whose origin is proven (the parse
    cache's HMAC); anything it cannot rebuild as it is raises (the caller then validates)."""
    if type(data) is not dict:
        raise NotRebuildable(kind.__name__)
    fields = _field_builders(kind)
    if not data.keys() <= fields.keys():
        raise NotRebuildable(kind.__name__)
    return kind(**{name: fields[name](value) for name, value in data.items()})


@cache
def _field_builders(kind: type) -> dict[str, Callable[[Any], Any]]:
    hints = typing.get_type_hints(kind, localns=PLAIN_TYPES)
    return {name: _builder(hint) for name, hint in hints.items()}


def _builder(hint: Any) -> Callable[[Any], Any]:
    """How to turn a JSON value back into a value of type `hint`."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if type(None) in args:  # X | None
        kinds = [arg for arg in args if arg is not type(None)]
        if len(kinds) != 1:
            raise NotRebuildable(str(hint))
        build = _builder(kinds[0])
        return lambda value: None if value is None else build(value)
    if origin is list:
        build = _builder(args[0])
        return lambda value: [build(item) for item in _exactly(list, value)]
    if hint is str or hint is int:
        return lambda value: _exactly(hint, value)
    if hint is dt.date:
        return dt.date.fromisoformat
    if hint is dt.datetime:
        return dt.datetime.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
        return lambda value: rebuild(hint, value)
    if args == (str, EvidenceFile):  # evidence: a text, or {file, sha256}
        return lambda value: value if type(value) is str else rebuild(EvidenceFile, value)
    raise NotRebuildable(str(hint))


def _exactly(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        raise NotRebuildable(kind.__name__)
    return value
