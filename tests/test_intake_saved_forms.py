"""`intake` of forms as other programs save them (Excel, WPS and LibreOffice are not all here: each
case is `form`'s workbook edited at the zip/XML level the way such a program writes it; the one
real LibreOffice round trip is tests/test_intake.py::test_the_monthly_cycle_through_libreoffice),
and of what a careless clerk sends back. Every case is read by the real CLI on one shared ledger:
accepted ones with --dry-run (the table of what would be recorded), refused ones naming FILE!CELL,
and the ledger byte for byte as it was."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

from helpers import xlsx_parts as xlsx
from helpers.cli import Cli
from helpers.ledgers import copy_shipped, left_unchanged, records
from pilotledger.forms import read
from pilotledger.render.width import display_width

FORM = "县商务委-2022年6月.xlsx"
# The commerce commission's June form: its first task rows (a cell typed into keeps its style).
ROWS = {7: 13, 8: 14, 9: 15, 10: 23}
LAST_TASK_ROW = 26  # 20 tasks from row 7
SERIAL_15_JUNE = 44727  # 2022-06-15 as an Excel serial number (1900 system)


HEALTH_FORM = "县医保局-2022年6月.xlsx"  # its first task row is task 12's


@pytest.fixture(scope="session")
def june(tmp_path_factory) -> tuple[Path, bytes, bytes]:
    """A ledger shared by every test here (read only), the June form `form` wrote for the
    commerce commission, and the medical security bureau's."""
    base = tmp_path_factory.mktemp("saved-forms")
    root = copy_shipped(base / "data")
    for unit in ("县商务委", "县医保局"):
        made = Cli(root)("form", "--month", "2022-06", "--unit", unit, "--output-dir", str(base))
        assert made.exit_code == 0, made.stderr
    return root, (base / FORM).read_bytes(), (base / HEALTH_FORM).read_bytes()


@pytest.fixture
def ledger(june) -> Cli:
    with left_unchanged(june[0]):
        yield Cli(june[0])


@pytest.fixture
def blank(june) -> bytes:
    return june[1]


def row_cells(row: int, status: str = "推进中", text: str = "完成调研") -> list[str]:
    return [xlsx.inline(f"F{row}", status), xlsx.inline(f"I{row}", text)]


def filled(blank: bytes, *cells: str) -> bytes:
    return xlsx.rewrite(blank, form_sheet=lambda sheet: xlsx.set_cells(sheet, *cells))


def save(tmp_path: Path, content: bytes, name: str = FORM) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def dry_run(ledger: Cli, path: Path) -> list[dict[str, str]]:
    """The rows of `intake --dry-run`'s table, by column: the dashes under the header give each
    column's place in display columns (a Chinese character takes two)."""
    result = ledger("intake", str(path), "--dry-run", "--received-at", "2022-07-04")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    rule = next(index for index, line in enumerate(lines) if line.startswith("---"))
    spans = [match.span() for match in re.finditer(r"-+", lines[rule])]
    names = ["form", "row", "task", "unit", "date", "status", "progress", "summary", "kind"]
    return [
        {name: _columns(line, start, end) for name, (start, end) in zip(names, spans)}
        for line in lines[rule + 1 :]
        if line.startswith(str(path))
    ]


def _columns(line: str, start: int, end: int) -> str:
    """The characters of `line` between display columns `start` and `end`."""
    taken, column = [], 0
    for char in line:
        if start <= column < end:
            taken.append(char)
        column += display_width(char)
    return "".join(taken).strip()


def refused(ledger: Cli, path: Path, *args: str) -> list[str]:
    result = ledger("intake", str(path), *args)
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()


# --- what Excel, WPS and LibreOffice write ----------------------------------------------------


