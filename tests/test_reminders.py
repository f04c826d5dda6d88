"""Reminder letters (提示函): only what a unit still owes, the register of letters sent
(发文登记.csv) and the second notice (再次提示) it makes possible; on the `mini` ledger, where
every day can be worked out by hand."""

from __future__ import annotations

from pathlib import Path

from helpers.cli import Cli
from helpers.ledgers import write
from pilotledger.views.register import REGISTER

# Tasks 1 (commerce) and 2 (health and commerce; milestone 2022-06-30 in progress) are filed
# for March, April and May; task 2 is in progress from March on.
FILED = """\
- id: r{month}a
  task: 1
  date: 2022-{month}-10
  unit: commerce
  status: in_progress
  summary: 推进
  recorded_at: 2022-{month}-11 09:00:00+08:00
- id: r{month}b
  task: 2
  date: 2022-{month}-10
  unit: health
  status: in_progress
  summary: 推进
  recorded_at: 2022-{month}-11 09:00:00+08:00
"""


def filed(root: Path, *months: str) -> Cli:
    for month in months:
        write(root, f"progress/2022-{month}.yaml", FILED.format(month=month))
    return Cli(root)


def test_a_milestone_already_reached_is_nothing_to_remind_of(mini):
    """On 10 June nothing is missing (May was due on 5 June and filed) and task 2's milestone
    of 30 June (in progress) is within 30 days but already reached: health owes nothing."""
    cli = filed(mini, "03", "04", "05")
    result = cli("remind", "--unit", "health", "--as-of", "2022-06-10")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "县卫生健康委 截至 2022-06-10 无待办事项。\n"
    every = cli("remind", "--as-of", "2022-06-10", "--output-dir", str(mini.parent / "out"))
    assert every.stdout == "截至 2022-06-10 没有单位有待办事项。\n"
    assert [p.name for p in (mini.parent / "out").iterdir()] == [REGISTER]


def test_a_milestone_missed_and_still_not_reached_is_reminded(mini):
    """Without any record task 2's milestone (30 June, in progress) is missed on 1 July; once
    task 2 is in progress (a record of 2 July) it is no longer asked for, though it was late."""
    cli = Cli(mini)
    letter = cli("remind", "--unit", "health", "--as-of", "2022-07-01").stdout
    assert "| 2022年6月30日 | 推进中 | 未达成 |" in letter  # annex dates as in the letter
    assert "序号2（第二项任务）：应于2022年6月30日前达到“推进中”，至今未达到。" in letter
    assert "对逾期节点于2022年7月8日前书面说明原因及整改措施" in letter  # 1 July + 7 days
    write(
        mini,
        "progress/2022-07.yaml",
        """\
        - id: late
          task: 2
          date: 2022-07-02
          unit: health
          status: in_progress
          summary: 启动
          recorded_at: 2022-07-02 09:00:00+08:00
        """,
    )
    later = cli("remind", "--unit", "health", "--as-of", "2022-07-03").stdout
    assert "2022年6月30日前" not in later and "缺报月报" in later  # March–June are still missing


def register(folder: Path) -> list[str]:
    return (folder / REGISTER).read_text(encoding="utf-8-sig").splitlines()


def test_the_register_records_each_letter_and_a_second_notice_says_so(mini, tmp_path):
    cli = filed(mini, "03")
    folder = tmp_path / "提示函"
    # 6 May: task 1 and 2 miss April (due 5 May); both leads of task 2 owe it
    first = cli("remind", "--as-of", "2022-05-06", "--output-dir", str(folder))
    assert first.exit_code == 0, first.stderr
    assert register(folder) == [
        "成文日期,单位编号,单位,事项,文件",
        "2022-05-06,commerce,县商务委,月报2022-04,县商务委.md",
        "2022-05-06,health,县卫生健康委,月报2022-04,县卫生健康委.md",
    ]
    # the same day again: the day's rows are replaced, not doubled, and no second notice
    cli("remind", "--as-of", "2022-05-06", "--output-dir", str(folder))
    assert len(register(folder)) == 3
    assert "再次" not in (folder / "县商务委.md").read_text(encoding="utf-8")
    # 20 May, April still missing: a second notice naming the first one's day
    cli("remind", "--unit", "commerce", "--as-of", "2022-05-20", "--output-dir", str(folder))
    letter = (folder / "县商务委.md").read_text(encoding="utf-8")
    assert "再次提示" in letter and "2022年5月6日" in letter
    assert register(folder)[-1] == "2022-05-20,commerce,县商务委,月报2022-04,县商务委.md"


