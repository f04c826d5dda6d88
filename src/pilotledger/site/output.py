"""Putting a built site in a folder: only files whose bytes changed are written (atomically),
pages the build no longer makes are removed, and `Plan.stale` says what a write would change.
The only module of the site that touches files; evidence is read through store.files, the one
safe way to open a ledger file.

The folder remembers what the site put there in a manifest (`.pilotledger-site`), and only
files named in it are ever removed: pointing --output-dir at a folder that holds anything else
(the ledger, a home directory) is refused rather than emptied.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pilotledger.errors import UserError
from pilotledger.site.build import Site
from pilotledger.site.paths import EVIDENCE_DIR, is_evidence_path
from pilotledger.store.files import LedgerFileError, read_ledger_file

MANIFEST = ".pilotledger-site"
TEMP_PREFIX = ".pilotledger-site-"


@dataclass
class Plan:
    """What bringing the folder up to date takes."""

    write: dict[str, bytes] = field(default_factory=dict)  # site path → new bytes
    remove: list[str] = field(default_factory=list)

    @property
    def stale(self) -> list[str]:
        return sorted([*self.write, *self.remove])


def plan_update(site: Site, folder: Path, ledger_root: Path) -> Plan:
    previous = _manifest(folder)
    wanted = _wanted_files(site, ledger_root)
    wanted[MANIFEST] = _manifest_bytes(wanted)
    plan = Plan()
    for relative, content in wanted.items():
        if _read(folder / relative) != content:
            plan.write[relative] = content
    plan.remove = sorted(p for p in previous if p not in wanted and (folder / p).is_file())
    return plan


def apply(plan: Plan, folder: Path) -> None:
    """Write what changed (each file atomically), then remove stale pages and empty folders."""
    folder.mkdir(parents=True, exist_ok=True)
    touched: set[Path] = set()
    for relative, content in sorted(plan.write.items(), key=lambda item: item[0] == MANIFEST):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(target, content)
        touched.add(target.parent)
    for relative in plan.remove:
        with contextlib.suppress(FileNotFoundError):
            (folder / relative).unlink()
        _prune_empty(folder, (folder / relative).parent)
    for directory in touched:
        _fsync_directory(directory)


def refuse_foreign_folder(folder: Path) -> None:
    """A folder that exists, holds something, and was not made by `site` is not ours to fill."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"--output-dir: {folder} is a file, not a folder")
    if folder.is_dir() and not (folder / MANIFEST).is_file() and any(folder.iterdir()):
        raise UserError(
            f"--output-dir: {folder} is not empty and holds no {MANIFEST} (it was not made by "
            "`pilotledger site`); choose a new or empty folder"
        )


def stored_evidence(ledger_root: Path) -> frozenset[str]:
    """The evidence files the site may copy: regular files inside `<ledger>/evidence/`, as
    paths inside the ledger (a link leading out of the folder is not one of them)."""
    folder = ledger_root / EVIDENCE_DIR
    if not folder.is_dir():
        return frozenset()
    found = (p.relative_to(ledger_root).as_posix() for p in folder.rglob("*"))
    return frozenset(stored for stored in found if _ledger_file_path(ledger_root, stored))


def _wanted_files(site: Site, ledger_root: Path) -> dict[str, bytes]:
    wanted = {relative: page.encode("utf-8") for relative, page in site.pages.items()}
    for relative, stored in sorted(site.copies.items()):
        wanted[relative] = _evidence_bytes(ledger_root, stored)
    return wanted


def _evidence_bytes(ledger_root: Path, stored: str) -> bytes:
    """A stored evidence file's bytes, read the one safe way a ledger file is read (never a
    FIFO, never outside the ledger, never past the size cap)."""
    try:
        return read_ledger_file(ledger_root, ledger_root / stored)
    except LedgerFileError as problem:
        raise UserError(f"{stored}: {problem.message}; the site was not written") from None


def _ledger_file_path(ledger_root: Path, stored: str) -> Path | None:
    """The file, if `stored` names a regular file inside the ledger's evidence folder."""
    if not is_evidence_path(stored):
        return None
    path = ledger_root / stored
    try:
        inside = path.resolve().is_relative_to((ledger_root / EVIDENCE_DIR).resolve())
        return path if inside and stat.S_ISREG(path.stat().st_mode) else None
    except OSError:
        return None


def _manifest_bytes(wanted: dict[str, bytes]) -> bytes:
    return "".join(f"{relative}\n" for relative in sorted(wanted)).encode("utf-8")


def _manifest(folder: Path) -> list[str]:
    """The paths a previous build wrote; anything that could leave the folder is ignored."""
    content = _read(folder / MANIFEST)
    if content is None:
        return []
    listed = content.decode("utf-8", errors="replace").splitlines()
    return [
        p
        for p in listed
        if p and not p.startswith("/") and ".." not in p.split("/") and "\\" not in p
    ]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _write_atomic(path: Path, content: bytes) -> None:
    """Temp file in the same folder, fsync, os.replace: readers see the old page or the new.
    A new page gets the user's umask (mkstemp would make it 0600); a rewritten one keeps its mode.
    """
    mode = _mode_for(path)
    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(content)
            temp.flush()
            if hasattr(os, "fchmod"):  # not on Windows, where the mode means little
                os.fchmod(temp.fileno(), mode)
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _prune_empty(root: Path, directory: Path) -> None:
    while directory != root and directory.is_relative_to(root):
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
