"""Plans as a careless clerk or another county gives them: signature lines after the last
item, an item that forgot its units, text run together past what a ledger holds, a merged or
hidden sheet row, a table nested in a Word cell, names that read alike."""

from __future__ import annotations

from helpers.cli import Cli
from pilotledger.planimport import ImportOptions, import_plan
from plan_files import by_name

HEAD = (
    "某区人民政府办公室\n关于印发某区城市更新工作方案的通知\n\n"
    "某区城市更新工作方案\n\n经过两年试点，制定本方案。\n"
)
ITEMS = [
    "1. 开展老旧小区改造。（牵头单位：区住房城乡建委；责任单位：区财政局）",
    "2. 推进城市道路提升。（牵头单位：区城市管理局；责任单位：区交通局，2024年底前完成）",
]


def read(tmp_path, text: str, name="plan.txt", **options):
    plan = tmp_path / name
    plan.write_text(text, encoding="utf-8")
    return import_plan(plan, ImportOptions(**options))


def tasks_of(result) -> list[tuple]:
    return [
        (n, text, lead, resp)
        for n, _, _, text, lead, resp, _ in by_name(
            result.registries.tasks, result.registries.units
        )["tasks"]
    ]


def notes(items) -> list[str]:
    return [str(item.message) for item in items]


def test_the_last_item_keeps_its_units_when_the_signature_follows_it(tmp_path):
    text = HEAD + "\n".join(ITEMS) + "\n某区人民政府办公室\n2023年5月8日\n"
    result = read(tmp_path, text)
    assert tasks_of(result) == [
        (1, "开展老旧小区改造。", ["区住房城乡建委"], ["区财政局"]),
        (2, "推进城市道路提升。", ["区城市管理局"], ["区交通局"]),
    ]
    assert result.registries.tasks["plan"]["issued"].isoformat() == "2023-05-08"


def test_an_item_after_the_tasks_that_names_no_unit_is_listed_as_a_doubt(tmp_path):
    text = (
        HEAD + "2023年5月8日\n1. 坚持规划引领。\n" + ITEMS[0] + "\n2. 完善配套设施。\n" + ITEMS[1]
    )
    result = read(tmp_path, text)
    assert [t[0:2] for t in tasks_of(result)] == [
        (1, "开展老旧小区改造。"),
        (2, "推进城市道路提升。"),
    ]
    assert notes(result.draft.doubts) == [
        "the numbered item '完善配套设施。' names no lead or responsible unit and is not taken as"
        " a task; if it is one, add its units in the plan file and try again"
    ]


def test_text_longer_than_a_ledger_holds_is_refused_at_its_place(tmp_path):
    plan = tmp_path / "plan.txt"
    long_item = "3. 推进" + "城市更新" * 2600 + "。（牵头单位：区住房城乡建委）"
    plan.write_text(
        HEAD + "2023年5月8日\n" + "\n".join([*ITEMS, long_item]) + "\n", encoding="utf-8"
    )
    target = tmp_path / "ledger"
    for lang, words in (
        ("en", "plan.txt: line 10: text longer than 10000 characters, which a ledger refuses"),
        ("zh", "plan.txt：第 10 行：文字超过 10000 字（台账不接受）"),
    ):
        result = Cli(target)("--lang", lang, "init", str(target), "--from-plan", str(plan))
        assert result.exit_code == 1
        assert words in result.stderr
        assert "Traceback" not in result.stderr and "bug" not in result.stderr
    assert not target.exists()


def write_sheet(path, rows, *, merge=(), hide=()):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务分工"
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    for row in hide:
        sheet.row_dimensions[row].hidden = True
    book.save(path)
    return path


SHEET = [
    ["某县人民政府办公室"],
    ["2023年3月1日"],
    ["某县数字经济发展试点方案"],
    ["经过两年试点，形成可复制的经验。"],
    ["序号", "重点任务", "牵头单位", "责任单位"],
    [1, "推进千兆光网进小区。", "县经信委", "县住房城乡建委"],
    [2, "建设县级数据中心。", None, "县大数据局"],
    [3, "建设5G基站。", "县财政局", "县大数据局"],
]


