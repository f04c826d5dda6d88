"""`review`: what changed in the ledger since a revision (records added, edited and removed,
registry changes) as plain data, and its tables."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pilotledger.corrections import contested_corrections
from pilotledger.document import Column, Document, Table
from pilotledger.model import Entry, Status
from pilotledger.registry_change import Cause, RegistryEffect, Shift
from pilotledger.wording import Labels, Message, day_name, word


@dataclass
class AddedRecord:
    file: str
    id: str
    record: dict  # the record as written (plain values)
    origin: Any = None  # gitflow.origins.RecordOrigin (commit, author, side); None: not committed


@dataclass
class FieldChange:
    old: Any
    new: Any


@dataclass
class EditedRecord:
    file: str
    id: str
    fields: list[str]  # every field that differs; "(file)" when the record moved to another file
    changes: dict[str, FieldChange]  # field → old and new value ("(file)" left out)


@dataclass
class RemovedRecord:
    file: str
    id: str


@dataclass
class Review:
    """`review`: what changed in the ledger since a revision (`base`, as the reader names it)."""

    base: str
    added: list[AddedRecord]
    edited: list[EditedRecord]
    removed: list[RemovedRecord]
    registries: list[str]  # one line per registry file that changed
    contested: list[ContestedCorrection] = field(default_factory=list)
    judgments: list[RegistryEffect] = field(default_factory=list)  # registry_change.py
    judged_on: dt.date | None = None  # the day those judgments are of


@dataclass
class ContestedCorrection:
    """A record corrected more than once, not yet settled: every correction, the one that
    applies (the later recorded_at, then the larger id)."""

    original: str
    corrections: list[str]
    applies: str


def contested_in(known: dict[str, dict]) -> list[ContestedCorrection]:
    """The unsettled double corrections among `known` (record id → record as written)."""
    entries = []
    for record_id, value in known.items():
        recorded_at, corrects = value.get("recorded_at"), value.get("corrects")
        if isinstance(recorded_at, dt.datetime) and recorded_at.tzinfo is not None:
            corrects = str(corrects) if corrects is not None else None
            entries.append(
                Entry(record_id, 0, dt.date.min, "", None, None, corrects, recorded_at.timestamp())
            )
    return [
        ContestedCorrection(c.original, [e.id for e in c.corrections], c.applies.id)
        for c in contested_corrections(entries)
    ]


def review(changes, registry_lines: list[str], base: str, origins: dict | None = None) -> Review:
    """The review of `changes` (gitflow.history.RecordChange values: kind, file, record_id,
    value, old, fields); `origins`: record id → where an added record came from."""
    added, edited, removed = [], [], []
    origins = origins or {}
    for change in changes:
        if change.kind == "added":
            origin = origins.get(change.record_id)
            added.append(AddedRecord(change.file, change.record_id, change.value, origin))
        elif change.kind == "edited":
            old = change.old or {}
            diffs = {
                name: FieldChange(old.get(name), change.value.get(name))
                for name in change.fields
                if name != "(file)"
            }
            edited.append(EditedRecord(change.file, change.record_id, change.fields, diffs))
        else:
            removed.append(RemovedRecord(change.file, change.record_id))
    return Review(base, added, edited, removed, list(registry_lines))


def review_document(
    changes: Review, labels: Labels, registries=None, known: dict | None = None
) -> Document:
    """What changed since a revision: added records with their labels and names, corrections
    with the record they correct (`known`: record id → record), edits as old → new per field,
    removals flagged."""
    known = known or {}
    plain, from_forms = _by_form(changes.added)
    added_tables = [
        _added_table(labels("review_added", count=len(plain)), plain, registries, known, labels)
    ]
    if from_forms and not plain:
        added_tables = []
    for name, items in from_forms.items():
        title = labels("review_from_form", count=len(items), name=name)
        added_tables.append(_added_table(title, items, registries, known, labels))
    flagged = [
        *([c.file, c.id, labels("kind_edited"), _edits_text(c)] for c in changes.edited),
        *([c.file, c.id, labels("kind_removed"), ""] for c in changes.removed),
    ]
    flagged_table = Table(
        labels("review_flagged", count=len(flagged)),
        [
            Column("file", labels("file")),
            Column("id", labels("id")),
            Column("kind", labels("change_kind")),
            Column("fields", labels("fields"), wrap=True),
        ],
        flagged,
    )
    registries_table = Table(
        labels("review_registries"),
        [Column("change", labels("change_kind"), wrap=True)],
        [[line] for line in changes.registries],
    )
    base = changes.base
    titles = {"HEAD^@": "title_review_merge", "ORIG_HEAD..HEAD": "title_review_pull"}
    title = labels(titles[base]) if base in titles else labels("title_review", base=base)
    tables = [*added_tables, flagged_table, registries_table]
    if changes.contested:
        tables.append(_contested_table(changes, labels))
    if changes.judgments:
        tables.append(_judgments_table(changes, labels, registries))
    return Document(title, tables, changes)


def _judgments_table(changes: Review, labels: Labels, registries) -> Table:
    """Each registry change that moves a past judgment, and what it moves."""
    units = registries.units if registries is not None else {}
    rows = [
        [
            word(cause_message(effect.cause, units), labels.lang),
            "\n".join(word(m, labels.lang) for m in effect_messages(effect, units)),
        ]
        for effect in changes.judgments
    ]
    return Table(
        labels("review_judgments", count=len(rows)),
        [
            Column("cause", labels("review_judgment_cause"), wrap=True),
            Column("effect", labels("review_judgment_effect"), wrap=True),
        ],
        rows,
        notes=[labels("review_judgments_note", day=day_name(changes.judged_on, labels.lang))],
    )


# ---- a registry change and its effects in words (check's refusal words them too) ----------


def cause_message(cause: Cause, units: dict) -> Message:
    """`报送日 5 → 28`, `任务23的牵头单位 县商务委 → 县发改委`, `删除任务56`."""
    if cause.field == "task":
        key = "cause_task_added" if cause.before is None else "cause_task_removed"
        return Message(key, task=cause.task)
    before, after = cause.before, cause.after
    if cause.field == "milestones":
        before, after = _milestone_words(before), _milestone_words(after)
    elif cause.field in ("lead", "responsible"):
        before, after = _unit_names(before, units), _unit_names(after, units)
    if cause.task is None:
        return Message(f"cause_{cause.field}", before=before, after=after)
    return Message(f"cause_{cause.field}", task=cause.task, before=before, after=after)


def _milestone_words(listed) -> list[Message]:
    return [Message("milestone_words", due=m.due, target=m.target) for m in listed]


def _unit_names(ids, units: dict) -> list[str]:
    return [units[unit_id].name if unit_id in units else unit_id for unit_id in ids]


def effect_messages(effect: RegistryEffect, units: dict) -> list[Message]:
    """`2022年的3份迟报变为按时`, then each lead unit's counts that differ."""
    said = [_shift_message(shift) for shift in effect.shifts]
    for shift in effect.units:
        counts = [
            Message(
                "shift_unit_count",
                name=Message(f"judged_{name}"),
                before=shift.before[name],
                after=shift.after[name],
            )
            for name in shift.before
        ]
        name = units[shift.unit].name if shift.unit in units else shift.unit
        said.append(Message("shift_unit", unit=name, counts=counts))
    return said