def test_a_notice_on_new_items_only_is_a_first_notice(mini, tmp_path):
    """Reminded of April on 6 May; on 6 June only May is new for task 1 once April is filed."""
    cli = filed(mini, "03")
    folder = tmp_path / "letters"
    cli("remind", "--unit", "commerce", "--as-of", "2022-05-06", "--output-dir", str(folder))
    filed(mini, "03", "04")
    cli("remind", "--unit", "commerce", "--as-of", "2022-06-06", "--output-dir", str(folder))
    assert "再次" not in (folder / "县商务委.md").read_text(encoding="utf-8")


def test_a_register_saved_by_a_spreadsheet_is_read_as_meant(mini, tmp_path):
    """WPS saves GB18030 and writes the day as 2022/5/6: still the notice of 6 May."""
    cli = filed(mini, "03")
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / REGISTER).write_bytes(
        "成文日期,单位编号,单位,事项,文件\r\n2022/5/6,commerce,县商务委,月报2022-04,x.md\r\n".encode(
            "gb18030"
        )
    )
    cli("remind", "--unit", "commerce", "--as-of", "2022-05-20", "--output-dir", str(folder))
    assert "再次提示" in (folder / "县商务委.md").read_text(encoding="utf-8")


def test_a_bad_register_row_is_named_and_nothing_is_written(mini, tmp_path):
    cli = filed(mini, "03")
    folder = tmp_path / "letters"
    folder.mkdir()
    text = "成文日期,单位编号,单位,事项,文件\n2022-05-06,commerce,县商务委,月报2022-04 催了,x.md\n"
    (folder / REGISTER).write_text(text, encoding="utf-8")
    for lang, words in (("zh", "第 2 行：事项 无法识别"), ("en", "line 2: 事项 cannot be read")):
        result = cli("--lang", lang, "remind", "--as-of", "2022-05-20", "--output-dir", str(folder))
        assert result.exit_code == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert [p.name for p in folder.iterdir()] == [REGISTER]
    assert (folder / REGISTER).read_text(encoding="utf-8") == text


def test_the_letter_names_what_is_missing_since_when_and_asks_by_a_day(mini):
    """Task 1 filed March only; on 20 May April is missing (due 5 May: 15 days); May is
    running (due 5 June). The letter asks for April within a week: by 27 May."""
    cli = filed(mini, "03")
    letter = cli("remind", "--unit", "commerce", "--as-of", "2022-05-20").stdout
    parts = [
        "# 关于报送测试推进情况的提示函",
        "县商务委：",
        "截至2022年5月20日，你单位牵头的试点任务有以下事项需要办理：",
        "## 一、缺报月报",
        "1．序号1（第一项任务）：2022年4月推进情况未报送，最早一期应于2022年5月5日前报送，"
        "已逾期15天。",
        "## 二、近期到期事项",
        "1．2022年5月推进情况应于2022年6月5日前报送。",
        "## 三、工作要求",
        "请于2022年5月27日前补报上述缺报月份的推进情况；按时报送下期推进情况（2022年6月5日前）。",
        "测试办  \n2022年5月20日",  # 落款 (the plan's issuer) and 成文日期
        "## 附件　待办事项清单",
    ]
    positions = [letter.find(part) for part in parts]
    assert -1 not in positions and positions == sorted(positions), letter
    english = cli("--lang", "en", "remind", "--unit", "commerce", "--as-of", "2022-05-20").stdout
    assert "Task 1 (第一项任务): no report for May 2022" not in english
    assert "Task 1 (第一项任务): no report for April 2022; the first was due by 5 May 2022" in (
        english
    )
    assert "Please send the missing reports by 27 May 2022" in english
