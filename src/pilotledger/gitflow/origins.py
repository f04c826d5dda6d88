"""Where each record a review shows came from: the commit that added it, its author, and for a
merge which side (parent) brought it in — so a reviewer of a pull sees which clerk's copy each
record was made in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pilotledger.errors import YamlProblem
from pilotledger.gitflow import as_path_text, as_text, blobs, git, repo_root, run_git
from pilotledger.store.files import decode
from pilotledger.store.loader import PROGRESS_DIR
from pilotledger.store.yamlio import load_data
from pilotledger.validation import MONTH_FILE


@dataclass(frozen=True)
class RecordOrigin:
    """The commit that added a record (short id), its author, and on a review of a merge the
    side it came from: 1 for the merge's first parent (the merging copy), 2 and on for the side
    merged in; None when the range is no merge."""

    commit: str
    author: str
    side: int | None = None


@dataclass(frozen=True)
class _Commit:
    full: str
    short: str
    author: str
    first_parent: str | None
    month_files: tuple[str, ...]


def record_origins(
    ledger: Path,
    base: str,
    head: str = "HEAD",
    sides: list[str] | None = None,
    wanted: set[str] | None = None,
) -> dict[str, RecordOrigin]:
    """Record id → the first commit of `base..head` (every commit of `head` when `base` names
    no commit) that added it to a month file of the ledger, with its author; `sides` (a merge's
    parents, in order) tells which side each commit is on. Only the ids `wanted` are looked
    for: a month file is parsed only in a commit whose version holds one of them as text, and
    the walk stops once all are found (the files of COMMITS_READ_AT_ONCE commits read by two
    git processes)."""
    repo = repo_root(ledger)
    if repo is None or not wanted:
        return {}
    prefix = (ledger.resolve() / PROGRESS_DIR).relative_to(repo.resolve()).as_posix()
    base_commit = base if _is_commit(repo, base) else None
    commits = _commits(repo, [f"{base}..{head}"] if base_commit else [head], prefix)
    side_of = _sides(repo, base_commit, sides) if sides and len(sides) > 1 else {}
    origins: dict[str, RecordOrigin] = {}
    missing = set(wanted)
    for start in range(0, len(commits), COMMITS_READ_AT_ONCE):
        if not missing:
            break
        chunk = commits[start : start + COMMITS_READ_AT_ONCE]
        for commit, added in zip(chunk, _added_ids(repo, chunk, missing), strict=True):
            for record_id in added:
                if record_id in missing:  # an earlier commit of the chunk added it first
                    origin = RecordOrigin(commit.short, commit.author, side_of.get(commit.full))
                    origins[record_id] = origin
                    missing.discard(record_id)
    return origins


# Commits whose month files one `cat-file --batch` reads: a few processes for a long range,
# and no more of it in memory at once.
COMMITS_READ_AT_ONCE = 64


def _is_commit(repo: Path, rev: str) -> bool:
    found = run_git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=repo, check=False)
    return found[0] == 0


def _commits(repo: Path, span: list[str], prefix: str) -> list[_Commit]:
    """The commits of `span` (merges left out: a merge adds no record of its own) that touch
    the ledger's month files, oldest first, each with the month files it touched."""
    status, out = run_git(
        "log",
        "--no-merges",
        "--full-history",
        "--reverse",
        "-z",
        "--name-only",
        "--format=%x1e%H%x1f%h%x1f%an%x1f%P",
        *span,
        "--",
        prefix + "/",
        cwd=repo,
        check=False,
    )
    if status != 0:  # no commit yet
        return []
    commits = []
    for chunk in as_path_text(out).split("\x1e")[1:]:
        header, _, names = chunk.partition("\0")
        full, short, author, parents = header.split("\x1f")
        months = tuple(
            name
            for name in names.strip("\n").split("\0")
            if name.startswith(prefix + "/") and MONTH_FILE.match(name.rsplit("/", 1)[-1])
        )
        first = parents.split()[0] if parents.split() else None
        commits.append(_Commit(full, short, author, first, months))
    return commits


def _added_ids(repo: Path, commits: list[_Commit], looked_for: set[str]) -> list[list[str]]:
    """For each commit, the ids of `looked_for` in the month files it touched that its first
    parent's versions lacked (a file is parsed only when it holds one of them as text); the
    versions of all of them read by one `cat-file --batch`, their parents' by another."""
    specs = [(commit, name) for commit in commits for name in commit.month_files]
    after = blobs(repo, [f"{commit.full}:{name}" for commit, name in specs])
    holding = [
        (commit, name, blob)
        for (commit, name), blob in zip(specs, after, strict=True)
        if any(record_id.encode() in blob for record_id in looked_for)
    ]
    with_parent = [(commit, name) for commit, name, _ in holding if commit.first_parent]
    before_blobs = blobs(repo, [f"{commit.first_parent}:{name}" for commit, name in with_parent])
    before = dict(zip(with_parent, before_blobs, strict=True))
    added: dict[str, list[str]] = {commit.full: [] for commit in commits}
    lacked: dict[str, set[str]] = {}  # commit → the ids its first parent's versions held
    for commit, name, _ in holding:
        lacked.setdefault(commit.full, set()).update(_ids(before.get((commit, name), b"")))
    for commit, _, blob in holding:
        added[commit.full] += [
            record_id
            for record_id in _ids(blob)
            if record_id in looked_for and record_id not in lacked[commit.full]
        ]
    return [added[commit.full] for commit in commits]


def _ids(raw: bytes) -> list[str]:
    try:
        values = load_data(decode(raw)) if raw else []
    except YamlProblem:
        return []
    listed = values if isinstance(values, list) else []
    return [str(value["id"]) for value in listed if isinstance(value, dict) and "id" in value]


def _sides(repo: Path, base: str | None, parents: list[str]) -> dict[str, int]:
    """Commit → the side (1-based parent) it was made on; a commit on several, the first
    (`base`: the commit the sides start from, None for none)."""
    side_of: dict[str, int] = {}
    for number, parent in enumerate(parents, start=1):
        span = [parent, f"^{base}"] if base else [parent]
        for full in as_text(run_git("rev-list", *span, cwd=repo)[1]).split():
            side_of.setdefault(full, number)
    return side_of


def merge_parents(ledger: Path, rev: str = "HEAD") -> list[str]:
    """The parents of `rev` (more than one: a merge)."""
    repo = repo_root(ledger)
    if repo is None:
        return []
    found = git("rev-list", "--parents", "-n", "1", rev, cwd=repo, check=False)
    return found.split()[1:]
