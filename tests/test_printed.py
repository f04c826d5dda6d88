"""The report's workbook and the 通报 as LibreOffice prints them (the shared soffice run of
helpers/office.py): the text and the pages on paper, the workbook's formulas as LibreOffice
computed them, checked against the report's JSON."""

from __future__ import annotations

import json
import re

from helpers.cli import Cli
from helpers.office import pdf_text

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def printed_pages(pdf) -> list[list[str]]:
    """Each printed page's non-blank lines (pdftotext -layout), runs of spaces made one."""
    text = pdf_text(pdf, "-layout")
    pages = [
        [re.sub(r"\s+", " ", line.strip()) for line in page.splitlines() if line.strip()]
        for page in text.split("\f")
    ]
    return pages[:-1] if pages and not pages[-1] else pages


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def report_json(office_files) -> dict:
    run = Cli(office_files["data"])  # the ledger the documents were written from
    return json.loads(run("report", "--quarter", "2022Q2", "--format", "json").stdout)


def test_libreoffice_prints_the_workbook_each_sheet_under_its_title_page_n_of_m(office_pdfs):
    pages = printed_pages(office_pdfs["q2-sheet.xlsx"])
    total = len(pages)
    assert 8 <= total <= 25, total
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {total}" in page[-1], (number, page[-1])  # the footer &P / &N
    titles = [page[0] for page in pages]  # the header: the sheet's table title
    for title in ("状态汇总", "分板块情况", "分任务情况", "工作进展详情", "问题清单"):
        assert title in titles, titles
    assert "逾期事项（截至2022年7月6日）" in titles and "单位报送情况" in titles
    text = "\n".join(line for page in pages for line in page)
    assert "截至：2022年7月6日" in text and "评判日" not in text  # the header block
    # date cells are typed dates shown as the letter writes them, never 2022-06-15
    assert not ISO_DAY.search(text), ISO_DAY.search(text)
    assert re.search(r"2022年[4-6]月\d{1,2}日", text.split("工作进展详情", 1)[1])


def test_libreoffice_computes_the_workbooks_totals_as_the_json_has_them(office_pdfs, office_files):
    data = report_json(office_files)
    lines = [line for page in printed_pages(office_pdfs["q2-sheet.xlsx"]) for line in page]
    units = lines[lines.index("单位报送情况", 2) :]  # the sheet's own title, after its header
    total = next(line for line in units if line.startswith("合计 "))
    keys = ("owed", "filed", "on_time", "late", "missing", "filed_by_self")
    sums = [sum(u[key] for u in data["units"]) for key in keys]
    owed, filed, on_time = sums[:3]
    rates = [f"{round(filed / owed * 100)}%", f"{round(on_time / owed * 100)}%"]
    # SUM and IF formulas, evaluated by LibreOffice: 203 owed, 17 filed, 8% filed
    assert total.split()[1:] == [*map(str, sums), *rates, "0"], total
    commerce = next(line for line in units if line.startswith("县商务委 "))
    assert commerce.split() == ["县商务委", "21", "5", "4", "1", "16", "4", "24%", "19%", "0"]
    lights = " ".join(lines)
    counts = {light: lights.count(light) for light in ("绿灯", "黄灯", "红灯")}
    expected = {"绿灯": 0, "黄灯": 0, "红灯": 0}
    for task in data["tasks"]:
        expected[{"green": "绿灯", "yellow": "黄灯", "red": "红灯"}[task["light"]]] += 1
    assert counts == expected  # each task's light, once, in the task sheet


def test_libreoffice_prints_the_notice_as_a_notice_then_its_six_annexes(office_pdfs):
    pages = [[flat(line) for line in page] for page in printed_pages(office_pdfs["q2-notice.docx"])]
    assert 10 <= len(pages) <= 35, len(pages)
    assert [n for n, page in enumerate(pages, start=1) if len(page) < 4] == []  # no thin page
    first_annex = next(n for n, page in enumerate(pages) if page[0] == "附件1")
    letter = "".join(
        line for page in pages[:first_annex] for line in page if not re.fullmatch(r"—\d+—", line)
    )
    assert letter.startswith("关于石柱县服务业扩大开放综合试点2022年第二季度推进情况的通报")
    assert "各试点任务牵头单位：" in letter and "推进情况通报如下" in letter
    # the 通报's own part: the units ranked by their share filed, then who is missing what
    ranking = letter[letter.index("四、各单位报送情况") :]
    assert ranking.startswith("四、各单位报送情况按报送率由高到低：")
    assert "县商务委缺报16份：2022年4月、5月、6月" in ranking  # the period's months only
    assert letter.index("四、各单位报送情况") < letter.index("五、下步安排")
    assert "石柱土家族自治县人民政府办公室2022年7月20日" in letter  # 落款 over 成文日期
    assert not ISO_DAY.search(letter) and "2022Q2" not in letter
    marks = [page[0] for page in pages if page[0].startswith("附件")]
    assert marks == [f"附件{n}" for n in range(1, 7)]
    numbers = [page[-1] for page in pages]
    assert numbers == [f"—{n}—" for n in range(1, len(pages) + 1)]  # every page numbered
