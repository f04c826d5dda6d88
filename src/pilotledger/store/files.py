"""Bytes on disk: the one safe way to open a ledger file, decoding, the ledger lock, and
atomic replacement.

`read_ledger_file` reads only regular files inside the ledger: it opens without blocking (a
FIFO cannot hang it), checks what it opened (a directory, a device or a socket is a problem),
refuses a path whose real location is outside the ledger, and checks the size before reading.

Every write goes through `atomic_write`: a temporary file in the same directory, flushed
and fsynced, then `os.replace`, then an fsync of the directory, so a crash leaves either
the old file or the new one. Writers serialise on one sidecar lock per ledger (`filelock`,
which works on Windows too).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from pilotledger.errors import UserError, YamlProblem
from pilotledger.wording import Message, os_reason, user_error

WORK_DIR = ".cache"  # git-ignores itself; holds the lock and the parse cache
LOCK_NAME = "pilotledger.lock"
TEMP_PREFIX = ".pilotledger-"
TEMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 60
MAX_FILE_BYTES = 64 * 1024 * 1024
BOM = "\ufeff"


class LedgerFileError(YamlProblem):
    """A path that is not a readable regular file inside the ledger (placed at 1:1)."""


def _file_error(key: str, **words: object) -> LedgerFileError:
    return LedgerFileError(1, 1, Message(key, **words))


_KINDS = (
    (stat.S_ISDIR, "a directory", "目录"),
    (stat.S_ISFIFO, "a FIFO (named pipe)", "命名管道"),
    (stat.S_ISCHR, "a device", "设备文件"),
    (stat.S_ISBLK, "a device", "设备文件"),
    (stat.S_ISSOCK, "a socket", "套接字"),
)


def _open_for_reading(path: Path, flags: int) -> int:
    return os.open(path, flags)


def read_ledger_file(root: Path, path: Path) -> bytes:
    """The bytes of a ledger file, or LedgerFileError: never blocks, never reads past the cap."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if os.path.commonpath([real_root, real]) != real_root:
        raise _file_error("link_outside", target=real)
    return read_regular(path)


