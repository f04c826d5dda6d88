"""The README's "Working with several clerks" runs as written: the office sets up a shared bare
repository, two clerks clone it, record, commit, pull and push, and the reviewer reviews. Every
command comes from the README's own code blocks.

Each line is split into its commands (`&&`) and run in order: `cd` moves the working folder,
`pilotledger …` runs the real CLI in this process (CliRunner, from that folder, as the console
script would: a process start for each would cost more than the rest of the test), and every
other command (git) runs as a real process, so git's own processes run the installed pre-commit
hook and merge driver, which start `python -m pilotledger` themselves. The console script as a
process is tested by test_cli_forms.py's completion case."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers.ledgers import REPO
from pilotledger.cli import app
from pilotledger.store.yamlio import load_data

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
PLACEHOLDER = "<the office's shared repository>"
SHELL_SYNTAX = re.compile(r"[|;<>$`*?]|^&$|^\|\|$")  # what run_block does not interpret


def readme_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Working with several clerks", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def commands(line: str) -> list[list[str]]:
    """The commands of one shell line joined by `&&`, comments dropped; anything else the shell
    would interpret (pipes, redirections, variables, globs) fails the test rather than run
    differently here than in a terminal."""
    words = shlex.split(line, comments=True)
    unknown = [word for word in words if word != "&&" and SHELL_SYNTAX.search(word)]
    assert not unknown, f"the walkthrough runner does not interpret {unknown} in: {line}"
    found: list[list[str]] = [[]]
    for word in words:
        if word == "&&":
            found.append([])
        else:
            found[-1].append(word)
    return [command for command in found if command]


class Shell:
    """Runs README blocks from a working folder, as `set -e` would: the first failure stops."""

    def __init__(self, cwd: Path, env: dict[str, str], shared: Path, monkeypatch):
        self.cwd, self.env, self.shared, self.monkeypatch = cwd, env, shared, monkeypatch
        # the in-process CLI sees exactly the environment the processes get (unset: None)
        self.cli_env: dict[str, str | None] = {name: None for name in os.environ}
        self.cli_env.update(env)

    def run_block(self, block: str) -> str:
        output = []
        for line in block.replace(PLACEHOLDER, str(self.shared)).splitlines():
            for command in commands(line):
                output.append(self.run(command, line))
        return "".join(output)

    def run(self, command: list[str], line: str) -> str:
        if command[0] == "cd":
            (folder,) = command[1:]
            self.cwd = self.cwd / folder
            assert self.cwd.is_dir(), line
            return ""
        if command[0] == "pilotledger":
            self.monkeypatch.chdir(self.cwd)
            done = CliRunner().invoke(app, command[1:], env=self.cli_env, prog_name="pilotledger")
            if done.exception and not isinstance(done.exception, SystemExit):
                raise done.exception
            assert done.exit_code == 0, f"{line}\n{done.stdout}\n{done.stderr}"
            return done.stdout
        done = subprocess.run(command, cwd=self.cwd, env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        return done.stdout


def test_the_readme_walkthrough_with_two_clerks_and_a_bare_origin(tmp_path, monkeypatch):
    office_block, clerk_block, month_block, review_block = readme_blocks()
    shared = tmp_path / "shared" / "石柱台账.git"
    shared.parent.mkdir()
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        HOME=str(tmp_path),
        GIT_AUTHOR_NAME="clerk",
        GIT_AUTHOR_EMAIL="clerk@example.org",
        GIT_COMMITTER_NAME="clerk",
        GIT_COMMITTER_EMAIL="clerk@example.org",
        GIT_MERGE_AUTOEDIT="no",
        PILOTLEDGER_LANG="zh",
        PILOTLEDGER_TODAY="2022-07-20",
        NO_COLOR="1",
    )
    env.pop("PILOTLEDGER_DATA", None)
    for name in ("office", "a", "b"):
        (tmp_path / name).mkdir()

    def shell(folder: Path) -> Shell:
        return Shell(folder, env, shared, monkeypatch)

    shell(tmp_path / "office").run_block(office_block)
    for clerk in ("a", "b"):
        shell(tmp_path / clerk).run_block(clerk_block)
    clone_a, clone_b = tmp_path / "a" / "石柱台账", tmp_path / "b" / "石柱台账"
    assert (clone_a / ".git" / "hooks" / "pre-commit").is_file()  # git-setup ran in the clone
    shell(clone_a).run_block(month_block)
    shell(clone_b).run_block(
        month_block.replace("上河街夜间经济活动启动", "新天地商圈智慧停车上线")
    )  # its pull merges a's month file through the driver, then it pushes the merge
    reviewed = shell(clone_b).run_block(review_block)
    assert (
        "新天地商圈智慧停车上线" in reviewed and "上河街夜间经济活动启动" in reviewed
    )  # the merge, both sides
    shell(clone_a).run_block("git pull -q --no-rebase")
    records = load_data((clone_a / "progress" / "2022-03.yaml").read_text(encoding="utf-8"))
    assert sorted(r["summary"] for r in records) == [
        "上河街夜间经济活动启动",
        "新天地商圈智慧停车上线",
    ]
    assert shell(clone_a).run_block("git branch --show-current").strip() == "main"
    checked = shell(clone_a).run_block("pilotledger check --format json")
    assert json.loads(checked)["ok"] is True


def test_the_runner_refuses_shell_syntax_it_does_not_interpret():
    assert commands("cd x && git push -u origin main   # a comment") == [
        ["cd", "x"],
        ["git", "push", "-u", "origin", "main"],
    ]
    for line in ("pilotledger status | less", "pilotledger status > out.txt", "cd $HOME"):
        with pytest.raises(AssertionError, match="does not interpret"):
            commands(line)
