"""Period reports and reminder lists through the real CLI, on the sample ledger with a late
backfill, a late report and multi-line narrative: golden files in both languages, the JSON
field by field, csv and xlsx keeping numbers, html in a real browser, reminder files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from helpers.cli import Cli
from helpers.ledgers import left_unchanged

TODAY = {"PILOTLEDGER_TODAY": "2026-11-26"}  # long after the pilot: every 2022 report is final


@pytest.fixture
def run(reported: Path) -> Cli:
    """The CLI on a copy of the `reported` ledger of its own, for a test that changes it."""
    return Cli(reported, env=TODAY)


@pytest.fixture
def reader(reported_once: Path) -> Cli:
    """The CLI on the shared `reported` ledger, for a test that only reads it (it fails if it
    changed a file of the ledger)."""
    with left_unchanged(reported_once):
        yield Cli(reported_once, env=TODAY)


def report_json(run: Cli, *args: str) -> dict:
    result = run("report", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


GOLDEN_CASES = {
    "report_2022Q2_{lang}.txt": ("report", "--quarter", "2022Q2", "--format", "plain"),
    "report_2022Q2_{lang}.md": ("report", "--quarter", "2022Q2", "--format", "markdown"),
    "report_2022_{lang}.md": ("report", "--year", "2022", "--format", "markdown"),
    "remind_commerce_{lang}.md": ("remind", "--unit", "商务委", "--as-of", "2022-07-20"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_reports_match_golden_files(reader, golden, name, lang):
    result = reader("--lang", lang, *GOLDEN_CASES[name])
    assert result.exit_code == 0, result.stderr
    golden(name.format(lang=lang), result.stdout)


def test_quarter_json_field_by_field(reader):
    data = report_json(reader, "--quarter", "2022Q2")
    assert list(data) == [
        "period",
        "summary",
        "sections",
        "tasks",
        "narrative",
        "problems",
        "overdue",
        "units",
        "upcoming",
        "trend",  # the plan's trend up to the period's end (views/report/figures.py)
    ]
    # June's report is due 5 July, so the quarter is judged on 6 July; today is long after it.
    assert data["period"] == {
        "kind": "quarter",
        "label": "2022Q2",
        "start": "2022-04-01",
        "end": "2022-06-30",
        "judged_on": "2022-07-06",
        "provisional": False,
        "known_at": None,
        "commit": None,
        "uncommitted": False,
    }
    assert data["summary"]["start"] == {
        "not_started": 52,
        "in_progress": 3,
        "blocked": 0,
        "done": 0,
    }
    # 30 June: task 1 done; 12 blocked; 15, 23, 24, 40, 49, 55 in progress; 47 not started.
    assert data["summary"]["end"] == {"not_started": 47, "in_progress": 6, "blocked": 1, "done": 1}
    section1 = data["sections"][0]
    assert section1 == {
        "section": 1,
        "tasks": 5,
        "not_started": 4,
        "in_progress": 0,
        "blocked": 0,
        "done": 1,
        "completion": 0.2,
        "average_progress": 0.2,  # task 1 done (100), tasks 2–5 without progress (0): 100 / 5
    }
    task23 = next(t for t in data["tasks"] if t["task"] == 23)
    assert task23 == {
        "task": 23,
        "status_start": "in_progress",
        "status_end": "in_progress",
        "progress_start": 20,
        "progress_end": 60,
        "progress_change": 40,
        "records": 3,
        "light": "green",  # in progress, every month of the quarter filed, no milestone missed
    }
    # task 24: in progress, but March, May and June missing on 6 July (two or more: red)
    assert next(t for t in data["tasks"] if t["task"] == 24)["light"] == "red"
    kinds = {(p["task"], p["kind"]) for p in data["problems"]}
    assert {(12, "blocked"), (24, "problems"), (24, "missing_report")} <= kinds
    assert (40, "missed_milestone") in kinds and (23, "missing_report") not in kinds
    missed = next(p for p in data["problems"] if p["kind"] == "missed_milestone")
    assert missed == {
        "kind": "missed_milestone",
        "task": 40,
        "status": "in_progress",
        "date": "2022-04-30",
        "unit": None,
        "problems": None,
        "target": "in_progress",
    }
    assert [(n["task"], n["date"]) for n in data["narrative"]] == [
        (1, "2022-04-01"),
        (1, "2022-05-20"),
        (12, "2022-05-16"),
        (12, "2022-06-28"),
        (15, "2022-04-20"),
        (15, "2022-06-15"),
        (23, "2022-04-28"),
        (23, "2022-05-25"),
        (23, "2022-06-30"),
        (24, "2022-04-26"),
        (40, "2022-05-12"),
        (49, "2022-06-08"),
        (55, "2022-04-30"),
    ]
    backfill = next(n for n in data["narrative"] if n["task"] == 24)
    assert backfill == {
        "task": 24,
        "date": "2022-04-26",
        "unit": "commerce",
        "status": "in_progress",
        "progress": 10,
        "summary": "完成电商企业摸底\n形成重点企业名单",
        "problems": "物流成本偏高",
        "next_steps": "5月召开对接会\n6月出台扶持措施",
        "evidence": ["重点企业摸底表"],
        "corrects": None,
    }
    corrected = next(n for n in data["narrative"] if n["task"] == 23 and n["date"] == "2022-05-25")
    assert (
        corrected["summary"] == "新天地商圈智慧停车上线"
        and corrected["corrects"] == "20220531-fx0009"
    )
    named = [p for p in data["problems"] if p["kind"] in ("blocked", "problems")]
    assert named == [
        {
            "kind": "blocked",
            "task": 12,
            "status": "blocked",
            "date": "2022-06-28",
            "unit": "medical-security",
            "problems": "外方资质审核未通过\n需市级部门协调",
        },
        {
            "kind": "problems",
            "task": 24,
            "status": "in_progress",
            "date": "2022-04-26",
            "unit": "commerce",
            "problems": "物流成本偏高",
        },
    ]
    # every overdue item is a problem too: a task's missing months, each missed milestone
    missing = {p["task"]: p["months"] for p in data["problems"] if p["kind"] == "missing_report"}
    assert missing == {o["task"]: o["period"] for o in data["overdue"] if o["kind"] == "report"}
    task40 = [item for item in data["overdue"] if item["task"] == 40]
    assert task40 == [
        {
            "task": 40,
            "kind": "report",
            "days": 92,
            "lead": ["pboc-fengdu", "commerce"],
            "period": ["2022-03", "2022-04", "2022-06"],
            "due": None,
            "target": None,
        },
        {
            "task": 40,
            "kind": "milestone",
            "days": 67,
            "lead": ["pboc-fengdu", "commerce"],
            "period": None,
            "due": "2022-04-30",
            "target": "in_progress",
        },
    ]
    assert data["upcoming"] == {"next_report_due": "2022-08-05", "milestones": []}


def unit_rows(data: dict) -> dict:
    return {row["unit"]: row for row in data["units"]}


def test_quarter_units_as_a_clerk_counts_them(reader):
    units = unit_rows(report_json(reader, "--quarter", "2022Q2"))
    # 县商务委 leads 23–27, 39, 40: 7 tasks × 3 months = 21. Task 23 on time in April, May and
    # June; task 24's April record was typed in on 20 June (late); task 40's May report came
    # from 人行丰都支行.
    assert units["commerce"] == {
        "unit": "commerce",
        "owed": 21,
        "filed": 5,
        "on_time": 4,
        "late": 1,
        "missing": 16,
        "filed_by_self": 4,
        "compliance": 0.2381,
        "on_time_rate": 0.1905,
        "pending": 0,
    }
    # 县医保局 leads 12 and 17: task 12 misses April, files May on 6 June (a day late) and June on
    # the evening of 5 July (on time); task 17 files nothing.
    assert units["medical-security"] == {
        "unit": "medical-security",
        "owed": 6,
        "filed": 2,
        "on_time": 1,
        "late": 1,
        "missing": 4,
        "filed_by_self": 2,
        "compliance": 0.3333,
        "on_time_rate": 0.1667,
        "pending": 0,
    }
    # Task 1 (县科技局) was done on 20 May: it owes April and May only.
    assert units["pboc-fengdu"]["filed_by_self"] == 1 and units["commerce"]["filed"] == 5
    # Task 15 is led by 县卫生健康委 and 县农业农村委: April by the latter, June by the former.
    assert (units["health"]["filed_by_self"], units["agriculture-rural"]["filed_by_self"]) == (1, 1)


def test_report_before_on_and_after_its_judgment_day(reader):
    before = report_json(reader, "--quarter", "2022Q2", "--as-of", "2022-07-05")
    assert before["period"]["judged_on"] == "2022-07-05" and before["period"]["provisional"] is True
    assert unit_rows(before)["commerce"] | {} == dict(
        unit_rows(before)["commerce"], owed=14, pending=7
    )
    assert (unit_rows(before)["commerce"]["owed"], unit_rows(before)["commerce"]["pending"]) == (
        14,
        7,
    )
    on = report_json(reader, "--quarter", "2022Q2", "--as-of", "2022-07-06")
    assert on["period"]["provisional"] is False
    assert (unit_rows(on)["commerce"]["owed"], unit_rows(on)["commerce"]["pending"]) == (21, 0)
    later = report_json(reader, "--quarter", "2022Q2", "--as-of", "2022-09-01")
    assert later["units"] == on["units"] and later["narrative"] == on["narrative"]
    default_early = Cli(reader.root, env={"PILOTLEDGER_TODAY": "2022-07-05"})
    early = json.loads(default_early("report", "--quarter", "2022Q2", "--format", "json").stdout)
    assert early["period"]["judged_on"] == "2022-07-05" and early["period"]["provisional"] is True
    assert early["units"] == before["units"]


def test_as_of_before_the_period_is_a_usage_error(reader):
    result = reader("report", "--quarter", "2022Q2", "--as-of", "2022-03-31")
    assert result.exit_code == 2
    assert (
        "--as-of 2022-03-31 早于报告期开始日 2022-04-01" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_office_titles(reader):
    titles = {
        args: reader("--lang", lang, "report", *args, "--format", "plain").stdout.splitlines()[0]
        for lang, args in (
            ("zh", ("--month", "2022-03")),
            ("zh", ("--quarter", "2022Q2")),
            ("zh", ("--half", "2022H1")),
            ("zh", ("--year", "2022")),
        )
    }
    assert list(titles.values()) == [
        f"关于石柱县服务业扩大开放综合试点{period}推进情况的报告"
        for period in ("2022年3月", "2022年第二季度", "2022年上半年", "2022年度")
    ]
    english = [
        reader("--lang", "en", "report", flag, value, "--format", "plain").stdout.splitlines()[0]
        for flag, value in (
            ("--month", "2022-03"),
            ("--quarter", "2022Q2"),
            ("--half", "2022H1"),
            ("--year", "2022"),
        )
    ]
    assert [line.split("综合试点, ")[1] for line in english] == [
        "March 2022",
        "2022 Q2",
        "2022 H1",
        "2022",
    ]


def csv_blocks(text: str) -> dict[str, list[list[str]]]:
    blocks: dict[str, list[list[str]]] = {}
    current = None
    for row in csv.reader(io.StringIO(text)):
        if row and row[0].startswith("# ") and len(row) == 1:
            current = blocks.setdefault(row[0][2:], [])
        elif row and current is not None:
            current.append(row)
    return blocks


def test_csv_has_every_part_with_numbers_as_numbers(reader):
    blocks = csv_blocks(reader("report", "--quarter", "2022Q2", "--format", "csv").stdout)
    assert [title for title in blocks][2:] == [
        "状态汇总",
        "分板块情况",
        "分任务情况",
        "工作进展详情",
        "问题清单",
        "逾期事项（截至2022年7月6日）",
        "单位报送情况",
        "下步安排",
        "各月任务状态",
    ]
    units = blocks["单位报送情况"]
    assert units[0] == [
        "单位",
        "应报",
        "已报",
        "按时",
        "迟报",
        "缺报",
        "本单位报送",
        "报送率",
        "按时率",
        "待报",
    ]
    assert next(row for row in units if row[0] == "县商务委") == [
        "县商务委",
        "21",
        "5",
        "4",
        "1",
        "16",
        "4",
        "0.2381",
        "0.1905",
        "0",
    ]
    narrative = blocks["工作进展详情"]
    backfill = next(row for row in narrative if row[0] == "24")
    assert backfill[1].startswith("探索优化消费供需新生态")  # the task's text, in full
    assert backfill[2:7] == [
        "2022-04-26",
        "县商务委",
        "推进中",
        "0.1",
        "完成电商企业摸底\n形成重点企业名单",
    ]


def test_every_text_format_carries_the_same_numbers(reader):
    plain = reader("report", "--quarter", "2022Q2", "--format", "plain").stdout
    # the unit's row of 单位报送情况 (its overdue rows start with its name too)
    row = next(line for line in plain.splitlines() if re.match(r"县商务委 +\d", line))
    assert row.split() == ["县商务委", "21", "5", "4", "1", "16", "4", "24%", "19%", "0"]
    markdown = reader("report", "--quarter", "2022Q2", "--format", "markdown").stdout
    md_row = next(line for line in markdown.splitlines() if re.match(r"\| 县商务委 +\| +\d", line))
    assert [cell.strip() for cell in md_row.strip("|").split("|")] == [
        "县商务委",
        "21",
        "5",
        "4",
        "1",
        "16",
        "4",
        "24%",
        "19%",
        "0",
    ]
    assert "完成电商企业摸底<br>形成重点企业名单" in markdown


def test_xlsx_one_sheet_per_part_numbers_and_wrapped_narrative(reader, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "2022.xlsx"
    result = reader("report", "--year", "2022", "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    book = load_workbook(target)
    assert book.sheetnames == [
        "状态汇总",
        "分板块情况",
        "分任务情况",
        "工作进展详情",
        "问题清单",
        "逾期事项（截至2023年1月6日）",
        "单位报送情况",
        "下步安排",
        "年度节点对账",
        "年内完成任务",
        "单位年度考评",
        "各月任务状态",
    ]
    units = book["单位报送情况"]
    header = [cell.value for cell in units[header_row(units)]]
    commerce = next(
        row for row in units.iter_rows(min_row=header_row(units) + 1) if row[0].value == "县商务委"
    )
    owed = commerce[header.index("应报")]
    rate = commerce[header.index("报送率")]
    assert (
        isinstance(owed.value, int) and isinstance(rate.value, float) and rate.number_format == "0%"
    )
    assert 0 <= rate.value <= 1
    narrative = book["工作进展详情"]
    header = [cell.value for cell in narrative[header_row(narrative)]]
    backfill = next(
        row for row in narrative.iter_rows(min_row=header_row(narrative) + 1) if row[0].value == 24
    )
    summary = backfill[header.index("工作进展")]
    assert summary.value == "完成电商企业摸底\n形成重点企业名单" and summary.alignment.wrap_text
    assert backfill[header.index("日期")].is_date and backfill[header.index("进度")].value == 0.1
    completed = book["年内完成任务"]
    first = header_row(completed) + 1
    assert [c.value for c in completed[first]][0] == 1 and completed.cell(first, 3).is_date


def header_row(sheet) -> int:
    """The row of a sheet's table header (below the title block): the row repeated in print."""
    return int(sheet.print_title_rows.split(":")[0].strip("$"))


