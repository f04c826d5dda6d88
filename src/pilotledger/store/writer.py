"""Appending one record to its month file: O(one record), every old byte kept, atomic.

The new block's text is emitted by ruamel.yaml (so quoting is right) and appended after the
file's existing bytes in the file's own style (line endings, list indentation). Before the
new file replaces the old, it is parsed back and must hold exactly the old records plus the
new one; a file whose style cannot be appended to is refused, never rewritten.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pilotledger.errors import UserError
from pilotledger.model import Record
from pilotledger.store.files import atomic_write, decode, ledger_lock, remove_stale_temporaries
from pilotledger.store.loader import PROGRESS_DIR
from pilotledger.store.yamlio import YamlProblem, load_data, record_block

NEW_FILE_HEADER = (
    "# Progress records for {month} (pilotledger). Append-only: add records with\n"
    "# `pilotledger record`; correct one with `pilotledger record --corrects ID`.\n"
)
_LIST_ITEM = re.compile(r"^( *)-(?: |$)", re.M)


def month_file(root: Path, day: dt.date) -> Path:
    return root / PROGRESS_DIR / f"{day.year:04d}-{day.month:02d}.yaml"


def append_record(root: Path, fields: dict, record: Record) -> Path:
    """Append `record` (stored as `fields`, in key order) to its month file under the ledger lock."""
    path = month_file(root, record.date)
    path.parent.mkdir(parents=True, exist_ok=True)
    with ledger_lock(root):
        remove_stale_temporaries(path.parent)
        old_bytes = path.read_bytes() if path.exists() else _header(record.date)
        new_bytes = _appended(path, old_bytes, fields, record)
        atomic_write(path, new_bytes)
    return path


def _header(day: dt.date) -> bytes:
    return NEW_FILE_HEADER.format(month=f"{day.year:04d}-{day.month:02d}").encode("utf-8")


def _appended(path: Path, old_bytes: bytes, fields: dict, record: Record) -> bytes:
    old_text = _decoded(path, old_bytes)
    old_records = _parsed(path, old_text)
    if not isinstance(old_records, list):
        raise UserError(f"{path}: not a list of records; run `pilotledger check` and fix it first")
    if any(isinstance(item, dict) and item.get("id") == record.id for item in old_records):
        raise UserError(f"{path}: a record with id {record.id} is already there")
    newline = "\r\n" if "\r\n" in old_text else "\n"
    block = _styled_block(record_block(fields), old_text, newline)
    separator = newline if old_text and not old_text.endswith("\n") else ""
    new_bytes = old_bytes + (separator + block).encode("utf-8")
    _verify(path, new_bytes, old_records, record)
    return new_bytes


def _decoded(path: Path, raw: bytes) -> str:
    try:
        return decode(raw)
    except YamlProblem as problem:
        raise UserError(f"{path}:{problem.line}:{problem.col}: {problem.message}") from None


def _parsed(path: Path, text: str):
    try:
        data = load_data(text)
    except YamlProblem as problem:
        raise UserError(f"{path}:{problem.line}:{problem.col}: {problem.message}; fix the file first") from None
    return [] if data is None else data


def _styled_block(block: str, old_text: str, newline: str) -> str:
    """The block indented like the file's existing list items, with the file's line endings."""
    match = _LIST_ITEM.search(old_text)
    indent = match.group(1) if match else ""
    lines = block.splitlines()
    return "".join(f"{indent}{line}{newline}" if line else newline for line in lines)


def _verify(path: Path, new_bytes: bytes, old_records: list, record: Record) -> None:
    try:
        new_records = load_data(decode(new_bytes)) or []
    except YamlProblem:
        new_records = None
    ok = (
        isinstance(new_records, list)
        and new_records[:-1] == old_records
        and len(new_records) == len(old_records) + 1
        and _same_record(new_records[-1], record)
    )
    if not ok:
        raise UserError(
            f"{path}: this file's layout cannot take a new record without rewriting it "
            "(e.g. a flow-style list or a document end marker); nothing was written"
        )


def _same_record(data: object, record: Record) -> bool:
    try:
        return Record.model_validate(data) == record
    except ValueError:
        return False
