"""A registry change that changes past judgments is shown by `review` as what it changes, and
refused by `check --since` unless `--allow-registry-change` (issue 21, item 6).

Task 23 (lead 县商务委) has reports for March–June 2022, each recorded on the 20th of the next
month: late under report_day 5, on time under 28. Judged on 2022-07-20 (the pinned day): under
28 March–May are on time and June is not yet due (28 July), as every other task's June."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from helpers.cli import Cli
from helpers.git import git
from helpers.ledgers import write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TASK_23 = "    lead: [commerce]\n    responsible: [development-reform, culture-tourism]\n"


def four_late_reports(origin) -> None:
    for month in (3, 4, 5, 6):
        write(
            origin,
            f"progress/2022-{month:02}.yaml",
            f"""\
            - id: r{month}
              task: 23
              date: 2022-{month:02}-10
              unit: commerce
              status: in_progress
              summary: 第{month}月进展
              recorded_at: 2022-{month + 1:02}-20 10:00:00+08:00
            """,
        )
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "records", "--no-verify")


def edit_tasks(origin, old: str, new: str) -> None:
    tasks = origin / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert text.count(old) == 1
    tasks.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def later_report_day(origin):
    four_late_reports(origin)
    edit_tasks(origin, "report_day: 5", "report_day: 28")
    return origin


def test_review_names_what_a_new_report_day_does_to_past_reports(later_report_day):
    cli = Cli(later_report_day)
    zh = cli("review", "--format", "plain")
    assert zh.exit_code == 0, zh.stderr
    assert "报送日 5 → 28" in zh.stdout and "2022年的3份迟报变为按时" in zh.stdout
    assert "2022年的1份迟报变为未到期" in zh.stdout
    assert "2022年的54份缺报变为未到期" in zh.stdout  # every other task's June
    # 县商务委 leads 7 tasks: 4 months each due under 5, 3 under 28; its 6 other tasks file none
    assert "县商务委：应报 28 → 21、按时 0 → 3、迟报 4 → 0、缺报 24 → 18" in zh.stdout
    assert "评判日" not in zh.stdout and re.search(r"截至\d{4}年\d{1,2}月\d{1,2}日", zh.stdout)
    en = cli("--lang", "en", "review", "--format", "plain")
    assert "report_day 5 → 28" in en.stdout
    assert "3 late reports of 2022 become on time" in en.stdout
    assert "1 late report of 2022 becomes not yet due" in en.stdout
    (effect,) = json.loads(cli("review", "--format", "json").stdout)["judgments"]
    assert effect["cause"] == {"field": "report_day", "before": 5, "after": 28, "task": None}
    assert effect["shifts"] == [
        {"kind": "report", "year": 2022, "before": "late", "after": "on_time", "count": 3},
        {"kind": "report", "year": 2022, "before": "late", "after": "pending", "count": 1},
        {"kind": "report", "year": 2022, "before": "missing", "after": "pending", "count": 54},
    ]
    git(later_report_day, "commit", "-qam", "report_day 28", "--no-verify")
    ranged = json.loads(cli("review", "HEAD~1..HEAD", "--format", "json").stdout)
    assert ranged["judgments"] == [effect]  # the range's two ends, read from git
    commerce = next(unit for unit in effect["units"] if unit["unit"] == "commerce")
    assert commerce["before"] == {"owed": 28, "on_time": 0, "late": 4, "missing": 24}
    assert commerce["after"] == {"owed": 21, "on_time": 3, "late": 0, "missing": 18}


def test_check_since_refuses_it_unless_allowed(later_report_day):
    cli = Cli(later_report_day)
    before = (later_report_day / "tasks.yaml").read_bytes()
    refused = cli("check", "--since", "HEAD")
    assert refused.exit_code == 1
    assert "tasks.yaml:16:15: " in refused.stdout  # at report_day's value
    assert "报送日 5 → 28：2022年的3份迟报变为按时、2022年的1份迟报变为未到期" in refused.stdout
    assert "--allow-registry-change" in refused.stdout
    en = cli("--lang", "en", "check", "--since", "HEAD")
    assert "report_day 5 → 28: 3 late reports of 2022 become on time" in en.stdout
    assert "--allow-registry-change" in en.stdout
    assert cli("check", "--since", "HEAD", "--allow-registry-change").exit_code == 0
    assert cli("check").exit_code == 0  # without --since there is nothing to compare with
    # the commit hook's own check (staged), and its way through
    git(later_report_day, "add", "tasks.yaml")
    assert cli("check", "--staged", "--since", "HEAD").exit_code == 1
    allowed = {"PILOTLEDGER_ALLOW_REGISTRY_CHANGE": "1"}
    assert cli("check", "--staged", "--since", "HEAD", env=allowed).exit_code == 0
    assert (later_report_day / "tasks.yaml").read_bytes() == before


def test_a_past_milestone_and_a_new_lead_are_named_with_their_effects(origin):
    four_late_reports(origin)
    milestone = "    milestones:\n      - due: 2022-04-30\n        target: done\n"
    new_units = (
        "    lead: [finance]\n    responsible: [commerce, development-reform, culture-tourism]\n"
    )
    edit_tasks(origin, TASK_23, new_units + milestone)  # 县商务委's records stay admitted
    tasks = origin / "tasks.yaml"
    added = "  - number: 56\n    section: 4\n    text: 新增任务。\n    lead: [finance]\n"
    tasks.write_text(tasks.read_text(encoding="utf-8") + added, encoding="utf-8")
    cli = Cli(origin)
    shown = cli("review", "--format", "plain").stdout
    assert "任务23的节点 — → 2022-04-30 已完成" in shown
    assert "2022年到期的1个新节点判为未达成" in shown
    assert "任务23的牵头单位 县商务委 → 县财政局" in shown
    assert "县商务委：应报 4 → 0、迟报 4 → 0" in shown
    assert "县财政局：应报 0 → 4、迟报 0 → 4" in shown
    # a task added to the plan owes every month since the plan's issue (March–June are due)
    assert "新增任务56" in shown and "2022年的4个月变为应报，判为缺报" in shown
    refused = cli("--lang", "en", "check", "--since", "HEAD")
    assert refused.exit_code == 1
    assert "task 23 milestones — → 2022-04-30 done: 1 new milestone due in 2022" in refused.stdout
    assert "task 23 lead units commerce" not in refused.stdout  # units by their names
    assert "task 23 lead units 县商务委 → 县财政局" in refused.stdout


def test_a_change_that_moves_no_past_judgment_passes(origin):
    four_late_reports(origin)
    future = "    milestones:\n      - due: 2023-06-30\n        target: done\n"
    edit_tasks(origin, TASK_23, TASK_23 + future)
    edit_tasks(origin, "在优质消费环境", "在优质的消费环境")
    cli = Cli(origin)
    assert cli("check", "--since", "HEAD").exit_code == 0
    data = json.loads(cli("review", "--format", "json").stdout)
    assert len(data["registries"]) == 1 and data["judgments"] == []
    assert "既往判断" not in cli("review", "--format", "plain").stdout
