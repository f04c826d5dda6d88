"""The ledger as git's index holds it (what a commit would record): what `check --staged`
(the pre-commit hook) reads."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pilotledger.errors import UserError
from pilotledger.gitflow import git, repo_root, run_git
from pilotledger.messages import Message
from pilotledger.store.files import WORK_DIR

# ---- the staged ledger: what the pre-commit check reads --------------------------------------


@contextmanager
def staged_ledger(ledger: Path) -> Iterator[Path]:
    """The ledger as git's index holds it (what a commit would record), checked out into a
    temporary folder for the duration: the pre-commit check judges that, never the work tree."""
    repo = repo_root(ledger)
    if repo is None:
        raise UserError(Message("not_in_git", path=ledger))
    prefix = ledger.resolve().relative_to(repo.resolve()).as_posix()
    inside = "" if prefix == "." else prefix
    listed = git("ls-files", "-z", "--", inside or ".", cwd=repo).split("\0")
    names = [name for name in listed if name and WORK_DIR not in Path(name).parts]
    with tempfile.TemporaryDirectory(prefix="pilotledger-staged-") as folder:
        if names:
            run_git(
                "checkout-index",
                f"--prefix={folder}/",
                "-z",
                "--stdin",
                cwd=repo,
                stdin="\0".join(names).encode("utf-8"),
            )
        staged = Path(folder) / inside if inside else Path(folder)
        staged.mkdir(parents=True, exist_ok=True)
        yield staged
