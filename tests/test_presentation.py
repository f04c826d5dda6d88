"""What the office sees in the documents it sends: list separators of the language, section
progress as the average, full text in files, the csv header block, markdown made inert, docx
widths that keep numbers, dates and statuses whole (checked in LibreOffice's own layout),
xlsx that prints, and the words for months after a period."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from helpers.cli import Cli
from helpers.ledgers import left_unchanged
from helpers.office import pdf_text

DAY_AFTER_PLAN = {"PILOTLEDGER_TODAY": "2026-11-26"}


@pytest.fixture
def office(reported_once: Path) -> Cli:
    """The CLI on the `reported` ledger, shared read-only (a test that edits it asks for
    `reported`, its own copy; one that changed this one fails)."""
    with left_unchanged(reported_once):
        yield Cli(reported_once)


def test_lists_are_joined_by_the_languages_separator(office):
    english = office("--lang", "en", "report", "--quarter", "2022Q2", "--format", "plain").stdout
    # the overdue items: a unit's tasks missing the same months, the months worded
    assert "5, 29, 38, 43, 45" in english and "、" not in english.split("Annex 4")[-1]
    assert "March 2022, April 2022, May 2022, June 2022" in english
    assert re.search(r"[a-z-]+, [a-z-]+", english)  # several lead units of one task
    chinese = office("report", "--quarter", "2022Q2", "--format", "plain").stdout
    assert "5、29、38、43、45" in chinese and "2022年3月、4月、5月、6月" in chinese
    shown = office("--lang", "en", "show", "12", "--format", "plain").stdout
    assert "County Health Commission, " in shown and "、" not in shown


def test_report_section_bars_show_the_average_progress_like_status(office):
    report = json.loads(office("report", "--quarter", "2022Q2", "--format", "json").stdout)
    first = next(s for s in report["sections"] if s["section"] == 1)
    tasks = [t for t in report["tasks"] if t["task"] <= 5]  # section (一) holds tasks 1–5
    expected = sum(t["progress_end"] or 0 for t in tasks) / len(tasks) / 100
    assert first["average_progress"] == pytest.approx(expected, abs=1e-4)
    terminal = office("report", "--quarter", "2022Q2", "--format", "table").stdout
    bar = next(line for line in terminal.splitlines() if line.startswith("（一）充分竞争性服务业 "))
    assert f"平均进度 {expected:.0%}" in bar and bar.rstrip().endswith(f"{expected:.0%}")
    status = office("status", "--as-of", "2022-06-30", "--format", "table").stdout
    assert f"平均进度 {expected:.0%}" in next(
        line for line in status.splitlines() if line.startswith("（一）")
    )
    plain = office("report", "--quarter", "2022Q2", "--format", "plain").stdout
    assert "平均进度" in plain.split("分任务情况")[0]


def test_the_task_tables_end_column_is_progress_at_end(office):
    assert "期初进度 期末进度 进度变化" in " ".join(
        office("report", "--quarter", "2022Q2", "--format", "plain")
        .stdout.split("分任务情况")[1]
        .splitlines()[2]
        .split()
    )
    english = office("--lang", "en", "report", "--quarter", "2022Q2", "--format", "csv").stdout
    assert "Progress at start,Progress at end,Change" in english


def test_files_meant_for_sending_carry_full_text(office):
    long_text = "支持与境外机构合作开发跨境商业医疗保险产品，按规定开展国际商业医疗保险结算。"
    markdown = office("overdue", "--as-of", "2022-07-20", "--format", "markdown").stdout
    assert long_text in markdown and "…" not in markdown
    report = office("report", "--quarter", "2022Q2", "--format", "markdown").stdout
    assert long_text in report and not re.search(r"…\s*\|", report)  # no cell cut short
    assert "…" in office("overdue", "--as-of", "2022-07-20", "--format", "plain").stdout


def test_csv_starts_with_the_header_block_and_reads_back(office):
    text = office("report", "--quarter", "2022Q2", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(text)))
    header = {row[0]: row[1] for row in rows[:8] if len(row) == 2}
    assert header["# 印发单位"] == "石柱土家族自治县人民政府办公室"
    # days and the period as the letter writes them; 截至 (as the letter says), not 评判日
    assert header["# 期间"] == "2022年第二季度（2022年4月1日 至 2022年6月30日）"
    assert header["# 截至"] == "2022年7月6日" and header["# 制表日期"] == "2022年7月20日"
    assert "评判日" not in text
    assert rows[0][0].startswith("# 关于石柱县")


def test_markdown_escapes_html_and_pipes_from_the_registry(reported):
    units = reported / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace(
            "name: 县医保局", "name: <script>alert(1)</script>|县医保局"
        ),
        encoding="utf-8",
    )
    office = Cli(reported)
    for args in (
        ("report", "--quarter", "2022Q2", "--format", "markdown"),
        ("remind", "--as-of", "2022-07-20", "--unit", "medical-security"),
    ):
        shown = office(*args).stdout
        assert "<script>" not in shown, args
        assert "&lt;script&gt;alert(1)&lt;/script&gt;\\|县医保局" in shown, args


def test_months_after_a_period_are_after_it_not_to_come(office):
    late = office("report", "--quarter", "2022Q2", "--format", "plain", env=DAY_AFTER_PLAN).stdout
    assert "2022-07 … 2025-02: 本期之后 (32)" in late and "尚未到来" not in late
    english = office("--lang", "en", "report", "--quarter", "2022Q2", "--format", "plain").stdout
    assert "2022-07 … 2025-02: after this period (32)" in english
    assert "尚未到来" in office("trend", "--as-of", "2022-06-30", "--format", "plain").stdout


@pytest.mark.parametrize(
    "lang, words", [("zh", "方案结束日 2025-02-23"), ("en", "plan's end 2025-02-23")]
)
def test_this_period_after_the_plans_end_is_a_usage_error(office, lang, words):
    result = office("--lang", lang, "report", "--month", "this", env=DAY_AFTER_PLAN)
    assert result.exit_code == 2 and words in result.stderr and "--month 2025-02" in result.stderr
    assert (
        office("report", "--month", "2025-02", "--format", "json", env=DAY_AFTER_PLAN).exit_code
        == 0
    )


def test_a_blocked_task_in_the_problem_list_carries_its_blocking_record(office):
    report = json.loads(
        office(
            "report",
            "--month",
            "2022-07",
            "--format",
            "json",
            env={"PILOTLEDGER_TODAY": "2022-08-10"},
        ).stdout
    )
    problem = next(p for p in report["problems"] if p["task"] == 12)
    assert problem == {
        "kind": "blocked",
        "task": 12,
        "status": "blocked",
        "date": "2022-06-28",
        "unit": "medical-security",
        "problems": "外方资质审核未通过\n需市级部门协调",
    }


# --- documents read back -------------------------------------------------------------------------


def word(path: Path):
    from docx import Document

    return Document(str(path))


def test_docx_tables_fill_the_text_width_with_content_widths(office_files):
    from docx.shared import Mm

    document = word(office_files["q2-zh.docx"])
    for table in document.tables:
        widths = [column.width for column in table.columns]
        assert sum(widths) <= Mm(243) and sum(widths) >= Mm(150)
        assert (
            table._tbl.tblPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLayout"
            )
            is not None
        )
    units = next(t for t in document.tables if t.rows[0].cells[0].text == "单位")
    assert all(column.width >= Mm(10) for column in units.columns)  # "18", "17%" on one line
    assert [s.orientation for s in document.sections].count(1) >= 1  # a landscape section
    headings = [
        p.text for p in document.paragraphs if p.text.startswith("（") and "序号 23" in p.text
    ]
    assert (
        headings and "以康德、上河街、新天地等商圈建设康养旅游消费中心城市重要节点" in headings[0]
    )


def test_english_docx_subtitle_is_capitalised(office_files):
    paragraphs = word(office_files["q2-en.docx"]).paragraphs
    # two lines (render/titles.py): 64 columns do not fit the 49 of an 18 pt line
    assert paragraphs[0].text == "Report on the progress of\n石柱县服务业扩大开放综合试点, 2022 Q2"
    assert any(p.text.startswith("The progress of 石柱县") for p in paragraphs)


def test_docx_dates_are_written_with_non_breaking_hyphens(office_files):
    import zipfile

    body = zipfile.ZipFile(office_files["q2-zh.docx"]).read("word/document.xml").decode()
    assert "<w:noBreakHyphen/>" in body and not re.search(r">\d{4}-\d{2}", body)


def layout_text(pdf: Path) -> str:
    """A document as LibreOffice laid it out, as text (one line of the page a line)."""
    return pdf_text(pdf, "-layout")


WHOLE_WORDS_ZH = ("未启动", "推进中", "期初进度", "期末进度", "报送条数", "本单位报送", "报送率")


def test_libreoffice_keeps_numbers_dates_statuses_and_headers_whole(office_pdfs):
    text = layout_text(office_pdfs["q2-zh.docx"])
    assert not re.search(r"\d{4}-\d?$|\d{4}-\d{2}-\d?$", text, re.M)  # no date cut at line end
    for words in WHOLE_WORDS_ZH:
        assert words in text, words
    assert not re.search(r"\b1\s*$\n\s*8\b", text)


def test_libreoffice_keeps_english_headers_and_the_reminder_title_whole(office_pdfs):
    text = layout_text(office_pdfs["q2-en.docx"])
    for header in ("Records", "Completion", "Tasks", "Progress", "Change"):
        assert re.search(rf"\b{header}\b", text), header
    reminder = layout_text(office_pdfs["remind/人行丰都支行.docx"])
    assert re.search(r"2022\s*年\s*7\s*月\s*20\s*日", reminder)  # its 成文日期
    assert not re.search(r"\d{4}-\d?$|\d{4}-\d{2}-\d?$", reminder, re.M)
    assert len(re.findall(r"2022-0[3-6]", reminder)) >= 7


def test_quarter_xlsx_wraps_long_text_and_totals_rates_as_formulas(office_files):
    from openpyxl import load_workbook

    book = load_workbook(office_files["q2-sheet.xlsx"])
    tasks = book["分任务情况"]
    header = next(r for r in range(1, 20) if tasks.cell(r, 1).value == "序号")
    text_cell = tasks.cell(header + 1, 2)
    assert text_cell.alignment.wrap_text and tasks.column_dimensions["B"].width <= 40
    long_rows = [
        r
        for r in range(header + 1, tasks.max_row + 1)
        if len(str(tasks.cell(r, 2).value or "")) > 25
    ]
    assert long_rows and all((tasks.row_dimensions[r].height or 0) >= 30 for r in long_rows)
    units = book["单位报送情况"]
    total = next(r for r in range(1, units.max_row + 1) if units.cell(r, 1).value == "合计")
    assert units.cell(total, 8).value == f'=IF(B{total}=0,"",C{total}/B{total})'
    assert units.cell(total, 9).value == f'=IF(B{total}=0,"",D{total}/B{total})'
    assert units.cell(total, 8).number_format == "0%"


def test_a_correction_names_the_corrected_record_by_date_and_unit(office, office_files):
    plain = office("report", "--quarter", "2022Q2", "--format", "plain").stdout
    assert "更正 2022年5月25日 县商务委 的记录" in plain and not re.search(r"更正 \d{8}-", plain)
    leads = [p.text for p in word(office_files["q2-zh.docx"]).paragraphs if "更正" in p.text]
    assert leads and all("2022年5月25日 县商务委" in text for text in leads)
