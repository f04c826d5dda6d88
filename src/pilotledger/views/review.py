"""`review`'s plain data: what changed in the ledger since a revision. Pure.

Like listings.py: dataclasses with no labels; `jsondata.plain` makes the JSON and
listing_tables.review_document the tables, from the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
