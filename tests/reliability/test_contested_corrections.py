"""Two clerks correcting the same record (issue 21, item 1): merged, both corrections are kept
and the rule settles it — the later recorded_at, then the larger id, applies; `check` and
`review` warn and name both, never fail; correcting the one that applies settles it. Real git:
two clones of one origin, each correcting the task's newest record, merged by `git pull`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from helpers.cli import Cli, record_args
from helpers.git import git
from helpers.ledgers import once_per_run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
ID = re.compile(r"\d{8}-[0-9a-f]{12}")


def clone(origin: Path, where: Path, today: str) -> Cli:
    git(origin.parent, "clone", "-q", str(origin), str(where))
    cli = Cli(where, env={"PILOTLEDGER_TODAY": today})
    assert cli("git-setup").exit_code == 0
    return cli


def correct_last(cli: Cli, day: str, status: str, summary: str, today: str | None = None) -> str:
    args = record_args(23, date=day, status=status, summary=summary, corrects="last", yes=True)
    result = cli(*args, env={"PILOTLEDGER_TODAY": today} if today else None)
    assert result.exit_code == 0, result.stderr
    return ID.search(result.stdout).group(0)


def commit(root: Path, message: str, *options: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message, *options)  # through the pre-commit hook


def build_merged(folder: Path, initialised: Path) -> None:
    """c1 corrects on 07-20 (moving the report to April), c2 on 07-21 (in March); c1 pulls c2.
    Each correction is committed through the pre-commit hook (the shared first record past it:
    the hook passing a plain record is test_git's), the pull goes through the merge driver;
    the three record ids are kept in ids.json."""
    origin = folder / "origin"
    shutil.copytree(initialised, origin, symlinks=True)
    first = Cli(origin)(
        *record_args(23, date="2022-03-10", status="in_progress", summary="三月进展", yes=True)
    )
    assert first.exit_code == 0, first.stderr
    original = ID.search(first.stdout).group(0)
    commit(origin, "三月", "--no-verify")
    c1 = clone(origin, folder / "c1", "2022-07-20")
    c2 = clone(origin, folder / "c2", "2022-07-21")
    one = correct_last(c1, "2022-04-02", "done", "更正：四月完成")
    commit(c1.root, "c1 更正")
    two = correct_last(c2, "2022-03-20", "blocked", "更正：实为受阻")
    commit(c2.root, "c2 更正")
    git(c1.root, "pull", "-q", "--no-rebase", "--no-edit", str(c2.root), "HEAD")
    (folder / "ids.json").write_text(json.dumps([original, one, two]), encoding="utf-8")


@pytest.fixture
def merged(initialised, tmp_path_factory, tmp_path):
    """The merged clone c1 (built once per run: three commits through the hook and a pull
    through the driver cost seconds), copied for each test."""
    built = once_per_run(
        tmp_path_factory, "contested", lambda folder: build_merged(folder, initialised)
    )
    original, one, two = json.loads((built / "ids.json").read_text(encoding="utf-8"))
    shutil.copytree(built / "c1", tmp_path / "c1", symlinks=True)
    c1 = Cli(tmp_path / "c1", env={"PILOTLEDGER_TODAY": "2022-07-20"})
    return c1, original, one, two


def test_both_corrections_are_kept_and_the_later_applies_with_a_warning(merged):
    c1, original, one, two = merged
    assert git(c1.root, "status", "--porcelain") == ""
    for lang, words in (
        ("en", f"record {original} is corrected more than once ({one}, {two}): {two} applies"),
        ("zh", f"记录 {original} 被更正不止一次（{one}、{two}）：按规则以登记较晚的 {two} 为准"),
    ):
        checked = c1("--lang", lang, "check")
        assert checked.exit_code == 0, checked.stdout
        assert words in checked.stderr and "progress/2022-03.yaml:" in checked.stderr
    as_json = json.loads(c1("check", "--format", "json").stdout)
    assert as_json["ok"] is True and len(as_json["warnings"]) == 1
    status = {row["task"]: row for row in json.loads(c1("status", "--format", "json").stdout)}
    assert (status[23]["status"], status[23]["last_date"]) == ("blocked", "2022-03-20")
    shown = c1("show", "23")
    assert shown.exit_code == 0
    review = c1("review", "--format", "json")
    assert review.exit_code == 0, review.stdout
    contested = json.loads(review.stdout)["contested"]
    assert contested == [{"original": original, "corrections": [one, two], "applies": two}]
    plain = c1("--lang", "en", "review", "--format", "plain").stdout
    assert "Records corrected more than once (1)" in plain and two in plain


def test_the_larger_id_applies_when_both_were_recorded_in_the_same_second(mini, mini_cli):
    from reliability.trust import block

    stamp = "  recorded_at: 2022-03-16 18:00:00+08:00\n"
    low, high = "20220316-00000000000a", "20220316-00000000000b"
    text = block("20220315-000000000001", extra="")
    for rid, status in ((high, "done"), (low, "blocked")):  # the larger id written first
        text += (
            f"- id: {rid}\n  task: 1\n  date: 2022-03-16\n  unit: commerce\n  status: {status}\n"
            f"  summary: 更正\n  corrects: 20220315-000000000001\n{stamp}"
        )
    (mini / "progress").mkdir(exist_ok=True)
    (mini / "progress" / "2022-03.yaml").write_text(text, encoding="utf-8")
    assert mini_cli("check").exit_code == 0
    status = {row["task"]: row for row in json.loads(mini_cli("status", "--format", "json").stdout)}
    assert status[1]["status"] == "done"


def test_correcting_the_one_that_applies_settles_it(merged):
    c1, original, one, two = merged
    settled = correct_last(c1, "2022-03-21", "in_progress", "核实后：推进中", "2022-07-22")
    checked = c1("check")
    assert checked.exit_code == 0 and "more than once" not in c1("--lang", "en", "check").stderr
    assert "2022-03.yaml" in git(c1.root, "status", "--porcelain")
    commit(c1.root, "c1 改定")  # the hook accepts it
    assert git(c1.root, "log", "-1", "--format=%s").strip() == "c1 改定"
    status = {row["task"]: row for row in json.loads(c1("status", "--format", "json").stdout)}
    assert (status[23]["status"], status[23]["last_date"]) == ("in_progress", "2022-03-21")
    assert settled != two
