"""Trust boundary: every path put into a shell script is quoted for that shell; the pre-commit
check reads what is staged; an output file is never written over a ledger file."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers.cli import Cli, record_args
from helpers.git import commit_through_hook, git
from reliability.trust import RECORD, snapshot

SHIPPED_RECORD = record_args(
    12, unit="县医保局", status="in_progress", progress=20, summary="已对接"
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def commit(root, message="c", *options: str) -> subprocess.CompletedProcess:
    return commit_through_hook(root, *options, message=message)


def test_a_hostile_folder_name_runs_nothing(tmp_path):
    from pilotledger.gitflow.setup import BUNDLED

    repo = tmp_path / "office"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    ledger = repo / "led$(touch${IFS}pwned)ger"
    (ledger / "progress").mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        (ledger / name).write_bytes((BUNDLED / name).read_bytes())
    result = Cli(ledger)("git-setup")  # a ledger inside a repository: the hook names its path
    assert result.exit_code == 0, result.stderr
    assert Cli(ledger)(*SHIPPED_RECORD).exit_code == 0
    git(repo, "add", "-A")
    done = commit(repo)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.rglob("pwned"))
    hook = (repo / ".git" / "hooks" / "pre-commit").read_text()
    assert "'led$(touch${IFS}pwned)ger'" in hook


@pytest.fixture
def ledger(origin):
    """A ledger repository as `init` makes it, with one committed record (committed past the
    hook: each hook run is a `check` process, and the hook passing a good commit is
    test_a_hostile_folder_name_runs_nothing's and test_git's)."""
    root = origin
    assert Cli(root)(*SHIPPED_RECORD).exit_code == 0
    git(root, "add", "-A")
    assert commit(root, "first", "--no-verify").returncode == 0
    return root


def test_the_hook_checks_the_staged_edit_not_the_restored_file(ledger):
    month = ledger / "progress" / "2022-03.yaml"
    honest = month.read_text(encoding="utf-8")
    month.write_text(honest.replace("progress: 20", "progress: 90"), encoding="utf-8")
    git(ledger, "add", "-A")
    month.write_text(honest, encoding="utf-8")  # the working tree looks untouched
    head = git(ledger, "rev-parse", "HEAD")
    done = commit(ledger, "sneaky")
    assert done.returncode != 0
    assert "has been edited since HEAD" in done.stdout + done.stderr
    assert git(ledger, "rev-parse", "HEAD") == head


def test_the_hook_refuses_a_staged_invalid_file(ledger):
    month = ledger / "progress" / "2022-03.yaml"
    honest = month.read_text(encoding="utf-8")
    month.write_text(honest + "- id: [broken\n", encoding="utf-8")
    git(ledger, "add", "-A")
    month.write_text(honest, encoding="utf-8")
    done = commit(ledger, "broken")
    assert done.returncode != 0 and "2022-03.yaml" in done.stdout + done.stderr


def test_check_staged_passes_a_clean_index(ledger):
    assert Cli(ledger)(*SHIPPED_RECORD).exit_code == 0
    git(ledger, "add", "-A")
    result = Cli(ledger)("check", "--staged", "--since", "HEAD")
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize("target", ["tasks.yaml", "units.yaml", "progress/2022-03.yaml"])
def test_an_output_over_a_ledger_file_is_refused(mini, mini_cli, target):
    assert mini_cli(*RECORD).exit_code == 0
    before = snapshot(mini)
    for command in (
        ["matrix", "--format", "markdown"],
        ["report", "--quarter", "2022Q1", "--format", "html"],
    ):
        result = mini_cli("--lang", "en", *command, "--output", str(mini / target))
        assert result.exit_code == 1, result.stdout
        assert "is a ledger file" in result.stderr
    assert snapshot(mini) == before
