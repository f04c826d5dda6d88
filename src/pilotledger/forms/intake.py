"""Returned forms as record drafts, with exactly the rules of `record` (recording.check_draft),
every problem placed at its cell (`FILE!F7: message`). Pure: the CLI reads the files, stores
the workbook and appends what this returns.

A row with nothing filled in is skipped; a row with anything but a status is a problem. An
empty date is the day the form was received, clamped into the form's month. A form whose
content (sha256) a record already names is recorded; a row equal to the record it came from
last time (same task, unit and month, from a form) is unchanged; a changed row corrects that
record.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from pilotledger import recording
from pilotledger.dates import DateError, month_end, month_key, parse_date
from pilotledger.forms.layout import (
    FILL_IN,
    FILLER_CELL,
    MAX_TEXT,
    TEXT_KEYS,
    TITLE_CELL,
    cell_name,
    plan_identity,
)
from pilotledger.forms.read import FormRow, ReturnedForm, is_blank
from pilotledger.model import Ledger, Record, Status, Unit, UnitKind
from pilotledger.textgate import code_point, first_refused
from pilotledger.wording import EN_MONTHS, Message

FORM_EVIDENCE_SUFFIX = ".xlsx"
MAX_FILLER = 200
# The record fields that have a cell of their own (a refusal of another is placed at 序号).
CELL_FIELDS = ("status", "progress", "date", "summary", "problems", "next_steps", "evidence")


@dataclass(frozen=True)
class IntakeProblem:
    file: str
    cell: str | None  # "F7", or None for the file as a whole
    message: Message

    def place(self) -> str:
        return self.file if self.cell is None else f"{self.file}!{self.cell}"


@dataclass(frozen=True)
class RowRecord:
    """One record to write: the draft and where it came from."""

    file: str
    row: int
    draft: recording.Draft
    warnings: list


@dataclass
class FormIntake:
    file: str
    sha256: str
    unit: Unit | None = None
    month: dt.date | None = None
    rows: list[RowRecord] = field(default_factory=list)
    unchanged: int = 0
    already: int = 0  # records that already name this very workbook
    problems: list[IntakeProblem] = field(default_factory=list)


class PreviousForms:
    """What earlier intakes left: the records naming each stored workbook, and per task, unit
    and month the record in effect that came from a form (the row a new version replaces);
    and per task the ledger with only that task's records, which is what `record`'s rules read
    (a correction always names a record of the same task; `check` refuses others), so a row
    is checked at the cost of its task, not of the whole ledger."""

    def __init__(self, ledger: Ledger, with_evidence_files: Iterable[Record]):
        self._ledger = ledger
        self._by_task: dict[int, list] = defaultdict(list)
        for entry in ledger.records:
            self._by_task[entry.task].append(entry)
        corrected = {entry.corrects for entry in ledger.records if entry.corrects}
        self.naming: dict[str, int] = {}
        self.latest: dict[tuple[int, str, str], Record] = {}
        for record in with_evidence_files:
            files = [item for item in record.evidence or [] if not isinstance(item, str)]
            for item in files:
                self.naming[item.sha256] = self.naming.get(item.sha256, 0) + 1
            is_form = any(item.file.endswith(FORM_EVIDENCE_SUFFIX) for item in files)
            if is_form and record.id not in corrected:
                key = (record.task, record.unit, month_key(record.date))
                known = self.latest.get(key)
                if known is None or known.recorded_at < record.recorded_at:
                    self.latest[key] = record

    def task_ledger(self, number: int) -> Ledger:
        return replace(self._ledger, records=self._by_task.get(number, []))


def intake_form(
    ledger: Ledger,
    form: ReturnedForm,
    file: str,
    sha256: str,
    received: dt.datetime,
    today: dt.date,
    previous: PreviousForms,
) -> FormIntake:
    """The records a returned form makes, or its problems (all of them)."""
    result = FormIntake(file, sha256, already=previous.naming.get(sha256, 0))
    if result.already:
        return result
    try:
        unit, month = _bound(ledger, form)
    except _Refused as refused:
        result.problems.append(IntakeProblem(file, None, refused.message))
        return result
    result.unit, result.month = unit, month
    result.problems += _layout_problems(ledger, form, file)
    if result.problems:
        return result
    result.problems += _other_month_named(form, file, month)
    filler = _filler(form.filler, file, result.problems)
    default_day = min(max(received.date(), month), month_end(month))
    for number, form_row in zip(form.binding.tasks, form.rows, strict=False):
        row = _RowReader(ledger, file, form_row, number, unit, month, default_day, today)
        made = row.draft(filler, received, previous)
        result.problems += row.problems
        if made is _UNCHANGED:
            result.unchanged += 1
        elif made is not None:
            result.rows.append(made)
    return result


class _Refused(Exception):
    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


_UNCHANGED = object()


def _bound(ledger: Ledger, form: ReturnedForm) -> tuple[Unit, dt.date]:
    binding = form.binding
    if binding.plan != plan_identity(ledger.tasks):
        raise _Refused(Message("intake_other_plan"))
    unit = ledger.units.get(binding.unit)
    if unit is None or unit.kind is UnitKind.group:
        raise _Refused(Message("intake_unit_unknown", unit=binding.unit))
    try:
        month = dt.date.fromisoformat(binding.month + "-01")
    except ValueError:
        raise _Refused(Message("intake_bad_binding", key="month")) from None
    if any(number not in ledger.tasks for number in binding.tasks):
        raise _Refused(Message("intake_other_plan"))
    return unit, month


def _layout_problems(ledger: Ledger, form: ReturnedForm, file: str) -> list[IntakeProblem]:
    """The locked part as the form was sent: each row's 序号 and task text, no row added (a
    row below the tasks with anything in it; the empty ones between are nothing) or removed, no
    merge across task rows."""
    problems = [
        IntakeProblem(file, cells.split(":")[0], Message("intake_merged", range=cells))
        for cells in form.merged_across_rows
    ]
    tasks = form.binding.tasks
    for index, form_row in enumerate(form.rows):
        number_cell = cell_name("number", form_row.row)
        if index >= len(tasks):
            if not all(is_blank(value) for value in form_row.values.values()):
                problems.append(IntakeProblem(file, number_cell, Message("intake_row_added")))
            continue
        found = form_row.values["number"]
        if _whole_number(found) != tasks[index]:
            shown = "" if found is None else found
            message = Message("intake_number_changed", expected=tasks[index], found=shown)
            problems.append(IntakeProblem(file, number_cell, message))
        elif form_row.values["text"] != ledger.tasks[tasks[index]].text:
            message = Message("intake_text_changed", task=tasks[index])
            problems.append(IntakeProblem(file, cell_name("text", form_row.row), message))
    if len(form.rows) < len(tasks):
        missing = list(tasks[len(form.rows) :])
        problems.append(IntakeProblem(file, None, Message("intake_rows_removed", tasks=missing)))
    return problems


_MONTH_NAMED = re.compile(
    rf"(?P<year>\d{{4}})\s*年\s*(?P<month>\d{{1,2}})\s*月"
    rf"|\b(?P<name>{'|'.join(EN_MONTHS)})\s+(?P<en_year>\d{{4}})\b"
)


def _other_month_named(form: ReturnedForm, file: str, month: dt.date) -> list[IntakeProblem]:
    """A form reused for another month: its title (a locked cell, typed over once the
    protection is off) or the file's name naming a month, none of them the form's own (the
    rows would be recorded in the form's month, not the one the unit meant)."""
    problems = []
    places = [(TITLE_CELL, form.title, "intake_title_month"), (None, PurePath(file).name, None)]
    for cell, text, key in places:
        named = _months_named(text)
        if named and (month.year, month.month) not in named.values():
            words = {"found": "、".join(named), "month": month_key(month)}
            problems.append(IntakeProblem(file, cell, Message(key or "intake_name_month", **words)))
    return problems


def _months_named(text: Any) -> dict[str, tuple[int, int]]:
    """Each month a text names (2022年7月, ２０２２年７月, July 2022) → (year, month)."""
    if not isinstance(text, str):
        return {}
    found = {}
    for match in _MONTH_NAMED.finditer(unicodedata.normalize("NFKC", text)):
        if match["name"]:
            found[match[0]] = (int(match["en_year"]), EN_MONTHS.index(match["name"]) + 1)
        else:
            found[match[0]] = (int(match["year"]), int(match["month"]))
    return found


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return None


def _filler(value: Any, file: str, problems: list[IntakeProblem]) -> str | None:
    """填报人 (the records' recorded_by), its problems placed at its cell once."""
    text = _text(value)
    if text is None:
        return None
    found = first_refused(text)
    if found is not None:
        name = Message("form_field_recorded_by")
        message = Message("control_char", name=name, code=code_point(found[1]), position=found[0])
        problems.append(IntakeProblem(file, FILLER_CELL, message))
        return None
    if len(text) > MAX_FILLER:
        problems.append(
            IntakeProblem(file, FILLER_CELL, Message("intake_text_long", max=MAX_FILLER))
        )
        return None
    return text


def _text(value: Any) -> str | None:
    """A text cell as the unit meant it: surrounding blanks dropped (a spreadsheet hides them),
    Windows line ends as newlines; a number or date typed into it as its text."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


class _RowReader:
    """One task row: each cell read with its own problem, then the draft through `record`'s
    rules."""

    def __init__(self, ledger, file, form_row: FormRow, number, unit, month, default_day, today):
        self.ledger, self.file, self.values = ledger, file, form_row.values
        self.row, self.number, self.unit = form_row.row, number, unit
        self.month, self.default_day, self.today = month, default_day, today
        self.problems: list[IntakeProblem] = []

    def problem(self, key: str, message: Message) -> None:
        cell = FILLER_CELL if key == "recorded_by" else cell_name(key, self.row)
        worded = Message("intake_cell", task=self.number, problem=message)
        self.problems.append(IntakeProblem(self.file, cell, worded))

    def draft(self, filler, received, previous: PreviousForms):
        if all(is_blank(self.values[column.key]) for column in FILL_IN):
            return None
        status = self._status()
        progress = self._progress()
        day = self._date(received.date())
        texts = {key: self._long_text(key) for key in TEXT_KEYS}
        if status is not None:
            self._read("summary", texts["summary"] or "", recording.read_summary)
        if status is None or day is None or self.problems:
            return None
        evidence = [line.strip() for line in (texts["evidence"] or "").splitlines()]
        given = recording.Given(
            task=self.number,
            unit=self.unit.id,
            date=day,
            status=status,
            progress=progress,
            summary=texts["summary"],
            problems=texts["problems"],
            next_steps=texts["next_steps"],
            evidence=[item for item in evidence if item],
            recorded_by=filler,
        )
        before = previous.latest.get((self.number, self.unit.id, month_key(self.month)))
        if before is not None:
            if _same(before, given, given_date=not is_blank(self.values["date"])):
                return _UNCHANGED
            if received <= before.recorded_at:
                shown = received.isoformat(sep=" ")
                message = Message("intake_received_early", task=self.number, at=shown, id=before.id)
                self.problems.append(
                    IntakeProblem(self.file, cell_name("number", self.row), message)
                )
                return None
            given.corrects = before.id
        return self._drafted(previous.task_ledger(self.number), given, received)

    def _drafted(self, task_ledger: Ledger, given, received: dt.datetime) -> RowRecord | None:
        """The row through `record`'s own drafting: every refusal placed at its cell."""
        drafted = recording.draft_record(task_ledger, given, received)
        for problem in drafted.problems:
            self._place(problem.field, problem.message)
        if drafted.draft is None:
            return None
        # a correction keeps the texts of what it corrects, not the workbook that made it
        texts = [item for item in drafted.draft.evidence if isinstance(item, str)]
        draft = replace(drafted.draft, evidence=texts)
        return RowRecord(self.file, self.row, draft, drafted.warnings)

    def _place(self, field_name: str, message: Message) -> None:
        key = field_name if field_name in (*CELL_FIELDS, "recorded_by") else "number"
        if message.key == "control_char":
            message = Message(
                "control_char", **{**message.params, "name": Message(f"form_field_{field_name}")}
            )
        self.problem(key, message)

    def _read(self, key: str, value: Any, rule) -> Any:
        """`rule(value)` (one of `record`'s readers); its refusal placed at the cell."""
        try:
            return rule(value)
        except recording.Refused as refused:
            self.problem(key, refused.message)
            return None

    def _status(self) -> Status | None:
        value = self.values["status"]
        if is_blank(value):
            message = Message("intake_no_status", task=self.number)
            self.problems.append(IntakeProblem(self.file, cell_name("status", self.row), message))
            return None
        return self._read(
            "status", unicodedata.normalize("NFKC", str(value)), recording.read_status
        )

    def _progress(self) -> int | None:
        value = self.values["progress"]
        if is_blank(value):
            return None
        number = _whole_percent(value)
        if number is None:
            self.problem("progress", Message("intake_progress_bad", text=value))
            return None
        return self._read("progress", number, recording.read_progress)

    def _date(self, received_day: dt.date) -> dt.date | None:
        value = self.values["date"]
        if is_blank(value):
            return self.default_day
        day = value if isinstance(value, dt.date) else None
        if day is None:
            try:
                day = parse_date(unicodedata.normalize("NFKC", str(value)), self.today)
            except DateError:
                self.problem("date", Message("intake_date_bad", text=value))
                return None
        if (day.year, day.month) != (self.month.year, self.month.month):
            message = Message("intake_date_month", date=day, month=month_key(self.month))
            self.problem("date", message)
            return None
        return self._read("date", day, lambda d: recording.read_date(self.ledger, d, received_day))

    def _long_text(self, key: str) -> str | None:
        text = _text(self.values[key])
        if text is not None and len(text) > MAX_TEXT:
            self.problem(key, Message("intake_text_long", max=MAX_TEXT))
        return text


def _whole_percent(value: Any) -> int | None:
    """Progress as a unit types it: 50, 50.0, "50", "50%", "５０", "５０％"; None if it is not a
    whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else None
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().rstrip("%").strip()
        return int(text) if text.isdecimal() else None
    return None


def _same(record: Record, given: recording.Given, given_date: bool) -> bool:
    """Whether a row says what the record it came from says: a field left empty says nothing
    (a correction keeps it, as `record` does), nor does an empty date."""
    texts = [item for item in record.evidence or [] if isinstance(item, str)]
    kept = {
        "progress": (given.progress, record.progress),
        "summary": (given.summary, record.summary),
        "problems": (given.problems, record.problems),
        "next_steps": (given.next_steps, record.next_steps),
        "evidence": (given.evidence, texts),
    }
    return (
        record.status is given.status
        and all(new in (None, []) or new == old for new, old in kept.values())
        and (record.date == given.date or not given_date)
    )