def test_html_report_renders_in_headless_chromium(reader, tmp_path, browser):
    page = tmp_path / "q2.html"
    assert (
        reader("report", "--quarter", "2022Q2", "--format", "html", "--output", str(page)).exit_code
        == 0
    )
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html.split("<body>")[1]  # self-contained
    dom = browser.dom(page.as_uri())
    assert "关于石柱县服务业扩大开放综合试点2022年第二季度推进情况的报告" in dom
    # eight parts and the trend: each a table, or （无） where it has no rows
    assert dom.count('<table class="data">') + dom.count('<p class="empty">') == 9
    assert dom.count("<svg") == 1
    assert "外方资质审核未通过\n需市级部门协调" in dom
    assert "深化科技成果使用权、处置权和收益权改革" in dom


def test_year_report_leaves_out_what_is_dated_after_the_year(run):
    with open(run.root / "progress" / "2023-01.yaml", "w", encoding="utf-8") as month_file:
        month_file.write(
            "- id: 20230103-late01\n  task: 23\n  date: 2023-01-03\n  unit: commerce\n"
            "  status: done\n  progress: 100\n  summary: 商圈建设完成\n"
            "  recorded_at: 2023-01-03 10:00:00+08:00\n"
        )
    data = report_json(run, "--year", "2022", "--as-of", "2023-01-06")
    assert data["completed"] == [{"task": 1, "date": "2022-05-20"}]
    assert next(t for t in data["tasks"] if t["task"] == 23)["status_end"] == "in_progress"
    assert data["period"] == {
        "kind": "year",
        "label": "2022",
        "start": "2022-01-01",
        "end": "2022-12-31",
        "judged_on": "2023-01-06",
        "provisional": False,
        "known_at": None,
        "commit": None,
        "uncommitted": False,
    }
    assert list(data)[-4:] == ["milestones", "completed", "scorecard", "trend"]
    assert data["milestones"] == [
        {"task": 40, "due": "2022-04-30", "target": "in_progress", "result": "missed"}
    ]
    commerce = next(row for row in data["scorecard"] if row["unit"] == "commerce")
    # March–December for 7 tasks = 70 months; filed: task 23 Mar–Jun, 24 Apr (late), 40 May.
    assert commerce == {
        "unit": "commerce",
        "tasks_led": 7,
        "done": 0,
        "missed_milestones": 1,
        "owed": 70,
        "on_time": 5,
        "late": 1,
        "missing": 64,
    }


