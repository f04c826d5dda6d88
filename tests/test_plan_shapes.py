"""The shapes offices publish a plan's task list in: every header synonym, a deadline column,
a table that starts again on each page, rows broken over pages, multi-lead cells, a plan
without parts, numbered items in the body; and what the clerk sees when a plan cannot be read."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.cli import Cli
from pilotledger.planimport import ImportOptions, import_plan
from plan_files import by_name, seed_layout, write_docx, write_html

PREAMBLE = [
    "某县人民政府办公室",
    "2023年3月1日",
    "某县数字经济发展试点方案",
    "经过两年试点，形成可复制的经验。",
    "附件",
    "某县数字经济发展试点方案任务分工",
]
ROWS = [
    ["一、夯实数字基础"],
    ["（一）建设网络设施。"],
    ["1", "推进千兆光网进小区。", "县经信委", "县住房城乡建委、县发展改革委"],
    ["2", "建设县级数据中心。", "县大数据局、县财政局", ""],
]


def read(tmp_path, text: str, name="plan.txt", **options):
    plan = tmp_path / name
    plan.write_text(text, encoding="utf-8")
    return import_plan(plan, ImportOptions(**options))


def names(result) -> dict:
    return by_name(result.registries.tasks, result.registries.units)


def tasks_of(result) -> list[tuple]:
    """(number, text, lead names, responsible names, note) of each task."""
    return [
        (n, text, lead, resp, note) for n, _, _, text, lead, resp, note in names(result)["tasks"]
    ]


def notes(items) -> list[str]:
    return [str(item.message) for item in items]


EXPECTED = [
    (1, "推进千兆光网进小区。", ["县经信委"], ["县住房城乡建委", "县发展改革委"], None),
    (2, "建设县级数据中心。", ["县大数据局", "县财政局"], [], None),
]


@pytest.mark.parametrize(
    "header",
    [
        ("序号", "试点任务", "牵头单位", "责任单位"),
        ("序号", "重点任务", "牵头部门", "配合单位"),
        ("序 号", "工作任务", "牵头单位", "协办单位"),
        ("序号", "主要任务", "牵头部门", "参与单位"),
        ("序号", "任务内容", "牵头\n单位", "责任\n单位"),
    ],
)
def test_each_header_synonym_names_its_column(tmp_path, header):
    plan = write_docx(tmp_path / "plan.docx", ROWS, header=list(header), preamble=PREAMBLE)
    result = import_plan(plan, ImportOptions())
    assert tasks_of(result) == EXPECTED
    plan_data = result.registries.tasks["plan"]
    assert (plan_data["title"], plan_data["issuer"]) == (
        "某县数字经济发展试点方案",
        "某县人民政府办公室",
    )
    assert (plan_data["issued"], plan_data["end"]) == (dt.date(2023, 3, 1), dt.date(2025, 2, 28))


@pytest.mark.parametrize("column", ["完成时限", "时间节点", "完成时间"])
def test_a_deadline_column_becomes_milestones_or_notes(tmp_path, column):
    header = ["序号", "重点任务", "牵头单位", "责任单位", column]
    deadlines = [
        "2023年底前",
        "2024年6月底",
        "2023年12月15日前",
        "长期坚持",
        "视情况而定",
        "9月底前完成",
        "2024年6月",
        "持续推进",
        "按年度推进",
    ]
    rows = [["（一）全部任务。"]] + [
        [str(n), f"任务{n}。", "县商务委", "", when] for n, when in enumerate(deadlines, 1)
    ]
    result = read(
        tmp_path,
        seed_layout(rows, preamble=PREAMBLE).replace(
            "\t序号\n\t试点任务\n\t牵头单位\n\t责任单位\n", "".join(f"\t{h}\n" for h in header)
        ),
    )
    tasks = result.registries.tasks["tasks"]
    assert [t.get("milestones") for t in tasks] == [
        [{"due": dt.date(2023, 12, 31), "target": "done"}],
        [{"due": dt.date(2024, 6, 30), "target": "done"}],
        [{"due": dt.date(2023, 12, 15), "target": "done"}],
        None,
        None,
        [{"due": dt.date(2023, 9, 30), "target": "done"}],
        [{"due": dt.date(2024, 6, 30), "target": "done"}],
        None,
        None,
    ]
    assert [t.get("note") for t in tasks] == [
        *(None, None, None, "长期坚持", "视情况而定", None),
        *(None, "持续推进", "按年度推进"),
    ]
    doubts = notes(result.draft.doubts)
    assert doubts == [
        "task 5: the deadline '视情况而定' is not understood as a date; kept as the note"
    ]
    assert "task 6: the deadline names no year: taken in 2023" in " ".join(
        notes(result.draft.decisions)
    )


def test_a_table_that_starts_again_on_each_page_is_one_annex(tmp_path):
    plan = write_docx(tmp_path / "plan.docx", ROWS[:3], preamble=PREAMBLE)
    import docx

    document = docx.Document(plan)
    second = document.add_table(rows=0, cols=4)
    for row in (["序号", "试点任务", "牵头单位", "责任单位"], ROWS[3]):
        for cell, text in zip(second.add_row().cells, row):
            cell.text = text
    third = document.add_table(rows=0, cols=4)
    for cell, text in zip(third.add_row().cells, ["3", "建设5G基站。", "县经信委", ""]):
        cell.text = text
    document.save(plan)
    result = import_plan(plan, ImportOptions())
    assert tasks_of(result) == [*EXPECTED, (3, "建设5G基站。", ["县经信委"], [], None)]
    decisions = notes(result.draft.decisions)
    assert "the header row again (the table starts again on a new page): skipped" in decisions
    assert "a table without a header after the annex table is read as its continuation" in decisions


def test_a_row_broken_over_two_pages_is_joined_and_reported(tmp_path):
    rows = [
        ROWS[0],
        ROWS[1],
        ["1", "推进千兆光网", "县经信委", "县住房城乡建委、"],
        ["", "进小区。", "", "县发展改革委"],
        ROWS[3],
    ]
    result = import_plan(
        write_html(tmp_path / "plan.html", rows, preamble=PREAMBLE), ImportOptions()
    )
    assert tasks_of(result) == EXPECTED
    assert "a row without a number continues task 1: joined to it" in notes(result.draft.decisions)


def test_lead_cells_with_several_units_split_on_every_separator_never_inside_a_name(tmp_path):
    rows = [
        ["（一）全部任务。"],
        ["1", "任务\n一。", "县发展改革委\n县财政局", "县商务委，县医保局;县民政局"],
        [
            "2",
            "任务二。",
            "县发展改革委；县财政局",
            "县事业单位登记管理局（县委编办、县人社局）,县商务委",
        ],
        ["3", "任务三。", "县发展改\n革委、县财政局", "县商务委等有关部门"],
    ]
    result = import_plan(
        write_docx(tmp_path / "plan.docx", rows, preamble=PREAMBLE), ImportOptions()
    )
    assert tasks_of(result) == [
        (1, "任务一。", ["县发展改革委", "县财政局"], ["县商务委", "县医保局", "县民政局"], None),
        (
            2,
            "任务二。",
            ["县发展改革委", "县财政局"],
            ["县事业单位登记管理局（县委编办、县人社局）", "县商务委"],
            None,
        ),
        (3, "任务三。", ["县发展改革委", "县财政局"], ["县商务委"], "等有关部门"),
    ]


def test_a_plan_without_parts_gets_one_part_named_after_it(tmp_path):
    result = read(tmp_path, seed_layout(ROWS[1:], preamble=PREAMBLE))
    tasks = result.registries.tasks
    assert tasks["parts"] == [{"number": 1, "label": "—", "title": "某县数字经济发展试点方案"}]
    assert [(s["label"], s["part"], s["title"]) for s in tasks["sections"]] == [
        ("（一）", 1, "建设网络设施。")
    ]
    assert tasks_of(result) == EXPECTED


def test_a_plan_without_parts_or_sections_gets_one_of_each(tmp_path):
    result = read(tmp_path, seed_layout(ROWS[2:], preamble=PREAMBLE))
    tasks = result.registries.tasks
    assert [(p["label"], p["title"]) for p in tasks["parts"]] == [("—", "某县数字经济发展试点方案")]
    assert [(s["label"], s["title"]) for s in tasks["sections"]] == [
        ("—", "某县数字经济发展试点方案")
    ]
    assert tasks_of(result) == EXPECTED


def test_numbers_that_restart_in_each_section_are_renumbered_and_reported(tmp_path):
    rows = [
        ["（一）甲。"],
        ["1", "任务一。", "县商务委", ""],
        ["（二）乙。"],
        ["1", "任务二。", "县商务委", ""],
    ]
    result = read(tmp_path, seed_layout(rows, preamble=PREAMBLE))
    assert [t["number"] for t in result.registries.tasks["tasks"]] == [1, 2]
    assert any("numbered 1–2 in their order" in n for n in notes(result.draft.decisions))


ITEMS = """\
某县人民政府办公室
关于印发某县营商环境改革行动方案的通知
某县人民政府办公室
2023年3月1日
某县营商环境改革行动方案
用两年时间，基本建成一流营商环境。
一、总体要求
1. 坚持问题导向。不断健全体制机制。
二、重点任务
（一）优化政务服务。
1. 推行“一网通办”。（牵头单位：县政务服务中心；责任单位：县大数据局、县财政局，2023年6月底完成）
2. 深化“证照分离”改革(牵头单位:县市场监管局;责任单位:县商务委,县司法局)
3. 规范中介服务〔牵头单位：县事业单位登记管理局（县委编办）；责任单位：各相关单位〕
4. 清理审批事项[牵头单位：县发展改革委；配合单位：县级各部门；长期坚持]
5. 推进工程建设项目审批改革。
牵头单位：县住房城乡建委
责任单位：县规划自然资源局、县卫健委
6. 优化纳税服务。（县税务局牵头，县财政局配合）
三、县示范区管委会牵头工作（2项）
1. 建设标准化厂房。（参与单位：县卫生健康委、县财政局）
2. 引进龙头企业。
"""


def test_numbered_items_in_the_body_in_every_bracket_and_line_shape(tmp_path):
    result = read(tmp_path, ITEMS)
    assert result.kind == "items"
    assert tasks_of(result) == [
        (1, "推行“一网通办”。", ["县政务服务中心"], ["县大数据局", "县财政局"], None),
        (2, "深化“证照分离”改革", ["县市场监管局"], ["县商务委", "县司法局"], None),
        (3, "规范中介服务", ["县事业单位登记管理局（县委编办）"], ["各相关单位"], None),
        (4, "清理审批事项", ["县发展改革委"], ["县级各部门"], "长期坚持"),
        (
            5,
            "推进工程建设项目审批改革。",
            ["县住房城乡建委"],
            ["县规划自然资源局", "县卫健委"],
            None,
        ),
        (6, "优化纳税服务。", ["县税务局"], ["县财政局"], None),
        (7, "建设标准化厂房。", ["县示范区管委会"], ["县卫生健康委", "县财政局"], None),
        (8, "引进龙头企业。", ["县示范区管委会"], [], None),
    ]
    tasks = result.registries.tasks
    assert tasks["tasks"][0]["milestones"] == [{"due": dt.date(2023, 6, 30), "target": "done"}]
    assert [(p["label"], p["title"]) for p in tasks["parts"]] == [
        ("二、", "重点任务"),
        ("三、", "县示范区管委会牵头工作（2项）"),
    ]
    assert tasks["plan"]["end"] == dt.date(2025, 2, 28)
    assert [(s["label"], s["part"], s["title"]) for s in tasks["sections"]] == [
        ("（一）", 1, "优化政务服务。"),
        ("—", 2, "县示范区管委会牵头工作（2项）"),
    ]
    left_out = "headings with no task under them, left out: 一、总体要求"
    assert left_out in notes(result.draft.decisions)
    groups = names(result)["groups"]
    assert groups == ["县级各部门", "各相关单位"]
    assert any(
        "'县卫健委' may be a short form of '县卫生健康委'" in n for n in notes(result.draft.doubts)
    )


def test_unit_ids_are_pinyin_slugs_unique_and_stable(tmp_path):
    rows = [
        ["1", "任务一。", "县商务委", "市商务委、县教委"],
        ["2", "任务二。", "县教委", "县交委"],
    ]
    first = read(tmp_path, seed_layout(rows, preamble=PREAMBLE))
    units = first.registries.units["units"]
    assert [(u["id"], u["name"]) for u in units] == [
        ("shangwuwei", "县商务委"),
        ("shangwuwei-2", "市商务委"),
        ("jiaowei", "县教委"),
        ("jiaowei-2", "县交委"),
    ]
    assert all(u["name_en"] == u["name"] for u in units)
    again = read(tmp_path, seed_layout(rows, preamble=PREAMBLE))
    assert again.registries.units == first.registries.units


# ---- through the command line -------------------------------------------------------------


def run_init(tmp_path, plan, *options, lang="en"):
    target = tmp_path / "ledger"
    result = Cli(target)("--lang", lang, "init", str(target), "--from-plan", str(plan), *options)
    return result, target


def test_a_plan_with_no_recognisable_annex_is_refused_saying_what_was_looked_for(tmp_path):
    plan = tmp_path / "notice.txt"
    plan.write_text(
        "某县人民政府办公室\n2023年3月1日\n关于开展安全检查的通知\n各单位：请认真检查。\n",
        encoding="utf-8",
    )
    for lang, words in (
        ("en", "Looked for a table whose header holds 序号"),
        ("zh", "找的是：表头含“序号”"),
    ):
        result, target = run_init(tmp_path, plan, lang=lang)
        assert result.exit_code == 1
        assert words in result.stderr and "Traceback" not in result.stderr
        assert not target.exists()


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(ITEMS, encoding="utf-8")
    result, target = run_init(tmp_path, plan, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "# Import report: 某县营商环境改革行动方案" in result.stdout
    assert "- tasks: 8" in result.stdout
    assert "(--dry-run: nothing was written)" in result.stdout
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.txt"]


def test_the_alias_option_merges_the_short_name_into_the_unit(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(ITEMS, encoding="utf-8")
    result, target = run_init(tmp_path, plan, "--alias", "县卫健委=县卫生健康委", lang="zh")
    assert result.exit_code == 0, result.stderr
    assert "待核实 0 处" in result.stdout
    from plan_files import ledger_by_name

    task5 = ledger_by_name(target)["tasks"][4]
    assert task5[5] == ["县规划自然资源局", "县卫生健康委"]
    units = (target / "units.yaml").read_text(encoding="utf-8")
    assert "    aliases: [县卫健委]\n" in units
    assert Cli(target)("check").exit_code == 0


@pytest.mark.parametrize(
    ("alias", "code", "words"),
    [
        ("县卫健委", 2, "'县卫健委' should read SHORT=FULL"),
        ("县卫健委=县卫生委", 1, "the plan names no unit '县卫生委'"),
    ],
)
def test_a_bad_alias_is_refused(tmp_path, alias, code, words):
    plan = tmp_path / "plan.txt"
    plan.write_text(ITEMS, encoding="utf-8")
    result, target = run_init(tmp_path, plan, "--alias", alias)
    assert result.exit_code == code
    assert f"--alias: {words}" in result.stderr
    assert not target.exists()


def test_a_plan_that_states_no_period_needs_end(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(ITEMS.replace("用两年时间，", ""), encoding="utf-8")
    result, target = run_init(tmp_path, plan)
    assert result.exit_code == 1
    assert (
        "the plan does not state its pilot period (its last day); give it with --end"
        in result.stderr
    )
    result, target = run_init(
        tmp_path, plan, "--start", "2023/4/1", "--end", "2024年12月31日", "--report-day", "10"
    )
    assert result.exit_code == 0, result.stderr
    tasks = (target / "tasks.yaml").read_text(encoding="utf-8")
    assert (
        "  issued: 2023-03-01\n  start: 2023-04-01\n  end: 2024-12-31\n  report_day: 10\n" in tasks
    )


def test_a_web_page_of_items_reads_as_its_text(tmp_path):
    from html import escape

    paragraphs = "".join(f"<p>{escape(line)}</p>\n" for line in ITEMS.splitlines())
    script = "<script>var x = '1. 假（牵头单位：县甲局）';</script>"
    page = f"<html><head><title>方案</title>{script}</head><body>{paragraphs}</body></html>"
    plan = tmp_path / "plan.html"
    plan.write_text(page, encoding="utf-8")
    from_page = import_plan(plan, ImportOptions())
    from_text = read(tmp_path, ITEMS)
    assert from_page.kind == "items"
    assert from_page.registries.tasks == from_text.registries.tasks
    assert from_page.registries.units == from_text.registries.units


def test_of_two_task_columns_the_right_one_holds_the_tasks(tmp_path):
    header = ["序号", "重点任务", "具体措施", "牵头单位", "责任单位"]
    rows = [
        ["（一）建设网络设施。"],
        ["1", "网络建设", "推进千兆光网进小区。", "县经信委", "县住房城乡建委、县发展改革委"],
        ["2", "网络建设", "建设县级数据中心。", "县大数据局、县财政局", ""],
    ]
    plan = write_docx(tmp_path / "plan.docx", rows, header=header, preamble=PREAMBLE)
    result = import_plan(plan, ImportOptions())
    assert tasks_of(result) == EXPECTED
    assert (
        "the task texts are the '具体措施' column's; the '重点任务' column (a grouping) is not kept"
        in notes(result.draft.decisions)
    )


def test_a_control_character_in_the_plan_stops_the_import_at_its_place(tmp_path):
    plan = tmp_path / "plan.txt"
    text = seed_layout(ROWS, preamble=PREAMBLE).replace("建设县级数据中心", "建设县级\x1b数据中心")
    plan.write_text(text, encoding="utf-8")
    line = text.splitlines().index("\t2") + 1  # the task's row starts with its number
    result, target = run_init(tmp_path, plan)
    assert result.exit_code == 1
    assert f"line {line}: control character U+001B, which a ledger refuses" in result.stderr
    assert not target.exists()


def test_a_header_of_two_rows_names_the_unit_columns_in_its_second_row(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in PREAMBLE:
        sheet.append([line])
    sheet.append(["序号", "重点任务", "责任单位", None, "完成时限"])
    sheet.merge_cells(start_row=sheet.max_row, start_column=3, end_row=sheet.max_row, end_column=4)
    sheet.append([None, None, "牵头单位", "配合单位", None])
    sheet.append(["（一）建设网络设施。"])
    sheet.append(
        [1, "推进千兆光网进小区。", "县经信委", "县住房城乡建委、县发展改革委", "2023年底"]
    )
    sheet.append([2, "建设县级数据中心。", "县大数据局、县财政局", None, None])
    book.save(tmp_path / "plan.xlsx")
    result = import_plan(tmp_path / "plan.xlsx", ImportOptions())
    assert tasks_of(result) == EXPECTED
    assert result.registries.tasks["tasks"][0]["milestones"] == [
        {"due": dt.date(2023, 12, 31), "target": "done"}
    ]
    decision = "a header of two rows: the unit columns are read by the second row's names"
    assert decision in notes(result.draft.decisions)