def test_strings_inline_shared_with_rich_runs_and_formulas_cached_values(ledger, blank, tmp_path):
    """WPS and Excel keep text in the shared string table (a run of bold inside a status, a
    phonetic guide under Chinese text), LibreOffice's formulas keep their result as `t="str"` or
    a number; the cached value is what counts."""
    sheet_cells = [
        xlsx.shared("F7", 0),
        xlsx.formula_text("G7", '"5"&"0"', "50"),
        xlsx.shared("I7", 1),
        xlsx.inline("F8", "已完成"),
        xlsx.formula_number("G8", "40+60", 100),
        xlsx.formula_text("I8", 'CONCATENATE("全部","完成")', "全部完成"),
        *row_cells(9, "进行中", "  前后有空格  "),
    ]
    strings = [
        '<r><rPr><b/><sz val="11"/></rPr><t>推进</t></r><r><t>中</t></r>',
        '<t>完成调研</t><rPh sb="0" eb="2"><t>ちょうさ</t></rPh>'
        '<phoneticPr fontId="1" type="noConversion"/>',
    ]
    form = save(tmp_path, xlsx.with_shared_strings(filled(blank, *sheet_cells), strings))
    rows = dry_run(ledger, form)
    assert [(r["task"], r["status"], r["progress"], r["summary"]) for r in rows] == [
        ("13", "推进中", "50%", "完成调研"),
        ("14", "已完成", "100%", "全部完成"),
        ("15", "推进中", "", "前后有空格"),
    ]


def test_dates_as_serial_numbers_iso_cells_and_text(ledger, blank, tmp_path):
    """A date cell (a serial number under the column's date format), a `t="d"` ISO cell, a
    serial with a time of day, and dates typed as text in record's forms."""
    dates = [
        xlsx.number("H7", SERIAL_15_JUNE),
        xlsx.iso_date("H8", "2022-06-20T00:00:00"),
        xlsx.number("H9", SERIAL_15_JUNE + 1.75),
        xlsx.inline("H10", "2022年6月18日"),
    ]
    cells = [cell for row in ROWS for cell in row_cells(row)]
    form = save(tmp_path, filled(blank, *cells, *dates))
    assert [r["date"] for r in dry_run(ledger, form)] == [
        "2022-06-15",
        "2022-06-20",
        "2022-06-16",
        "2022-06-18",
    ]
    text = save(tmp_path, filled(blank, *row_cells(7), xlsx.inline("H7", "2022/6/15")), "t.xlsx")
    assert [r["date"] for r in dry_run(ledger, text)] == ["2022-06-15"]


def test_a_workbook_in_the_1904_date_system(ledger, blank, tmp_path):
    """A workbook saved on a Mac in the 1904 system counts its serial numbers from 1904."""
    content = filled(blank, *row_cells(7), xlsx.number("H7", SERIAL_15_JUNE - 1462))
    mac = xlsx.rewrite(
        content, workbook=lambda text: text.replace("<workbookPr/>", '<workbookPr date1904="1"/>')
    )
    assert [r["date"] for r in dry_run(ledger, save(tmp_path, mac))] == ["2022-06-15"]


def _binding_state(state: str):
    return lambda text: text.replace('state="veryHidden"', f'state="{state}"')


SAVED_BY_ANOTHER_PROGRAM = {
    # LibreOffice keeps a very hidden sheet only as hidden; a clerk may unhide it
    "binding sheet hidden": {"workbook": _binding_state("hidden")},
    "binding sheet visible": {"workbook": _binding_state("visible")},
    "data validations dropped": {
        "form_sheet": lambda text: re.sub(r"<dataValidations.*?</dataValidations>", "", text)
    },
    "sheet protection removed": {
        "form_sheet": lambda text: re.sub(r"<sheetProtection[^>]*/>", "", text)
    },
}


@pytest.mark.parametrize("case", SAVED_BY_ANOTHER_PROGRAM)
def test_a_form_saved_by_another_program_is_read_the_same(ledger, blank, tmp_path, case):
    content = xlsx.rewrite(filled(blank, *row_cells(7)), **SAVED_BY_ANOTHER_PROGRAM[case])
    assert [
        (r["row"], r["task"], r["summary"]) for r in dry_run(ledger, save(tmp_path, content))
    ] == [("7", "13", "完成调研")]


def test_an_extra_empty_sheet_in_front_of_the_form(ledger, blank, tmp_path):
    content = xlsx.with_extra_sheet(filled(blank, *row_cells(7)), "Sheet1")
    names = zipfile.ZipFile(save(tmp_path, content)).read("xl/workbook.xml").decode()
    assert names.index('name="Sheet1"') < names.index('name="台账表"')
    assert [r["task"] for r in dry_run(ledger, tmp_path / FORM)] == ["13"]


