"""The month-file merge driver: merges additions by record id. Every record added on either
side is kept (ours first, then theirs in their order); a record that existed in the common
ancestor and was changed or removed on either side is a conflict, never a silent pick."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pilotledger.errors import YamlProblem
from pilotledger.store.blocks import append_blocks
from pilotledger.store.files import atomic_write, decode, read_regular
from pilotledger.store.yamlio import item_starts, load_data
from pilotledger.validation import validate_progress
from pilotledger.wording import Message

# ---- the merge driver -----------------------------------------------------------------------


@dataclass
class Item:
    """One record of a month file: its parsed value and its exact text block."""

    record_id: str
    value: object
    text: str


def split_items(text: str) -> list[Item]:
    """The top-level records of a month file with the text of each (up to the next record)."""
    values = load_data(text) or []
    if not isinstance(values, list):
        raise YamlProblem(1, 1, "a progress file must be a YAML list of records")
    lines = text.split("\n")  # never splitlines(): it also breaks at U+2028 and U+0085
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    starts = item_starts(text)
    items = []
    for index, value in enumerate(values):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        record_id = str(value.get("id")) if isinstance(value, dict) else f"#{index}"
        items.append(Item(record_id, value, "".join(lines[starts[index] : end])))
    return items


@dataclass
class MergeResult:
    additions: list[Item]
    conflicts: list[str]


def merge_month(base: str, ours: str, theirs: str) -> MergeResult:
    """The records theirs added (to append to our file); conflicts for records changed or
    removed."""
    base_items = {item.record_id: item for item in split_items(base)}
    our_items = {item.record_id: item for item in split_items(ours)}
    their_list = split_items(theirs)
    their_items = {item.record_id: item for item in their_list}
    conflicts = []
    for record_id, original in base_items.items():
        mine, yours = our_items.get(record_id), their_items.get(record_id)
        for side, version in (("here", mine), ("there", yours)):
            if version is None:
                conflicts.append(Message(f"merge_removed_{side}", id=record_id))
            elif version.value != original.value:
                conflicts.append(Message(f"merge_changed_{side}", id=record_id))
    additions = []
    for item in their_list:
        if item.record_id in base_items:
            continue
        if item.record_id in our_items:
            if our_items[item.record_id].value != item.value:
                conflicts.append(Message("merge_added_both", id=item.record_id))
            continue
        additions.append(item)
    unique = list(dict.fromkeys(conflicts))  # a Message is its English text: sorted by it
    return MergeResult(additions, sorted(unique))


def run_merge_driver(
    base_path: Path, ours_path: Path, theirs_path: Path, shown_as: str
) -> list[str]:
    """Merge into `ours_path` as git asks; returns the conflicts (the file is still written).

    Our bytes stay as they are and their new blocks are appended by the same appender as
    `record`; the merged file must then read as exactly our records plus theirs, value for
    value, or nothing is written."""
    raws, texts = [], []
    for path in (base_path, ours_path, theirs_path):
        try:
            raws.append(read_regular(path) if os.path.lexists(path) else b"")
            texts.append(decode(raws[-1]))
        except (OSError, YamlProblem) as problem:
            reason = getattr(problem, "message", problem)
            return [Message("merge_unreadable", reason=reason)]
    try:
        for text in texts:  # every version must be valid records: a merge never spreads a bad one
            _, findings = validate_progress(shown_as, load_data(text))
            if findings:
                return [Message("merge_invalid_version", reason=findings[0].message)]
        result = merge_month(*texts)
        merged_bytes = append_blocks(raws[1], [item.text for item in result.additions])
        merged = load_data(decode(merged_bytes)) or []
    except YamlProblem as problem:
        return [Message("merge_invalid_version", reason=problem.message)]
    ours = load_data(texts[1]) or []
    if merged != [*ours, *(item.value for item in result.additions)]:
        return [Message("merge_would_change")]
    if merged_bytes != raws[1]:
        atomic_write(ours_path, merged_bytes)
    return result.conflicts
