"""History that cannot be rewritten quietly (issue 21, item 5): a recorded_at before the day
the record's own id was made, or a correction recorded before its original, is a problem for
`check` and the commit hook; `review` shows the recorded_at of every added record."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from helpers.cli import Cli
from helpers.git import git

# A March report made on 7 April (its id says so) with recorded_at set back to 1 April: without
# the id rule it counts as on time (due 5 April).
BACKDATED = """\
- id: 20220407-0123456789ab
  task: 23
  date: 2022-03-20
  unit: commerce
  status: in_progress
  summary: 三月进展
  recorded_at: 2022-04-01 09:00:00+08:00
"""


def correction(recorded_at: str) -> str:
    return (
        "- id: 20220320-00000000aaaa\n  task: 1\n  date: 2022-03-20\n  unit: commerce\n"
        "  status: in_progress\n  summary: 原记录\n  recorded_at: 2022-03-20 10:00:00+08:00\n"
        "- id: 20220320-00000000bbbb\n  task: 1\n  date: 2022-03-20\n  unit: commerce\n"
        "  status: blocked\n  summary: 更正\n  corrects: 20220320-00000000aaaa\n"
        f"  recorded_at: {recorded_at}\n"
    )


def test_a_recorded_at_before_its_id_day_is_a_problem(shipped):
    (shipped / "progress" / "2022-03.yaml").write_text(BACKDATED, encoding="utf-8")
    cli = Cli(shipped)
    checked = cli("--lang", "en", "check")
    assert checked.exit_code == 1
    assert (
        "2022-03.yaml:7:16: recorded before 2022-04-07, the day its id was made" in checked.stdout
    )
    assert "登记时间早于记录编号所示的生成日 2022-04-07" in cli("check").stdout


def test_an_id_made_in_a_zone_east_of_the_plan_is_not_a_problem(mini, mini_cli):
    """Ids made before the one clock took the machine's day: 01:00 in Kiritimati (+14:00) is
    19:00 of the day before in +08:00."""
    text = BACKDATED.replace("task: 23", "task: 1").replace(
        "2022-04-01 09:00:00+08:00", "2022-04-06 19:00:00+08:00"
    )
    (mini / "progress" / "2022-03.yaml").write_text(text, encoding="utf-8")
    assert mini_cli("check").exit_code == 0
    text = text.replace("2022-04-06 19:00:00+08:00", "2022-04-06 17:59:59+08:00")
    (mini / "progress" / "2022-03.yaml").write_text(text, encoding="utf-8")
    assert mini_cli("check").exit_code == 1


@pytest.mark.parametrize(
    "recorded_at,ok",
    [
        ("2022-03-20 09:59:59+08:00", False),  # one second before its original
        ("2022-03-20 10:00:00+08:00", True),  # the same second (a script)
        ("2022-03-21 10:00:00+08:00", True),
    ],
)
def test_a_correction_recorded_before_its_original_is_a_problem(mini, recorded_at, ok):
    (mini / "progress" / "2022-03.yaml").write_text(correction(recorded_at), encoding="utf-8")
    checked = Cli(mini, env={"PILOTLEDGER_LANG": "en"})("check")
    assert (checked.exit_code == 0) == ok, checked.stdout
    if not ok:
        assert (
            "2022-03.yaml:15:16: recorded before the record it corrects (20220320-00000000aaaa)"
            in checked.stdout
        )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_hook_refuses_both_and_review_shows_every_recorded_at(origin):
    cli = Cli(origin)
    month = origin / "progress" / "2022-03.yaml"
    month.write_text(BACKDATED, encoding="utf-8")
    git(origin, "add", "-A")
    refused = subprocess.run(
        ["git", "commit", "-qm", "backdated"], cwd=origin, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "2022-04-07" in refused.stdout + refused.stderr
    assert git(origin, "log", "--format=%s").splitlines() == ["pilotledger: new ledger"]
    git(origin, "commit", "-qm", "backdated", "--no-verify")
    reviewed = json.loads(cli("review", "--format", "json").stdout)
    assert [a["record"]["recorded_at"] for a in reviewed["added"]] == ["2022-04-01T09:00:00+08:00"]
    plain = cli("--lang", "en", "review", "--format", "plain").stdout
    assert "Recorded at" in plain and "2022-04-01 09:00:00+08:00" in plain
