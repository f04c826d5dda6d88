"""The parse cache: validated records of each progress file, so reads need not parse YAML.

Per month file, under `<ledger>/.cache/` (git-ignored): `NAME.rows.json` holds the compact
rows the rules need, `NAME.full.json` the whole records (for `show`, `review`) and
`NAME.facts.json` what `check` asks of them (whether any lists an evidence file). Every entry
is read and written as data (orjson): nothing searches or splices another library's bytes. An
entry
is used only when the file's size matches and its sha256 confirms the content, so a file
edited by hand is always re-read, even with its size and mtime kept. The cache is never
required: a ledger on a read-only disk works without it.

The cache is private to this clone and this user. Every entry carries an HMAC of its payload
under a key kept outside the work tree (`key_path()`: the user's cache folder, mode 0600), so
a cache that came from elsewhere — committed to git, copied, or forged by someone who can
recompute any plain checksum — never authenticates and is ignored. Keeping the cache itself
beside the ledger (rather than moving it to the user's folder) keeps one lock and one cache
per ledger on a shared folder, and deleting a ledger deletes its cache. A `.cache` or cache
folder that is a link is never read, written or followed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import os
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import orjson

from pilotledger import __version__
from pilotledger.model import Entry, EvidenceFile, NotRebuildable, Record, Status, rebuild
from pilotledger.store.files import WORK_DIR, LedgerFileError, open_regular, read_regular, work_dir

# 2: entries authenticated by HMAC; 3: model.py's dataclasses dumped by orjson, registries and
# whole records rebuilt without validation (entries another format validated are not trusted);
# 4: the facts of each file's whole records in an entry of their own;
# 5: files checked by the one validator (numbers as written, blank summaries)
CACHE_FORMAT = 5
KEY_BYTES = 32
ENV_CACHE_HOME = "XDG_CACHE_HOME"
_STATUS = {status.value: status for status in Status}
_fromordinal = dt.date.fromordinal
_make = tuple.__new__


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def key_path() -> Path:
    """Where this user's cache key lives: outside every work tree."""
    base = os.environ.get(ENV_CACHE_HOME, "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        base = str(Path.home() / ".cache")
    return Path(base) / "pilotledger" / "cache-key"


@cache
def cache_key() -> bytes | None:
    """This user's secret cache key, created on first use; None when it cannot be kept.
    The key file is read with the one safe reader (a FIFO or a link to /dev/zero cannot hang
    it); one that is not a regular 0600 file of the right size is replaced by a new key."""
    path = key_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = _existing_key(path)
        if key is not None:
            return key
        if os.path.lexists(path):
            _discard(path)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return _existing_key(path)  # another process won the race: use what it wrote
        with os.fdopen(fd, "wb") as out:
            out.write(os.urandom(KEY_BYTES))  # secrets.token_bytes' source, without its import
        return _existing_key(path)  # whoever won a race, everyone uses what is on disk
    return None


def _existing_key(path: Path) -> bytes | None:
    try:
        fd = open_regular(path, follow_links=False, cap=KEY_BYTES)
    except LedgerFileError:
        return None
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) & 0o077:
            return None  # readable by others: not a secret any more
        key = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    return key if len(key) == KEY_BYTES else None


def _discard(path: Path) -> None:
    """Move a bad key file (a FIFO, a link, a short file) out of the way, never reading it."""
    if os.path.isdir(path) and not os.path.islink(path):
        raise OSError(f"{path} is a directory")
    os.unlink(path)


# ---- the row layout: this module only ---------------------------------------------------------
# A row is [id, task, date ordinal, unit, status, progress, corrects, recorded_at timestamp].
# Other modules see Records, Entries and KnownRows, never a row or its bytes.


def _row_of(record: Record) -> list:
    return [
        record.id,
        record.task,
        record.date.toordinal(),
        record.unit,
        record.status.value,
        record.progress,
        record.corrects,
        record.recorded_at.timestamp(),
    ]


def _row_task(row: list) -> int:
    return row[1]


def _row_id(row: list) -> str:
    return row[0]


@dataclass(frozen=True)
class KnownRows:
    """A file's cached rows (checksum verified, parsed): enough to tell whether an id is taken
    and to add one record without reading the YAML."""

    rows: list

    def holds_id(self, record_id: str) -> bool:
        return any(_row_id(row) == record_id for row in self.rows)

    def with_record(self, record: Record) -> bytes | None:
        """The rows payload with the record's row added (None: it cannot be cached)."""
        return _json([*self.rows, _row_of(record)])


def _known_rows(payload: bytes | None) -> KnownRows | None:
    """The rows of a payload, each checked to be a row (None if the payload is damaged)."""
    try:
        rows = orjson.loads(payload) if payload is not None else None
        if isinstance(rows, list) and all(isinstance(row, list) and len(row) == 8 for row in rows):
            return KnownRows(rows)
    except orjson.JSONDecodeError:
        pass
    return None


