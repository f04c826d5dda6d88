"""What the trust-boundary tests share: a mini ledger in git, hand-written records, snapshots."""

from __future__ import annotations

from pathlib import Path

from helpers.cli import record_args
from helpers.git import git

FIELDS = dict(unit="commerce", status="in_progress", progress=20, summary="已对接")
RECORD = record_args(**FIELDS)


def record_with(**changes: str) -> list[str]:
    """RECORD with some of its options changed."""
    return record_args(**{**FIELDS, **changes})


def block(
    rid: str,
    task: int = 1,
    date: str = "2022-03-15",
    unit: str = "commerce",
    status: str = "in_progress",
    summary: str = "进展",
    extra: str = "",
) -> str:
    """One hand-written record as a list item (extra: more `  key: value` lines)."""
    return (
        f"- id: {rid}\n  task: {task}\n  date: {date}\n  unit: {unit}\n  status: {status}\n"
        f"  summary: {summary}\n{extra}  recorded_at: {date} 18:00:00+08:00\n"
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".cache" not in p.parts and ".git" not in p.parts
    }


def in_git(root: Path) -> Path:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "ledger")
    return root
