"""The ledger's data types (pydantic v2). No I/O, no rules beyond one value's shape."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import Enum
from typing import Annotated, NamedTuple

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as StrictType

from pilotledger.textgate import TEXT_PATTERN


def _iso_date(value: object) -> object:
    """Accept a YAML date or an ISO `YYYY-MM-DD` string; refuse numbers and date-times."""
    from pilotledger.messages import ValueProblem

    if isinstance(value, dt.datetime):
        raise ValueProblem("date_not_plain")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueProblem("date_text_bad") from None
    return value


Date = Annotated[dt.date, StrictType(), BeforeValidator(_iso_date)]
Int = Annotated[int, StrictType()]

UnitId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
RecordId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=64)]
# Text fields refuse control characters (see textgate); checks words the pattern error.
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000, pattern=TEXT_PATTERN)]


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


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Unit(Strict):
    id: UnitId
    name: Text
    aliases: list[Text] = []
    name_en: Text
    kind: UnitKind
    members: list[UnitId] | None = None


class UnitsFile(Strict):
    units: list[Unit]


class Plan(Strict):
    title: Text
    issuer: Text
    issued: Date
    start: Date
    end: Date
    report_day: Int = Field(default=5, ge=1, le=28)


class Part(Strict):
    number: Int = Field(ge=1)
    label: Text
    title: Text


class Section(Strict):
    number: Int = Field(ge=1)
    label: Text
    part: Int
    title: Text


class Milestone(Strict):
    due: Date
    target: Status = Status.done
    note: Text | None = None


class Task(Strict):
    number: Int = Field(ge=1)
    section: Int
    text: Text
    lead: list[UnitId] = Field(min_length=1)
    responsible: list[UnitId] = []
    note: Text | None = None
    milestones: list[Milestone] = []


class TasksFile(Strict):
    plan: Plan
    parts: list[Part]
    sections: list[Section]
    tasks: list[Task]


Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class EvidenceFile(Strict):
    """A file stored under the ledger's evidence/ folder, named by its content's sha256."""

    file: Text
    sha256: Sha256


class Record(Strict):
    """One progress record, as stored in progress/YYYY-MM.yaml (keys in this order)."""

    id: RecordId
    task: Int = Field(ge=1)
    date: Date
    unit: UnitId
    status: Status
    progress: Int | None = Field(default=None, ge=0, le=100)
    summary: Text
    problems: Text | None = None
    next_steps: Text | None = None
    evidence: list[Text | EvidenceFile] | None = None
    corrects: RecordId | None = None
    recorded_at: AwareDatetime
    recorded_by: Text | None = None


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
    records: list[Entry] = dc_field(default_factory=list)
    full: Mapping[str, Record] = dc_field(default_factory=dict)


class NotConstructible(Exception):
    """A field type `construct_validated` does not know: validate the data instead."""


def construct_validated(model: type[BaseModel], data: dict) -> BaseModel:
    """`model` built from the JSON dump of a value this program already validated, without
    validating again: a warm read then never builds pydantic's validators. Only for data whose
    origin is proven (the parse cache's HMAC); raises NotConstructible for a field type it does
    not know, and anything malformed raises too (the caller then validates)."""
    fields = {
        name: _constructed(info.annotation, data[name])
        for name, info in model.model_fields.items()
        if name in data
    }
    if len(fields) != len(data):
        raise NotConstructible(model.__name__)
    return model.model_construct(set(data), **fields)


def _constructed(annotation, value):
    if value is None:
        return None
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:  # constraints already held when the value was validated
        return _constructed(typing.get_args(annotation)[0], value)
    if origin in (typing.Union, types.UnionType):
        kinds = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(kinds) != 1:
            raise NotConstructible(str(annotation))
        return _constructed(kinds[0], value)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return [_constructed(item, one) for one in value]
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return construct_validated(annotation, value)
        if issubclass(annotation, Enum):
            return annotation(value)
        if annotation is dt.date:
            return dt.date.fromisoformat(value)
        if annotation in (str, int) and type(value) is annotation:
            return value
    raise NotConstructible(str(annotation))