def _rows_to_the_last(text: str, first: int, written: int | None = None) -> str:
    """Formatted empty rows from `first` down to row 1,048,576, as LibreOffice writes a sheet
    whose rows were formatted to the bottom (the rows between carry no `r`: each is the next);
    with `written`, only that many of them before the last (the ones between left out)."""
    count = 1048576 - first - 1 if written is None else written
    row = '<row s="14" customFormat="1" ht="12.8" customHeight="1"/>'
    rows = f'<row r="{first}" s="14" customFormat="1"/>' + row * count
    rows += '<row r="1048576" s="14" customFormat="1"/>'
    return text.replace("</sheetData>", rows + "</sheetData>")


SMALL_BOUND = 1024 * 1024  # MAX_UNPACKED_BYTES for the cheap cases: 1 MB


def test_rows_formatted_down_to_the_last_row_are_not_read(ledger, blank, tmp_path, monkeypatch):
    """A sheet that unpacks to more than any form may (here the bound is 1 MB; 30,000 formatted
    rows, then row 1,048,576) is read only down to the rows under its tasks: it is taken, the
    rest never unpacked. (The real size: test_a_million_formatted_rows_are_not_read, slow.)"""
    monkeypatch.setattr(read, "MAX_UNPACKED_BYTES", SMALL_BOUND)
    content = xlsx.rewrite(
        filled(blank, *row_cells(7)),
        form_sheet=lambda text: _rows_to_the_last(text, LAST_TASK_ROW + 1, written=30000),
    )
    form = save(tmp_path, content)
    with zipfile.ZipFile(form) as archive:
        assert archive.getinfo(xlsx.FORM_SHEET).file_size > SMALL_BOUND
    assert [(r["task"], r["summary"]) for r in dry_run(ledger, form)] == [("13", "完成调研")]


@pytest.mark.slow
def test_a_million_formatted_rows_are_not_read(ledger, blank, tmp_path):
    """Every row down to 1,048,576 written out (57 MB unpacked, over the 40 MB bound)."""
    content = xlsx.rewrite(
        filled(blank, *row_cells(7)),
        form_sheet=lambda text: _rows_to_the_last(text, LAST_TASK_ROW + 1),
    )
    form = save(tmp_path, content)
    with zipfile.ZipFile(form) as archive:
        assert archive.getinfo(xlsx.FORM_SHEET).file_size > read.MAX_UNPACKED_BYTES
    assert [(r["task"], r["summary"]) for r in dry_run(ledger, form)] == [("13", "完成调研")]


def test_a_row_added_under_the_tasks_of_such_a_sheet_is_still_found(
    ledger, blank, tmp_path, monkeypatch
):
    monkeypatch.setattr(read, "MAX_UNPACKED_BYTES", SMALL_BOUND)
    added = LAST_TASK_ROW + 1
    new_row = (
        f'<row r="{added}"><c r="A{added}"><v>56</v></c>{xlsx.inline(f"I{added}", "新任务")}</row>'
    )

    def sheet(text: str) -> str:
        text = text.replace("</sheetData>", new_row + "</sheetData>")
        return _rows_to_the_last(text, added + 1, written=30000)

    form = save(tmp_path, xlsx.rewrite(filled(blank, *row_cells(7)), form_sheet=sheet))
    assert f"{form}!A{added}: 多出的一行（任务行不能增加；请删除此行）" in refused(ledger, form)


def test_a_sheet_that_unpacks_past_the_bound_within_its_rows_is_refused(
    ledger, blank, tmp_path, monkeypatch
):
    """A zip bomb inside the task rows (one cell of 2 MB of text, the bound set to 1 MB) stops
    at the bound, whatever the zip's header declares."""
    monkeypatch.setattr(read, "MAX_UNPACKED_BYTES", SMALL_BOUND)
    form = save(tmp_path, filled(blank, *row_cells(7, text="推" * (700 * 1024))))
    assert refused(ledger, form) == [
        f"{form}: 大于 1 MB（解压后），不是填报表，未读取",
        "pilotledger: 1 个问题，未写入任何记录",
    ]


