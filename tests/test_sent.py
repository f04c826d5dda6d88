"""Documents to send (official.py, views/report_letter.py): one model laid out alike by docx,
html, markdown and plain text; a period report as a 报告 or 通报, its body from the data."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from docx import Document as word

from helpers.cli import Cli
from helpers.git import git
from helpers.ledgers import ledger_state
from helpers.office import pdf_text
from pilotledger.dates import Period
from pilotledger.document import Column, Document, Table
from pilotledger.official import Annex, Block, Official, Signature
from pilotledger.render.emit import render_text, write_document
from pilotledger.wording import day_name, period_name

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def letter() -> Document:
    table = Table("分任务情况", [Column("task", "序号", kind="int")], [[1], [2]])
    official = Official(
        kind="notice",
        title="关于某试点2022年第二季度推进情况的通报",
        addressee="各试点任务牵头单位：",
        signature=Signature("某试点办公室", "2022年7月20日"),
        opening=["现将推进情况通报如下。"],
        blocks=[Block("总体情况", ["总体段落。"]), Block("存在问题", [], ["甲问题。", "乙问题。"])],
        annexes=[Annex("推进情况表", [table]), Annex("空表", [Table("问题清单", table.columns)])],
        number="某办〔2022〕3号",
        contact="（填报人：张三　联系电话：023-73331234）",
        provenance=["本件依据台账提交 abc 生成。"],
    )
    return Document(official.title, [table], official=official)


PARTS = [
    "某办〔2022〕3号",
    "关于某试点2022年第二季度推进情况的通报",
    "各试点任务牵头单位：",
    "现将推进情况通报如下。",
    "一、总体情况",
    "总体段落。",
    "二、存在问题",
    "1．甲问题。",
    "2．乙问题。",
    "附件：1．推进情况表",
    "2．空表",
    "某试点办公室",
    "2022年7月20日",
    "（填报人：张三　联系电话：023-73331234）",
    "本件依据台账提交 abc 生成。",
    "附件1",
    "推进情况表",
    "分任务情况",
    "附件2",
    "空表",
    "（无）",
]


def in_order(text: str, parts: list[str]) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


@pytest.mark.parametrize("fmt", ["plain", "markdown", "html"])
def test_every_text_format_lays_out_the_same_letter_in_order(fmt):
    text = render_text(letter(), fmt, "zh", "（无）").replace("<wbr>", "")  # html titles' breaks
    assert in_order(text, PARTS), text


def test_docx_lays_out_the_same_letter_in_order(tmp_path):
    path = tmp_path / "letter.docx"
    write_document(letter(), "docx", path, "zh", "（无）")
    document = word(path)
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert in_order("\n".join(paragraphs), [p for p in PARTS if p != "（无）"])
    signature = next(p for p in document.paragraphs if p.text == "某试点办公室")
    assert signature.alignment == 2  # right
    assert [c.text for c in document.tables[0].columns[0].cells] == ["序号", "1", "2"]


def test_dates_and_periods_are_worded_once_for_every_document():
    assert day_name(dt.date(2022, 7, 6), "zh") == "2022年7月6日"
    assert day_name(dt.date(2022, 7, 6), "en") == "6 July 2022"
    quarter = Period("quarter", dt.date(2022, 4, 1), dt.date(2022, 6, 30))
    assert (period_name(quarter, "zh"), period_name(quarter, "en")) == ("2022年第二季度", "2022 Q2")
    december = Period("month", dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    assert period_name(december, "zh") == "2024年12月"


def letter_part(text: str) -> str:
    """A plain report's letter: everything before its first annex."""
    return text.split("\n附件1")[0]


@pytest.fixture
def office(reported_once) -> Cli:
    """The CLI on the shared `reported` ledger (its task 12 blocked: a 协调事项)."""
    return Cli(reported_once)


def test_a_report_is_a_letter_with_its_body_written_from_the_data(office):
    reader = office
    text = reader("report", "--quarter", "2022Q2", "--format", "plain").stdout
    data = reader("report", "--quarter", "2022Q2", "--format", "json").stdout
    face = letter_part(text)
    assert face.startswith("关于石柱县服务业扩大开放综合试点2022年第二季度推进情况的报告\n")
    assert "\n石柱土家族自治县人民政府办公室：\n" in face  # 主送: the plan's issuer
    for heading in ("一、总体情况", "二、存在问题", "三、协调事项", "四、下步安排"):
        assert f"\n{heading}\n" in face
    assert "2022Q2" not in face and not ISO_DAY.search(face) and "评判日" not in face
    assert "已完成1项，推进中6项，受阻1项，未启动47项" in face  # hand-checked below
    assert '"done": 1' in data and '"not_started": 47' in data
    # 环比: at the end of Q1, 3 in progress and 52 not started (the summary's start)
    assert (
        "与2022年第一季度末相比，已完成增加1项，推进中增加3项，受阻增加1项，未启动减少5项" in face
    )
    assert "2022年8月5日前，各牵头单位报送2022年7月月度进展。" in face
    assert face.rstrip().endswith("本件依据未纳入版本管理的台账生成。")
    coordination = face.split("三、协调事项")[1].split("四、")[0]
    assert (
        "第12项任务（支持与境外机构合作开发跨境商业医疗保险产品）受阻：外方资质审核未通过；需市级部门协调"
        in coordination
    )
    assert (
        "请县医保局牵头，会同县卫生健康委、" in coordination
        and "2022年8月5日前报告进展" in coordination
    )
    assert "13．人行丰都支行：第10项任务缺报2022年3月、4月、5月、6月月度进展；" in face
    assert "第40项任务未于2022年4月30日前达到推进中" in face  # the missed milestone
    assert "\n2022年7月20日\n" in face  # 成文日期: today