def _lists_evidence_file(records: list[Record]) -> bool:
    return any(
        isinstance(item, EvidenceFile) for record in records for item in record.evidence or ()
    )


def _entries(rows: list) -> list[Entry]:
    # tuple.__new__ builds each Entry in C: Entry's own __new__ is a Python function, a third
    # of this loop (the unpacking already insists on eight fields)
    return [
        _make(Entry, (i, t, _fromordinal(d), u, _STATUS[s], p, c, ts))
        for i, t, d, u, s, p, c, ts in rows
    ]


def _decoded_entries(payload: bytes | None, keep) -> list[Entry] | None:
    """Entries from a rows payload (those `keep` accepts, or all); None if it is damaged."""
    if payload is None:
        return None
    try:
        rows = orjson.loads(payload)
        return _entries(rows if keep is None else [row for row in rows if keep(row)])
    except (orjson.JSONDecodeError, TypeError, ValueError, KeyError, IndexError, OverflowError):
        return None


def _json(value) -> bytes | None:
    """`value` as the cache's JSON, or None when orjson cannot write it (an integer wider than
    64 bits, valid YAML that a check then refuses): such a file is just not cached."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError is one
        return None


# What rebuilding a dump this code did not make raises (the data is then validated or re-read).
_NOT_REBUILT = (NotRebuildable, orjson.JSONDecodeError, ValueError, TypeError, KeyError)


class ParseCache:
    """Reads and writes cache entries for one ledger; every failure just means a miss."""

    def __init__(self, root: Path):
        self.root = root
        self.folder = root / WORK_DIR / f"v{CACHE_FORMAT}-{__version__}"
        self.key = cache_key()
        self.usable = self.key is not None and not any(
            os.path.islink(folder) for folder in (root / WORK_DIR, self.folder)
        )

    def _path(self, name: str, kind: str) -> Path:
        return self.folder / f"{name.replace('/', '__')}.{kind}.json"

    def rows(self, name: str, raw: bytes, content_digest: str) -> list[Entry] | None:
        """The cached entries of file `name` if the cache holds exactly this content."""
        return _decoded_entries(self._rows_payload(name, raw, content_digest), keep=None)

    def known_rows(self, name: str, raw: bytes, content_digest: str) -> KnownRows | None:
        """The cached rows of exactly this content (None: the cache does not know it)."""
        return _known_rows(self._rows_payload(name, raw, content_digest))

    def _rows_payload(self, name: str, raw: bytes, content_digest: str) -> bytes | None:
        return self._read(self._path(name, "rows"), content_digest, len(raw))

    def matching_entries(
        self, name: str, raw: bytes, content_digest: str, task: int, record_id: str | None
    ) -> list[Entry] | None:
        """Only the entries of one task (and one record id): cheaper than all of them."""
        return _decoded_entries(
            self._rows_payload(name, raw, content_digest),
            keep=lambda row: _row_task(row) == task or _row_id(row) == record_id,
        )

    def append_row(
        self, name: str, new_raw: bytes, new_digest: str, known: KnownRows, record: Record
    ) -> None:
        """The rows cache of a file that gained one record."""
        self._write(self._path(name, "rows"), new_digest, len(new_raw), known.with_record(record))

    def append_full(
        self, name: str, old_digest: str, new_raw: bytes, new_digest: str, record: Record
    ) -> None:
        """The full-records cache of a file that gained one record, when the cache holds the
        file's old content (else left to be rebuilt on the next read). The record is added to
        the stored list as data, unrebuilt (orjson writes back what it read)."""
        items = self._full_items(name, old_digest)
        facts = self._facts(name, old_digest)
        if items is None or facts is None:
            return
        self._write(self._path(name, "full"), new_digest, len(new_raw), _json([*items, record]))
        listed = facts["evidence_files"] or _lists_evidence_file([record])
        self._write_facts(name, new_digest, len(new_raw), listed)

    def store_rows(self, name: str, raw: bytes, content_digest: str, records: list[Record]) -> None:
        payload = _json([_row_of(r) for r in records])
        self._write(self._path(name, "rows"), content_digest, len(raw), payload)

    def _full_items(self, name: str, content_digest: str) -> list | None:
        """The stored whole records of this content, as the dicts orjson reads (None: not
        cached, or not a list of records)."""
        payload = self._read(self._path(name, "full"), content_digest, None)
        try:
            items = orjson.loads(payload) if payload is not None else None
        except orjson.JSONDecodeError:
            return None
        if isinstance(items, list) and all(isinstance(item, dict) for item in items):
            return items
        return None

    def full(self, name: str, content_digest: str) -> list[Record] | None:
        items = self._full_items(name, content_digest)
        if items is None:
            return None
        try:
            return [rebuild(Record, item) for item in items]
        except _NOT_REBUILT:
            return None  # not a dump this code made: the caller reads the file instead

    def full_one(self, name: str, content_digest: str, record_id: str) -> Record | None:
        """One whole record of this content, rebuilt alone (a month of 30,000 records is not
        rebuilt to quote one); None when the cache does not hold it."""
        items = self._full_items(name, content_digest)
        found = [item for item in items or () if item.get("id") == record_id]
        try:
            return rebuild(Record, found[-1]) if found else None
        except _NOT_REBUILT:
            return None

    def _facts(self, name: str, content_digest: str) -> dict | None:
        payload = self._read(self._path(name, "facts"), content_digest, None)
        try:
            facts = orjson.loads(payload) if payload is not None else None
        except orjson.JSONDecodeError:
            return None
        valid = isinstance(facts, dict) and isinstance(facts.get("evidence_files"), bool)
        return facts if valid else None

    def _write_facts(self, name: str, content_digest: str, size: int, listed: bool) -> None:
        payload = _json({"evidence_files": listed})
        self._write(self._path(name, "facts"), content_digest, size, payload)

    def lists_no_evidence_file(self, name: str, content_digest: str) -> bool:
        """True when the whole records of this content, as cached, list no evidence file (False
        when they may, or are not cached): read from the facts stored beside them."""
        facts = self._facts(name, content_digest)
        return facts is not None and not facts["evidence_files"]

    def store(self, name: str, raw: bytes, content_digest: str, records: list[Record]) -> None:
        self.store_rows(name, raw, content_digest, records)
        self.store_full(name, raw, content_digest, records)

    def store_full(self, name: str, raw: bytes, content_digest: str, records: list[Record]) -> None:
        self._write(self._path(name, "full"), content_digest, len(raw), _json(records))
        self._write_facts(name, content_digest, len(raw), _lists_evidence_file(records))

    def registry(self, name: str, raw: bytes, content_digest: str, kind: type):
        """A validated registry (tasks.yaml or units.yaml) if the cache holds exactly this
        content."""
        payload = self._read(self._path(name, "model"), content_digest, len(raw))
        if payload is None:
            return None
        try:
            return rebuild(kind, orjson.loads(payload))
        except _NOT_REBUILT:
            pass  # not a dump this code can rebuild as it is: validate it as any other data
        from pilotledger import schema  # pydantic: only for a row not rebuilt

        try:
            return schema.validate_json(kind, payload)
        except schema.ValidationError:
            return None

    def store_registry(self, name: str, raw: bytes, content_digest: str, value) -> None:
        self._write(self._path(name, "model"), content_digest, len(raw), _json(value))

    def is_clean(self, key: str) -> bool:
        """Whether the whole ledger with this key (registries + every file) passed every check."""
        return self._read(self.folder / "clean.json", key, None) is not None

    def mark_clean(self, key: str) -> None:
        self._write(self.folder / "clean.json", key, 0, b"true")

    def _mac(self, path: Path, content_digest: str, size: int, payload: bytes) -> str:
        """The entry's HMAC: binds its name, the content it describes and its payload."""
        signed = hmac.new(
            self.key, f"{path.name}\n{content_digest}\n{size}\n".encode(), hashlib.sha256
        )
        signed.update(payload)
        return signed.hexdigest()

    def _read(self, path: Path, content_digest: str, size: int | None) -> bytes | None:
        if not self.usable or os.path.islink(path):
            return None
        try:
            blob = read_regular(path, follow_links=False)
            header, payload = blob.split(b"\n", 1)
            meta = orjson.loads(header)
        except (OSError, ValueError, LedgerFileError):
            return None
        if not isinstance(meta, dict) or meta.get("digest") != content_digest:
            return None
        if size is not None and meta.get("size") != size:
            return None
        expected = self._mac(
            path, content_digest, meta.get("size") if size is None else size, payload
        )
        if not hmac.compare_digest(str(meta.get("mac")), expected):
            return None  # damaged, hand-edited, forged, or made under another key
        return payload

    def _write(self, path: Path, content_digest: str, size: int, payload: bytes | None) -> None:
        if not self.usable or payload is None:
            return
        mac = self._mac(path, content_digest, size, payload)
        header = orjson.dumps({"digest": content_digest, "size": size, "mac": mac})
        with contextlib.suppress(OSError):
            work_dir(self.root)
            path.parent.mkdir(parents=True, exist_ok=True)
            if os.path.islink(path.parent):
                return
            import tempfile  # only where a file is written: slow to import

            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(header + b"\n" + payload)
                os.replace(temp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise


class NoCache(ParseCache):
    """For --no-cache and tests: not usable, so every lookup misses and nothing is written."""

    def __init__(self) -> None:
        self.root = self.folder = Path(os.devnull)
        self.key, self.usable = None, False
