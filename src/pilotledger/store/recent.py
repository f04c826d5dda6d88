"""One task's newest records for `record`, read from the newest month file back only as far
as needed, so that recording costs the same in a ledger of a thousand records or a million."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from pilotledger.model import Ledger, Record, Status
from pilotledger.store.cache import digest
from pilotledger.store.files import decode, read_ledger_file
from pilotledger.store.loader import month_file_name, months_newest_first, parse_cache
from pilotledger.store.yamlio import load_data
from pilotledger.validation import validate_progress


class RecentRecords:
    """This task's records (and the record `corrects` names), read from the newest month file
    back only as far as a question needs: `record` stays quick however large the ledger is."""

    def __init__(
        self,
        root: Path,
        registries: Ledger,
        task_number: int,
        corrects: str | None,
        correcting: bool = False,
    ):
        """`correcting`: the new record corrects one (`corrects`, or the task's newest, found
        later): every month is read, since a correction may live in an earlier month than the
        record it corrects."""
        self._root = root
        self._months = months_newest_first(root, task_number, corrects)
        self._registries, self._task, self._corrects = registries, task_number, corrects
        self._correcting = correcting or corrects is not None
        self._found: list = []  # newest month first
        self._exhausted = False

    def _read_one_more(self) -> None:
        entries = next(self._months, None)
        if entries is None:
            self._exhausted = True
            return
        self._found.extend(e for e in entries if e.task == self._task or e.id == self._corrects)

    def _settled(self, as_of: dt.date) -> bool:
        if self._correcting:
            return False  # a correction is judged against every record of its task (rare: read all)
        known = any(
            e.task == self._task
            and e.date <= as_of
            and (e.progress is not None or e.status is Status.done)
            for e in self._found
        )
        return known

    def ledger(self, as_of: dt.date) -> Ledger:
        """The registries with enough records to judge the task on `as_of` (`full`: each
        record whole, read when asked for)."""
        while not self._exhausted and not self._settled(as_of):
            self._read_one_more()
        entries = self._found[::-1]
        return replace(self._registries, records=entries, full=WholeRecords(self._root, entries))


class WholeRecords(Mapping):
    """Record id → the whole Record behind one of `entries`, read from its month file when
    asked for (full_record)."""

    def __init__(self, root: Path, entries: list):
        self._root = root
        self._entries = {entry.id: entry for entry in reversed(entries)}  # the first one wins

    def __getitem__(self, record_id: str) -> Record:
        return full_record(self._root, self._entries[record_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def full_record(root: Path, entry) -> Record:
    """The whole stored record behind an Entry, from its own month file only: from the parse
    cache when it authenticates for these exact bytes, else parsed."""
    name = month_file_name(entry.date)
    raw = read_ledger_file(root, root / name)
    cached = parse_cache(root).full_one(name, digest(raw), entry.id)
    if cached is not None:
        return cached

    records = [record for _, record in validate_progress(name, load_data(decode(raw)))[0]]
    return next(record for record in records if record.id == entry.id)