def test_a_notice_ranks_the_units_and_names_their_missing_months(reader):
    text = reader("report", "--quarter", "2022Q2", "--as", "notice", "--format", "plain").stdout
    face = letter_part(text)
    assert face.startswith("关于石柱县服务业扩大开放综合试点2022年第二季度推进情况的通报\n")
    assert "\n各试点任务牵头单位：\n" in face and "、各单位报送情况\n" in face
    ranked = re.search(r"按报送率由高到低：(.*?)。", face).group(1).split("、")
    rates = [float(re.search(r"([\d.]+)%$", item).group(1)) for item in ranked]
    assert rates == sorted(rates, reverse=True) and len(ranked) > 10
    assert re.search(r"县商务委缺报\d+份：2022年4月", face)


def test_from_number_and_the_office_settings_sign_the_letter(reported):
    tasks = reported / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace(
            "  report_day: 5\n",
            "  report_day: 5\n  office:\n    name: 县试点办\n    preparer: 张三\n"
            '    reviewer: 李四\n    phone: "023-73331234"\n',
            1,
        ),
        encoding="utf-8",
    )
    run = Cli(reported)
    face = letter_part(run("report", "--quarter", "2022Q2", "--format", "plain").stdout)
    assert "\n县试点办\n2022年7月20日\n" in face
    assert "（填报人：张三　审核人：李四　联系电话：023-73331234）" in face
    signed = run(
        "report",
        "--quarter",
        "2022Q2",
        "--from",
        "县政府办",
        "--number",
        "石试办〔2022〕3号",
        "--format",
        "plain",
    ).stdout
    assert signed.startswith("石试办〔2022〕3号\n") and "\n县政府办\n2022年7月20日\n" in signed
    english = run("--lang", "en", "report", "--quarter", "2022Q2", "--format", "plain").stdout
    assert "(Prepared by: 张三; Reviewed by: 李四; Telephone: 023-73331234)" in english
    assert "\n20 July 2022\n" in english


def test_a_bad_telephone_number_is_named_by_file_line_and_field(reported):
    tasks = reported / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace(
            "  report_day: 5\n", "  report_day: 5\n  office:\n    phone: call me\n", 1
        ),
        encoding="utf-8",
    )
    before = ledger_state(reported)
    result = Cli(reported)("report", "--quarter", "2022Q2", "--format", "plain")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert re.search(
        r"tasks\.yaml:\d+:\d+: plan\.office\.phone：'call me' — 不是电话号码", result.stderr
    )
    assert ledger_state(reported) == before


