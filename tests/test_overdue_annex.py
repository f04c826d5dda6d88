"""The 逾期事项 table by lead unit (a unit's tasks missing the same months on one row, the months
in Chinese), the problems table without the overdue items it used to repeat, and annex tables
with their dates as the letter writes them: read back from csv, json, docx and what LibreOffice
prints."""

from __future__ import annotations

import csv
import io
import json
import re

from docx import Document as open_word

from helpers.cli import Cli
from helpers.office import pdf_text

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
OVERDUE = "逾期事项（截至2022年7月6日）"  # 2022Q2 judged the day after June's due day


def csv_blocks(text: str) -> dict[str, list[list[str]]]:
    blocks: dict[str, list[list[str]]] = {}
    current = None
    for row in csv.reader(io.StringIO(text)):
        if len(row) == 1 and row[0].startswith("# "):
            current = blocks.setdefault(row[0][2:], [])
        elif row and current is not None:
            current.append(row)
    return blocks


def month_words(keys: list[str]) -> str:
    """2022-03, 2022-04 → 2022年3月、4月, worked out here by hand for the test."""
    texts, year = [], None
    for key in keys:
        y, m = key.split("-")
        texts.append(f"{int(m)}月" if y == year else f"{y}年{int(m)}月")
        year = y
    return "、".join(texts)


def test_overdue_rows_are_by_unit_and_agree_with_json_item_by_item(reader):
    data = json.loads(reader("report", "--quarter", "2022Q2", "--format", "json").stdout)
    blocks = csv_blocks(reader("report", "--quarter", "2022Q2", "--format", "csv").stdout)
    header, *rows = blocks[OVERDUE]
    assert header == ["牵头单位", "类型", "任务序号", "期间", "逾期天数"]
    units = json.loads(reader("units", "--format", "json").stdout)
    name = {unit["id"]: unit["name"] for unit in units}
    expected = set()  # (unit, kind, task, period, days) from JSON's one entry per task
    for item in data["overdue"]:
        for unit_id in item["lead"]:
            if item["kind"] == "report":
                when = month_words(item["period"])
            else:
                y, m, d = map(int, item["due"].split("-"))
                when = f"{y}年{m}月{d}日前达到推进中"
            kind = "缺报" if item["kind"] == "report" else "逾期节点"
            expected.add((name[unit_id], kind, item["task"], when, item["days"]))
    shown = set()
    for unit, kind, tasks, when, days in rows:
        numbers = [int(n) for n in tasks.split("、")]
        # one row per unit, kind and months: its days are the most of its tasks
        assert int(days) == max(
            e[4] for e in expected if e[:2] == (unit, kind) and e[2] in numbers and e[3] == when
        )
        shown |= {e for e in expected if e[:2] == (unit, kind) and e[2] in numbers and e[3] == when}
    assert shown == expected
    assert len(rows) < len(data["overdue"])  # condensed: 县科技局's five tasks are one row
    assert ["县科技局", "缺报", "5、29、38、43、45", "2022年3月、4月、5月、6月", "92"] in rows
    assert ["人行丰都支行", "逾期节点", "40", "2022年4月30日前达到推进中", "67"] in rows
    order = [row[0] for row in rows]
    assert order == sorted(order, key=[u["name"] for u in units].index)  # units.yaml order


def test_the_problems_table_leaves_the_overdue_items_to_their_own_table(reader):
    data = json.loads(reader("report", "--quarter", "2022Q2", "--format", "json").stdout)
    blocks = csv_blocks(reader("report", "--quarter", "2022Q2", "--format", "csv").stdout)
    header, *rows = blocks["问题清单"]
    named = [p for p in data["problems"] if p["kind"] in ("blocked", "problems")]
    assert len(rows) == len(named) and {int(r[0]) for r in rows} == {p["task"] for p in named}
    assert {r[2] for r in rows} <= {"受阻", "反映问题"}
    kinds = {p["kind"] for p in data["problems"]}
    assert {"missing_report", "missed_milestone"} <= kinds  # JSON keeps every kind


def test_english_overdue_rows_name_the_months_in_english(reader):
    text = reader("--lang", "en", "report", "--quarter", "2022Q2", "--format", "csv").stdout
    rows = csv_blocks(text)["Overdue as of 6 July 2022"]
    assert [
        "science-tech",
        "missing report",
        "5, 29, 38, 43, 45",
        "March 2022, April 2022, May 2022, June 2022",
        "92",
    ] in rows


def test_the_docx_annexes_write_their_dates_in_chinese(office_files):
    cells = [
        cell.text
        for table in open_word(office_files["q2-zh.docx"]).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "2022年6月28日" in cells  # task 12's blocked record, in the problems table
    assert not [text for text in cells if ISO_DAY.search(text)]
    assert "2022年7月20日" in cells or "2022年8月5日" in cells  # what comes next


def test_libreoffice_prints_the_year_reports_problems_annex_on_a_few_pages(office_pdfs):
    """附件4 of the year report took ten pages when every owed task had a row of its own, twice
    over (problems and overdue items); it is now a few."""
    text = pdf_text(office_pdfs["y2022-zh.docx"], "-layout")
    pages = [re.sub(r"\s+", "", page) for page in text.split("\f")]
    first = next(n for n, page in enumerate(pages) if page.startswith("附件4"))
    after = next(n for n, page in enumerate(pages) if page.startswith("附件5"))
    assert after - first <= 4, after - first
    annex = "".join(pages[first:after])
    assert "逾期事项（截至2022年7月20日）" in annex and "县科技局缺报5、29、38" in annex
    assert "缺报月报和逾期节点见逾期事项表。" in annex  # the problems table says where they went
    assert not ISO_DAY.search(annex)
    assert len(pages) <= 26, len(pages)  # 30 pages before


def test_a_unit_missing_nothing_has_no_overdue_row(mini):
    cli = Cli(mini)
    text = cli("report", "--month", "2022-02", "--format", "csv").stdout
    blocks = csv_blocks(text)
    (title,) = [t for t in blocks if t.startswith("逾期事项")]
    assert blocks[title][0] == ["牵头单位", "类型", "任务序号", "期间", "逾期天数"]
    assert len(blocks[title]) <= 2  # the header and, at most, the "nothing overdue" note
