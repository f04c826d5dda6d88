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
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pilotledger.site.build import Site
from pilotledger.site.paths import EVIDENCE_DIR, is_evidence_path
from pilotledger.store.files import (
    LedgerFileError,
    is_temporary,
    read_ledger_file,
    read_regular,
    sync_paths,
    write_output,
    write_outputs,
)
from pilotledger.wording import user_error

MANIFEST = ".pilotledger-site"


@dataclass
class Plan:
    """What bringing the folder up to date takes."""

    write: dict[str, bytes] = field(default_factory=dict)  # site path → new bytes
    remove: list[str] = field(default_factory=list)
    # Written before anything else: the manifest naming every file the folder may hold once
    # this update is done or while it is half done (a build killed midway, even the first,
    # leaves a folder the next run recognises as its own and finishes).
    claim: bytes = b""

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
    plan.claim = _manifest_bytes(dict.fromkeys(p for p in [*previous, *wanted] if p != MANIFEST))
    return plan


def apply(plan: Plan, folder: Path, ledger_root: Path | None = None) -> None:
    """Write what changed (each file through the one output writer: atomically, never over a
    ledger file, never into a FIFO or through a link), then remove stale pages and empty
    folders."""
    folder.mkdir(parents=True, exist_ok=True)
    touched: set[Path] = {folder}
    if MANIFEST in plan.write and plan.claim != _read(folder / MANIFEST):
        write_output(ledger_root, folder / MANIFEST, lambda temp: temp.write_bytes(plan.claim))
    pages = [(folder / relative, content) for relative, content in sorted(plan.write.items())]
    for target, _ in pages:
        target.parent.mkdir(parents=True, exist_ok=True)
        touched.add(target.parent)
    # the manifest last: it names the pages as written
    write_outputs(ledger_root, sorted(pages, key=lambda page: page[0] == folder / MANIFEST))
    for relative in plan.remove:
        with contextlib.suppress(FileNotFoundError):
            (folder / relative).unlink()
        _prune_empty(folder, (folder / relative).parent)
    sync_paths(sorted(touched))


def refuse_foreign_folder(folder: Path) -> None:
    """A folder that exists, holds something, and was not made by `site` is not ours to fill."""
    if folder.exists() and not folder.is_dir():
        raise user_error("site_output_is_file", folder=folder)
    if folder.is_dir() and not (folder / MANIFEST).is_file() and _holds_anything(folder):
        raise user_error("site_output_foreign", folder=folder, manifest=MANIFEST)


def _holds_anything(folder: Path) -> bool:
    """Anything but the temporary file of a write killed before its rename."""
    return any(not is_temporary(entry.name) for entry in folder.iterdir())


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
        words = {"stored": stored, "problem": problem.message}
        raise user_error("site_evidence_unreadable", **words) from None


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
    """A page's current bytes through the safe reader (a FIFO or device there is None: it is
    then written, and the writer refuses it)."""
    try:
        return read_regular(path, follow_links=False)
    except LedgerFileError:
        return None


def _prune_empty(root: Path, directory: Path) -> None:
    while directory != root and directory.is_relative_to(root):
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent
