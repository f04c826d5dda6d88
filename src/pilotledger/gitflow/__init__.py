"""Working through git: the one git runner (run_git), what the rest of gitflow shares (the
merge driver's name, quoting for a shell, whether a path is in a repository). Raises UserError
when git fails. Its modules each own one job: setup (init, git-setup, the hook), merge (the
month-file merge driver), staged (the ledger as git's index holds it), history (what changed
since a revision: the append-only check and review). `check` gathers its problems in
pilotledger.ledger_check, above this package.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from pilotledger.errors import UserError
from pilotledger.store.loader import PROGRESS_DIR
from pilotledger.wording import Message

DRIVER_NAME = "pilotledger"

# What a repository's own configuration must not make our git runs do: start an fsmonitor
# command (a copied .git/config would run it on `check`), run a hook of a hooks folder it
# names, or collect garbage in the middle of a command. Filters and textconv are never asked
# for: blobs are read raw (`cat-file`, `show REV:PATH`), never checked out.
QUIET_CONFIG = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    f"core.hooksPath={os.devnull}",
    "-c",
    "gc.auto=0",
)


def run_git(
    *args: str, cwd: Path, check: bool = True, stdin: bytes | None = None
) -> tuple[int, bytes]:
    """The one git runner: (exit status, stdout bytes); UserError when git fails and `check`."""
    if shutil.which("git") is None:
        raise UserError(Message("git_missing"))
    done = subprocess.run(["git", *QUIET_CONFIG, *args], cwd=cwd, capture_output=True, input=stdin)
    if check and done.returncode != 0:
        said = as_text(done.stderr or done.stdout).strip()
        raise UserError(Message("git_failed", command=" ".join(args), output=said))
    return done.returncode, done.stdout


def git(*args: str, cwd: Path, check: bool = True, stdin: bytes | None = None) -> str:
    """git's output as text."""
    return as_text(run_git(*args, cwd=cwd, check=check, stdin=stdin)[1])


def as_text(output: bytes) -> str:
    """git's bytes as text, the one way: UTF-8, a byte that is not UTF-8 shows as U+FFFD."""
    return output.decode("utf-8", errors="replace")


def as_path_text(output: bytes) -> str:
    """A path git printed, as Python holds file names: bytes that are not UTF-8 (a GBK folder
    name from a Windows zip) survive as surrogates, so the path still opens."""
    return os.fsdecode(output)


def git_paths(*args: str, cwd: Path) -> list[str]:
    """The NUL-separated paths a git command prints with `-z` (given in `args`)."""
    return [name for name in as_path_text(run_git(*args, cwd=cwd)[1]).split("\0") if name]


def blobs(repo: Path, specs: list[str]) -> list[bytes]:
    """The content of each `rev:path` by one `cat-file --batch` (b"" for one that is missing)."""
    if not specs:
        return []
    asked = b"".join(os.fsencode(spec) + b"\n" for spec in specs)
    out = run_git("cat-file", "--batch", cwd=repo, stdin=asked)[1]
    found, at = [], 0
    for _ in specs:
        header_end = out.index(b"\n", at)
        header = out[at:header_end]
        if header.endswith(b" missing"):  # `<spec> missing`: the file is not in that commit
            found.append(b"")
            at = header_end + 1
            continue
        size = int(header.split()[-1])  # `<id> blob <size>`
        found.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return found


# What git's search for the repository of a folder reads besides the folders themselves.
DISCOVERY_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_CEILING_DIRECTORIES",
    "GIT_DISCOVERY_ACROSS_FILESYSTEM",
)
# folder (resolved) and DISCOVERY_ENV's values → (its work tree's top folder or None, the
# `.git` entries git's search passed: see _git_entries)
_ROOTS: dict[tuple, tuple[Path | None, tuple[bool, ...]]] = {}


def repo_root(path: Path) -> Path | None:
    """The top folder of the work tree `path` is in, None when it is in none. git is asked
    once per folder: a command asks for the same ledger's many times (review: seven). The
    answer is kept while the `.git` entries git's search looked at (from the folder up to the
    top folder, or up to / when there was none) are as they were: a repository made or
    removed on the way since is asked about again."""
    if shutil.which("git") is None or not path.exists():
        return None
    folder = path.resolve()
    key = (folder, *(os.environ.get(name) for name in DISCOVERY_ENV))
    known = _ROOTS.get(key)
    if known is not None and _git_entries(folder, known[0]) == known[1]:
        return known[0]
    status, out = run_git("rev-parse", "--show-toplevel", cwd=path, check=False)
    root = Path(as_path_text(out).rstrip("\n")) if status == 0 else None
    _ROOTS[key] = (root, _git_entries(folder, root))
    return root


def _git_entries(folder: Path, root: Path | None) -> tuple[bool, ...]:
    """Whether each of `folder` and its parents, up to `root` (all of them without one), holds
    a `.git`: what decides which repository git finds from `folder`."""
    chain = [folder, *folder.parents]
    if root is not None and root in chain:
        chain = chain[: chain.index(root) + 1]
    return tuple(os.path.lexists(place / ".git") for place in chain)


def shell_words(*words: str) -> str:
    """The one place that quotes for a POSIX shell (hook scripts, git's driver command line):
    a path such as `led$(touch x)ger` stays one inert word."""
    return " ".join(shlex.quote(word) for word in words)


def driver_command() -> str:
    """How git should call us: this Python, so it works from a venv without activating it."""
    return f"{shell_words(sys.executable, '-m', 'pilotledger', 'merge-driver')} %O %A %B %P"


def driver_configured(repo: Path) -> bool:
    return bool(
        git("config", "--get", f"merge.{DRIVER_NAME}.driver", cwd=repo, check=False).strip()
    )


def attributes_line(repo: Path, ledger: Path) -> str:
    progress = (ledger.resolve() / PROGRESS_DIR).relative_to(repo.resolve()).as_posix()
    return f"{progress}/*.yaml merge={DRIVER_NAME}"


def in_a_repository(path: Path) -> bool:
    """A cheap test (no process) for whether `path` may be inside a git work tree."""
    return any((folder / ".git").exists() for folder in (path, *path.resolve().parents))


def ledger_commit(root: Path) -> tuple[str | None, bool]:
    """(commit, uncommitted): the commit the ledger at `root` stands on and whether its files
    differ from it (changed, added or removed, not yet committed); (None, False) when the
    ledger is in no git repository or the repository has no commit yet. What a document
    says it was made from."""
    if not in_a_repository(root) or shutil.which("git") is None:
        return None, False
    status, out = run_git("rev-parse", "--verify", "--quiet", "HEAD", cwd=root, check=False)
    if status != 0:
        return None, False
    changes = git(
        "status", "--porcelain", "--untracked-files=all", "--", ".", cwd=root, check=False
    )
    return as_text(out).strip(), bool(changes.strip())
