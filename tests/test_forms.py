"""`form`: one fill-in workbook per unit, pre-filled, locked where it is not to be typed in,
validated where it is, bound to this ledger by a hidden sheet; laid out by LibreOffice on A4
landscape with the header row on every page."""

from __future__ import annotations

import re
import subprocess

import pytest
from openpyxl import load_workbook

from helpers.cli import Cli
from helpers.office import pdf_text
from pilotledger.forms.layout import plan_identity
from pilotledger.store import load_registries

COMMERCE_TASKS = [13, 14, 15, 23, 24, 25, 26, 27, 29, 33, 35, 36, 37, 39, 40, 44, 48, 49, 50, 55]


def made(cli: Cli, tmp_path, *args: str):
    folder = tmp_path / "forms" / "2022-06"  # not there yet: created with its parent
    result = cli("form", "--month", "2022-06", "--output-dir", str(folder), *args)
    assert result.exit_code == 0, result.stderr
    return folder, result


def test_one_form_per_unit_with_tasks_named_after_unit_and_month(cli, tmp_path):
    folder, result = made(cli, tmp_path)
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 31  # 36 units and groups, less the 5 groups
    assert "县商务委-2022年6月.xlsx" in names and "各相关单位-2022年6月.xlsx" not in names
    assert f"已写入 {folder}/县商务委-2022年6月.xlsx" in result.stdout


def test_a_form_holds_the_units_tasks_locked_and_the_inputs_validated(cli, shipped, tmp_path):
    folder, _ = made(cli, tmp_path, "--unit", "商务委")
    assert [p.name for p in folder.iterdir()] == ["县商务委-2022年6月.xlsx"]
    book = load_workbook(folder / "县商务委-2022年6月.xlsx")
    sheet = book["台账表"]
    assert sheet["A1"].value == "石柱县服务业扩大开放综合试点实施方案"
    assert sheet["A2"].value == "县商务委2022年6月试点任务进展填报表"
    assert sheet["A3"].value == "报送截止：2022年7月5日　报送至：县试点办"
    assert [sheet[c].value for c in ("A4", "D4", "G4")] == ["填报人", "联系电话", "填报日期"]
    header = [cell.value for cell in sheet[6]]
    assert header == [
        "序号", "试点任务", "分工", "上次状态", "上次进度", "状态", "进度（%）", "进展日期",
        "工作进展", "存在问题", "下步打算", "佐证材料",
    ]  # fmt: skip
    numbers = [sheet.cell(row, 1).value for row in range(7, 7 + len(COMMERCE_TASKS))]
    assert numbers == COMMERCE_TASKS and sheet.cell(7 + len(COMMERCE_TASKS), 1).value is None
    registries = load_registries(shipped)
    assert sheet["B7"].value == registries.tasks[13].text
    roles = {sheet.cell(r, 1).value: sheet.cell(r, 3).value for r in range(7, 27)}
    assert roles[40] == "牵头" and roles[13] == "责任" and roles[37] == "责任（县级各部门）"
    assert sheet.protection.sheet and sheet["B7"].protection.locked
    assert not any(sheet.cell(7, col).protection.locked for col in range(6, 13))
    assert not sheet["B4"].protection.locked
    kinds = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert kinds["F7:F26"] == ("list", '"未启动,推进中,受阻,已完成"')
    assert kinds["G7:G26"] == ("whole", "0")
    assert kinds["H7:H26"] == ("date", "DATE(2022,6,1)")
    assert kinds["I7:I26"][0] == "textLength"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$6:$6"
    binding = book["pilotledger"]
    assert binding.sheet_state == "veryHidden"
    values = {row[0].value: row[1].value for row in binding.iter_rows()}
    assert values["unit"] == "commerce" and values["month"] == "2022-06"
    assert values["plan"] == plan_identity(registries.tasks)
    assert values["tasks"] == ",".join(map(str, COMMERCE_TASKS)) and values["version"] == 1


def test_the_reference_columns_show_the_last_known_status(run, tmp_path):
    folder, _ = made(run, tmp_path, "--unit", "县医保局")
    sheet = load_workbook(folder / "县医保局-2022年6月.xlsx")["台账表"]
    row = next(r for r in range(7, 30) if sheet.cell(r, 1).value == 12)
    assert (sheet.cell(row, 4).value, sheet.cell(row, 5).value) == ("推进中", "15%")
    folder, _ = made(run, tmp_path / "early", "--unit", "县医保局", "--as-of", "2022-03-01")
    sheet = load_workbook(folder / "县医保局-2022年6月.xlsx")["台账表"]
    assert (sheet.cell(row, 4).value, sheet.cell(row, 5).value) == ("未启动", None)


def test_an_english_form(cli, tmp_path):
    folder, _ = made(cli, tmp_path, "--unit", "commerce", "--lang", "en")
    sheet = load_workbook(folder / "县商务委-2022年6月.xlsx")["Form"]
    assert sheet["A2"].value == "County Commerce Commission (县商务委): progress form for June 2022"
    assert sheet["F6"].value == "Status" and sheet["C7"].value == "responsible"
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists == ['"not started,in progress,blocked,done"']


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--month", "2021-06"), "2021-06 不在方案期内（2022-02 至 2025-02）"),
        (("--month", "六月"), "--month"),
        (("--month", "2022-06", "--unit", "各相关单位"), "各相关单位 是单位组，不填报"),
    ],
)
def test_refused_forms(cli, tmp_path, args, words):
    result = cli("form", *args, "--output-dir", str(tmp_path / "out"))
    assert result.exit_code in (1, 2) and words in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_libreoffice_lays_the_form_out_on_a4_landscape_with_the_header_on_each_page(office_pdfs):
    pdf = office_pdfs["forms/县商务委-2022年6月.xlsx"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "841.89 x 595.3" in info and re.search(r"Pages:\s+2\n", info)
    for page in (1, 2):
        text = pdf_text(pdf, "-f", str(page), "-l", str(page), "-layout")
        assert "试点任务" in text and "工作进展" in text, page
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in fonts