def _shift_message(shift: Shift) -> Message:
    key = f"shift_{shift.kind}"
    words: dict = {"year": shift.year, "count": shift.count}
    if shift.before is None:
        key += "_owed"
    else:
        milestone_pending = shift.kind == "milestone" and shift.before == "pending"
        before = "milestone_pending" if milestone_pending else shift.before
        words["before"] = Message(f"judged_before_{before}")
    if shift.after is None:
        key += "_unowed"
    else:
        words["after"] = Message(f"judged_{shift.after}")
    if shift.before is None and shift.after is None:  # cannot happen: a shift differs
        raise ValueError(shift)
    return Message(key + ("_one" if shift.count == 1 else ""), **words)


# A returned form stored by `intake`: evidence/<sha256>-<the name it came under>.xlsx
FORM_EVIDENCE = re.compile(r"^evidence/[0-9a-f]{64}-(.+\.xlsx)$")


def _by_form(added: list[AddedRecord]) -> tuple[list[AddedRecord], dict[str, list[AddedRecord]]]:
    """The added records that name no returned form, and those that do, by the form's name."""
    plain, from_forms = [], {}
    for item in added:
        name = _form_name(item.record)
        if name is None:
            plain.append(item)
        else:
            from_forms.setdefault(name, []).append(item)
    return plain, from_forms


