"""`review`'s plain data: what changed in the ledger since a revision. Pure.

Like listings.py: dataclasses with no labels; `jsondata.plain` makes the JSON and
listing_tables.review_document the tables, from the same objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pilotledger.corrections import contested_corrections
from pilotledger.model import Entry


@dataclass
class AddedRecord:
    file: str
    id: str
    record: dict  # the record as written (plain values)


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


def review(changes, registry_lines: list[str], base: str) -> Review:
    """The review of `changes` (gitflow.history.RecordChange values: kind, file, record_id,
    value, old, fields)."""
    added, edited, removed = [], [], []
    for change in changes:
        if change.kind == "added":
            added.append(AddedRecord(change.file, change.record_id, change.value))
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
