"""The ledger as git's index holds it (what a commit would record): what `check --staged`
(the pre-commit hook) reads."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pilotledger.errors import UserError
from pilotledger.gitflow import git_paths, repo_root, run_git
from pilotledger.store.files import WORK_DIR
from pilotledger.store.loader import TASKS_FILE, UNITS_FILE
from pilotledger.wording import Message

# ---- the staged ledger: what the pre-commit check reads --------------------------------------


@contextmanager
def staged_ledger(ledger: Path) -> Iterator[Path]:
    """The ledger as git's index holds it (what a commit would record), written into a
    temporary folder for the duration: the pre-commit check judges that, never the work tree.
    Each blob is written as git stores it: no smudge filter or line-end conversion of the
    repository's configuration runs (`git checkout-index` would run them)."""
    repo = repo_root(ledger)
    if repo is None:
        raise UserError(Message("not_in_git", path=ledger))
    prefix = ledger.resolve().relative_to(repo.resolve()).as_posix()
    inside = "" if prefix == "." else prefix
    entries = [
        _entry(line) for line in git_paths("ls-files", "-s", "-z", "--", inside or ".", cwd=repo)
    ]
    entries = [entry for entry in entries if WORK_DIR not in Path(entry[2]).parts]
    with tempfile.TemporaryDirectory(prefix="pilotledger-staged-") as folder:
        _write_blobs(repo, Path(folder), entries)
        staged = Path(folder) / inside if inside else Path(folder)
        staged.mkdir(parents=True, exist_ok=True)
        yield staged


@contextmanager
def revision_ledger(ledger: Path, rev: str, names: tuple[str, ...] = ()) -> Iterator[Path]:
    """The ledger as commit `rev` holds it (only the files `names`, relative to the ledger,
    when given), written into a temporary folder for the duration, each blob as git stores it
    (as staged_ledger does). `rev` must name a commit."""
    repo = repo_root(ledger)
    if repo is None:
        raise UserError(Message("not_in_git", path=ledger))
    prefix = ledger.resolve().relative_to(repo.resolve()).as_posix()
    inside = "" if prefix == "." else prefix
    wanted = [f"{inside}/{name}" if inside else name for name in names] or [inside or "."]
    listed = git_paths("ls-tree", "-r", "-z", "--full-tree", rev, "--", *wanted, cwd=repo)
    entries = [_tree_entry(line) for line in listed]
    entries = [entry for entry in entries if WORK_DIR not in Path(entry[2]).parts]
    with tempfile.TemporaryDirectory(prefix="pilotledger-revision-") as folder:
        _write_blobs(repo, Path(folder), entries)
        at = Path(folder) / inside if inside else Path(folder)
        at.mkdir(parents=True, exist_ok=True)
        yield at


def _tree_entry(line: str) -> tuple[str, str, str]:
    """(mode, blob id, path) of one `ls-tree` line (`mode type id\tpath`)."""
    fields, _, name = line.partition("\t")
    mode, _kind, blob = fields.split()
    return mode, blob, name


def _entry(line: str) -> tuple[str, str, str]:
    """(mode, blob id, path) of one `ls-files -s` line (`mode id stage\tpath`)."""
    fields, _, name = line.partition("\t")
    mode, blob, _stage = fields.split()
    return mode, blob, name


def _write_blobs(repo: Path, folder: Path, entries: list[tuple[str, str, str]]) -> None:
    """Every entry's blob, read raw by one `cat-file --batch`, written under `folder`."""
    wanted = [entry for entry in entries if entry[0] in ("100644", "100755", "120000")]
    if not wanted:
        return
    ids = "".join(f"{blob}\n" for _, blob, _ in wanted).encode("ascii")
    out = run_git("cat-file", "--batch", cwd=repo, stdin=ids)[1]
    at = 0
    for mode, _, name in wanted:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        content = out[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            os.symlink(os.fsdecode(content), target)
        else:
            target.write_bytes(content)


# ---- every ledger a commit touches: what the pre-commit hook checks ---------------------------


def touched_ledgers(ledger: Path) -> list[Path]:
    """The other ledgers of `ledger`'s repository (folders whose tasks.yaml and units.yaml
    are staged) holding a path the next commit changes: the hook checks each of them too."""
    repo = repo_root(ledger)
    if repo is None:
        return []
    staged = git_paths("ls-files", "-z", cwd=repo)
    has_head = run_git("rev-parse", "--verify", "--quiet", "HEAD", cwd=repo, check=False)[0] == 0
    changed = (
        git_paths("diff", "--cached", "--name-only", "--no-renames", "-z", "HEAD", cwd=repo)
        if has_head
        else staged
    )
    names = set(staged)
    folders = {
        str(Path(name).parent)
        for name in staged
        if Path(name).name == TASKS_FILE and str(Path(name).with_name(UNITS_FILE)) in names
    }
    touched = {
        folder for name in changed for folder in map(str, Path(name).parents) if folder in folders
    }
    own = ledger.resolve()
    found = [repo / folder if folder != "." else repo for folder in sorted(touched)]
    return [path for path in found if path.resolve() != own]