def test_remind_writes_one_file_per_unit_named_after_it(reader, tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    result = reader("remind", "--as-of", "2022-07-20", "--output-dir", str(folder))
    assert result.exit_code == 0, result.stderr
    names = sorted(path.name for path in folder.iterdir() if path.name != "发文登记.csv")
    # On 20 July every one of the 27 lead units still misses some report of March–June.
    lead_units = report_json(reader, "--quarter", "2022Q2")["units"]
    assert (
        len(names) == len(lead_units) == 27
        and "县商务委.md" in names
        and "人行丰都支行.md" in names
    )
    assert f"已写入 {folder / '县商务委.md'}" in result.stdout.splitlines()
    letter = (folder / "县商务委.md").read_text(encoding="utf-8")
    assert letter.startswith("# 关于报送石柱县服务业扩大开放综合试点推进情况的提示函\n\n县商务委：")
    assert "| 2022-03、2022-04、2022-06 " in letter  # task 40's missing months


def test_remind_one_unit_as_xlsx_and_html(reader, tmp_path):
    from openpyxl import load_workbook

    folder = tmp_path / "letters"
    folder.mkdir()
    assert (
        reader(
            "remind",
            "--unit",
            "县医保局",
            "--as-of",
            "2022-07-20",
            "--format",
            "xlsx",
            "--output-dir",
            str(folder),
        ).exit_code
        == 0
    )
    assert sorted(p.name for p in folder.iterdir()) == ["县医保局.xlsx", "发文登记.csv"]
    missing = load_workbook(folder / "县医保局.xlsx")["缺报月报"]
    rows = [
        [cell.value for cell in row] for row in missing.iter_rows(min_row=header_row(missing) + 1)
    ]
    rows = rows[
        : next((i for i, row in enumerate(rows) if row[0] is None), len(rows))
    ]  # the notes follow
    # As of 20 July: task 12 misses April (due 5 May: 76 days); task 17 misses March–June.
    assert [(row[0], row[2], row[4]) for row in rows] == [
        (12, "2022-04", 76),
        (17, "2022-03、2022-04、2022-05、2022-06", 106),
    ]
    assert missing.cell(header_row(missing) + 1, 4).is_date
    html = reader(
        "remind", "--unit", "县医保局", "--as-of", "2022-07-20", "--format", "html"
    ).stdout
    assert html.startswith("<!DOCTYPE html>") and "县医保局：" in html and "提示函" in html


def test_remind_output_dir_is_made_as_the_readme_example_writes_it(reader, tmp_path, monkeypatch):
    # the README's own example: a relative folder that does not exist yet, in Chinese
    monkeypatch.chdir(tmp_path)
    result = reader("remind", "--as-of", "2022-07-20", "--output-dir", "提示函")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "提示函" / "县商务委.md").is_file()
    nested = reader("remind", "--unit", "县医保局", "--output-dir", str(tmp_path / "a" / "b"))
    assert nested.exit_code == 0 and sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == [
        "县医保局.md",
        "发文登记.csv",
    ]


