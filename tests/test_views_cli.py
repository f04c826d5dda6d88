"""status, overdue, matrix and report through the real CLI: golden text in both languages,
JSON keys, csv, xlsx read back, and the html report in a real browser."""

from __future__ import annotations

import csv
import functools
import io
import json

import pytest

from helpers.ledgers import REPO


def test_the_sample_is_valid(reader):
    assert reader("check").stdout == "检查通过：55 项任务，36 个单位，14 条记录，6 个文件\n"


GOLDEN_CASES = {
    "status_{lang}.txt": ("status", "--as-of", "2022-06-30", "--format", "plain"),
    "status_part4_{lang}.md": (
        "status",
        "--as-of",
        "2022-06-30",
        "--part",
        "4",
        "--format",
        "markdown",
    ),
    "overdue_{lang}.txt": ("overdue", "--format", "plain"),
    "overdue_commerce_{lang}.md": ("overdue", "--unit", "商务委", "--format", "markdown"),
    "matrix_part1_{lang}.md": ("matrix", "--part", "1", "--format", "markdown"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_text_formats_match_golden_files(reader, golden, name, lang):
    result = reader("--lang", lang, *GOLDEN_CASES[name])
    assert result.exit_code == 0, result.stderr
    golden(name.format(lang=lang), result.stdout)


def test_terminal_table_has_lights_legend_and_section_bars(reader):
    out = reader("status", "--as-of", "2022-06-30", "--format", "table").stdout
    assert "● 绿灯" in out and "● 红灯" in out and "● 黄灯" not in out
    may = reader("status", "--as-of", "2022-05-10", "--section", "2", "--format", "table").stdout
    row15 = next(line for line in may.splitlines() if line.startswith("   15 "))
    assert row15.split()[:7] == [
        "15",
        "●",
        "黄灯",
        "受阻",
        "5%",
        "2022-04-20",
        "1",
    ]  # blocked, March missing
    assert "图例：绿灯 按计划推进或已完成" in out
    assert "（一）充分竞争性服务业 1/5" in out and "20%" in out


def test_status_json(reader):
    rows = json.loads(reader("status", "--as-of", "2022-06-30", "--format", "json").stdout)
    assert len(rows) == 55
    by_task = {row["task"]: row for row in rows}
    assert by_task[1] == {
        "task": 1,
        "status": "done",
        "progress": 100,
        "last_date": "2022-05-20",
        "lead": ["science-tech"],
        "missing_reports": [],
        "missed_milestones": [],
        "light": "green",
    }
    assert by_task[23]["progress"] == 60 and by_task[23]["light"] == "green"
    assert by_task[15]["status"] == "in_progress" and by_task[15]["missing_reports"] == [
        "2022-03",
        "2022-05",
    ]
    assert by_task[40]["missed_milestones"] == ["2022-04-30"] and by_task[40]["light"] == "red"


def test_status_filters(reader):
    def tasks(*args):
        return [
            row["task"]
            for row in json.loads(
                reader("status", "--as-of", "2022-06-30", *args, "--format", "json").stdout
            )
        ]

    assert tasks("--status", "已完成") == [1]
    assert tasks("--status", "blocked") == []
    assert tasks("--unit", "县农业农村委") == [15]
    assert tasks("--section", "（十三）") == [54, 55]


def test_overdue_json_is_one_entry_per_task_per_kind(reader):
    items = json.loads(reader("overdue", "--format", "json").stdout)
    task40 = [item for item in items if item["task"] == 40]
    assert task40 == [
        {
            "task": 40,
            "kind": "report",
            "days": 106,
            "lead": ["pboc-fengdu", "commerce"],
            "period": ["2022-03", "2022-04", "2022-06"],
        },
        {
            "task": 40,
            "kind": "milestone",
            "days": 81,
            "lead": ["pboc-fengdu", "commerce"],
            "due": "2022-04-30",
            "target": "in_progress",
        },
    ]
    assert not [item for item in items if item["task"] == 1]


def test_overdue_by_unit_lists_only_what_that_lead_owes(reader):
    items = json.loads(reader("overdue", "--unit", "人行丰都支行", "--format", "json").stdout)
    assert sorted({item["task"] for item in items}) == [10, 40]


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("tasks",), "task"),
        (("units",), "id"),
        (("status", "--red-first"), "task"),
        (("status", "--status", "进行中"), "task"),
    ],
)
def test_csv_and_json_list_the_same_rows_in_the_same_order(reader, args, key):
    rows = list(csv.reader(io.StringIO(reader(*args, "--format", "csv").stdout)))[1:]
    items = json.loads(reader(*args, "--format", "json").stdout)
    assert [row[0] for row in rows] == [str(item[key]) for item in items]
    assert len(items) > 1


def test_overdue_csv_names_the_unit_in_each_row_and_text_heads_each_group(reader):
    out = reader("overdue", "--unit", "县商务委", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:2] == ["单位", "序号"]
    assert [row[0] for row in rows[1:]] == ["县商务委"] * 7  # tasks 24–27, 39, 40 twice
    assert [row[1] for row in rows[1:]] == ["24", "25", "26", "27", "39", "40", "40"]
    plain = reader("overdue", "--unit", "县商务委", "--format", "plain").stdout
    assert plain.splitlines()[2] == "县商务委（7 项）"