def test_the_letter_names_the_commit_and_the_known_at_cut(reported):
    git(reported, "init", "-q")
    git(reported, "add", "-A")
    git(reported, "commit", "-qm", "ledger")
    head = git(reported, "rev-parse", "HEAD").strip()
    run = Cli(reported)
    face = letter_part(run("report", "--quarter", "2022Q2", "--format", "plain").stdout)
    assert f"本件依据台账 {head[:12]} 版本生成。" in face
    (reported / "units.yaml").write_text(
        (reported / "units.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    cut = run("report", "--quarter", "2022Q2", "--known-at", "2022-06-30", "--format", "plain")
    assert (
        f"本件依据台账 {head[:12]} 版本（含未提交的修改）生成，只计2022年6月30日及以前录入的记录。"
        in (cut.stdout)
    )


# --- what a report is judged on and made from -------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "period", "judged_on"),
    [
        # hand-computed: the plan's months run 2022-03 … 2025-02, each due on the 5th after it
        ("--year", "2025", "2025-03-06"),  # last owed month 2025-02, due 2025-03-05
        ("--quarter", "2025Q1", "2025-03-06"),
        ("--half", "2025H1", "2025-03-06"),
        ("--month", "2025-02", "2025-03-06"),
        ("--month", "2025-03", "2025-04-06"),  # owes nothing: the month's own would-be due day
        ("--quarter", "2022Q1", "2022-04-06"),  # owes only 2022-03
        ("--year", "2024", "2025-01-06"),
    ],
)
def test_the_judgment_day_is_capped_by_the_plan(shipped, flag, period, judged_on):
    run = Cli(shipped, env={"PILOTLEDGER_TODAY": "2026-12-06"})
    data = json.loads(run("report", flag, period, "--format", "json").stdout)
    assert data["period"]["judged_on"] == judged_on and data["period"]["provisional"] is False


def test_a_report_on_the_last_owed_due_day_is_still_provisional(shipped):
    run = Cli(shipped, env={"PILOTLEDGER_TODAY": "2025-03-05"})
    period = json.loads(run("report", "--year", "2025", "--format", "json").stdout)["period"]
    assert (period["judged_on"], period["provisional"]) == ("2025-03-05", True)
    run = Cli(shipped, env={"PILOTLEDGER_TODAY": "2025-03-06"})
    period = json.loads(run("report", "--year", "2025", "--format", "json").stdout)["period"]
    assert (period["judged_on"], period["provisional"]) == ("2025-03-06", False)


@pytest.mark.parametrize(
    ("flag", "label"),
    [("--month", "2025-02"), ("--quarter", "2025Q1"), ("--half", "2025H1"), ("--year", "2025")],
)
def test_a_period_flag_alone_after_the_plan_takes_its_last_period(shipped, flag, label):
    run = Cli(shipped, env={"PILOTLEDGER_TODAY": "2026-12-06"})
    result = run("report", flag, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["period"]["label"] == label
    assert f"报告方案的最后一期 {label}" in result.stderr
    said = run("--lang", "en", "report", flag, "--format", "json").stderr
    assert f"reporting the plan's last one, {label}" in said
    assert run("report", flag, "this").exit_code == 2  # `this` in words: still refused


def test_json_period_names_the_known_at_cut_and_the_commit(reported):
    run = Cli(reported)
    period = json.loads(run("report", "--quarter", "2022Q2", "--format", "json").stdout)["period"]
    assert (period["known_at"], period["commit"], period["uncommitted"]) == (None, None, False)
    git(reported, "init", "-q")
    git(reported, "add", "-A")
    git(reported, "commit", "-qm", "ledger")
    head = git(reported, "rev-parse", "HEAD").strip()
    args = ("report", "--quarter", "2022Q2", "--known-at", "2022-06-30", "--format", "json")
    period = json.loads(run(*args).stdout)["period"]
    assert (period["known_at"], period["commit"], period["uncommitted"]) == (
        "2022-06-30",
        head,
        False,
    )
    (reported / "progress" / "2022-07.yaml").write_text("[]\n", encoding="utf-8")  # untracked
    assert json.loads(run(*args).stdout)["period"]["uncommitted"] is True


# --- the letter as LibreOffice prints it ------------------------------------------------------


def flat(text: str) -> str:
    """Text as pdftotext gives it, without the spaces it puts between CJK and Latin letters
    (a Chinese line) — English keeps single spaces."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return re.sub(r"\s+", "", text)
    return re.sub(r"\s+", " ", text.strip())


def pdf_pages(pdf) -> list[list[str]]:
    """Each page of the pdf as LibreOffice laid it out: its non-blank lines, page number left
    out."""
    text = pdf_text(pdf, "-layout")
    pages = [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]
    pages = pages[:-1] if pages and not pages[-1] else pages
    return [[line for line in page if not re.fullmatch(r"—\s*\d+\s*—", line)] for page in pages]


@pytest.mark.parametrize("name", ["q2-zh.docx", "q2-en.docx"])
def test_libreoffice_prints_the_letter_then_its_annexes_with_no_empty_page(office_pdfs, name):
    pages = [[flat(line) for line in page] for page in pdf_pages(office_pdfs[name])]
    assert 10 <= len(pages) <= 35, len(pages)
    thin = [number for number, page in enumerate(pages, start=1) if len(page) < 4]
    assert thin == [], thin  # a blank page after a landscape section was one
    zh = name == "q2-zh.docx"
    mark = "附件" if zh else "Annex"
    first_annex = next(n for n, page in enumerate(pages) if page[0] == flat(f"{mark} 1"))
    letter = [line for page in pages[:first_annex] for line in page]
    office, date = letter[-3:-1]  # 落款, 成文日期, then the line naming the ledger's state
    assert office == "石柱土家族自治县人民政府办公室"
    assert date == ("2022年7月20日" if zh else "20 July 2022")
    assert not ISO_DAY.search("".join(letter)) and ("2022Q2" not in "".join(letter) or not zh)
    annexes = [page[0] for page in pages if page[0].startswith(flat(mark))]
    assert annexes == [flat(f"{mark} {n}") for n in range(1, 7)]


def test_libreoffice_prints_every_light_in_colour_and_word(office_pdfs, office_files):
    text = "".join(flat(line) for page in pdf_pages(office_pdfs["q2-zh.docx"]) for line in page)
    counts = {word: text.count(word) for word in ("绿灯", "黄灯", "红灯")}
    # the task table's 55 lights (2 green, 1 yellow, 52 red) and the 总体情况 sentence
    assert counts["绿灯"] >= 3 and counts["黄灯"] >= 2 and counts["红灯"] >= 53, counts
    shades = {
        cell._tc.tcPr.find(f"{W}shd").get(f"{W}fill")
        for table in word(office_files["q2-zh.docx"]).tables
        for row in table.rows[1:]
        for cell in row.cells
        if cell.text in ("绿灯", "黄灯", "红灯")
    }
    assert len(shades) == 3  # a fill per light, besides the word