def test_a_lead_merged_over_several_task_rows_leads_each_of_them(tmp_path):
    plan = write_sheet(tmp_path / "plan.xlsx", SHEET, merge=["C6:C7"])
    result = import_plan(plan, ImportOptions())
    assert tasks_of(result) == [
        (1, "推进千兆光网进小区。", ["县经信委"], ["县住房城乡建委"]),
        (2, "建设县级数据中心。", ["县经信委"], ["县大数据局"]),
        (3, "建设5G基站。", ["县财政局"], ["县大数据局"]),
    ]
    assert result.draft.doubts == []


def test_a_hidden_row_is_read_and_listed_with_its_place(tmp_path):
    plan = write_sheet(tmp_path / "plan.xlsx", SHEET, hide=[8])
    result = import_plan(plan, ImportOptions())
    assert [task[0] for task in tasks_of(result)] == [1, 2, 3]
    (doubt,) = [note for note in result.draft.doubts if "hidden" in str(note.message)]
    assert str(doubt.message).startswith("1 rows of the workbook are hidden")
    assert [str(place) for place in doubt.places] == ["sheet '任务分工', cell A8"]


def test_a_unit_name_with_a_look_alike_character_is_listed(tmp_path):
    text = (
        HEAD
        + "2023年5月8日\n"
        + "\n".join([ITEMS[0], ITEMS[1].replace("区交通局", "区交通局、区住房城乡建委、区財政局")])
    )
    result = read(tmp_path, text)
    units = [u["name"] for u in result.registries.units["units"]]
    assert "区財政局" in units and "区财政局" in units  # never merged
    assert notes(result.draft.doubts) == [
        "the unit '区財政局' holds a character office text rarely uses, 財（U+8CA1） (a"
        " traditional form, a radical, a look-alike?): check it is not another unit's name"
    ]


def test_unit_ids_read_the_words_of_place_and_bank_names_as_they_are_said(tmp_path):
    rows = "、".join(["人行丰都支行", "重庆银保监局丰都分局", "县长寿区行业协会"])
    text = HEAD + "2023年5月8日\n" + ITEMS[0].replace("区财政局", rows)
    ids = [u["id"] for u in read(tmp_path, text).registries.units["units"]]
    assert ids == [
        "zhufangchengxiangjianwei",
        "renhangfengduzhihang",
        "chongqingyinbaojianjufengdufenju",
        "changshouquhangyexiehui",
    ]


def test_a_web_page_signed_on_one_line_gives_issuer_and_date(tmp_path):
    page = (
        "<html><head><script>var x = '<p>1. 假（牵头单位：县假局）</p>';</script></head><body>"
        "<h1>某区数字政府建设工作方案</h1><p>某区人民政府办公室&nbsp;2023年6月1日</p>"
        "<p>用三年时间,建成数字政府.</p><p>一、夯实基础</p>"
        "<p>1.建设政务云.(牵头单位:区大数据局;责任单位:区财政局,2023年12月31日前)</p>"
        "</body></html>"
    )
    result = read(tmp_path, page, name="plan.html")
    plan = result.registries.tasks["plan"]
    assert (plan["issuer"], plan["issued"].isoformat()) == ("某区人民政府办公室", "2023-06-01")
    assert (plan["start"].isoformat(), plan["end"].isoformat()) == ("2023-06-01", "2026-05-31")
    assert tasks_of(result) == [(1, "建设政务云.", ["区大数据局"], ["区财政局"])]


def test_an_end_before_the_start_is_refused_naming_the_option(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(HEAD + "2023年5月8日\n" + "\n".join(ITEMS) + "\n", encoding="utf-8")
    target = tmp_path / "ledger"
    options = ("--from-plan", str(plan), "--start", "2024-01-01", "--end", "2023-12-31")
    result = Cli(target)("--lang", "en", "init", str(target), *options)
    assert result.exit_code == 1
    assert (
        "--end: the pilot period's last day 2023-12-31 is before its first 2024-01-01"
        in result.stderr
    )
    assert "bug" not in result.stderr
    assert not target.exists()
