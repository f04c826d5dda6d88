"""The documents the office sends, read back as a user's program would: docx (python-docx),
xlsx (openpyxl), csv (csv under utf-8-sig), html in headless Chromium, and the trend in
every format. The sample ledger has progress for March–June 2022 (tests/fixtures)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.cli import Cli

PLAN_MONTHS = 36  # 2022-03 (the month after issue, 2022-02-24) … 2025-02 (the plan's end)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def status_counts(run, day: str) -> dict[str, int]:
    """Tasks by status on a day, from `status` (the rule the trend must agree with)."""
    counts = dict.fromkeys(["not_started", "in_progress", "blocked", "done"], 0)
    for row in json.loads(run("status", "--as-of", day, "--format", "json").stdout):
        counts[row["status"]] += 1
    return counts


# --- the trend -------------------------------------------------------------------------------


def test_trend_json_has_every_month_of_the_plan_and_agrees_with_status(reader):
    months = json.loads(reader("trend", "--as-of", "2022-06-30", "--format", "json").stdout)
    assert (
        len(months) == PLAN_MONTHS
        and months[0]["month"] == "2022-03"
        and months[-1]["month"] == "2025-02"
    )
    assert list(months[0]) == [
        "month",
        "not_started",
        "in_progress",
        "blocked",
        "done",
        "share_done",
    ]
    for line, month_end in zip(months, ["2022-03-31", "2022-04-30", "2022-05-31", "2022-06-30"]):
        expected = status_counts(reader, month_end)
        assert {key: line[key] for key in expected} == expected, line
        assert line["share_done"] == round(expected["done"] / 55, 4)
    assert months[3] == {
        "month": "2022-06",
        "not_started": 48,
        "in_progress": 6,
        "blocked": 0,
        "done": 1,
        "share_done": 0.0182,
    }
    assert all(
        line[key] is None for line in months[4:] for key in line if key != "month"
    )  # to come


def test_the_running_month_counts_on_the_as_of_day(reader):
    months = json.loads(reader("trend", "--as-of", "2022-04-01", "--format", "json").stdout)
    expected = status_counts(reader, "2022-04-01")
    assert {key: months[1][key] for key in expected} == expected  # April, counted on 1 April
    assert months[2]["done"] is None  # May has not begun


def test_trend_by_section_and_unit_add_up_to_the_whole(reader):
    whole = json.loads(reader("trend", "--as-of", "2022-06-30", "--format", "json").stdout)
    sections = json.loads(
        reader("trend", "--by", "section", "--as-of", "2022-06-30", "--format", "json").stdout
    )
    assert list(sections) == [str(n) for n in range(1, 14)]
    assert all(len(months) == PLAN_MONTHS for months in sections.values())
    for index in range(4):
        for key in ("not_started", "in_progress", "blocked", "done"):
            assert sum(months[index][key] for months in sections.values()) == whole[index][key]
    assert (
        sections["1"][3]["done"] == 1 and sections["1"][3]["share_done"] == 0.2
    )  # task 1 of 5 done
    units = json.loads(
        reader("trend", "--by", "unit", "--as-of", "2022-06-30", "--format", "json").stdout
    )
    assert "science-tech" in units and units["science-tech"][3]["done"] == 1  # it leads task 1
    assert "all-related" not in units  # a group that leads nothing


def test_trend_in_the_terminal_is_a_compact_chart(reader):
    out = reader("trend", "--as-of", "2022-06-30", "--format", "table").stdout
    rows = [line for line in out.splitlines() if re.match(r"^2022-0[3-6] ", line)]
    assert len(rows) == 4 and rows[-1].endswith("2%")  # one stacked bar per counted month
    assert "2022-07…2025-02 尚未到来 (32)" in out and "█ 已完成" in out
    by_section = reader(
        "trend", "--by", "section", "--as-of", "2022-06-30", "--format", "table"
    ).stdout
    line = next(line for line in by_section.splitlines() if line.startswith("（一）"))
    assert line.endswith("20%") and "·" * 32 in line


def test_trend_plain_text_lists_counted_months_and_names_the_rest(reader):
    out = reader("--lang", "en", "trend", "--as-of", "2022-06-30", "--format", "plain").stdout
    june = next(line for line in out.splitlines() if line.startswith("2022-06"))
    assert june.split() == ["2022-06", "48", "6", "0", "1", "2%"]
    assert "2022-07 … 2025-02: to come (32)" in out and "2022-08" not in out


def test_trend_html_svg_has_one_point_per_month(reader, tmp_path):
    page = tmp_path / "trend.html"
    assert (
        reader(
            "trend", "--as-of", "2022-06-30", "--format", "html", "--output", str(page)
        ).exit_code
        == 0
    )
    svg = page.read_text(encoding="utf-8").split("<svg", 1)[1].split("</svg>", 1)[0]
    months = re.findall(r'<g class="month[^"]*".*?</g>', svg)
    assert len(months) == PLAN_MONTHS and all(month.count("<circle") == 1 for month in months)
    assert svg.count('class="month remaining"') == 32
    assert '<g class="month" data-month="2022-06">' in svg and "已完成" in svg  # CJK stays text
    by_unit = tmp_path / "by-unit.html"
    assert (
        reader("trend", "--by", "unit", "--format", "html", "--output", str(by_unit)).exit_code == 0
    )
    sparks = re.findall(r'<svg class="spark".*?</svg>', by_unit.read_text(encoding="utf-8"))
    assert sparks and all(spark.count("<circle") == PLAN_MONTHS for spark in sparks)


def test_trend_xlsx_has_a_native_chart_over_every_month(reader, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "trend.xlsx"
    assert (
        reader(
            "trend", "--as-of", "2022-06-30", "--format", "xlsx", "--output", str(target)
        ).exit_code
        == 0
    )
    sheet = load_workbook(target).active
    header_row = next(row for row in range(1, 20) if sheet.cell(row, 1).value == "月份")
    first = sheet.cell(header_row + 1, 1)
    assert first.value == "2022-03" and sheet.cell(header_row + 1, 2).value == 52
    june = [sheet.cell(header_row + 4, column) for column in range(2, 7)]
    assert [cell.value for cell in june[:4]] == [48, 6, 0, 1] and june[4].number_format == "0%"
    assert abs(june[4].value - 1 / 55) < 1e-9
    (chart,) = sheet._charts
    assert chart.grouping == "stacked" and len(chart.series) == 4
    for series in chart.series:
        first_row, last_row = (int(n) for n in re.findall(r"\$(\d+)", series.val.numRef.f))
        assert last_row - first_row + 1 == PLAN_MONTHS


def test_trend_by_section_xlsx_has_one_line_per_section(reader, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "sections.xlsx"
    assert (
        reader("trend", "--by", "section", "--format", "xlsx", "--output", str(target)).exit_code
        == 0
    )
    (chart,) = load_workbook(target).active._charts
    assert len(chart.series) == 13
    spans = [[int(n) for n in re.findall(r"\$(\d+)", s.val.numRef.f)] for s in chart.series]
    assert all(last - first + 1 == PLAN_MONTHS for first, last in spans)
    units = json.loads(reader("trend", "--by", "unit", "--format", "json").stdout)
    by_unit = tmp_path / "units.xlsx"
    assert (
        reader("trend", "--by", "unit", "--format", "xlsx", "--output", str(by_unit)).exit_code == 0
    )
    (chart,) = load_workbook(by_unit).active._charts
    assert len(chart.series) == len(units)


def test_trend_without_output_for_docx_is_a_usage_error(reader):
    result = reader("trend", "--format", "docx")
    assert result.exit_code == 2 and "--format docx 需要 --output 文件" in result.stderr


# --- docx --------------------------------------------------------------------------------------


def word(path: Path):
    from docx import Document

    return Document(str(path))


@pytest.fixture
def q2_docx(office_files) -> Path:
    """The 2022Q2 report of the `reported` ledger as docx, written once per run (python-docx
    is slow to write a thousand cells)."""
    return office_files["q2-zh.docx"]


def test_docx_page_is_a4_with_official_margins(q2_docx):
    section = word(q2_docx).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (
        210,
        297,
    )  # stored in twips
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm, 1) for margin in margins] == [37, 35, 28, 26]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in "".join(footer._p.itertext())  # the page-number field


def east_asian(run) -> str | None:
    fonts = run._element.rPr.rFonts
    return fonts.get(f"{W}eastAsia")


def test_docx_runs_name_their_fonts_east_asian_too(q2_docx):
    document = word(q2_docx)
    title = document.paragraphs[0]
    # two lines of 22 pt, broken between words before the number (render/titles.py)
    assert title.text == "关于石柱县服务业扩大开放综合试点\n2022年第二季度推进情况的报告"
    assert east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    heading = next(p for p in document.paragraphs if p.text == "一、总体情况")
    assert east_asian(heading.runs[0]) == "黑体" and heading.runs[0].font.size.pt == 16
    body = next(p for p in document.paragraphs if p.text.startswith("截至2022年6月30日"))
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r
        for t in document.tables
        for c in t._cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    ]
    assert runs and all(r.font.name and east_asian(r) for r in runs)


def test_docx_tables_repeat_their_header_row_and_carry_the_json_numbers(office_files, q2_docx):
    run = Cli(office_files["data"])  # the ledger q2_docx was written from
    document = word(q2_docx)
    data = json.loads(run("report", "--quarter", "2022Q2", "--format", "json").stdout)
    assert all(
        table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None for table in document.tables
    )
    body_rows = [row for table in document.tables for row in table.rows[1:]]
    assert body_rows and all(  # no row is split across two pages
        row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None
        for row in body_rows
    )
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name == "Normal"
        and p.runs
        and p.runs[0].font.size
        and p.runs[0].font.size.pt == 16
        and east_asian(p.runs[0]) == "黑体"
    ]
    assert headings[:4] == ["一、总体情况", "二、存在问题", "三、协调事项", "四、下步安排"]
    csv_rows = csv.reader(
        io.StringIO(run("report", "--quarter", "2022Q2", "--format", "csv").stdout)
    )
    csv_titles = [row[0][2:] for row in csv_rows if len(row) == 1 and row[0].startswith("# ")][
        2:
    ]  # after the title and subtitle
    tables = [h for h in headings[4:] if not h.startswith("附件")]
    assert sorted(tables) == sorted(csv_titles)  # every part, each in its annex
    assert [h for h in headings if h.startswith("附件")] == [f"附件{n}" for n in range(1, 7)]
    narrative = next(
        p for p in document.paragraphs if p.text.startswith("（一）序号 ")
    )  # paragraphs
    first_task = data["narrative"][0]["task"]  # task 1: its number and the first clause of its text
    assert narrative.text == f"（一）序号 {first_task}：深化科技成果使用权、处置权和收益权改革…"
    summary = {
        row.cells[0].text: [c.text for c in row.cells[1:3]] for row in document.tables[0].rows[1:]
    }
    assert summary["已完成"] == [
        str(data["summary"]["start"]["done"]),
        str(data["summary"]["end"]["done"]),
    ]
    assert summary["未启动"] == [
        str(data["summary"]["start"]["not_started"]),
        str(data["summary"]["end"]["not_started"]),
    ]
    tasks_table = next(t for t in document.tables if t.rows[0].cells[1].text == "试点任务")
    tasks = {row.cells[0].text: row.cells for row in tasks_table.rows[1:]}
    assert len(tasks) == len(data["tasks"]) == 55
    task1 = next(t for t in data["tasks"] if t["task"] == 1)
    assert tasks["1"][7].text == f"{task1['progress_end']}%" and tasks["1"][9].text == str(
        task1["records"]
    )
    assert [tasks[n][5].text for n in ("1", "12", "24")] == ["绿灯", "黄灯", "红灯"]  # the lights
    trend_table = next(t for t in document.tables if t.rows[0].cells[0].text == "月份")
    trend_rows = [[c.text for c in row.cells] for row in trend_table.rows[1:]]
    assert trend_rows == [
        [
            m["month"],
            *(str(m[k]) for k in ("not_started", "in_progress", "blocked", "done")),
            f"{m['share_done']:.0%}",
        ]
        for m in data["trend"]
        if m["done"] is not None
    ]
    assert len(document.inline_shapes) == 1  # the trend chart
    assert "2022-07 … 2025-02: 本期之后 (32)" in [
        p.text for p in document.paragraphs
    ]  # after the period


def test_english_docx_is_plain(office_files):
    target = office_files["q2-en.docx"]
    document = word(target)
    title = document.paragraphs[0].runs[0]
    assert title.font.name == "Arial" and east_asian(title) == "Arial"
    body = next(p for p in document.paragraphs if p.text.startswith("On 30 June 2022")).runs[0]
    assert body.font.name == "Times New Roman" and body.font.size.pt == 12
    texts = [p.text for p in document.paragraphs]
    assert "1. Overall" in texts and "Status counts" in texts and "Annex 1" in texts


def test_a_narrative_table_becomes_paragraphs_under_each_task(tmp_path):
    from pilotledger.document import Column, Document, Table
    from pilotledger.render.docx import write_docx

    narrative = Table(
        "工作进展",
        [
            Column("task", "序号", kind="int"),
            Column("date", "日期"),
            Column("unit", "单位"),
            Column("summary", "工作进展", wrap=True),
            Column("problems", "存在问题", wrap=True),
        ],
        [
            [3, "2022-04-02", "县商务委", "已起草方案。", None],
            [3, "2022-05-06", "县商务委", "方案已印发。", "资金未到位。"],
            [7, "2022-05-10", "县财政局", "已拨付。", ""],
        ],
        kind="narrative",
    )
    target = tmp_path / "narrative.docx"
    write_docx(Document("进展", [narrative]), target, "zh", "（无）")
    texts = [p.text for p in word(target).paragraphs if p.text]
    start = texts.index("一、工作进展")
    assert texts[start + 1 :] == [
        "（一）序号 3",
        "2022-04-02　县商务委",
        "工作进展：已起草方案。",
        "2022-05-06　县商务委",
        "工作进展：方案已印发。",
        "存在问题：资金未到位。",
        "（二）序号 7",
        "2022-05-10　县财政局",
        "工作进展：已拨付。",
    ]
    assert word(target).tables == []
    paragraphs = {p.text: p for p in word(target).paragraphs}
    assert east_asian(paragraphs["（一）序号 3"].runs[0]) == "楷体_GB2312"
    body = paragraphs["工作进展：已起草方案。"]
    assert east_asian(body.runs[0]) == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing.pt == 28.95  # the grid's line (render/docx.py)


# --- xlsx -------------------------------------------------------------------------------------


def test_report_xlsx_is_typed_totalled_and_set_up_for_print(reader, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "q2.xlsx"
    assert (
        reader(
            "report", "--quarter", "2022Q2", "--format", "xlsx", "--output", str(target)
        ).exit_code
        == 0
    )
    book = load_workbook(target)
    units = book["单位报送情况"]
    header = next(row for row in range(1, 20) if units.cell(row, 1).value == "单位")
    last = units.max_row
    total_row = next(row for row in range(header, last + 1) if units.cell(row, 1).value == "合计")
    assert units.cell(total_row, 2).value == f"=SUM(B{header + 1}:B{total_row - 1})"
    owed = [units.cell(row, 2).value for row in range(header + 1, total_row)]
    assert owed and all(isinstance(value, int) for value in owed)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows


def test_status_xlsx_shows_lights_as_fills(reader, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "status.xlsx"
    assert (
        reader(
            "status", "--as-of", "2022-06-30", "--format", "xlsx", "--output", str(target)
        ).exit_code
        == 0
    )
    sheet = load_workbook(target).active
    task40 = next(row for row in sheet.iter_rows() if row[0].value == 40)
    assert task40[1].value == "红灯" and task40[1].fill.fgColor.rgb.endswith("FFC7CE")
    assert task40[5].value == 2 and task40[5].data_type == "n"  # missing reports: a number


def test_status_docx_shades_the_lights_and_matrix_html_is_one_page(reader, tmp_path):
    target = tmp_path / "status.docx"
    assert (
        reader(
            "status", "--as-of", "2022-06-30", "--format", "docx", "--output", str(target)
        ).exit_code
        == 0
    )
    (table,) = word(target).tables
    row40 = next(row for row in table.rows if row.cells[0].text == "40")
    assert row40.cells[1].text == "红灯" and 'w:fill="FFC7CE"' in row40.cells[1]._tc.xml
    page = tmp_path / "matrix.html"
    assert reader("matrix", "--format", "html", "--output", str(page)).exit_code == 0
    assert page.read_text(encoding="utf-8").count('<table class="data wide">') == 1
    assert reader("matrix", "--format", "docx", "--output", str(tmp_path / "m.docx")).exit_code == 2


# --- csv --------------------------------------------------------------------------------------


def test_csv_file_starts_with_a_bom_and_stdout_does_not(reader, tmp_path):
    target = tmp_path / "q2.csv"
    assert (
        reader(
            "report", "--quarter", "2022Q2", "--format", "csv", "--output", str(target)
        ).exit_code
        == 0
    )
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["# 关于石柱县服务业扩大开放综合试点2022年第二季度推进情况的报告"]
    assert rows[rows.index(["# 状态汇总"]) + 1] == ["状态", "期初", "期末", "变化"]
    assert not reader("report", "--quarter", "2022Q2", "--format", "csv").stdout.startswith(
        "\ufeff"
    )


# --- html -------------------------------------------------------------------------------------


def test_html_status_puts_red_first_with_colours_and_a_header_block(reader, tmp_path):
    page = tmp_path / "status.html"
    assert (
        reader(
            "status",
            "--as-of",
            "2022-06-30",
            "--red-first",
            "--format",
            "html",
            "--output",
            str(page),
        ).exit_code
        == 0
    )
    html = page.read_text(encoding="utf-8")
    lights = re.findall(r'<td class="light light-(\w+)">', html)
    assert lights[0] == "red" and lights == sorted(lights, key=["red", "yellow", "green"].index)
    assert '<tr class="red">' in html and "thead { display: table-header-group; }" in html
    assert "@page { size: A4 landscape;" in html and "<script" not in html
    plain = json.loads(
        reader("status", "--as-of", "2022-06-30", "--red-first", "--format", "json").stdout
    )
    assert [row["light"] for row in plain][0] == "red"


def test_html_report_header_block_and_no_empty_tables(reader, tmp_path):
    page = tmp_path / "q2.html"
    assert (
        reader("report", "--quarter", "2022Q2", "--format", "html", "--output", str(page)).exit_code
        == 0
    )
    html = page.read_text(encoding="utf-8")
    letter = html.split('<div class="letter">')[1].split("</div>")[0]
    assert '<p class="addressee">石柱土家族自治县人民政府办公室：</p>' in letter
    assert '<p class="signature">2022年7月20日</p>' in letter and "评判日" not in html
    assert "2022Q2" not in letter and not re.search(r"\d{4}-\d{2}-\d{2}", letter)
    empty = tmp_path / "none.html"
    assert (
        reader(
            "status",
            "--status",
            "done",
            "--section",
            "13",
            "--format",
            "html",
            "--output",
            str(empty),
        ).exit_code
        == 0
    )
    text = empty.read_text(encoding="utf-8")
    assert '<table class="data">' not in text and '<p class="empty">（无）</p>' in text


@pytest.mark.skipif(
    shutil.which("pdfinfo") is None or shutil.which("pdftoppm") is None,
    reason="poppler's pdfinfo or pdftoppm is not installed here (.ci/run installs them in CI)",
)
def test_html_report_prints_on_a4_landscape_in_chromium(reader, tmp_path, browser):
    page, pdf = tmp_path / "q2.html", tmp_path / "q2.pdf"
    assert (
        reader("report", "--quarter", "2022Q2", "--format", "html", "--output", str(page)).exit_code
        == 0
    )
    pdf.write_bytes(browser.pdf(page.as_uri()))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)", info), info
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    from PIL import Image

    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        assert image.width > image.height  # landscape


# --- LibreOffice ------------------------------------------------------------------------------


def test_libreoffice_converts_the_docx_and_the_xlsx(office_pdfs):
    """Page size and orientation as LibreOffice prints them (the conversion is shared with
    test_presentation's layout checks: one soffice start for the session)."""
    word_info, sheet_info = (
        subprocess.run(["pdfinfo", str(office_pdfs[name])], capture_output=True, text=True).stdout
        for name in ("q2-zh.docx", "q2-sheet.xlsx")
    )
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", word_info)  # portrait
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", sheet_info)  # landscape
    assert int(re.search(r"Pages:\s+(\d+)", word_info).group(1)) >= 2


# --- section progress -------------------------------------------------------------------------


def test_section_bars_show_average_progress(reader):
    out = reader("status", "--as-of", "2022-06-30", "--format", "table").stdout
    bar = next(line for line in out.splitlines() if line.startswith("（一）充分竞争性服务业 1/5"))
    averages = [
        row["progress"] or 0
        for row in json.loads(
            reader("status", "--as-of", "2022-06-30", "--section", "1", "--format", "json").stdout
        )
    ]
    assert f"平均进度 {sum(averages) / 5 / 100:.0%}" in bar and bar.rstrip().endswith(
        f"{sum(averages) / 5 / 100:.0%}"
    )
    # a title longer than the bar's 15 characters is cut with … (section 4: 以康德、上河街、…)
    assert "（四）以康德、上河街、新天地商圈等… " in out


def test_remind_writes_docx_per_unit(reader, tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    result = reader(
        "remind",
        "--unit",
        "县医保局",
        "--as-of",
        "2022-07-20",
        "--format",
        "docx",
        "--output-dir",
        str(folder),
    )
    assert result.exit_code == 0, result.stderr
    (letter,) = folder.glob("*.docx")
    assert letter.name == "县医保局.docx"
    document = word(letter)
    assert (
        document.paragraphs[0].text == "关于报送石柱县服务业扩大开放\n综合试点推进情况的提示函"
        and east_asian(document.paragraphs[0].runs[0]) == "方正小标宋简体"
    )
    assert document.paragraphs[1].text == "县医保局："  # the addressee
    assert document.tables and all(
        t.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None for t in document.tables
    )
    assert (
        reader("remind", "--unit", "县医保局", "--format", "docx").exit_code == 2
    )  # a file needs a folder