def _form_name(value: dict) -> str | None:
    for item in value.get("evidence") or []:
        match = FORM_EVIDENCE.match(str(item.get("file"))) if isinstance(item, dict) else None
        if match:
            return match.group(1)
    return None


def _added_table(title: str, items: list[AddedRecord], registries, known, labels) -> Table:
    from_column = any(item.origin is not None for item in items)
    origin_columns = [Column("origin", labels("review_origin"), wrap=True)] if from_column else []
    return Table(
        title,
        [
            Column("file", labels("file")),
            Column("id", labels("id")),
            Column("task", labels("task"), "right"),
            Column("date", labels("date")),
            Column("unit", labels("unit"), wrap=True),
            Column("status", labels("status")),
            Column("progress", labels("progress"), "right"),
            Column("summary", labels("summary"), wrap=True),
            Column("corrects", labels("corrects"), wrap=True),
            Column("recorded_at", labels("recorded_at")),
            *origin_columns,
        ],
        [
            _added_row(item, registries, known, labels)
            + ([_origin_text(item, labels)] * from_column)
            for item in items
        ],
    )


def _origin_text(item: AddedRecord, labels: Labels) -> str:
    """`并入方（第2父提交）· 李四 · 1a2b3c4`: the side of a merge, the author, the commit."""
    origin = item.origin
    if origin is None:
        return labels("review_not_committed")
    parts = [origin.author, origin.commit]
    if origin.side is not None:
        key = "review_side_merging" if origin.side == 1 else "review_side_merged_in"
        parts.insert(0, labels(key, parent=origin.side))
    return " · ".join(parts)


def _contested_table(changes: Review, labels: Labels) -> Table:
    """Records corrected more than once (two clerks, merged): which correction applies."""
    return Table(
        labels("review_contested", count=len(changes.contested)),
        [
            Column("original", labels("id")),
            Column("corrections", labels("review_corrections"), wrap=True),
            Column("applies", labels("review_applies")),
        ],
        [[c.original, "、".join(c.corrections), c.applies] for c in changes.contested],
        notes=[labels("review_contested_note")],
    )


def _added_row(item: AddedRecord, registries, known: dict, labels: Labels) -> list:
    value = item.record
    return [
        item.file,
        item.id,
        value.get("task"),
        str(value.get("date")),
        _review_unit(registries, value.get("unit"), labels),
        _review_status(value.get("status"), labels),
        value.get("progress"),
        value.get("summary"),
        _corrected_text(value, known, labels),
        str(value.get("recorded_at") or ""),
    ]


def _review_unit(registries, unit_id, labels: Labels) -> str:
    unit = registries.units.get(unit_id) if registries is not None else None
    return labels.unit_name(unit) if unit is not None else str(unit_id)


def _review_status(key, labels: Labels) -> str:
    try:
        return labels.status_name(Status(key))
    except ValueError:
        return str(key)


def _corrected_text(value: dict, known: dict, labels: Labels) -> str:
    """For a correction: the id it corrects with that record's date and summary."""
    corrected_id = value.get("corrects")
    if not corrected_id:
        return ""
    original = known.get(str(corrected_id))
    if original is None:
        return labels("correction_of", id=corrected_id)
    return labels(
        "correction_detail",
        id=corrected_id,
        date=_plain_value(original.get("date")),
        summary=original.get("summary", ""),
    )


def _edits_text(change: EditedRecord) -> str:
    """`field: old → new` for each field of an edited record ("(file)": it moved)."""
    lines = []
    for name in change.fields:
        if name == "(file)":
            lines.append(name)
            continue
        diff = change.changes[name]
        lines.append(f"{name}: {_plain_value(diff.old)} → {_plain_value(diff.new)}")
    return "\n".join(lines)


def _plain_value(value):
    if value is None:
        return "—"
    return value.isoformat() if hasattr(value, "isoformat") else value
