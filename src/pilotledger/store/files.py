"""Bytes on disk: decoding ledger files, the ledger lock, and atomic replacement.

Every write goes through `atomic_write`: a temporary file in the same directory, flushed
and fsynced, then `os.replace`, then an fsync of the directory, so a crash leaves either
the old file or the new one. Writers serialise on one sidecar lock per ledger (`filelock`,
which works on Windows too).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pilotledger.errors import UserError, YamlProblem
from pilotledger.messages import Message

WORK_DIR = ".cache"  # git-ignores itself; holds the lock and the parse cache
LOCK_NAME = "pilotledger.lock"
TEMP_PREFIX = ".pilotledger-"
TEMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 60
MAX_FILE_BYTES = 64 * 1024 * 1024
BOM = "\ufeff"


def decode(raw: bytes) -> str:
    """UTF-8 text of a ledger file (a BOM is tolerated), or a YamlProblem placing the bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(1, 1, Message("file_too_large", size=MAX_FILE_BYTES // (1024 * 1024)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            line,
            col,
            Message("not_utf8", byte=f"0x{raw[error.start]:02x}"),
        ) from None
    return text[1:] if text.startswith(BOM) else text


def work_dir(root: Path) -> Path:
    """`<ledger>/.cache/`, created with a `.gitignore` of `*` so no ledger repo ever tracks it."""
    folder = root / WORK_DIR
    if not (folder / ".gitignore").exists():
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("# pilotledger's lock and parse cache: never committed\n*\n")
    return folder


@contextlib.contextmanager
def ledger_lock(root: Path) -> Iterator[None]:
    """Hold the ledger's write lock; a stale lock file from a killed process does not block."""
    from filelock import FileLock, Timeout  # only writers need it

    try:
        lock_path = work_dir(root) / LOCK_NAME
    except OSError as error:
        raise UserError(f"{root}: cannot write here ({error.strerror}); nothing was written") from None
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            yield
    except Timeout:
        raise UserError(
            f"another pilotledger process has held {lock_path} for {LOCK_TIMEOUT_SECONDS} s; "
            "try again when it has finished"
        ) from None


def atomic_write(path: Path, content: bytes) -> None:
    """Replace `path` with `content` so that readers see the old file or the new, never half."""
    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(content)
            temp.flush()
            os.fsync(temp.fileno())
        _before_replace_hook()
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_directory(path.parent)


def _before_replace_hook() -> None:
    """Fault injection for the reliability tests: abort between fsync and rename."""
    if os.environ.get("PILOTLEDGER_FAULT") == "before-replace":
        os._exit(70)


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; os.replace is durable enough there
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Delete temporary files left by a killed writer (call only while holding the lock)."""
    stale = sorted(directory.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()
    return stale
