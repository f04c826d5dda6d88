"""What a clerk types: global options anywhere, --version, Chinese periods and statuses, compact
dates, files named on stderr, shell completion, and `init` that behaves in any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import Cli, record_args
from helpers.git import git
from pilotledger import __version__


def test_global_options_before_or_after_the_command(mini, mini_cli):
    before = mini_cli("--lang", "en", "status", "--format", "plain", "--as-of", "2022-03-31")
    after = mini_cli("status", "--format", "plain", "--as-of", "2022-03-31", "--lang", "en")
    equals = mini_cli("status", "--lang=en", "--format", "plain", "--as-of", "2022-03-31")
    assert before.exit_code == after.exit_code == equals.exit_code == 0
    assert (
        before.stdout == after.stdout == equals.stdout
        and "Task status as of 2022-03-31" in after.stdout
    )
    elsewhere = Cli(mini.parent / "nowhere")(
        "status", "--data", str(mini), "--lang", "en", "--format", "json"
    )
    assert elsewhere.exit_code == 0 and json.loads(elsewhere.stdout)[0]["task"] == 1


def test_version(mini_cli):
    result = mini_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"pilotledger {__version__}\n")


@pytest.mark.parametrize(
    "typed, status",
    [
        ("进行中", "in_progress"),
        ("推进中", "in_progress"),
        ("已完成", "done"),
        ("完成", "done"),
        ("受阻", "blocked"),
        ("未开始", "not_started"),
        ("in progress", "in_progress"),
        ("正在推进", "in_progress"),
        ("实施中", "in_progress"),
        ("已办结", "done"),
        ("阻塞", "blocked"),
        ("停滞", "blocked"),
    ],
)
def test_status_synonyms(mini, mini_cli, typed, status):
    result = mini_cli(*record_args(date="20220315", status=typed, summary="x"))
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(mini_cli("show", "1", "--format", "json").stdout)["history"]
    assert (record["status"], record["date"]) == (status, "2022-03-15")


@pytest.mark.parametrize(
    "flag, typed, label",
    [
        ("--month", "2022年6月", "2022-06"),
        ("--quarter", "2022年第二季度", "2022Q2"),
        ("--quarter", "2022年二季度", "2022Q2"),
        ("--half", "2022年上半年", "2022H1"),
        ("--half", "2022年下半年", "2022H2"),
        ("--year", "2022年", "2022"),
        ("--year", "2022年度", "2022"),
    ],
)
def test_chinese_periods(mini_cli, flag, typed, label):
    result = mini_cli("report", flag, typed, "--format", "json")
    western = mini_cli("report", flag, label, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["period"] == json.loads(western.stdout)["period"]


def test_a_bad_date_is_the_same_usage_error_for_every_option(mini_cli):
    as_of = mini_cli("status", "--as-of", "2022-02-30")
    date = mini_cli(*record_args(date="2022-02-30"))
    assert as_of.exit_code == date.exit_code == 2


def test_a_file_written_with_output_is_named_on_stderr(mini_cli, tmp_path):
    target = tmp_path / "q2.html"
    result = mini_cli("report", "--quarter", "2022Q2", "--format", "html", "--output", str(target))
    assert result.exit_code == 0 and target.exists()
    assert result.stderr == f"已写入 {target}\n" and result.stdout == ""
    english = mini_cli(
        "matrix", "--format", "xlsx", "--output", str(tmp_path / "m.xlsx"), "--lang", "en"
    )
    assert english.stderr == f"wrote {tmp_path / 'm.xlsx'}\n"


def completion_env(root, words: tuple[str, ...]) -> dict[str, str]:
    return {
        "_PILOTLEDGER_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(["pilotledger", *words]),
        "COMP_CWORD": str(len(words)),
        "PILOTLEDGER_DATA": str(root),
    }


def complete(root, *words: str) -> list[str]:
    """What bash completion offers, asked of the app in-process under its program name."""
    from typer.testing import CliRunner

    from pilotledger.cli import app

    done = CliRunner().invoke(app, [], env=completion_env(root, words), prog_name="pilotledger")
    assert done.exit_code == 0, done.stderr
    return done.stdout.split()


def test_shell_completion_of_tasks_units_and_statuses(mini):
    # once through the installed script, as bash runs it (completion keys on the program's name)
    script = Path(sys.executable).with_name("pilotledger")
    done = subprocess.run(
        [str(script)],
        env=dict(os.environ, **completion_env(mini, ("record", "1", "--unit", "县"))),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["县商务委", "县卫生健康委", "县卫健委", "县财政局"]
    assert complete(mini, "record", "") == ["1", "2"]
    assert complete(mini, "show", "2") == ["2"]
    assert complete(mini, "record", "1", "--unit", "县") == done.stdout.split()
    assert complete(mini, "status", "--unit", "商") == ["商务委"]
    assert complete(mini, "record", "1", "--status", "推") == ["推进中"]
    assert complete(mini, "record", "1", "--status", "d") == ["done"]


git_needed = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@git_needed
def test_init_makes_branch_main(tmp_path):
    assert Cli(tmp_path)("init", str(tmp_path / "l")).exit_code == 0
    assert git(tmp_path / "l", "branch", "--show-current").strip() == "main"


@git_needed
def test_init_in_an_existing_repository_commits_only_its_own_files(tmp_path):
    """The folder is the top of a repository already (init inside another repository makes a
    repository of its own: tests/reliability/test_surroundings.py)."""
    repo = tmp_path / "office"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "notes.txt").write_text("unrelated work\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    result = Cli(repo)("init", str(repo), "--force")
    assert result.exit_code == 0, result.stderr
    committed = git(
        repo, "-c", "core.quotePath=false", "show", "--name-only", "--format=", "HEAD"
    ).splitlines()
    assert sorted(committed) == [
        ".gitattributes",
        ".gitignore",
        "README.md",
        "progress/.gitkeep",
        "tasks.yaml",
        "units.yaml",
    ]
    assert git(repo, "status", "--porcelain").splitlines() == [
        "A  notes.txt"
    ]  # still staged, not committed


def test_the_ledger_is_found_as_the_readme_says(mini, tmp_path, monkeypatch):
    """Upwards from the current folder: each folder's data/ first, then the folder itself."""
    inner = mini / "progress"
    monkeypatch.chdir(inner)
    unset = {"PILOTLEDGER_DATA": ""}
    found = Cli(mini)("tasks", "--format", "csv", env=unset)
    assert found.exit_code == 0 and "第一项任务" in found.stdout
    outer = tmp_path / "office"
    (outer / "notes").mkdir(parents=True)
    mini.rename(outer / "data")
    monkeypatch.chdir(outer / "notes")
    assert Cli(outer / "data")("tasks", env=unset).exit_code == 0
    monkeypatch.chdir(tmp_path)
    lost = Cli(outer / "data")("tasks", env={**unset, "PILOTLEDGER_LANG": "en"})
    assert (
        lost.exit_code == 1
        and "looked for tasks.yaml and units.yaml in each folder and its data/" in lost.stderr
    )


EMPTY_VALUES = [
    (("tasks", "--unit", ""), "--unit"),
    (("tasks", "--part", ""), "--part"),
    (("status", "--section", ""), "--section"),
    (("status", "--status", " "), "--status"),
    (("overdue", "--unit="), "--unit"),
    (("matrix", "--part", ""), "--part"),
    (("remind", "--unit", ""), "--unit"),
    (("report", "--month", ""), "PERIOD"),
    (("report", "--month", "2022-03", "--as-of", ""), "--as-of"),
]


@pytest.mark.parametrize(("args", "named"), EMPTY_VALUES)
def test_an_empty_selecting_value_is_a_usage_error_naming_it(mini_cli, args, named):
    english = mini_cli("--lang", "en", *args)
    assert english.exit_code == 2 and english.stdout == ""
    assert english.stderr == (
        f"pilotledger: {named} is empty: give it a value or leave it out"
        f" (see `pilotledger {args[0]} --help`)\n"
    )
    chinese = mini_cli("--lang", "zh", *args)
    assert chinese.exit_code == 2
    assert chinese.stderr == (
        f"pilotledger: {named} 的值是空的：请给出一个值，或者不写它"
        f"（用法见 pilotledger {args[0]} --help）\n"
    )