def test_remind_output_dir_that_is_a_file_is_refused(reader, tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = reader("remind", "--output-dir", str(tmp_path / "taken"))
    assert result.exit_code == 1 and str(tmp_path / "taken") in result.stderr
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "x"


def test_remind_needs_a_unit_or_a_folder(reader):
    for args in ([], ["--format", "xlsx", "--unit", "县医保局"]):
        result = reader("remind", *args)
        assert result.exit_code == 2 and "--output-dir" in result.stderr, args


def test_remind_a_unit_that_owes_nothing(reader):
    result = reader("remind", "--unit", "县卫生健康委", "--as-of", "2022-03-01")
    assert result.exit_code == 0 and result.stdout == "县卫生健康委 截至 2022-03-01 无待办事项。\n"


def test_known_at_on_status_overdue_and_report(reader):
    def missing_of_24(command, *args):
        rows = json.loads(
            reader(command, "--as-of", "2022-06-10", *args, "--format", "json").stdout
        )
        row = next(r for r in rows if r["task"] == 24 and r.get("kind", "report") == "report")
        return row["missing_reports"] if command == "status" else row["period"]

    # Task 24's April record was typed in on 20 June: on 10 June April was still missing
    # (with March and May, whose report was due on 5 June).
    assert missing_of_24("status", "--known-at", "2022-06-10") == ["2022-03", "2022-04", "2022-05"]
    assert missing_of_24("status") == ["2022-03", "2022-05"]
    assert missing_of_24("overdue", "--known-at", "2022-06-10") == ["2022-03", "2022-04", "2022-05"]
    # Task 12's June report was recorded at 23:30 on 5 July: known at the end of that day, not
    # before.
    on_due_day = unit_rows(report_json(reader, "--quarter", "2022Q2", "--known-at", "2022-07-05"))
    day_before = unit_rows(report_json(reader, "--quarter", "2022Q2", "--known-at", "2022-07-04"))
    assert (
        on_due_day["medical-security"]["on_time"],
        on_due_day["medical-security"]["missing"],
    ) == (1, 4)
    assert (
        day_before["medical-security"]["on_time"],
        day_before["medical-security"]["missing"],
    ) == (0, 5)


def test_a_report_reads_full_records_of_its_own_months_only(run, monkeypatch):
    """The narrative quotes whole records; the light entries serve everything else, so a year
    report never loads the whole records of a month outside the year, nor a quarter report
    those of a month before the quarter (nothing in Q2 corrects or blocks from March)."""
    from pilotledger.store import loader

    with open(run.root / "progress" / "2023-01.yaml", "w", encoding="utf-8") as month_file:
        month_file.write(
            "- id: 20230103-late01\n  task: 23\n  date: 2023-01-03\n  unit: commerce\n"
            "  status: done\n  progress: 100\n  summary: 商圈建设完成\n"
            "  recorded_at: 2023-01-03 10:00:00+08:00\n"
        )
    assert run("check").exit_code == 0  # warm: every file's cache entries written
    read: list[str] = []
    real = loader.FullRecords._file_records

    def counting(self, file_read):
        read.append(Path(file_read.name).stem)
        return real(self, file_read)

    monkeypatch.setattr(loader.FullRecords, "_file_records", counting)
    year = report_json(run, "--year", "2022", "--as-of", "2023-01-06")
    assert sorted(read) == ["2022-03", "2022-04", "2022-05", "2022-06"]
    assert {item["date"][:4] for item in year["narrative"]} == {"2022"}
    read.clear()
    report_json(run, "--quarter", "2022Q2")
    assert sorted(read) == ["2022-04", "2022-05", "2022-06"]


def test_a_period_that_has_not_begun_is_named_not_an_as_of_never_given(mini_cli):
    """Today is pinned to 2022-07-20; 2022-08 starts on 2022-08-01."""
    english = mini_cli("--lang", "en", "report", "--month", "2022-08")
    assert english.exit_code == 2 and english.stdout == ""
    assert english.stderr == (
        "pilotledger: 2022-08 has not begun yet: today (2022-07-20) is before its start, "
        "2022-08-01\n"
    )
    chinese = mini_cli("--lang", "zh", "report", "--month", "2022-08")
    assert chinese.exit_code == 2
    assert "尚未开始：今天（2022-07-20）早于其开始日 2022-08-01" in chinese.stderr
    assert "--as-of" not in english.stderr + chinese.stderr
    given = mini_cli("--lang", "en", "report", "--month", "2022-08", "--as-of", "2022-07-31")
    assert given.exit_code == 2 and "--as-of 2022-07-31 is before" in given.stderr
