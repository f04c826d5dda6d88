"""Working through git: new ledgers, the month-file merge driver, the append-only check,
what changed since a revision, and the whole of `check` (the files on disk or as staged, edits
since a revision, evidence, the trust boundary, whether .gitattributes asks for a driver this
clone lacks). Runs `git` through one runner (run_git); raises UserError when it fails.

The merge driver merges additions by record id: every record added on either side is kept
(ours first, then theirs in their order); a record that existed in the common ancestor and
was changed or removed on either side is a conflict, never a silent pick.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pilotledger.checks import MONTH_FILE
from pilotledger.errors import Problem, UserError, YamlProblem
from pilotledger.messages import Message
from pilotledger.store.files import WORK_DIR, atomic_write, current_umask, decode
from pilotledger.store.loader import PROGRESS_DIR, TASKS_FILE, UNITS_FILE

DRIVER_NAME = "pilotledger"
INITIAL_BRANCH = "main"
HOOK_MARKER = "# pilotledger pre-commit hook"
BUNDLED = Path(__file__).resolve().parent / "bundled"


def run_git(
    *args: str, cwd: Path, check: bool = True, stdin: bytes | None = None
) -> tuple[int, bytes]:
    """The one git runner: (exit status, stdout bytes); UserError when git fails and `check`."""
    if shutil.which("git") is None:
        raise UserError(Message("git_missing"))
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, input=stdin)
    if check and done.returncode != 0:
        said = _text(done.stderr or done.stdout).strip()
        raise UserError(Message("git_failed", command=" ".join(args), output=said))
    return done.returncode, done.stdout


def git(*args: str, cwd: Path, check: bool = True, stdin: bytes | None = None) -> str:
    """git's output as text."""
    return _text(run_git(*args, cwd=cwd, check=check, stdin=stdin)[1])


def _text(output: bytes) -> str:
    """git's bytes as text, the one way: UTF-8, a byte that is not UTF-8 shows as U+FFFD."""
    return output.decode("utf-8", errors="replace")


def repo_root(path: Path) -> Path | None:
    if shutil.which("git") is None or not path.exists():
        return None
    status, out = run_git("rev-parse", "--show-toplevel", cwd=path, check=False)
    return Path(_text(out).strip()) if status == 0 else None


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


def tracked_cache_problems(ledger: Path) -> list[Problem]:
    """A parse cache tracked by git is reported (its content is never used: see store.cache)."""
    from pilotledger.messages import english

    if shutil.which("git") is None or not in_a_repository(ledger):
        return []
    listed = git("ls-files", "-z", "--", WORK_DIR, cwd=ledger, check=False)
    if not listed.strip("\0"):
        return []
    words = (("path", (ledger / WORK_DIR).as_posix()),)
    return [
        Problem(
            (ledger / WORK_DIR).as_posix(),
            1,
            1,
            english("cache_tracked", words),
            "cache_tracked",
            words,
        )
    ]


# ---- git-setup ------------------------------------------------------------------------------


@dataclass
class SetupReport:
    done: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def git_setup(ledger: Path) -> SetupReport:
    """Configure what a clone does not carry: the merge driver, .gitattributes, the hook."""
    repo = repo_root(ledger)
    if repo is None:
        raise UserError(Message("not_in_git", path=ledger))
    report = SetupReport()
    _configure_driver(repo, report)
    _ensure_attributes(repo, ledger, report)
    _install_hook(repo, ledger, report)
    return report


def _configure_driver(repo: Path, report: SetupReport) -> None:
    wanted = driver_command()
    current = git("config", "--get", f"merge.{DRIVER_NAME}.driver", cwd=repo, check=False).strip()
    if current == wanted:
        report.already.append(f"merge.{DRIVER_NAME}.driver")
        return
    git(
        "config",
        f"merge.{DRIVER_NAME}.name",
        "pilotledger: merge month files by record id",
        cwd=repo,
    )
    git("config", f"merge.{DRIVER_NAME}.driver", wanted, cwd=repo)
    report.done.append(f"merge.{DRIVER_NAME}.driver = {wanted}")


def _attributes_text(path: Path) -> str:
    """The .gitattributes text, read with the one safe reader; one that is not a readable
    regular file is refused (never hung on, never replaced)."""
    from pilotledger.store.files import LedgerFileError, read_regular

    if not os.path.lexists(path):
        return ""
    try:
        return read_regular(path, follow_links=False, cap=1 << 20).decode("utf-8", errors="replace")
    except LedgerFileError as error:
        problem = Message(error.key, **dict(error.words))
        raise UserError(Message("attributes_unreadable", path=path, problem=problem)) from None


