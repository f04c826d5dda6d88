"""Evidence files (佐证材料): stored once under `<ledger>/evidence/`, named by the sha256 of
their content, and checked against that hash. Writes are atomic and under the ledger lock."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path, PurePosixPath

from pilotledger.errors import Problem, UserError, ValidationFailed, YamlProblem
from pilotledger.store.files import (
    _KINDS,
    LedgerFileError,
    atomic_write,
    decode,
    ledger_lock,
    open_regular,
    read_ledger_file,
    read_regular,
    refuse_linked_folder,
    sync_directory,
)
from pilotledger.store.loader import month_file_name
from pilotledger.textgate import first_refused
from pilotledger.wording import Message

EVIDENCE_DIR = "evidence"
CHUNK = 1 << 20


MAX_EVIDENCE_BYTES = 256 * 1024 * 1024


def file_digest(path: Path, *, follow_links: bool = False) -> str:
    """The sha256 of a regular file (never a link inside the ledger, a FIFO or a device: those
    raise LedgerFileError at once), read in chunks, at most MAX_EVIDENCE_BYTES."""
    digest = hashlib.sha256()
    fd = open_regular(path, follow_links=follow_links, cap=MAX_EVIDENCE_BYTES)
    try:
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest()


def is_evidence_path(text: str) -> bool:
    """Text that names an existing regular file is a file to store; anything else stays text."""
    try:
        return Path(text).expanduser().is_file()
    except (OSError, ValueError):
        return False


def not_a_regular_file(text: str) -> tuple[str, str] | None:
    """(kind in English, in Chinese) when `text` names something that exists and is no regular
    file (/dev/zero, a FIFO, a folder named by a path with a `/`): refused as evidence, never
    kept as text. Judged by stat, without opening it."""
    try:
        mode = os.stat(Path(text).expanduser()).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or (stat.S_ISDIR(mode) and "/" not in text):
        return None  # `~` or `.` typed as text stays text; `/home/x/材料/` is a folder
    for test, kind_en, kind_zh in _KINDS:
        if test(mode):
            return kind_en, kind_zh
    return "not a regular file", "非普通文件"


_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")


def stored_name(sha256: str, source: Path) -> str:
    """`evidence/<sha256><suffix>`: equal contents get one name whatever they were called.
    Only a plain suffix (a dot and 1–10 letters or digits) is kept: a file name's line break
    or a 73-character suffix never reaches the stored name."""
    suffix = source.suffix.lower()
    return f"{EVIDENCE_DIR}/{sha256}{suffix if _SUFFIX.fullmatch(suffix) else ''}"


def original_name(source: Path) -> str | None:
    """The file's own name as the record keeps it: line breaks and tabs become spaces; a name
    holding a character no text field takes is left out (the content address still names it)."""
    name = " ".join(source.name.replace("\t", " ").splitlines()).strip()
    if not name or first_refused(name) is not None:
        return None
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # a name that is not UTF-8 on disk
        return None
    return name


def store_evidence(root: Path, source: Path) -> dict[str, str]:
    """Copy `source` into the ledger (once per content); the record's `{file, sha256, name}`.
    The source is read with the one safe reader (a regular file, size-capped); a stored file
    that is not a plain regular file never counts as the stored copy."""
    source = source.expanduser()
    try:
        content = read_regular(source, cap=MAX_EVIDENCE_BYTES)
    except LedgerFileError as error:
        raise UserError(Message("evidence_unreadable", path=source, reason=error.message)) from None
    sha256 = hashlib.sha256(content).hexdigest()
    return _store_content(root, content, sha256, stored_name(sha256, source), original_name(source))


def store_named_evidence(
    root: Path, content: bytes, name: str, *, sync_folder: bool = True
) -> dict[str, str]:
    """`content` stored once as `evidence/<sha256>-<name>` (a returned form keeps the name it
    came under, for `review`); content already stored under any name is not stored again.
    With `sync_folder=False` (a batch: an intake's forms) the caller calls
    `sync_evidence_folder` after the last one, before the records naming them are written."""
    sha256 = hashlib.sha256(content).hexdigest()
    name = f"{EVIDENCE_DIR}/{sha256}-{name}"
    return _store_content(root, content, sha256, name, sync_folder=sync_folder)


def sync_evidence_folder(root: Path) -> None:
    """The renames of a batch of `store_named_evidence(..., sync_folder=False)` made durable."""
    folder = root / EVIDENCE_DIR
    if folder.is_dir():
        sync_directory(folder)


def _store_content(
    root: Path,
    content: bytes,
    sha256: str,
    name: str,
    own: str | None = None,
    sync_folder: bool = True,
) -> dict[str, str]:
    refuse_linked_folder(root, EVIDENCE_DIR)
    folder = root / EVIDENCE_DIR
    with ledger_lock(root):
        refuse_linked_folder(root, EVIDENCE_DIR)
        existing = sorted(folder.glob(f"{sha256}*")) if folder.is_dir() else []
        same = [path for path in existing if _holds(path, sha256)]
        if same:
            return _item(f"{EVIDENCE_DIR}/{same[0].name}", sha256, own)
        folder.mkdir(exist_ok=True)
        atomic_write(root / name, content, sync_folder=sync_folder)
    return _item(name, sha256, own)


def _item(stored: str, sha256: str, own: str | None) -> dict[str, str]:
    item = {"file": stored, "sha256": sha256}
    if own is not None:
        item["name"] = own
    return item


def _holds(path: Path, sha256: str) -> bool:
    try:
        return file_digest(path) == sha256
    except LedgerFileError:
        return False


def evidence_problems(root: Path, loaded) -> list[Problem]:
    """A Problem for each referenced evidence file that is missing, outside evidence/, or altered.

    Only a ledger whose files all read cleanly is looked at: an unreadable month file is
    already a problem of its own, and its records are not known."""
    try:
        records = list(loaded.ledger.full.listing_evidence_files())
    except ValidationFailed as failure:  # a file that no longer reads: that is the problem
        return [] if loaded.problems else list(failure.problems)
    except (YamlProblem, OSError):
        return []
    place = _Placer(root).place
    problems = []
    for record in records:
        for index, item in enumerate(record.evidence or []):
            if isinstance(item, str):
                continue
            message = _evidence_message(root, item)
            if message is not None:
                problems.append(Problem(*place(record, index), message))
    return sorted(problems)


def _evidence_message(root: Path, item) -> Message | None:
    """Evidence is a regular file whose path, without following any link, is under
    `<ledger>/evidence/`: no `..`, no absolute path, no linked folder or file on the way."""
    parts = PurePosixPath(item.file).parts
    if (
        len(parts) < 2
        or parts[0] != EVIDENCE_DIR
        or ".." in parts
        or "." in parts
        or PurePosixPath(item.file).is_absolute()
    ):
        return Message("evidence_outside", file=item.file)
    path = root
    for part in parts:
        path = path / part
        if os.path.islink(path):
            return Message("evidence_link", file=item.file)
    if not os.path.lexists(path):
        return Message("evidence_missing", file=item.file)
    try:
        found = file_digest(path)
    except LedgerFileError as error:
        return Message("evidence_not_regular", file=item.file, problem=error.message)
    if found != item.sha256:
        return Message("evidence_altered", file=item.file)
    return None


class _Placer:
    """Line and column of a record's evidence item, reading each month file once, when needed."""

    def __init__(self, root: Path):
        self.root = root
        self.texts: dict[str, str] = {}

    def place(self, record, index: int) -> tuple[str, int, int]:
        from pilotledger.store.yamlio import load_data, locate  # ruamel: only to place one

        name = month_file_name(record.date)
        if name not in self.texts:
            self.texts[name] = decode(read_ledger_file(self.root, self.root / name))
        text = self.texts[name]
        values = load_data(text) or []
        position = next(
            (
                i
                for i, v in enumerate(values)
                if isinstance(v, dict) and str(v.get("id")) == record.id
            ),
            0,
        )
        line, col = locate(text, (position, "evidence", index))
        return (self.root / name).as_posix(), line, col