def test_rows_are_read_down_to_1000_under_the_last_task(ledger, blank, tmp_path, monkeypatch):
    """Row 1,026 (1,000 under the last task, row 26) is read: a row added; row 1,027 is not, and
    in a sheet not read to its end the merged ranges are not known either."""
    assert read.MAX_ROWS_BELOW == 1000

    def typed_at(row: int, merge: str | None = None):
        typed = f'<row r="{row}">{xlsx.inline(f"I{row}", "写在很下面")}</row>'

        def sheet(text: str) -> str:
            text = text.replace("</sheetData>", typed + "</sheetData>")
            if merge:
                text = text.replace(
                    '<mergeCell ref="A5:L5"/>',
                    f'<mergeCell ref="A5:L5"/><mergeCell ref="{merge}"/>',
                )
            return text

        return save(
            tmp_path, xlsx.rewrite(filled(blank, *row_cells(7)), form_sheet=sheet), f"{row}.xlsx"
        )

    assert refused(ledger, typed_at(1026)) == [  # the empty rows between are no problem
        f"{tmp_path / '1026.xlsx'}!A1026: 多出的一行（任务行不能增加；请删除此行）",
        "pilotledger: 1 个问题，未写入任何记录",
    ]
    assert [r["row"] for r in dry_run(ledger, typed_at(1027))] == ["7"]
    merged = refused(ledger, typed_at(1026, merge="I7:I8"))
    assert (
        f"{tmp_path / '1026.xlsx'}!I7: 合并单元格 I7:I8 跨越多个任务行；请取消合并，每行分别填写"
        in merged
    )
    assert [r["row"] for r in dry_run(ledger, typed_at(1027, merge="I7:I8"))] == ["7"]


# --- what a careless clerk sends back ---------------------------------------------------------


def test_a_form_reused_for_another_month_is_refused_where_it_says_so(ledger, blank, tmp_path):
    """June's form sent back as July's: the title typed over (the protection removed), a July
    date, the file renamed; every row would otherwise land in June."""
    title = xlsx.inline("A2", "县商务委2022年7月试点任务进展填报表")
    content = xlsx.rewrite(
        filled(blank, title, *row_cells(7), xlsx.inline("H7", "2022-07-05"), *row_cells(8)),
        form_sheet=lambda text: re.sub(r"<sheetProtection[^>]*/>", "", text),
    )
    form = save(tmp_path, content, "县商务委-2022年7月.xlsx")
    assert refused(ledger, form) == [
        f"{form}!A2: 标题写的是 2022年7月，但这是 2022-06 的填报表（表内绑定的月份）；"
        "请用 pilotledger form 生成该月的填报表填写",
        f"{form}: 文件名写的是 2022年7月，但这是 2022-06 的填报表（表内绑定的月份）；"
        "请核对：若是该月的进展，请用 pilotledger form 生成该月的填报表；"
        "若只是文件名写错，请改正文件名",
        f"{form}!H7: 任务 13：进展日期 2022-07-05 不在填报表的月份 2022-06 内",
        "pilotledger: 3 个问题，未写入任何记录",
    ]
    english = ledger("--lang", "en", "intake", str(form)).stderr
    assert f"{form}!A2: the title says 2022年7月, but this is the form for 2022-06" in english
    assert f"{form}: the file name says 2022年7月, but this is the form for 2022-06" in english


def test_a_name_or_title_that_names_the_forms_own_month_is_no_problem(ledger, blank, tmp_path):
    title = xlsx.inline("A2", "县商务委２０２２年６月进展（2022年7月3日补报）")
    form = save(tmp_path, filled(blank, title, *row_cells(7)), "县商务委-2022年6月(补报).xlsx")
    assert [r["task"] for r in dry_run(ledger, form)] == ["13"]


