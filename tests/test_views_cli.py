"""status, overdue, matrix and report through the real CLI: golden text in both languages,
JSON keys, csv, xlsx read back, and the html report in a real browser."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, Cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MILESTONE = "    lead: [pboc-fengdu, commerce]\n"


@pytest.fixture
def sample(shipped: Path) -> Path:
    """The shipped ledger with March–June 2022 progress and one milestone (task 40, due 30 April)."""
    for path in (FIXTURES / "progress").glob("*.yaml"):
        shutil.copy(path, shipped / "progress" / path.name)
    tasks = shipped / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert text.count(MILESTONE) == 1
    tasks.write_text(text.replace(MILESTONE, MILESTONE + "    milestones:\n      - due: 2022-04-30\n"
                                  "        target: in_progress\n        note: 完成平台接入\n"), encoding="utf-8")
    return shipped


@pytest.fixture
def run(sample: Path) -> Cli:
    return Cli(sample)


def test_the_sample_is_valid(run):
    assert run("check").stdout == "检查通过：55 项任务，36 个单位，14 条记录，6 个文件\n"


GOLDEN_CASES = {
    "status_{lang}.txt": ("status", "--as-of", "2022-06-30", "--format", "plain"),
    "status_part4_{lang}.md": ("status", "--as-of", "2022-06-30", "--part", "4", "--format", "markdown"),
    "overdue_{lang}.txt": ("overdue", "--format", "plain"),
    "overdue_commerce_{lang}.md": ("overdue", "--unit", "商务委", "--format", "markdown"),
    "matrix_part1_{lang}.md": ("matrix", "--part", "1", "--format", "markdown"),
    "report_2022Q2_{lang}.txt": ("report", "--quarter", "2022Q2", "--format", "plain"),
    "report_2022_{lang}.md": ("report", "--year", "2022", "--as-of", "2022-07-20", "--format", "markdown"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_text_formats_match_golden_files(run, golden, name, lang):
    result = run("--lang", lang, *GOLDEN_CASES[name])
    assert result.exit_code == 0, result.stderr
    golden(name.format(lang=lang), result.stdout)


def test_terminal_table_has_lights_legend_and_section_bars(run):
    out = run("status", "--as-of", "2022-06-30", "--format", "table").stdout
    assert "● 绿灯" in out and "● 红灯" in out and "● 黄灯" not in out
    may = run("status", "--as-of", "2022-05-10", "--section", "2", "--format", "table").stdout
    row15 = next(line for line in may.splitlines() if line.startswith("   15 "))
    assert row15.split()[:7] == ["15", "●", "黄灯", "受阻", "5%", "2022-04-20", "1"]  # blocked, March missing
    assert "图例：绿灯 按计划推进或已完成" in out
    assert "（一）充分竞争性服务业 1/5" in out and "20%" in out


def test_status_json(run):
    rows = json.loads(run("status", "--as-of", "2022-06-30", "--format", "json").stdout)
    assert len(rows) == 55
    by_task = {row["task"]: row for row in rows}
    assert by_task[1] == {"task": 1, "status": "done", "progress": 100, "last_date": "2022-05-20",
                          "lead": ["science-tech"], "missing_reports": [], "missed_milestones": [], "light": "green"}
    assert by_task[23]["progress"] == 60 and by_task[23]["light"] == "green"
    assert by_task[15]["status"] == "in_progress" and by_task[15]["missing_reports"] == ["2022-03", "2022-05"]
    assert by_task[40]["missed_milestones"] == ["2022-04-30"] and by_task[40]["light"] == "red"


def test_status_filters(run):
    def tasks(*args):
        return [row["task"] for row in json.loads(run("status", "--as-of", "2022-06-30", *args, "--format", "json").stdout)]

    assert tasks("--status", "已完成") == [1]
    assert tasks("--status", "blocked") == []
    assert tasks("--unit", "县农业农村委") == [15]
    assert tasks("--section", "（十三）") == [54, 55]


def test_overdue_json_is_one_entry_per_task_per_kind(run):
    items = json.loads(run("overdue", "--format", "json").stdout)
    task40 = [item for item in items if item["task"] == 40]
    assert task40 == [
        {"task": 40, "kind": "report", "days": 106, "lead": ["pboc-fengdu", "commerce"],
         "period": ["2022-03", "2022-04", "2022-06"]},
        {"task": 40, "kind": "milestone", "days": 81, "lead": ["pboc-fengdu", "commerce"],
         "due": "2022-04-30", "target": "in_progress"},
    ]
    assert not [item for item in items if item["task"] == 1]


def test_overdue_by_unit_lists_only_what_that_lead_owes(run):
    items = json.loads(run("overdue", "--unit", "人行丰都支行", "--format", "json").stdout)
    assert sorted({item["task"] for item in items}) == [10, 40]


def test_matrix_json_and_csv(run):
    data = json.loads(run("matrix", "--format", "json").stdout)
    assert data["cells"]["commerce"]["23"] == "lead" and data["cells"]["commerce"]["13"] == "responsible"
    assert data["tasks"] == list(range(1, 56))
    assert len(data["units"]) == 36
    rows = list(csv.reader(io.StringIO(run("matrix", "--words", "--format", "csv").stdout)))
    health = next(row for row in rows if row[0] == "县卫生健康委")
    assert health[12] == "责任" and health[13] == "牵头" and health[-2:] == ["5", "1"]


def test_matrix_for_one_part_fits_160_columns(run):
    out = run("matrix", "--part", "1", "--format", "table", env={"COLUMNS": "160"}).stdout
    from pilotledger.render.text import display_width

    assert max(display_width(line) for line in out.splitlines()) <= 160
    assert "…" not in out  # nothing had to be cut


def test_report_json_keys(run):
    data = json.loads(run("report", "--quarter", "2022Q2", "--format", "json").stdout)
    assert list(data) == ["period", "summary", "sections", "tasks", "overdue", "units"]
    assert data["period"] == {"kind": "quarter", "label": "2022Q2", "start": "2022-04-01", "end": "2022-06-30",
                              "as_of": "2022-06-30"}
    assert data["summary"]["start"] == {"not_started": 52, "in_progress": 3, "blocked": 0, "done": 0}
    assert data["summary"]["end"] == {"not_started": 48, "in_progress": 6, "blocked": 0, "done": 1}
    task23 = next(t for t in data["tasks"] if t["task"] == 23)
    assert task23 == {"task": 23, "status_start": "in_progress", "status_end": "in_progress", "progress_start": 20,
                      "progress_end": 60, "progress_change": 40, "records": 3}


@pytest.mark.parametrize("value,label", [("2022Q2", "2022Q2"), ("2022-Q2", "2022Q2"), ("this", "2022Q3"),
                                         ("last", "2022Q2")])
def test_quarter_values(run, value, label):
    data = json.loads(run("report", "--quarter", value, "--format", "json").stdout)
    assert data["period"]["label"] == label


@pytest.mark.parametrize("flag,value,label", [("--month", "2022-03", "2022-03"), ("--half", "2022H1", "2022H1"),
                                              ("--year", "2022", "2022"), ("--month", None, "2022-07"),
                                              ("--year", "last", "2021")])
def test_other_periods(run, flag, value, label):
    args = ["report", flag] + ([value] if value else []) + ["--format", "json"]
    assert json.loads(run(*args).stdout)["period"]["label"] == label


def test_bad_periods_are_usage_errors(run):
    for args in (["--quarter", "2022Q5"], ["--month", "2022-13"], [], ["--month", "--year"]):
        result = run("report", *args)
        assert result.exit_code == 2 and "Traceback" not in result.stderr, args


def test_report_csv_has_every_table_in_full(run):
    out = run("report", "--quarter", "2022Q2", "--format", "csv").stdout
    titles = [line for line in out.splitlines() if line.startswith("# ")]
    assert titles == ["# 状态汇总", "# 分板块情况", "# 分任务情况", "# 逾期事项（截至 2022-06-30）", "# 单位报送情况"]
    assert "深化科技成果使用权、处置权和收益权改革，探索形成市场化赋权、成果评价、收益分配等制度。" in out


def test_xlsx_report_reads_back(run, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "q2.xlsx"
    result = run("report", "--quarter", "2022Q2", "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    book = load_workbook(target)
    assert book.sheetnames == ["状态汇总", "分板块情况", "分任务情况", "逾期事项（截至 2022-06-30）", "单位报送情况"]
    tasks = book["分任务情况"]
    assert [cell.value for cell in tasks[1]][:3] == ["序号", "试点任务", "牵头单位"]
    assert tasks["A2"].value == 1 and tasks["B2"].value.endswith("收益分配等制度。")
    assert tasks.freeze_panes == "A2"
    assert tasks.column_dimensions["B"].width > 2 * len("序号")  # CJK text counted double


def test_xlsx_needs_an_output_file(run):
    result = run("report", "--quarter", "2022Q2", "--format", "xlsx")
    assert result.exit_code == 2 and "--format xlsx 需要 --output 文件" in result.stderr


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(chromium() is None, reason="headless Chromium is not installed here (.ci/run installs it in CI)")
def test_html_report_renders_in_headless_chromium(run, tmp_path):
    page = tmp_path / "q2.html"
    assert run("report", "--quarter", "2022Q2", "--format", "html", "--output", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html.split("<body>")[1]  # self-contained
    done = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "石柱县服务业扩大开放综合试点实施方案 2022Q2 报告" in done.stdout
    assert done.stdout.count("<table>") == 5
    assert "深化科技成果使用权、处置权和收益权改革" in done.stdout


def test_matrix_xlsx_reads_back(run, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "matrix.xlsx"
    assert run("matrix", "--format", "xlsx", "--output", str(target)).exit_code == 0
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "单位" and header[1:4] == ["1", "2", "3"] and header[-2:] == ["牵头", "责任"]
    commerce = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "县商务委")
    assert commerce[23] == "●" and commerce[13] == "○" and commerce[-2:] == (7, 7)
    assert sheet.freeze_panes == "A2"


def registry_marks(part: int) -> tuple[int, int]:
    """Lead and responsible assignments of one part's tasks, counted from tasks.yaml itself."""
    import yaml

    plan = yaml.safe_load((REPO / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    sections = {s["number"] for s in plan["sections"] if s["part"] == part}
    tasks = [t for t in plan["tasks"] if t["section"] in sections]
    return sum(len(t["lead"]) for t in tasks), sum(len(t.get("responsible", [])) for t in tasks)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [80, 120, 160])
def test_matrix_on_a_terminal_shows_every_mark_at_any_width(run, golden, lang, columns):
    from pilotledger.render.text import display_width

    out = run("--lang", lang, "matrix", "--part", "1", "--format", "table", env={"COLUMNS": str(columns)}).stdout
    golden(f"matrix_part1_{lang}_{columns}.txt", out)
    lead, responsible = registry_marks(1)
    assert (out.count("●") - 1, out.count("○") - 1) == (lead, responsible)  # less the legend's
    assert max(display_width(line.rstrip()) for line in out.splitlines()) <= columns
    assert "…" not in out.split("\n", 3)[2]  # no task number cut in the header


def test_listings_at_80_columns_keep_unit_ids_whole(run):
    import re

    import yaml

    ids = {u["id"] for u in yaml.safe_load((REPO / "data" / "units.yaml").read_text(encoding="utf-8"))["units"]}
    for command in (("status",), ("tasks",), ("overdue",)):
        out = run("--lang", "en", *command, "--format", "table", env={"COLUMNS": "80"}).stdout
        words = set(re.findall(r"\b[a-z][a-z-]*[a-z]\b", out))
        pieces = {w for w in words - ids if len(w) >= 4 and any(i.startswith(w) or i.endswith(w) for i in ids)}
        broken = {w for w in pieces if not any(w in i.split("-") for i in ids)}
        assert not broken, (command, broken)
        assert "health" in out or command == ("overdue",)
