"""Appending one record to its month file: O(one record), every old byte kept, atomic.

The new block's text is emitted by ruamel.yaml (so quoting is right) and appended after the
file's existing bytes in the file's own style (line endings, list indentation). The file is
never re-emitted. Before the new file replaces the old one it is verified:

- up to FULL_CHECK_BYTES (far more than a county's month) the result is parsed back and must
  hold exactly the old records plus the new one;
- beyond that, the old content must be known valid (the parse cache holds exactly these
  bytes) and be a plain block list (no flow style, no document end marker), and the file's
  last item followed by the new block — the exact new bytes from that item on — must parse
  as a two-item list: the last record exactly as before and the new record. An item at the
  wrong column, or a last block text (`|`) that the new line break would lengthen, fails
  that; any doubt falls back to parsing the whole new file, as for a small file.

A file that does not end with a line break and whose last record would read differently
after the append (it ends inside a block text) is refused with a message saying so: a record
never changes.

A file whose layout cannot take a new block without being rewritten is refused, untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from pilotledger import schema, validation
from pilotledger.dates import month_key
from pilotledger.errors import UserError, YamlProblem
from pilotledger.model import Record
from pilotledger.store.blocks import append_blocks, list_indent
from pilotledger.store.cache import KnownRows, digest
from pilotledger.store.files import (
    BOM,
    atomic_write,
    decode,
    ledger_lock,
    read_ledger_file_or_refuse,
    refuse_linked_folder,
    remove_stale_temporaries,
)
from pilotledger.store.loader import PROGRESS_DIR, month_file_name, parse_cache
from pilotledger.store.yamlio import load_data, record_block, record_blocks
from pilotledger.wording import os_reason, user_error

FULL_CHECK_BYTES = 256 * 1024
NEW_FILE_HEADER = (
    "# Progress records for {month} (pilotledger). Append-only: add records with\n"
    "# `pilotledger record`; correct one with `pilotledger record --corrects ID`.\n"
)
_DOCUMENT_END = re.compile(r"^\.\.\.(?:\s|$)", re.M)
_FIRST_CONTENT = re.compile(r"^[ \t]*([^\s#])", re.M)


def month_file(root: Path, day: dt.date) -> Path:
    return root / month_file_name(day)


def append_record(root: Path, fields: dict, record: Record) -> Path:
    """Append `record` (stored as `fields`, in key order) to its month file under the ledger
    lock."""
    path = month_file(root, record.date)
    name = path.relative_to(root).as_posix()
    refuse_linked_folder(root, PROGRESS_DIR)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise user_error(
            "record_cannot_create", folder=path.parent, reason=os_reason(error)
        ) from None
    cache = parse_cache(root)
    with ledger_lock(root):
        remove_stale_temporaries(path.parent)
        old_bytes = (
            read_ledger_file_or_refuse(root, path)
            if os.path.lexists(path)
            else _header(record.date)
        )
        known = cache.known_rows(name, old_bytes, digest(old_bytes))
        if known is not None:
            new_bytes = _appended_to_known(path, old_bytes, known, fields, record)
        else:
            new_bytes, records = _appended_after_parse(path, old_bytes, fields, record)
        try:
            atomic_write(path, new_bytes)
        except OSError as error:
            raise user_error("record_cannot_write", path=path, reason=os_reason(error)) from None
    if known is not None:
        cache.append_row(name, new_bytes, digest(new_bytes), known, record)
        cache.append_full(name, digest(old_bytes), new_bytes, digest(new_bytes), record)
    else:
        cache.store(name, new_bytes, digest(new_bytes), records)
    return path


def _header(day: dt.date) -> bytes:
    return NEW_FILE_HEADER.format(month=month_key(day)).encode("utf-8")


def _appended_to_known(
    path: Path, old_bytes: bytes, known: KnownRows, fields: dict, record: Record
) -> bytes:
    """Append to a file whose exact bytes the cache knows to be valid records."""
    if known.holds_id(record.id):
        raise user_error("record_id_taken", path=path, id=record.id)
    new_bytes = _joined(old_bytes, fields)
    if len(old_bytes) > FULL_CHECK_BYTES and _tail_verified(path, old_bytes, new_bytes, record):
        return new_bytes
    _verify_whole(
        path, old_bytes, new_bytes, _parsed_records(path, _decoded(path, old_bytes)), record
    )
    return new_bytes


def _appended_after_parse(
    path: Path, old_bytes: bytes, fields: dict, record: Record
) -> tuple[bytes, list[Record]]:
    """Append to a file the cache does not know: parse and validate it first (the slow path).
    Returns the new bytes and every record they hold."""
    old_text = _decoded(path, old_bytes)
    old_data = _parsed_records(path, old_text)
    validated = _validated(path, old_data)
    if any(old.id == record.id for old in validated):
        raise user_error("record_id_taken", path=path, id=record.id)
    new_bytes = _joined(old_bytes, fields)
    _verify_whole(path, old_bytes, new_bytes, old_data, record)
    return new_bytes, [*validated, record]


def _joined(old_bytes: bytes, fields: dict) -> bytes:
    """The old bytes untouched, then the new block in the file's own indentation and line
    endings."""
    return append_blocks(old_bytes, [record_block(fields)])


def _decoded(path: Path, raw: bytes) -> str:
    try:
        return decode(raw)
    except YamlProblem as problem:
        raise _placed("file_problem_at", path, problem) from None


def _parsed_records(path: Path, text: str) -> list:
    try:
        data = load_data(text)
    except YamlProblem as problem:
        raise _placed("file_problem_fix_first", path, problem) from None
    data = [] if data is None else data
    if not isinstance(data, list):
        raise user_error("file_not_a_list", path=path)
    return data


def _validated(path: Path, data: list) -> list[Record]:
    records, findings = validation.validate_progress(path.name, data)
    if findings:
        raise user_error("file_invalid_records", path=path)
    return [record for _, record in records]


def _refuse(path: Path) -> UserError:
    return user_error("layout_refused", path=path)


def _placed(key: str, path: Path, problem: YamlProblem) -> UserError:
    """A problem of the file at its line and column (its message worded per language)."""
    words = {"path": path, "line": problem.line, "col": problem.col}
    return user_error(key, **words, problem=problem.message)


def _verify_whole(
    path: Path, old_bytes: bytes, new_bytes: bytes, old_records: list, record: Record
) -> None:
    try:
        new_records = load_data(decode(new_bytes)) or []
    except YamlProblem:
        raise _refuse(path) from None
    if not (isinstance(new_records, list) and len(new_records) == len(old_records) + 1):
        raise _refuse(path)
    if new_records[:-1] != old_records:
        raise _last_record_would_change(path, old_bytes)
    if not _same_record(new_records[-1], record):
        raise _refuse(path)


def _last_record_would_change(path: Path, old_bytes: bytes) -> UserError:
    if old_bytes.endswith(b"\n"):
        return _refuse(path)
    return user_error("record_no_final_newline", path=path)


def _tail_verified(path: Path, old_bytes: bytes, new_bytes: bytes, record: Record) -> bool:
    """Whether the appended bytes provably extend the list (the old content is known valid):
    the file is one block list, and from its last item on the new bytes parse as exactly that
    item, unchanged, and the new record. False means: verify the whole file instead."""
    text = _decoded(path, old_bytes)
    first = _FIRST_CONTENT.search(text)
    if _DOCUMENT_END.search(text) or first is None or first.group(1) != "-":
        return False
    indent = list_indent(old_bytes)
    items = list(re.finditer(rf"^{indent}-(?: |\r?$)", text, re.M))
    if not items or first.start(1) != items[0].start() + len(indent):
        return False
    bom = len(BOM.encode()) if old_bytes.startswith(BOM.encode()) else 0
    start = bom + len(text[: items[-1].start()].encode("utf-8"))
    try:
        before = load_data(decode(old_bytes[start:]))
        after = load_data(decode(new_bytes[start:]))
    except YamlProblem:
        return False
    if not (
        isinstance(before, list)
        and len(before) == 1
        and isinstance(after, list)
        and len(after) == 2
    ):
        return False
    if after[0] != before[0]:
        raise _last_record_would_change(path, old_bytes)
    return _same_record(after[1], record)


def _same_record(data: object, record: Record) -> bool:
    try:
        return schema.validate(Record, data) == record
    except ValueError:
        return False


def append_records(root: Path, items: list[tuple[dict, Record]]) -> list[Path]:
    """Append several records (each `(fields, record)`) under one hold of the ledger lock: one
    block per record, in the given order, each month file written once, atomically, after the
    whole result was parsed back and found to be exactly its old records plus the new ones
    (`intake`: a month's forms are one write, not one per row). Returns the files written."""
    by_file: dict[Path, list[tuple[dict, Record]]] = {}
    for fields, record in items:
        by_file.setdefault(month_file(root, record.date), []).append((fields, record))
    refuse_linked_folder(root, PROGRESS_DIR)
    try:
        (root / PROGRESS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise user_error(
            "record_cannot_create", folder=root / PROGRESS_DIR, reason=os_reason(error)
        ) from None
    cache = parse_cache(root)
    with ledger_lock(root):
        planned = [(path, *_batch_appended(root, path, group)) for path, group in by_file.items()]
        for path, new_bytes, _ in planned:
            try:
                atomic_write(path, new_bytes)
            except OSError as error:
                reason = os_reason(error)
                raise user_error("record_cannot_write", path=path, reason=reason) from None
    for path, new_bytes, records in planned:
        cache.store(path.relative_to(root).as_posix(), new_bytes, digest(new_bytes), records)
    return list(by_file)


def _batch_appended(
    root: Path, path: Path, group: list[tuple[dict, Record]]
) -> tuple[bytes, list[Record]]:
    """The new bytes of one month file and every record they hold, verified."""
    remove_stale_temporaries(path.parent)
    old_bytes = (
        read_ledger_file_or_refuse(root, path)
        if os.path.lexists(path)
        else _header(group[0][1].date)
    )
    old_data = _parsed_records(path, _decoded(path, old_bytes))
    validated = _validated(path, old_data)
    taken = {old.id for old in validated}
    for _, record in group:
        if record.id in taken:
            raise user_error("record_id_taken", path=path, id=record.id)
        taken.add(record.id)
    new_bytes = append_blocks(old_bytes, record_blocks([fields for fields, _ in group]))
    try:
        new_data = load_data(decode(new_bytes)) or []
    except YamlProblem:
        raise _refuse(path) from None
    added = [record for _, record in group]
    if not (isinstance(new_data, list) and len(new_data) == len(old_data) + len(added)):
        raise _refuse(path)
    if new_data[: len(old_data)] != old_data:
        raise _last_record_would_change(path, old_bytes)
    if not all(
        _same_record(data, record) for data, record in zip(new_data[len(old_data) :], added)
    ):
        raise _refuse(path)
    return new_bytes, [*validated, *added]