def test_matrix_json_and_csv(reader):
    data = json.loads(reader("matrix", "--format", "json").stdout)
    assert (
        data["cells"]["commerce"]["23"] == "lead"
        and data["cells"]["commerce"]["13"] == "responsible"
    )
    assert data["tasks"] == list(range(1, 56))
    assert len(data["units"]) == 36
    rows = list(csv.reader(io.StringIO(reader("matrix", "--words", "--format", "csv").stdout)))
    health = next(row for row in rows if row[0] == "县卫生健康委")
    assert health[12] == "责任" and health[13] == "牵头" and health[-2:] == ["5", "1"]


def test_matrix_for_one_part_fits_160_columns(reader):
    out = reader("matrix", "--part", "1", "--format", "table", env={"COLUMNS": "160"}).stdout
    from pilotledger.render.width import display_width

    assert max(display_width(line) for line in out.splitlines()) <= 160
    assert "…" not in out  # nothing had to be cut


@pytest.mark.parametrize(
    "value,label",
    [("2022Q2", "2022Q2"), ("2022-Q2", "2022Q2"), ("this", "2022Q3"), ("last", "2022Q2")],
)
def test_quarter_values(reader, value, label):
    data = json.loads(reader("report", "--quarter", value, "--format", "json").stdout)
    assert data["period"]["label"] == label


@pytest.mark.parametrize(
    "flag,value,label",
    [
        ("--month", "2022-03", "2022-03"),
        ("--half", "2022H1", "2022H1"),
        ("--year", "2022", "2022"),
        ("--month", None, "2022-07"),
        ("--year", "last", "2021"),
    ],
)
def test_other_periods(reader, flag, value, label):
    args = ["report", flag] + ([value] if value else []) + ["--format", "json"]
    assert json.loads(reader(*args).stdout)["period"]["label"] == label


def test_bad_periods_are_usage_errors(reader):
    for args in (["--quarter", "2022Q5"], ["--month", "2022-13"], [], ["--month", "--year"]):
        result = reader("report", *args)
        assert result.exit_code == 2 and "Traceback" not in result.stderr, args


def test_xlsx_needs_an_output_file(reader):
    result = reader("report", "--quarter", "2022Q2", "--format", "xlsx")
    assert result.exit_code == 2 and "--format xlsx 需要 --output 文件" in result.stderr


def test_matrix_xlsx_reads_back(reader, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "matrix.xlsx"
    assert reader("matrix", "--format", "xlsx", "--output", str(target)).exit_code == 0
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    assert (
        header[0] == "单位" and header[1:4] == [1, 2, 3] and header[-2:] == ["牵头", "责任"]
    )  # numbers
    commerce = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "县商务委")
    assert commerce[23] == "●" and commerce[13] == "○" and commerce[-2:] == (7, 7)
    assert sheet.freeze_panes == "B2"  # the unit column and the header row stay in view


@functools.cache
def shipped_registry(name: str) -> dict:
    """A shipped registry as PyYAML's own safe loader reads it (libyaml's, where PyYAML has
    it): not through pilotledger's reader, and parsed once for the tests that count from it."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((REPO / "data" / name).read_text(encoding="utf-8"), Loader=loader)


def registry_marks(part: int) -> tuple[int, int]:
    """Lead and responsible assignments of one part's tasks, counted from tasks.yaml itself."""
    plan = shipped_registry("tasks.yaml")
    sections = {s["number"] for s in plan["sections"] if s["part"] == part}
    tasks = [t for t in plan["tasks"] if t["section"] in sections]
    return sum(len(t["lead"]) for t in tasks), sum(len(t.get("responsible", [])) for t in tasks)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [80, 120, 160])
def test_matrix_on_a_terminal_shows_every_mark_at_any_width(reader, golden, lang, columns):
    from pilotledger.render.width import display_width

    out = reader(
        "--lang", lang, "matrix", "--part", "1", "--format", "table", env={"COLUMNS": str(columns)}
    ).stdout
    golden(f"matrix_part1_{lang}_{columns}.txt", out)
    lead, responsible = registry_marks(1)
    assert (out.count("●") - 1, out.count("○") - 1) == (lead, responsible)  # less the legend's
    assert max(display_width(line.rstrip()) for line in out.splitlines()) <= columns
    assert "…" not in out.split("\n", 3)[2]  # no task number cut in the header


def test_listings_at_80_columns_keep_unit_ids_whole(reader):
    import re

    ids = {u["id"] for u in shipped_registry("units.yaml")["units"]}
    for command in (("status",), ("tasks",), ("overdue",)):
        out = reader("--lang", "en", *command, "--format", "table", env={"COLUMNS": "80"}).stdout
        words = set(re.findall(r"\b[a-z][a-z-]*[a-z]\b", out))
        pieces = {
            w
            for w in words - ids
            if len(w) >= 4 and any(i.startswith(w) or i.endswith(w) for i in ids)
        }
        broken = {w for w in pieces if not any(w in i.split("-") for i in ids)}
        assert not broken, (command, broken)
        assert "health" in out or command == ("overdue",)