def _ensure_attributes(repo: Path, ledger: Path, report: SetupReport) -> None:
    path = repo / ".gitattributes"
    line = attributes_line(repo, ledger)
    existing = _attributes_text(path)
    if line in existing.splitlines():
        report.already.append(f".gitattributes: {line}")
        return
    separator = "" if not existing or existing.endswith("\n") else "\n"
    atomic_write(path, (existing + separator + line + "\n").encode("utf-8"))
    report.done.append(f".gitattributes: {line}")


def _hook_text(repo: Path, ledger: Path) -> str:
    data = ledger.resolve().relative_to(repo.resolve()).as_posix() or "."
    command = shell_words(sys.executable, "-m", "pilotledger", "--data", data, "check", "--staged")
    return (
        f"#!/bin/sh\n{HOOK_MARKER}: refuse a commit whose staged ledger does not pass"
        " `pilotledger check`\n"
        "# (and, once there is a HEAD, one that edits or removes a committed record).\n"
        f"if git rev-parse --verify --quiet HEAD >/dev/null; then exec {command} --since HEAD; fi\n"
        f"exec {command}\n"
    )


def _hook_text_on_disk(hook: Path) -> str:
    """An existing hook's text through the safe reader ("" when it is no readable file)."""
    from pilotledger.store.files import LedgerFileError, read_regular

    try:
        return read_regular(hook, cap=1 << 20).decode("utf-8", errors="replace")
    except LedgerFileError:
        return ""


def _install_hook(repo: Path, ledger: Path, report: SetupReport) -> None:
    hooks = Path(git("rev-parse", "--git-path", "hooks", cwd=repo).strip())
    hooks = hooks if hooks.is_absolute() else repo / hooks
    hook = hooks / "pre-commit"
    if hook.exists():
        if HOOK_MARKER in _hook_text_on_disk(hook):
            report.already.append("pre-commit hook")
        else:
            command = shell_words(
                sys.executable, "-m", "pilotledger", "check", "--staged", "--since", "HEAD"
            )
            report.advice.append(
                f"{hook} exists and is not ours; to check the ledger on commit, add this line"
                f" to it:\n  {command}"
            )
        return
    hooks.mkdir(parents=True, exist_ok=True)
    atomic_write(hook, _hook_text(repo, ledger).encode("utf-8"))
    hook.chmod(0o777 & ~current_umask())
    report.done.append(f"pre-commit hook {hook}")


# ---- init -----------------------------------------------------------------------------------

LEDGER_README = """# 台账 / Progress ledger

This folder is a pilotledger ledger: `tasks.yaml` (the plan and its tasks), `units.yaml`
(the units) and `progress/YYYY-MM.yaml` (the monthly progress records).

- Add progress: `pilotledger record`
- Who is behind: `pilotledger status`, `pilotledger overdue`
- Reports: `pilotledger report --quarter`
- After cloning this repository: `pilotledger git-setup` (merge driver and pre-commit check)

Records are append-only: correct one with `pilotledger record --corrects ID`.
"""


def init_ledger(target: Path, plan_from: Path | None, force: bool) -> tuple[Path, bool]:
    """Create a ledger in `target`; returns (repo root, whether a repository was created)."""
    source = plan_from or BUNDLED
    for name in (TASKS_FILE, UNITS_FILE):
        if not (source / name).is_file():
            raise UserError(Message("plan_source_incomplete", path=source, name=name))
    existing = [
        name for name in (TASKS_FILE, UNITS_FILE, PROGRESS_DIR) if os.path.lexists(target / name)
    ]
    if existing:  # --force or not: a ledger's registries and records are never replaced
        raise UserError(Message("init_already_ledger", path=target, names=existing))
    if target.exists() and any(target.iterdir()) and not force:
        raise UserError(Message("init_not_empty", path=target))
    (target / PROGRESS_DIR).mkdir(parents=True, exist_ok=True)
    for name in (TASKS_FILE, UNITS_FILE):
        atomic_write(target / name, (source / name).read_bytes())
    (target / PROGRESS_DIR / ".gitkeep").touch()
    made = [target / name for name in (TASKS_FILE, UNITS_FILE)] + [
        target / PROGRESS_DIR / ".gitkeep"
    ]
    if not (target / "README.md").exists():
        atomic_write(target / "README.md", LEDGER_README.encode("utf-8"))
        made.append(target / "README.md")
    repo = repo_root(target)
    created = repo is None
    if created:
        git("init", "-q", "--initial-branch", INITIAL_BRANCH, cwd=target)
        repo = repo_root(target)
    git_setup(target)
    made.append(repo / ".gitattributes")
    paths = [path.resolve().relative_to(repo.resolve()).as_posix() for path in made]
    git("add", "--", *paths, cwd=repo)
    # --only: the commit holds these paths and nothing else the user had staged.
    git(
        *_identity(repo),
        "commit",
        "-q",
        "--only",
        "-m",
        "pilotledger: new ledger",
        "--",
        *paths,
        cwd=repo,
    )
    return repo, created