def test_progress_as_a_clerk_types_it(ledger, blank, tmp_path):
    """`100%` and `１００` typed as text; `100%` and `50%` typed in Excel, which stores 1 and
    0.5 in a cell it formats as a percentage (the whole-number validation lets 1 through); a
    plain 1 is 1 %."""
    content, percent = xlsx.with_cell_format(blank, 9)
    cells = [cell for row in ROWS for cell in row_cells(row)]
    progress = [
        xlsx.inline("G7", "100%"),
        xlsx.inline("G8", "１００"),
        xlsx.number("G9", 1, percent),
        xlsx.number("G10", 0.5, percent),
        *row_cells(11),
        xlsx.number("G11", 1),
    ]
    rows = dry_run(ledger, save(tmp_path, filled(content, *cells, *progress)))
    assert [r["progress"] for r in rows] == ["100%", "100%", "100%", "50%", "1%"]


def test_progress_in_words_and_an_impossible_date_are_refused_at_their_cells(
    ledger, blank, tmp_path
):
    content = filled(
        blank,
        *row_cells(7),
        xlsx.inline("G7", "五十"),
        *row_cells(8),
        xlsx.inline("H8", "2022-6-31"),
    )
    form = save(tmp_path, content)
    assert refused(ledger, form) == [
        f"{form}!G7: 任务 13：进度“五十”不是 0–100 的整数",
        f"{form}!H8: 任务 14：进展日期“2022-6-31”不是日期；"
        "可用格式：2022-06-15、2022/6/15、2022年6月15日",
        "pilotledger: 2 个问题，未写入任何记录",
    ]


def test_files_that_only_look_like_forms_are_refused_by_name(ledger, blank, tmp_path):
    """A Word document and a zip of photos renamed .xlsx, an empty file, and 50 MB (refused by
    its size before it is read)."""
    docx = xlsx.packed({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    photos = xlsx.packed({"照片/1.jpg": b"\xff\xd8\xff" + bytes(100)})
    big = tmp_path / "大.xlsx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    cases = {
        save(tmp_path, docx, "报告.xlsx"): "不是 xlsx 工作簿（是改了扩展名的 Word 文档）",
        save(tmp_path, photos, "照片.xlsx"): "不是 xlsx 工作簿（是 zip 压缩包，其中没有工作簿）",
        save(tmp_path, b"", "空.xlsx"): "不是 xlsx 工作簿（not a zip archive）",
        big: "大于 5 MB",
    }
    for path, words in cases.items():
        lines = refused(ledger, path)
        assert lines[0].startswith(f"{path}: ") and words in lines[0], lines
        assert lines[1:] == ["pilotledger: 1 个问题，未写入任何记录"]
    english = ledger("--lang", "en", "intake", str(tmp_path / "报告.xlsx")).stderr
    assert "is not an xlsx workbook (a Word document renamed)" in english
    english = ledger("--lang", "en", "intake", str(tmp_path / "照片.xlsx")).stderr
    assert "is not an xlsx workbook (a zip archive with no workbook in it)" in english


# --- what is written ---------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name fsync'd files")
def test_the_forms_are_synced_with_one_folder_sync_before_the_month_file(
    june, tmp_path, monkeypatch
):
    """Each stored workbook is fsync'd, the evidence folder once after the last (not once per
    form), and only then is the month file naming them written."""
    root = copy_shipped(tmp_path / "data")
    forms = [
        save(tmp_path, filled(june[1], *row_cells(7))),
        save(tmp_path, filled(june[2], *row_cells(7, text="医保局完成产品设计")), HEALTH_FORM),
    ]
    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = Cli(root)("intake", *map(str, forms), "--received-at", "2022-07-04", "--yes")
    assert result.exit_code == 0, result.stderr
    evidence, progress = root / "evidence", root / "progress"

    def kind(path: Path) -> str | None:
        if path in (evidence, progress):
            return f"{path.name} folder"
        return f"{path.parent.name} file" if path.parent in (evidence, progress) else None

    assert [kind(path) for path in synced if kind(path)] == [
        "evidence file",
        "evidence file",
        "evidence folder",
        "progress file",
        "progress folder",
    ]
    assert len(list(evidence.iterdir())) == 2
    assert [r["summary"] for r in records(root, "2022-06")] == ["完成调研", "医保局完成产品设计"]