def open_regular(path: Path, *, follow_links: bool = True, cap: int | None = None) -> int:
    """A descriptor on a regular file of at most `cap` bytes, or LedgerFileError: opened
    without blocking (a FIFO cannot hang it), never a device, a directory or a socket, and
    without `follow_links` never a link (evidence, the cache key). The caller closes it."""
    cap = MAX_FILE_BYTES if cap is None else cap
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        if os.path.islink(path):
            raise _file_error("is_link")
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = _open_for_reading(path, flags)
    except OSError as error:
        raise _file_error("cannot_read", reason=os_reason(error)) from None
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(info, cap)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, *, follow_links: bool = True, cap: int | None = None) -> bytes:
    """The bytes of a regular file (see `open_regular`), never more than `cap`."""
    cap = MAX_FILE_BYTES if cap is None else cap
    fd = open_regular(path, follow_links=follow_links, cap=cap)
    try:
        raw = _read_capped(fd, cap)
    finally:
        os.close(fd)
    if len(raw) > cap:
        raise _file_error("too_large", mb=max(cap // (1024 * 1024), 1))
    return raw


def _refuse_unless_regular(info: os.stat_result, cap: int) -> None:
    for test, kind_en, kind_zh in _KINDS:
        if test(info.st_mode):
            raise _file_error("not_regular", kind_en=kind_en, kind_zh=kind_zh)
    if info.st_size > cap:
        raise _file_error("too_large", mb=max(cap // (1024 * 1024), 1))


def _read_capped(fd: int, cap: int) -> bytes:
    """At most cap + 1 bytes (one more tells that the file grew past the cap)."""
    chunks, total = [], 0
    try:
        while total <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise _file_error("cannot_read", reason=os_reason(error)) from None
    return b"".join(chunks)


def read_ledger_file_or_refuse(root: Path, path: Path) -> bytes:
    """For writers: the bytes, or a UserError naming the file (exit 1, nothing written)."""
    try:
        return read_ledger_file(root, path)
    except LedgerFileError as problem:
        raise UserError(problem.message) from None


LEDGER_TOP = ("tasks.yaml", "units.yaml", "progress", "evidence", WORK_DIR)


def is_ledger_file(root: Path, target: Path) -> bool:
    """Whether writing `target` would replace a registry, a month file, evidence or the cache:
    by its real path, or (a hard link has no path of its own) by its inode."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(target)
    if os.path.commonpath([real_root, real]) == real_root:
        parts = Path(os.path.relpath(real, real_root)).parts
        if parts and (parts[0] in LEDGER_TOP or parts == (".gitattributes",)):
            return True
    try:
        info = os.stat(target)
    except OSError:
        return False
    return info.st_nlink > 1 and (info.st_dev, info.st_ino) in _ledger_inodes(root)


def _ledger_inodes(root: Path) -> set[tuple[int, int]]:
    """(device, inode) of every ledger file (asked only for a target with several links)."""
    found: set[tuple[int, int]] = set()
    top = [root / name for name in ("tasks.yaml", "units.yaml", ".gitattributes")]
    for folder in (root / "progress", root / "evidence", root / WORK_DIR):
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            top += [Path(entry.path) for entry in entries]
    for path in top:
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            found.add((info.st_dev, info.st_ino))
    return found


def write_output(root: Path | None, target: Path, write: Callable[[Path], None]) -> None:
    """The one way a command writes an output file (report, status, remind, trend, matrix…).

    Refused, untouched: a ledger file (by real path or inode), and anything that exists and is
    not a regular file or a link (a FIFO, a device, a directory), judged without opening it.
    `write` fills a temporary file in the target's folder, which then replaces the target
    atomically: a link is replaced, never written through; a hard-linked file keeps its bytes.
    OSError is the caller's to word."""
    _refuse_output(root, target)
    temp_name = _filled_temporary(target, write)
    try:
        sync_paths([temp_name])
        _before_replace_hook()
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


OUTPUT_BATCH = 32  # files of write_outputs synced together; a killed run leaves at most these


def write_outputs(root: Path | None, files: Iterable[tuple[Path, bytes]]) -> None:
    """Many output files (a site's pages), each written as `write_output` writes one, in
    order, but synced OUTPUT_BATCH at a time (see sync_paths): each file still replaces its
    target only once its own bytes are on disk. A batch is checked whole before anything of it
    is written."""
    pending = list(files)
    for start in range(0, len(pending), OUTPUT_BATCH):
        batch = pending[start : start + OUTPUT_BATCH]
        for target, _ in batch:
            _refuse_output(root, target)
        temps: list[str] = []
        replaced = 0
        try:
            for target, content in batch:
                temps.append(_filled_temporary(target, lambda temp, c=content: temp.write_bytes(c)))
            sync_paths(temps)
            for temp_name, (target, _) in zip(temps, batch):
                _before_replace_hook()
                os.replace(temp_name, target)
                replaced += 1
        except BaseException:
            for temp_name in temps[replaced:]:
                with contextlib.suppress(OSError):
                    os.unlink(temp_name)
            raise


def _refuse_output(root: Path | None, target: Path) -> None:
    """What write_output refuses (see there), as a UserError."""
    if root is not None and is_ledger_file(root, target):
        raise user_error("output_ledger_file", path=target)
    if ".git" in Path(os.path.realpath(target.parent)).parts or target.name == ".git":
        raise user_error("output_into_git", path=target)
    with contextlib.suppress(FileNotFoundError):
        mode = os.lstat(target).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            kind_en, kind_zh = _kind_of(mode)
            problem = Message("output_kind", kind_en=kind_en, kind_zh=kind_zh)
            raise user_error("output_not_regular", path=target, problem=problem)


def _filled_temporary(target: Path, write: Callable[[Path], None]) -> str:
    """A temporary file beside target, filled by `write`, with the mode the target will have
    (a rewrite keeps the old file's; a new one gets the umask's); not yet synced."""
    keep = _mode_for(target) if os.path.isfile(target) and not os.path.islink(target) else None
    import tempfile  # only where a file is written: slow to import

    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(handle)
    try:
        write(Path(temp_name))
        os.chmod(temp_name, keep if keep is not None else 0o666 & ~current_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return temp_name


def sync_paths(paths: Sequence[str | Path]) -> None:
    """fsync of each file or folder. Several at once run in threads: the file system commits
    their journal entries together, so 120 small pages sync in about the time of a few
    (one after another each waits for its own commit, ~3 ms on this machine's disk)."""
    if len(paths) == 1:
        _sync_one(paths[0])
        return
    from concurrent.futures import ThreadPoolExecutor  # only for a batch

    with ThreadPoolExecutor(max_workers=min(8, len(paths))) as pool:
        list(pool.map(_sync_one, paths))


def _sync_one(path: str | Path) -> None:
    if os.name != "posix" and os.path.isdir(path):
        return  # Windows cannot open a directory for fsync; os.replace is durable enough there
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _kind_of(mode: int) -> tuple[str, str]:
    for test, kind_en, kind_zh in _KINDS:
        if test(mode):
            return kind_en, kind_zh
    return "not a regular file", "非普通文件"


def refuse_linked_folder(root: Path, name: str) -> None:
    """Writers never write through a ledger folder (progress/, evidence/, .cache/) that is a
    link: it could lead anywhere. Refused before anything is written."""
    if os.path.islink(root / name):
        raise user_error("folder_link_write", path=root / name)


def cache_is_link(root: Path) -> bool:
    """A `.cache` that is a link (committed, or planted) is never followed, read or written."""
    return os.path.islink(root / WORK_DIR)


def decode(raw: bytes) -> str:
    """UTF-8 text of a ledger file (a BOM is tolerated), or a YamlProblem placing the bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        raise _file_error("too_large", mb=MAX_FILE_BYTES // (1024 * 1024))
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
    """`<ledger>/.cache/`, created with a `.gitignore` of `*` so no ledger repo ever tracks it.
    A `.cache` that is a link is refused (OSError), never followed."""
    folder = root / WORK_DIR
    if cache_is_link(root):
        raise OSError(f"{folder} is a link")
    if not os.path.lexists(folder / ".gitignore"):
        folder.mkdir(exist_ok=True)
        atomic_write(
            folder / ".gitignore", b"# pilotledger's lock and parse cache: never committed\n*\n"
        )
    return folder


@contextlib.contextmanager
def ledger_lock(root: Path) -> Iterator[None]:
    """Hold the ledger's write lock; a stale lock file from a killed process does not block."""
    from filelock import FileLock, Timeout  # only writers need it

    if cache_is_link(root):
        raise user_error("cache_link_record", path=root / WORK_DIR)
    try:
        lock_path = work_dir(root) / LOCK_NAME
    except OSError as error:
        raise UserError(
            f"{root}: cannot write here ({error.strerror}); nothing was written"
        ) from None
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise UserError(
            f"another pilotledger process has held {lock_path} for {LOCK_TIMEOUT_SECONDS} s; "
            "try again when it has finished"
        ) from None
    except OSError as error:  # a read-only disk, a full one
        raise UserError(
            f"{lock_path}: cannot lock ({error.strerror}); nothing was written"
        ) from None
    try:
        yield
    finally:
        lock.release()


def atomic_write(path: Path, content: bytes, *, sync_folder: bool = True) -> None:
    """Replace `path` with `content` so that readers see the old file or the new, never half.
    The file is synced, then its folder (the rename made durable); a batch of writes into one
    folder passes `sync_folder=False` and calls `sync_directory` once after the last, before
    anything that names the files is written."""
    mode = _mode_for(path)
    import tempfile  # only where a file is written: slow to import

    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(handle, mode)
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
    if sync_folder:
        sync_directory(path.parent)


def _mode_for(path: Path) -> int:
    """The mode the file has (a rewrite keeps it), or what the umask gives a new file
    (mkstemp's 0600 would lock other clerks of a shared folder out)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_replaces = [0]


def _before_replace_hook() -> None:
    """Fault injection for the reliability tests: abort between fsync and rename (of the
    first file, or with `before-replace:N` of the Nth file this process writes)."""
    fault = os.environ.get("PILOTLEDGER_FAULT", "")
    if fault == "before-replace":
        os._exit(70)
    if fault.startswith("before-replace:"):
        _replaces[0] += 1
        if str(_replaces[0]) == fault.partition(":")[2]:
            os._exit(70)


def sync_directory(directory: Path) -> None:
    _sync_one(directory)


def is_temporary(name: str) -> bool:
    """A name of the temporary file of one of our writes (left behind by a killed one)."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Delete temporary files left by a killed writer (call only while holding the lock)."""
    stale = sorted(directory.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()
    return stale