def _identity(repo: Path) -> list[str]:
    """Commit as the user; when git has no identity configured, as `pilotledger`."""
    if git("config", "user.email", cwd=repo, check=False).strip():
        return []
    return ["-c", "user.name=pilotledger", "-c", "user.email=pilotledger@localhost"]


# ---- the merge driver -----------------------------------------------------------------------


@dataclass
class Item:
    """One record of a month file: its parsed value and its exact text block."""

    record_id: str
    value: object
    text: str


def split_items(text: str) -> list[Item]:
    """The top-level records of a month file with the text of each (up to the next record)."""
    from pilotledger.store.yamlio import item_starts, load_data

    values = load_data(text) or []
    if not isinstance(values, list):
        raise YamlProblem(1, 1, "a progress file must be a YAML list of records")
    lines = text.split("\n")  # never splitlines(): it also breaks at U+2028 and U+0085
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    starts = item_starts(text)
    items = []
    for index, value in enumerate(values):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        record_id = str(value.get("id")) if isinstance(value, dict) else f"#{index}"
        items.append(Item(record_id, value, "".join(lines[starts[index] : end])))
    return items


@dataclass
class MergeResult:
    additions: list[Item]
    conflicts: list[str]


def merge_month(base: str, ours: str, theirs: str) -> MergeResult:
    """The records theirs added (to append to our file); conflicts for records changed or
    removed."""
    base_items = {item.record_id: item for item in split_items(base)}
    our_items = {item.record_id: item for item in split_items(ours)}
    their_list = split_items(theirs)
    their_items = {item.record_id: item for item in their_list}
    conflicts = []
    for record_id, original in base_items.items():
        mine, yours = our_items.get(record_id), their_items.get(record_id)
        for side, version in (("ours", mine), ("theirs", yours)):
            if version is None:
                conflicts.append(f"record {record_id} was removed on {side}")
            elif version.value != original.value:
                conflicts.append(f"record {record_id} was changed on {side}")
    additions = []
    for item in their_list:
        if item.record_id in base_items:
            continue
        if item.record_id in our_items:
            if our_items[item.record_id].value != item.value:
                conflicts.append(
                    f"record {item.record_id} was added on both sides with different contents"
                )
            continue
        additions.append(item)
    return MergeResult(additions, sorted(set(conflicts)))


def run_merge_driver(
    base_path: Path, ours_path: Path, theirs_path: Path, shown_as: str
) -> list[str]:
    """Merge into `ours_path` as git asks; returns the conflicts (the file is still written).

    Our bytes stay as they are and their new blocks are appended by the same appender as
    `record`; the merged file must then read as exactly our records plus theirs, value for
    value, or nothing is written."""
    from pilotledger.checks import validate_progress
    from pilotledger.store.blocks import append_blocks
    from pilotledger.store.yamlio import load_data

    raws, texts = [], []
    for path in (base_path, ours_path, theirs_path):
        try:
            raws.append(path.read_bytes() if path.exists() else b"")
            texts.append(decode(raws[-1]))
        except (OSError, YamlProblem) as problem:
            reason = getattr(problem, "message", problem)
            return [f"{shown_as}: cannot read a version of the file: {reason}"]
    try:
        for text in texts:  # every version must be valid records: a merge never spreads a bad one
            _, findings = validate_progress(shown_as, load_data(text))
            if findings:
                return [
                    f"{shown_as}: a version is not a valid month file ({findings[0].message}); "
                    "merge it by hand"
                ]
        result = merge_month(*texts)
        merged_bytes = append_blocks(raws[1], [item.text for item in result.additions])
        merged = load_data(decode(merged_bytes)) or []
    except YamlProblem as problem:
        return [
            f"{shown_as}: a version is not a valid month file ({problem.message}); merge it by hand"
        ]
    ours = load_data(texts[1]) or []
    if merged != [*ours, *(item.value for item in result.additions)]:
        return [
            f"{shown_as}: appending their records would change how a record reads; merge it by hand"
        ]
    if merged_bytes != raws[1]:
        atomic_write(ours_path, merged_bytes)
    return result.conflicts


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
    names = git("ls-tree", "-r", "--name-only", rev, "--", prefix + "/", cwd=repo).splitlines()
    texts = {}
    for name in names:
        if MONTH_FILE.match(name.rsplit("/", 1)[-1]):
            raw = run_git("show", f"{rev}:{name}", cwd=repo, check=False)[1]
            texts[f"{PROGRESS_DIR}/{name.rsplit('/', 1)[-1]}"] = _month_text(raw)
    return texts


