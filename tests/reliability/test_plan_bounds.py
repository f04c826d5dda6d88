"""The plan's days are bounded (1900–2200, at most 20 years from issue to end), so no view can
build an unbounded calendar or step past the last year a date holds; dates given on the
command line at the edges never show a traceback."""

from __future__ import annotations

import pytest

from helpers.cli import Cli
from reliability.trust import block


def plan(mini, old: str, new: str) -> None:
    tasks = (mini / "tasks.yaml").read_text(encoding="utf-8")
    assert old in tasks
    (mini / "tasks.yaml").write_text(tasks.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    "old,new,line,words",
    [
        (
            "end: 2025-02-23",
            "end: 9999-12-31",
            6,
            "day 9999-12-31 is outside the range a plan may use (1900-01-01 to 2200-12-31)",
        ),
        ("issued: 2022-02-24", "issued: 0001-01-01", 4, "day 0001-01-01 is outside the range"),
        (
            "end: 2025-02-23",
            "end: 2042-02-25",
            6,
            "the plan runs from 2022-02-24 to 2042-02-25, more than 20 years",
        ),
    ],
)
def test_an_unbounded_plan_is_a_problem_at_its_field(mini, old, new, line, words):
    plan(mini, old, new)
    cli = Cli(mini, env={"PILOTLEDGER_LANG": "en"})
    done = cli("check")
    assert done.exit_code == 1
    assert f"tasks.yaml:{line}:" in done.stdout and words in done.stdout
    for command in (["status"], ["overdue"], ["report", "--year", "2022"], ["trend"]):
        assert cli(*command).exit_code == 1
    assert "方案" in Cli(mini)("check").stdout


def test_a_twenty_year_plan_is_accepted(mini):
    plan(mini, "end: 2025-02-23", "end: 2042-02-23")
    assert Cli(mini)("check").exit_code == 0


@pytest.mark.parametrize(
    "command", [["status"], ["overdue"], ["trend"], ["remind", "--unit", "commerce"]]
)
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_as_of_at_the_edges_of_the_calendar(mini, command, day):
    (mini / "progress" / "2022-03.yaml").write_text(block("a1"), encoding="utf-8")
    done = Cli(mini, env={"PILOTLEDGER_LANG": "en"})(*command, "--as-of", day)
    assert done.exit_code in (0, 1, 2)
