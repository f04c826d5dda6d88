"""Working through git, with real git in temporary repositories."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers.cli import Cli, record_args
from helpers.git import clerks, conflicting, git, pull
from helpers.ledgers import once_per_run
from pilotledger.store.yamlio import load_data

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# The pre-commit hook starts a `check --staged` process per commit; it is exercised by
# test_init_then_record_then_git_log_shows_a_readable_history and by
# tests/reliability/test_staged_hook.py. Where merging or review is the subject, commits skip it.
NO_HOOK = ("--no-verify",)


def record(cli: Cli, task: str, unit: str, day: str, summary: str, status: str = "in_progress"):
    result = cli(*record_args(task, unit=unit, date=day, status=status, summary=summary))
    assert result.exit_code == 0, result.stderr
    return result


def month(root: Path, name: str = "2022-03") -> list[dict]:
    return load_data((root / "progress" / f"{name}.yaml").read_text(encoding="utf-8")) or []


def month_if_any(root: Path, name: str) -> list[dict]:
    return month(root, name) if (root / "progress" / f"{name}.yaml").exists() else []


@pytest.fixture
def two_clerks(initialised, tmp_path_factory, tmp_path) -> tuple[Path, Path]:
    """Two clerks' clones of a fresh ledger, each set up by git-setup (helpers.git.clerks,
    built once per run), copied for the test."""
    built = once_per_run(tmp_path_factory, "clerks", lambda folder: clerks(folder, initialised))
    a, b = (shutil.copytree(built / name, tmp_path / name, symlinks=True) for name in "ab")
    return a, b


def test_init_makes_a_repository_with_everything_configured(origin):
    assert sorted(p.name for p in origin.iterdir() if p.name != ".cache") == [
        ".git",
        ".gitattributes",
        ".gitignore",
        "README.md",
        "evidence",
        "progress",
        "tasks.yaml",
        "units.yaml",
    ]
    assert (origin / ".gitattributes").read_text() == "progress/*.yaml merge=pilotledger\n"
    assert "-m pilotledger merge-driver %O %A %B %P" in git(
        origin, "config", "merge.pilotledger.driver"
    )
    assert (origin / ".git" / "hooks" / "pre-commit").exists()
    assert git(origin, "log", "--format=%s").splitlines() == ["pilotledger: new ledger"]
    assert git(origin, "status", "--porcelain") == ""
    assert Cli(origin)("check").exit_code == 0


def test_init_then_record_then_git_log_shows_a_readable_history(origin):
    cli = Cli(origin)
    record(cli, "12", "县医保局", "2022-03-15", "已与两家保险公司对接")
    assert git(origin, "status", "--porcelain").splitlines() == ["?? progress/2022-03.yaml"]
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "县医保局 三月进展")  # the pre-commit hook runs `check` here
    log = git(origin, "log", "-p", "-1", "--format=%s")
    assert "县医保局 三月进展" in log
    assert "+  summary: 已与两家保险公司对接" in log and "+  unit: medical-security" in log
    assert "\\u" not in log


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("x")
    result = Cli(folder)("init", str(folder))
    assert result.exit_code == 1 and "不是空文件夹；确要在此建台账请加 --force" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert Cli(folder)("init", str(folder), "--force").exit_code == 0


def test_git_setup_is_idempotent_and_leaves_a_foreign_hook_alone(origin, tmp_path):
    copy = tmp_path / "copy"
    git(origin.parent, "clone", "-q", str(origin), str(copy))
    hook = copy / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho our own hook\n")
    cli = Cli(copy, env={"PILOTLEDGER_LANG": "en"})
    first = cli("git-setup")
    assert "configured: merge.pilotledger.driver" in first.stdout
    assert "already set: .gitattributes: progress/*.yaml merge=pilotledger" in first.stdout
    assert "exists and is not ours" in first.stderr
    assert hook.read_text() == "#!/bin/sh\necho our own hook\n"
    second = cli("git-setup")
    assert "configured" not in second.stdout and second.stdout.count("already set") == 2
    assert git(copy, "status", "--porcelain") == ""


def test_check_warns_when_the_merge_driver_is_not_configured(origin, tmp_path):
    copy = tmp_path / "copy"
    git(origin.parent, "clone", "-q", str(origin), str(copy))
    result = Cli(copy)("check", "--lang", "en")
    assert result.exit_code == 0
    assert (
        "merge driver is not configured in this clone; run `pilotledger git-setup`" in result.stderr
    )
    Cli(copy)("git-setup")
    assert "merge driver" not in Cli(copy)("check").stderr


def test_two_clerks_recording_in_the_same_month_merge_without_conflict(two_clerks):
    commerce, health = two_clerks
    for day in ("2022-03-10", "2022-03-20", "2022-03-30"):
        record(Cli(commerce), "23", "县商务委", day, f"商务委 {day}")
        record(Cli(health), "13", "县卫健委", day, f"卫健委 {day}")
    for folder, message in ((commerce, "商务委三月"), (health, "卫健委三月")):
        git(folder, "add", "-A")
        git(folder, "commit", "-qm", message, *NO_HOOK)
    git(commerce, "pull", "-q", "--no-rebase", "--no-edit", str(health), "HEAD")
    records = month(commerce)
    assert [r["summary"] for r in records] == [
        f"商务委 {d}" for d in ("2022-03-10", "2022-03-20", "2022-03-30")
    ] + [f"卫健委 {d}" for d in ("2022-03-10", "2022-03-20", "2022-03-30")]
    assert "<<<<<<<" not in (commerce / "progress" / "2022-03.yaml").read_text(encoding="utf-8")
    assert git(commerce, "status", "--porcelain") == ""
    assert Cli(commerce)("check", "--since", "HEAD~1").exit_code == 0
    status = {
        row["task"]: row for row in json.loads(Cli(commerce)("status", "--format", "json").stdout)
    }
    assert status[23]["last_date"] == status[13]["last_date"] == "2022-03-30"


def test_without_the_driver_the_same_merge_would_conflict(origin, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        git(origin.parent, "clone", "-q", str(origin), str(folder))
    record(Cli(one), "23", "县商务委", "2022-03-10", "一")
    record(Cli(two), "13", "县卫健委", "2022-03-11", "二")
    for folder in (one, two):
        git(folder, "add", "-A")
        git(folder, "commit", "-qm", "x", *NO_HOOK)
    merged = pull(one, two)
    assert merged.returncode != 0 and "CONFLICT" in merged.stdout + merged.stderr


def test_the_same_record_edited_differently_on_both_sides_is_a_conflict(
    initialised, tmp_path_factory, tmp_path
):
    built = once_per_run(
        tmp_path_factory, "conflicting", lambda folder: conflicting(folder, initialised)
    )  # a committed record whose summary each clerk rewrote and committed
    one = shutil.copytree(built / "one", tmp_path / "one", symlinks=True)
    merged = pull(one, built / "two")
    assert merged.returncode != 0
    assert "CONFLICT" in merged.stdout + merged.stderr
    assert "was changed in this copy" in merged.stderr
    assert "was changed in the version being pulled in" in merged.stderr
    assert "UU progress/2022-03.yaml" in git(one, "status", "--porcelain")


def test_check_since_catches_edits_and_removals_and_accepts_additions(origin):
    cli = Cli(origin)
    record(cli, "23", "县商务委", "2022-03-10", "第一条")
    record(cli, "23", "县商务委", "2022-03-20", "第二条")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "two records", *NO_HOOK)
    record(cli, "13", "县卫健委", "2022-03-25", "追加")
    assert cli("check", "--since", "HEAD").exit_code == 0
    first, second = [r["id"] for r in month(origin)[:2]]
    path = origin / "progress" / "2022-03.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {second}")
    end = text.index("- id: ", start + 1)
    path.write_text(text[:start].replace("第一条", "改过的第一条") + text[end:], encoding="utf-8")
    result = cli("check", "--since", "HEAD", "--lang", "en")
    assert result.exit_code == 1
    lines = [line.replace(f"{origin.as_posix()}/", "") for line in result.stdout.splitlines()]
    assert lines == [
        f"progress/2022-03.yaml:1:1: record {second} existed at HEAD and has been removed (records"
        f" are append-only)",
        f"progress/2022-03.yaml:3:3: record {first} has been edited since HEAD (summary); add a"
        f" correction with "
        "`pilotledger record --corrects ID` instead",
    ]


def test_review_lists_added_records_and_flags_edits(origin):
    cli = Cli(origin)
    record(cli, "23", "县商务委", "2022-03-10", "第一条")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "one", *NO_HOOK)
    record(cli, "13", "县卫健委", "2022-03-25", "新增一条")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "two", *NO_HOOK)
    clean = cli("review", "--format", "json")
    data = json.loads(clean.stdout)
    assert clean.exit_code == 0
    assert [(a["record"]["task"], a["record"]["summary"]) for a in data["added"]] == [
        (13, "新增一条")
    ]
    assert data["edited"] == data["removed"] == []
    path = origin / "progress" / "2022-03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("第一条", "改了"), encoding="utf-8")
    flagged = cli("review", "HEAD", "--format", "plain")
    assert flagged.exit_code == 1
    assert "修改" in flagged.stdout and "summary" in flagged.stdout and "须复核" in flagged.stdout


def stable_ids(text: str) -> str:
    """Record ids are random: number them in order of appearance so a golden file can hold them;
    the time of day in a recorded_at is the clock's (the pinned day keeps its date); a commit id
    depends on the clock too."""
    import re

    seen: dict[str, str] = {}
    text = re.sub(r"(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}\+08:00", r"\1 hh:mm:ss+08:00", text)
    text = re.sub(r" · [0-9a-f]{7,}\b", " · COMMIT", text)
    return re.sub(
        r"\b\d{8}-[0-9a-f]{12}\b", lambda m: seen.setdefault(m.group(), f"ID{len(seen) + 1}"), text
    )


def test_review_of_a_merge_shows_what_every_parent_brought_in(two_clerks, golden):
    clerk_a, clerk_b = two_clerks
    a, b = Cli(clerk_a), Cli(clerk_b)
    record(a, "23", "县商务委", "2022-03-10", "商务委三月进展")
    git(clerk_a, "add", "-A")
    git(clerk_a, "commit", "-qm", "a", *NO_HOOK)
    record(b, "12", "县医保局", "2022-03-12", "医保局三月进展")
    git(clerk_b, "add", "-A")
    git(clerk_b, "commit", "-qm", "b1", *NO_HOOK)
    wrong = month(clerk_b)[0]["id"]
    result = b(
        *record_args(
            12,
            unit="县医保局",
            date="2022-03-12",
            status="blocked",
            summary="更正：实为受阻",
            corrects=wrong,
        )
    )
    assert result.exit_code == 0, result.stderr
    git(clerk_b, "add", "-A")
    git(clerk_b, "commit", "-qm", "b2", *NO_HOOK)
    git(clerk_a, "pull", "-q", "--no-rebase", "--no-edit", str(clerk_b), "HEAD")
    assert len(git(clerk_a, "log", "-1", "--format=%P").split()) == 2  # a merge commit
    shown = a("review", "--format", "plain")
    assert shown.exit_code == 0, shown.stderr
    as_json = a("review", "--format", "json")
    assert as_json.exit_code == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert sorted(x["record"]["summary"] for x in data["added"]) == [
        "医保局三月进展",
        "商务委三月进展",
        "更正：实为受阻",
    ]
    english = a("--lang", "en", "review", "--format", "plain")
    golden("review_merge_zh.txt", stable_ids(shown.stdout))
    golden("review_merge_en.txt", stable_ids(english.stdout))
    assert "县医保局" in shown.stdout and "受阻" in shown.stdout and "blocked" in english.stdout
    ranged = json.loads(a("review", "HEAD~2..HEAD", "--format", "json").stdout)
    assert sorted(x["record"]["summary"] for x in ranged["added"]) == [
        "医保局三月进展",
        "商务委三月进展",
        "更正：实为受阻",
    ]


def test_review_shows_an_edit_as_old_and_new(origin):
    cli = Cli(origin)
    record(cli, "23", "县商务委", "2022-03-10", "第一条")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "one", *NO_HOOK)
    path = origin / "progress" / "2022-03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("第一条", "改了"), encoding="utf-8")
    result = cli("review", "HEAD", "--format", "plain")
    assert result.exit_code == 1 and "summary: 第一条 → 改了" in result.stdout
    data = json.loads(cli("review", "HEAD", "--format", "json").stdout)
    assert data["edited"][0]["changes"] == {"summary": {"old": "第一条", "new": "改了"}}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_git_setup_prints_each_config_value_on_one_unwrapped_line(origin, tmp_path, lang):
    copy = tmp_path / "copy"
    git(origin.parent, "clone", "-q", str(origin), str(copy))
    result = Cli(copy, env={"PILOTLEDGER_LANG": lang, "COLUMNS": "40"})("git-setup")
    assert result.exit_code == 0
    [driver_line] = [
        line for line in result.stdout.splitlines() if "merge.pilotledger.driver" in line
    ]
    assert driver_line.endswith("-m pilotledger merge-driver %O %A %B %P")
    configured = git(copy, "config", "merge.pilotledger.driver").strip()
    assert (
        len(configured) > 40 and configured in driver_line
    )  # whole, though wider than the terminal


def test_a_folder_s_repository_is_asked_once_and_asked_again_when_one_is_made_or_removed(
    tmp_path, monkeypatch
):
    from pilotledger import gitflow

    outer, inner = tmp_path / "outer", tmp_path / "outer" / "inner" / "deep"
    inner.mkdir(parents=True)
    asked = []
    real_run_git = gitflow.run_git
    monkeypatch.setattr(
        gitflow, "run_git", lambda *args, **kw: asked.append(args) or real_run_git(*args, **kw)
    )
    assert gitflow.repo_root(inner) is None
    git(tmp_path, "init", "-q", str(outer))
    assert gitflow.repo_root(inner) == outer.resolve()  # a repository made above
    assert gitflow.repo_root(inner) == outer.resolve()
    assert len(asked) == 2  # the second answer for the same folder is the one kept
    git(tmp_path, "init", "-q", str(inner.parent))
    assert gitflow.repo_root(inner) == inner.parent.resolve()  # a nearer one made on the way
    shutil.rmtree(inner.parent / ".git")
    assert gitflow.repo_root(inner) == outer.resolve()  # and removed again
    shutil.rmtree(outer / ".git")
    assert gitflow.repo_root(inner) is None
    assert len(asked) == 5


@pytest.mark.parametrize("at_once", [1, 2, 64])
def test_each_record_s_origin_is_the_commit_that_added_it_however_many_are_read_at_once(
    origin, monkeypatch, at_once
):
    from pilotledger.gitflow import origins

    cli = Cli(origin)
    added = {}
    for number, day in enumerate(("2022-03-10", "2022-03-20", "2022-04-02")):
        record(cli, "23", "县商务委", day, f"第{number}条")
        git(origin, "add", "-A")
        git(origin, "commit", "-qm", f"c{number}", *NO_HOOK)
        ids = {r["id"] for name in ("2022-03", "2022-04") for r in month_if_any(origin, name)}
        added.update(
            dict.fromkeys(ids - set(added), git(origin, "log", "-1", "--format=%h").strip())
        )
    monkeypatch.setattr(origins, "COMMITS_READ_AT_ONCE", at_once)
    first, *later = added  # the first record was added before the range: no origin in it
    found = origins.record_origins(origin, "HEAD~2", wanted=set(added))
    assert {record_id: found[record_id].commit for record_id in found} == {
        record_id: added[record_id] for record_id in later
    }