def _now(ledger: Path) -> dict[str, str]:
    from pilotledger.store.files import read_ledger_file
    from pilotledger.store.loader import progress_files

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
    from pilotledger.store.yamlio import load_data

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
    from pilotledger.store.files import read_ledger_file
    from pilotledger.store.yamlio import locate

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
    from pilotledger.store.yamlio import load_data

    values = load_data(text) or []
    return next(
        (i for i, v in enumerate(values) if isinstance(v, dict) and str(v.get("id")) == record_id),
        None,
    )


def registry_changes(ledger: Path, rev: str) -> list[str]:
    """Which registry files differ from `rev`, with a short word on what changed."""
    repo = repo_root(ledger)
    changed = []
    for name in (TASKS_FILE, UNITS_FILE):
        rel = (ledger.resolve() / name).relative_to(repo.resolve()).as_posix()
        diff = git("diff", "--stat", rev, "--", rel, cwd=repo, check=False).strip()
        if diff:
            changed.append(diff.splitlines()[0].strip())
    return changed


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


MERGE_SHOWN = "HEAD^@"  # how a review of the merge HEAD names its range (listing_tables words it)


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
    everything the merge brought in from every side is shown. `A..B`: from the merge base of
    A and B to B. A plain REV: from the merge base of REV and HEAD to the working tree (REV
    itself when it is an ancestor), so records that only REV's side has are never "removed"."""
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
    return ReviewRange(default_review_base(ledger), None, "HEAD~1")


def _parents(repo: Path, rev: str) -> list[str]:
    status, out = run_git("rev-list", "--parents", "-n", "1", rev, cwd=repo, check=False)
    return _text(out).split()[1:] if status == 0 else []


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


# ---- check: every problem of the ledger, on disk or as staged ---------------------------------


def checked_ledger(ledger: Path, since: str | None, staged: bool, progress=None):
    """The ledger loaded with every problem `check` reports: the files' own (as staged in git's
    index, with `staged`), records edited or removed since `since`, evidence, and the trust
    boundary (a foreign work folder, a tracked cache); sorted, each named by its real path."""
    from pilotledger.store.loader import work_dir_problems

    result = (
        _staged_check(ledger, since, progress) if staged else _disk_check(ledger, since, progress)
    )
    trust = work_dir_problems(ledger) + tracked_cache_problems(ledger)
    result.problems = sorted(set(result.problems) | set(trust))
    return result


def _disk_check(ledger: Path, since: str | None, progress):
    from pilotledger.store import load

    result = load(ledger, progress=progress)
    problems = result.problems + _evidence_problems(ledger, result)
    if since is not None:
        problems += rewrite_problems(ledger, since)
    result.problems = sorted(set(problems))
    return result


def _staged_check(ledger: Path, since: str | None, progress):
    """Evidence too is judged as staged: a commit must carry it."""
    from pilotledger.store import load

    with staged_ledger(ledger) as tree:
        result = load(tree, cache_root=ledger, progress=progress)
        problems = result.problems + _evidence_problems(tree, result)
        if since is not None:
            problems += rewrite_problems(ledger, since, tree)
        result.problems = sorted({_relocated(problem, tree, ledger) for problem in problems})
    return result


def _evidence_problems(root: Path, result) -> list[Problem]:
    from pilotledger.store.evidence import evidence_problems

    return evidence_problems(root, result) if result.ledger is not None else []


def _relocated(problem: Problem, tree: Path, ledger: Path) -> Problem:
    """A problem found in the staged copy, named by the ledger's own path."""
    from dataclasses import replace

    staged, real = tree.as_posix(), ledger.as_posix()
    if not problem.file.startswith(staged):
        return problem
    return replace(problem, file=real + problem.file[len(staged) :])


def merge_driver_missing(ledger: Path) -> bool:
    """True in a git repository whose .gitattributes asks for our merge driver while git's
    configuration does not name it (a fresh clone before `git-setup`)."""
    folders = (ledger, *ledger.resolve().parents)
    asked = any(
        f"merge={DRIVER_NAME}" in _attributes_if_readable(folder / ".gitattributes")
        for folder in folders
    )
    if not asked:
        return False
    repo = repo_root(ledger)
    return repo is not None and not driver_configured(repo)


def _attributes_if_readable(path: Path) -> str:
    """A .gitattributes as `check` reads it, with the one safe reader: "" for a FIFO, a device,
    a link to /proc/self/mem, an unreadable or missing file (no warning is better than a hang)."""
    from pilotledger.store.files import LedgerFileError, read_regular

    if not os.path.lexists(path):
        return ""
    try:
        return read_regular(path, cap=1 << 20).decode("utf-8", errors="replace")
    except LedgerFileError:
        return ""
