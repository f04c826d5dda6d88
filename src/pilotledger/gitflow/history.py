"""What changed since a revision: record changes (added, edited, removed), the append-only
check (`check --since`), registry changes, and the range `review` compares."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from pilotledger.errors import Problem, UserError, ValidationFailed, YamlProblem
from pilotledger.gitflow import as_text, blobs, git, git_paths, repo_root, run_git
from pilotledger.gitflow.staged import revision_ledger
from pilotledger.model import Ledger
from pilotledger.registry_change import RegistryEffect, registry_effects
from pilotledger.store import load, load_readable, load_registries
from pilotledger.store.files import LedgerFileError, decode, read_ledger_file
from pilotledger.store.loader import PROGRESS_DIR, TASKS_FILE, UNITS_FILE, progress_files
from pilotledger.store.yamlio import load_data, locate
from pilotledger.validation import MONTH_FILE
from pilotledger.wording import Message

# ---- changes since a revision: check --since and review -------------------------------------


@dataclass
class RecordChange:
    file: str
    record_id: str
    kind: str  # "added" | "edited" | "removed"
    fields: list[str] = field(default_factory=list)
    value: dict | None = None
    old: dict | None = None  # an edited record as it was at the base


def _at_revision(repo: Path, rev: str, ledger: Path) -> dict[str, str]:
    """Month file name → its text at `rev` (files under the ledger's progress/)."""
    prefix = (ledger.resolve() / PROGRESS_DIR).relative_to(repo.resolve()).as_posix()
    if not git("rev-parse", "--verify", "--quiet", rev, cwd=repo, check=False).strip():
        raise UserError(Message("unknown_revision", rev=rev))
    names = git_paths("ls-tree", "-r", "-z", "--name-only", rev, "--", prefix + "/", cwd=repo)
    months = [name for name in names if MONTH_FILE.match(name.rsplit("/", 1)[-1])]
    raws = blobs(repo, [f"{rev}:{name}" for name in months])  # one git process for all
    return {
        f"{PROGRESS_DIR}/{name.rsplit('/', 1)[-1]}": _month_text(raw)
        for name, raw in zip(months, raws, strict=True)
    }


def _now(ledger: Path) -> dict[str, str]:
    texts = {}
    for path in progress_files(ledger):
        texts[f"{PROGRESS_DIR}/{path.name}"] = _month_text(read_ledger_file(ledger, path))
    return texts


def _month_text(raw: bytes) -> str:
    """A month file's text as the loader decodes it, at a revision or on disk ("" if it is no
    UTF-8: `check` reports that file on its own)."""
    try:
        return decode(raw)
    except YamlProblem:
        return ""


def _records_by_id(texts: dict[str, str]) -> dict[str, tuple[str, dict]]:
    found = {}
    for name, text in texts.items():
        try:
            values = load_data(text) or []
        except YamlProblem:
            continue
        for value in values if isinstance(values, list) else []:
            if isinstance(value, dict) and "id" in value:
                found.setdefault(str(value["id"]), (name, value))
    return found


def changes_since(
    ledger: Path, rev: str, current: Path | None = None, target: str | None = None
) -> list[RecordChange]:
    """Records added, edited or removed between `rev` and the files in `current` (default:
    the ledger's work tree; the pre-commit check passes the staged tree), or the revision
    `target` when one is given (a review of a range)."""
    repo = repo_root(ledger)
    if repo is None:
        raise UserError(Message("not_in_git", path=ledger))
    before = _records_by_id(_at_revision(repo, rev, ledger))
    after = _records_by_id(
        _at_revision(repo, target, ledger) if target else _now(current or ledger)
    )
    changes = []
    for record_id, (name, old) in before.items():
        if record_id not in after:
            changes.append(RecordChange(name, record_id, "removed", value=old))
        else:
            new_name, new = after[record_id]
            moved = ["(file)"] if new_name != name else []
            differing = moved + sorted(
                k for k in old.keys() | new.keys() if old.get(k) != new.get(k)
            )
            if differing:
                changes.append(RecordChange(new_name, record_id, "edited", differing, new, old))
    for record_id, (name, new) in after.items():
        if record_id not in before:
            changes.append(RecordChange(name, record_id, "added", value=new))
    return changes


def rewrite_problems(ledger: Path, rev: str, current: Path | None = None) -> list[Problem]:
    """Edited or removed records since `rev`, as Problems placed in the current files."""
    problems = []
    for change in changes_since(ledger, rev, current):
        if change.kind == "added":
            continue
        path = ledger / change.file
        source = (current or ledger) / change.file
        if change.kind == "removed":
            line, col = 1, 1
            message = Message("record_removed", id=change.record_id, rev=rev)
        else:
            text = decode(read_ledger_file(current or ledger, source))
            index = _index_of(text, change.record_id)
            line, col = locate(text, (index,)) if index is not None else (1, 1)
            message = Message("record_edited", id=change.record_id, rev=rev, fields=change.fields)
        problems.append(Problem(path.as_posix(), line, col, message))
    return sorted(problems)


def _index_of(text: str, record_id: str) -> int | None:
    values = load_data(text) or []
    return next(
        (i for i, v in enumerate(values) if isinstance(v, dict) and str(v.get("id")) == record_id),
        None,
    )


def registry_changes(ledger: Path, rev: str, target: str | None = None) -> list[str]:
    """Which registry files differ between `rev` and `target` (None: the working tree), with a
    short word on what changed."""
    repo = repo_root(ledger)
    changed = []
    revisions = [rev] if target is None else [rev, target]
    for name in (TASKS_FILE, UNITS_FILE):
        rel = (ledger.resolve() / name).relative_to(repo.resolve()).as_posix()
        diff = git("diff", "--stat", *revisions, "--", rel, cwd=repo, check=False).strip()
        if diff:
            changed.append(diff.splitlines()[0].strip())
    return changed


REGISTRY_FILES = (TASKS_FILE, UNITS_FILE)


def registry_effects_since(
    ledger: Path, rev: str, current: Ledger, current_root: Path, as_of: dt.date
) -> list[RegistryEffect]:
    """What the registries of `current` (read from `current_root`: the work tree, the staged
    tree or a revision's) do to the judgments of `as_of` against those of `rev`, over
    `current`'s records (registry_change.py). Nothing when the registry files are byte for
    byte those of `rev`, or `rev` holds no valid registries (nothing to compare with)."""
    with revision_ledger(ledger, rev, REGISTRY_FILES) as tree:
        if all(_same_bytes(tree / name, current_root / name) for name in REGISTRY_FILES):
            return []
        try:
            before = load_registries(tree)
        except ValidationFailed:
            return []
    return registry_effects(before, current, as_of)


def judgments_in_range(ledger: Path, chosen: ReviewRange, as_of: dt.date) -> list[RegistryEffect]:
    """What `review`'s range does to past judgments through its registry changes: the base's
    registries against the target's (the work tree's when the range ends there), over the
    target's records (a broken record left out, as every reading command does)."""
    if chosen.target is None:
        current, _ = load_readable(ledger)
        return registry_effects_since(ledger, chosen.base, current, ledger, as_of)
    with revision_ledger(ledger, chosen.target) as tree:
        loaded = load(tree)
        if loaded.ledger is None:
            return []
        return registry_effects_since(ledger, chosen.base, loaded.ledger, tree, as_of)


def _same_bytes(old: Path, new: Path) -> bool:
    if not old.is_file():
        return False
    try:
        return old.read_bytes() == read_ledger_file(new.parent, new)
    except LedgerFileError:
        return False


def default_review_base(ledger: Path) -> str:
    repo = repo_root(ledger)
    if repo is None:
        raise UserError(Message("not_in_git", path=ledger))
    has_parent = (
        run_git("rev-parse", "--verify", "--quiet", "HEAD~1", cwd=repo, check=False)[0] == 0
    )
    return "HEAD~1" if has_parent else _empty_tree(repo)


def _empty_tree(repo: Path) -> str:
    return git("hash-object", "-t", "tree", os.devnull, cwd=repo).strip()


MERGE_SHOWN = "HEAD^@"  # how a review of the merge HEAD names its range (views/review.py words it)
PULL_SHOWN = "ORIG_HEAD..HEAD"  # a review of what the last (fast-forward) pull brought


@dataclass(frozen=True)
class ReviewRange:
    """What `review` compares: the base revision, the target (None: the working tree), and
    how to name the range to the reader."""

    base: str
    target: str | None
    shown: str


def review_range(ledger: Path, rev: str | None) -> ReviewRange:
    """The range `review [REV]` means.

    No REV: the last commit; when it is a merge, from the merge base of all its parents, so
    everything the merge brought in from every side is shown; right after a fast-forward pull,
    from where HEAD stood before it (ORIG_HEAD: pulled_from), so every commit it brought is.
    `A..B`: from the merge base of A and B to B. A plain REV: from the merge base of REV and
    HEAD to the working tree (REV itself when it is an ancestor), so records that only REV's
    side has are never "removed"."""
    repo = repo_root(ledger)
    if repo is None:
        raise UserError(Message("not_in_git", path=ledger))
    if rev is not None and ".." in rev:
        start, _, end = rev.partition("..")
        end = end or "HEAD"
        return ReviewRange(_merge_base(repo, [start or "HEAD", end]), end, rev)
    if rev is not None:
        return ReviewRange(_merge_base(repo, [rev, "HEAD"]), None, rev)
    parents = _parents(repo, "HEAD")
    if len(parents) > 1:
        return ReviewRange(_merge_base(repo, parents), None, MERGE_SHOWN)
    pulled = pulled_from(repo)
    if pulled is not None:
        return ReviewRange(pulled, None, PULL_SHOWN)
    return ReviewRange(default_review_base(ledger), None, "HEAD~1")


def pulled_from(repo: Path) -> str | None:
    """Where HEAD stood before the pull (or merge) that last moved it, when that move was a
    fast-forward: ORIG_HEAD, when it is HEAD's previous place in the reflog (nothing has
    moved HEAD since: no commit, reset or checkout after the pull) and a proper ancestor of
    HEAD. None otherwise (no ORIG_HEAD, no reflog, or HEAD moved on since)."""
    orig, head, previous = (_commit_id(repo, rev) for rev in ("ORIG_HEAD", "HEAD", "HEAD@{1}"))
    if orig is None or orig == head or orig != previous:
        return None
    ancestor = run_git("merge-base", "--is-ancestor", orig, head, cwd=repo, check=False)[0] == 0
    return orig if ancestor else None


def _commit_id(repo: Path, rev: str) -> str | None:
    found = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=repo, check=False)
    return found.strip() or None


def _parents(repo: Path, rev: str) -> list[str]:
    status, out = run_git("rev-list", "--parents", "-n", "1", rev, cwd=repo, check=False)
    return as_text(out).split()[1:] if status == 0 else []


def _merge_base(repo: Path, revs: list[str]) -> str:
    for rev in revs:
        if not git(
            "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=repo, check=False
        ).strip():
            raise UserError(Message("unknown_revision", rev=rev))
    base = git("merge-base", "--octopus", *revs, cwd=repo, check=False).strip()
    return base or _empty_tree(repo)


def records_at(ledger: Path, target: str | None) -> dict[str, dict]:
    """Record id → record (plain values) at `target`, or in the working tree when None."""
    repo = repo_root(ledger)
    texts = _now(ledger) if target is None or repo is None else _at_revision(repo, target, ledger)
    return {record_id: value for record_id, (_, value) in _records_by_id(texts).items()}
