"""`intake`: returned forms become records with the rules of `record`; every problem of every
file at once as FILE!CELL: message, and then nothing written; idempotent; the workbook kept
as evidence; a corrected version records only its changed rows, as corrections."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpers.cli import Cli, record_args
from helpers.ledgers import copy_ledger, ledger_state, once_per_run, records
from helpers.office import converted

FORM = "县商务委-2022年6月.xlsx"
JUNE = "2022-06"


def _blank_form(folder: Path, shipped_template: Path) -> None:
    ledger = copy_ledger(shipped_template, folder / "data")
    result = Cli(ledger)(
        "form", "--month", JUNE, "--unit", "县商务委", "--output-dir", str(folder / "out")
    )
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="session")
def blank_once(tmp_path_factory, shipped_template) -> Path:
    """The commerce commission's June form of the shipped ledger, written once per run (every
    copy of the shipped ledger gives the same form)."""
    build = functools.partial(_blank_form, shipped_template=shipped_template)
    return once_per_run(tmp_path_factory, "intake-blank", build) / "out" / FORM


@pytest.fixture
def blank(blank_once, tmp_path) -> Path:
    """The commerce commission's June form, as `form` wrote it (a copy of blank_once)."""
    (tmp_path / "out").mkdir()
    return Path(shutil.copy(blank_once, tmp_path / "out" / FORM))


def fill(source: Path, target: Path, cells: dict, sheet: str = "台账表", edit=None) -> Path:
    book = load_workbook(source)
    for address, value in cells.items():
        book[sheet][address] = value
    if edit is not None:
        edit(book)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def row_of(form: Path, task: int) -> int:
    sheet = load_workbook(form)["台账表"]
    return next(r for r in range(7, 60) if sheet.cell(r, 1).value == task)


FILLED = {
    "B4": "张三 ",
    "F7": "推进中 ",  # task 13; trailing blanks everywhere
    "G7": "50%",
    "H7": "2022/6/15",
    "I7": "完成调研  ",
    "J7": "资金不足",
    "K7": "七月完成方案",
    "F8": "已完成",  # task 14: full-width digits, a serial number date, evidence lines
    "G8": "１００",
    "H8": 44727,
    "I8": "全部完成",
    "L8": "会议纪要\n现场照片",
    "F9": "进行中",  # task 15: a synonym, a number cell, a datetime cell
    "G9": 30,
    "H9": dt.datetime(2022, 6, 20, 9, 30),
    "I9": "已对接",
    "F10": "受阻",  # task 23: no progress, no date (the day received, clamped into June)
    "I10": "场地未落实",
}


def test_filled_rows_become_records_appended_as_blocks_with_the_workbook_as_evidence(
    cli, shipped, blank, tmp_path
):
    form = fill(blank, tmp_path / "back" / FORM, FILLED)
    result = cli("intake", str(form), "--received-at", "2022-07-04T10:30")
    assert result.exit_code == 0, result.stderr
    assert "已从 1 份填报表录入 4 条记录到 data/progress/2022-06.yaml" in result.stdout
    sha = hashlib.sha256(form.read_bytes()).hexdigest()
    stored = {"file": f"evidence/{sha}-{FORM}", "sha256": sha}
    assert (shipped / stored["file"]).read_bytes() == form.read_bytes()
    written = records(shipped, JUNE)
    common = {"unit": "commerce", "recorded_by": "张三"}
    assert [
        {k: r.get(k) for k in ("task", "date", "status", "progress", "summary")} for r in written
    ] == [
        {
            "task": 13,
            "date": dt.date(2022, 6, 15),
            "status": "in_progress",
            "progress": 50,
            "summary": "完成调研",
        },
        {
            "task": 14,
            "date": dt.date(2022, 6, 15),
            "status": "done",
            "progress": 100,
            "summary": "全部完成",
        },
        {
            "task": 15,
            "date": dt.date(2022, 6, 20),
            "status": "in_progress",
            "progress": 30,
            "summary": "已对接",
        },
        {
            "task": 23,
            "date": dt.date(2022, 6, 30),
            "status": "blocked",
            "progress": None,
            "summary": "场地未落实",
        },
    ]
    assert all({k: r[k] for k in common} == common for r in written)
    assert written[0]["problems"] == "资金不足" and written[0]["next_steps"] == "七月完成方案"
    assert written[1]["evidence"] == ["会议纪要", "现场照片", stored]
    assert written[0]["evidence"] == [stored]
    assert {str(r["recorded_at"]) for r in written} == {"2022-07-04 10:30:00+08:00"}
    text = (shipped / "progress" / "2022-06.yaml").read_text(encoding="utf-8")
    assert text.count("\n- id: ") + text.startswith("- id: ") == 4
    assert cli("check").exit_code == 0


def test_every_problem_of_every_file_at_once_and_nothing_written(cli, shipped, blank, tmp_path):
    one = fill(
        blank,
        tmp_path / "a.xlsx",
        {
            "I7": "写了进展但没选状态",  # task 13
            "F8": "差不多",  # task 14
            "I8": "x",
            "F9": "推进中",  # task 15
            "G9": "abc",
            "H9": "2022-07-02",
            "I9": "x",
            "F10": "推进中",  # task 23
            "G10": 120,
            "H10": "六月底",
            "I10": "ok",
            "F11": "推进中",  # task 24: no summary
        },
    )
    two = fill(blank, tmp_path / "b.xlsx", {"B7": "改过的任务文字", "A8": 99})
    before = ledger_state(shipped)
    result = cli("intake", str(one), str(two))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{one}!F7: 任务 13：已填写内容但未选择状态",
        f"{one}!F8: 任务 14：没有状态“差不多”；可用：not_started (未启动)、in_progress (推进中)、"
        "blocked (受阻)、done (已完成)",
        f"{one}!G9: 任务 15：进度“abc”不是 0–100 的整数",
        f"{one}!H9: 任务 15：进展日期 2022-07-02 不在填报表的月份 2022-06 内",
        f"{one}!G10: 任务 23：进度 120 超出 0–100",
        f"{one}!H10: 任务 23：进展日期“六月底”不是日期；"
        "可用格式：2022-06-15、2022/6/15、2022年6月15日",
        f"{one}!I11: 任务 24：工作进展不能为空，请写明做了什么",
        f"{two}!B7: 任务 13 的试点任务文字被改动（锁定单元格）",
        f"{two}!A8: 序号应为 14，现为“99”：锁定的任务行被改动（行被删除、插入或调换顺序）",
        f"{two}: 与 {one} 是同一单位同一月份的填报表；请一次只录入其中一份",
        "pilotledger: 10 个问题，未写入任何记录",
    ]
    assert ledger_state(shipped) == before and not (shipped / "evidence").exists()
    english = cli("--lang", "en", "intake", str(one))
    assert f"{one}!F7: task 13: filled in but no status chosen" in english.stderr
    assert "pilotledger: 7 problems; nothing was written" in english.stderr


def test_control_characters_are_refused_at_their_cell(cli, blank, tmp_path):
    form = fill(blank, tmp_path / "c.xlsx", {"F7": "推进中", "I7": "ok\u202e", "B4": "张\u202e三"})
    result = cli("intake", str(form))
    assert result.exit_code == 1
    assert f"{form}!I7: 任务 13：工作进展: 控制字符 U+202E（第 3 个字符），请删除" in result.stderr
    assert f"{form}!B4: 填报人: 控制字符 U+202E（第 2 个字符），请删除" in result.stderr


def refusals(blank: Path, tmp_path: Path, mini_form: Path) -> dict[str, tuple[Path, str]]:
    tasks = load_workbook(blank)["台账表"]
    last = 7 + sum(1 for r in range(7, 60) if tasks.cell(r, 1).value is not None) - 1

    def delete_binding(book):
        del book["pilotledger"]

    def version_2(book):
        book["pilotledger"]["B2"] = 2

    def merge(book):
        book["台账表"].merge_cells("I7:I8")

    def remove_last(book):
        book["台账表"].delete_rows(last)

    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (tmp_path / "wps.et").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (tmp_path / "renamed.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (tmp_path / "notes.xlsx").write_text("只是文字", encoding="utf-8")
    (tmp_path / "huge.xlsx").write_bytes(b"PK" + bytes(6 * 1024 * 1024))
    bomb_file = tmp_path / "bomb.xlsx"  # deflated at level 1: twice as quick to write as at 6
    with zipfile.ZipFile(bomb_file, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        bomb.writestr("xl/sharedStrings.xml", bytes(41 * 1024 * 1024))
    return {
        "old.xls": (
            tmp_path / "old.xls",
            "是 .xls 文件，无法读取；请在 Excel 或 WPS 中“另存为” .xlsx 后再录入",
        ),
        "wps.et": (
            tmp_path / "wps.et",
            "是 .et 文件，无法读取；请在 Excel 或 WPS 中“另存为” .xlsx 后再录入",
        ),
        "renamed": (tmp_path / "renamed.xlsx", "“另存为” .xlsx"),
        "text": (tmp_path / "notes.xlsx", "不是 xlsx 工作簿"),
        "huge": (tmp_path / "huge.xlsx", "不是普通文件" if False else "大于 5 MB"),
        "bomb": (tmp_path / "bomb.xlsx", "大于 40 MB（解压后）"),
        "other plan": (mini_form, "是另一个台账或方案的填报表"),
        "no binding": (fill(blank, tmp_path / "nb.xlsx", {}, edit=delete_binding), "没有绑定页"),
        "version": (fill(blank, tmp_path / "v2.xlsx", {}, edit=version_2), "格式版本 2 未知"),
        "merged": (
            fill(blank, tmp_path / "m.xlsx", {"F7": "推进中", "I7": "x"}, edit=merge),
            "!I7: 合并单元格 I7:I8 跨越多个任务行",
        ),
        "removed": (
            fill(blank, tmp_path / "rm.xlsx", {}, edit=remove_last),
            ": 任务 55 的行被删除",
        ),
        "added": (
            fill(blank, tmp_path / "add.xlsx", {f"A{last + 1}": 56, f"I{last + 1}": "新任务"}),
            f"!A{last + 1}: 多出的一行",
        ),
    }


def test_files_that_are_not_this_ledgers_forms_are_refused(cli, shipped, blank, tmp_path):
    mini = Cli(tmp_path / "mini-ledger")
    shutil.copytree(shipped, mini.root)
    tasks = mini.root / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    task_text = "\n    text: "
    at = text.index(task_text) + len(task_text)
    tasks.write_text(text[:at] + "另" + text[at:], encoding="utf-8")  # task 1's text changed
    assert (
        mini(
            "form", "--month", JUNE, "--unit", "commerce", "--output-dir", str(tmp_path / "m")
        ).exit_code
        == 0
    )
    cases = refusals(blank, tmp_path, tmp_path / "m" / FORM)
    before = ledger_state(shipped)
    for name, (path, words) in cases.items():
        result = cli("intake", str(path))
        assert result.exit_code == 1, name
        assert words in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
    assert ledger_state(shipped) == before


def test_intake_again_writes_nothing_and_a_corrected_version_corrects_only_changed_rows(
    cli, shipped, blank, tmp_path
):
    first = fill(blank, tmp_path / "first" / FORM, FILLED)
    assert cli("intake", str(first), "--received-at", "2022-07-04").exit_code == 0
    state = ledger_state(shipped)
    copy = tmp_path / "商务委6月(1).xlsx"
    shutil.copy(first, copy)
    for again in (first, copy):
        result = cli("intake", str(again))
        assert (
            result.exit_code == 0
            and "该填报表已录入（4 条记录引用它），未重复录入" in result.stderr
        )
        assert "没有要录入的记录" in result.stdout
    assert ledger_state(shipped) == state
    second = fill(first, tmp_path / "second" / FORM, {"G7": 60, "I7": "完成调研和方案"})
    result = cli("intake", str(second), "--received-at", "2022-07-05")
    assert result.exit_code == 0, result.stderr
    assert "3 行与已录入的记录相同，跳过" in result.stderr
    written = records(shipped, JUNE)
    assert len(written) == 5
    assert written[4]["corrects"] == written[0]["id"] and written[4]["progress"] == 60
    status = json.loads(cli("status", "--format", "json").stdout)
    assert next(t for t in status if t["task"] == 13)["progress"] == 60
    assert cli("check").exit_code == 0


def test_dry_run_shows_the_table_and_writes_nothing(cli, shipped, blank, tmp_path):
    form = fill(blank, tmp_path / FORM, FILLED)
    before = ledger_state(shipped)
    result = cli("intake", str(form), "--dry-run")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "将录入的记录（4 条）" and "（试运行，未写入）" in lines[-1]
    assert any("13" in line and "完成调研" in line and "新增" in line for line in lines)
    assert ledger_state(shipped) == before and not (shipped / "evidence").exists()


def test_at_a_terminal_the_clerk_confirms(cli, shipped, blank, tmp_path, monkeypatch):
    from pilotledger.cli.run import intake

    monkeypatch.setattr(intake, "stdin_is_terminal", lambda: True)
    form = fill(blank, tmp_path / FORM, FILLED)
    before = ledger_state(shipped)
    refused = cli("intake", str(form), input="n\n")
    assert refused.exit_code == 1 and "写入以上记录？" in refused.stdout
    assert ledger_state(shipped) == before
    accepted = cli("intake", str(form), input="y\n")
    assert accepted.exit_code == 0 and len(records(shipped, JUNE)) == 4


def test_review_shows_an_intake_as_records_from_the_form(origin, tmp_path):
    from helpers.git import git

    run = Cli(origin / "data") if (origin / "data" / "tasks.yaml").exists() else Cli(origin)
    made = run("form", "--month", JUNE, "--unit", "县商务委", "--output-dir", str(tmp_path / "out"))
    assert made.exit_code == 0, made.stderr
    form = fill(tmp_path / "out" / FORM, tmp_path / "back" / FORM, FILLED)
    assert run("intake", str(form), "--received-at", "2022-07-04").exit_code == 0
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "六月填报表")
    shown = run("review", "--format", "plain").stdout
    assert f"4 条记录来自 {FORM}" in shown and "完成调研" in shown and "新增记录" not in shown
    english = run("--lang", "en", "review", "--format", "plain").stdout
    assert f"4 records from {FORM}" in english


def soffice_round_trip(files: list[Path], folder: Path) -> None:
    """Each file opened and saved again as xlsx by LibreOffice (one soffice run)."""
    converted(files, folder, "xlsx")


UNITS = {
    "县商务委": FORM,
    "县医保局": "县医保局-2022年6月.xlsx",
    "县税务局": "县税务局-2022年6月.xlsx",
}


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed here")
def test_the_monthly_cycle_through_libreoffice(cli, shipped, tmp_path):
    """form for June → three units fill theirs (one saved again by LibreOffice with a formula,
    a serial-number date, a number stored as text, a merged cell in a row, a long text and an
    extra sheet) → intake → report --month shows their words and on-time counts."""
    out = tmp_path / "out"
    for unit in UNITS:  # the three units' forms, as `form` for every unit writes them
        assert cli("form", "--month", JUNE, "--unit", unit, "--output-dir", str(out)).exit_code == 0
    long_text = "推进" * 1500

    def extra_sheet(book):
        book.create_sheet("说明")["A1"] = "单位自己加的页"
        book["台账表"].merge_cells("K7:L7")

    commerce = fill(
        out / FORM,
        tmp_path / "lo-in" / FORM,
        {
            "B4": "张三",
            "F7": "推进中",
            "G7": "=40+10",
            "H7": 44727,
            "I7": long_text,
            "K7": "七月报方案",
            "F8": "已完成",
            "G8": "100",
            "I8": "商务委完成了第十四项",
        },
        edit=extra_sheet,
    )
    soffice_round_trip([commerce], tmp_path / "lo-out")
    returned = tmp_path / "lo-out" / FORM
    health_row = row_of(out / UNITS["县医保局"], 12)
    health = fill(
        out / UNITS["县医保局"],
        tmp_path / "back" / UNITS["县医保局"],
        {f"F{health_row}": "推进中", f"G{health_row}": 40, f"I{health_row}": "医保局完成产品设计"},
    )
    tax_row = row_of(out / UNITS["县税务局"], 38)  # a task it leads, with 县科技局
    tax = fill(
        out / UNITS["县税务局"],
        tmp_path / "late" / UNITS["县税务局"],
        {f"F{tax_row}": "推进中", f"I{tax_row}": "税务局晚交的进展"},
    )
    on_time = cli("intake", str(returned), str(health), "--received-at", "2022-07-04")
    assert on_time.exit_code == 0, on_time.stderr
    late = cli("intake", str(tax), "--received-at", "2022-07-08")
    assert late.exit_code == 0, late.stderr
    written = records(shipped, JUNE)
    first = written[0]
    assert first["progress"] == 50 and first["date"] == dt.date(2022, 6, 15)  # the formula's value
    assert first["summary"] == long_text and first["next_steps"] == "七月报方案"
    assert written[1]["progress"] == 100
    report = json.loads(cli("report", "--month", JUNE, "--format", "json").stdout)
    summaries = {item["summary"] for item in report["narrative"]}
    assert {"商务委完成了第十四项", "医保局完成产品设计", "税务局晚交的进展"} <= summaries
    units = {row["unit"]: row for row in report["units"]}
    health_unit, tax_unit = units["medical-security"], units["taxation"]
    assert (health_unit["on_time"], health_unit["late"], health_unit["missing"]) == (1, 0, 1)
    assert (tax_unit["on_time"], tax_unit["late"], tax_unit["filed_by_self"]) == (0, 1, 1)
    plain = cli("report", "--month", JUNE, "--format", "plain").stdout
    assert "医保局完成产品设计" in plain


def test_received_at_is_never_in_the_future_nor_garbage(cli, shipped, blank, tmp_path):
    form = fill(blank, tmp_path / FORM, FILLED)
    before = ledger_state(shipped)
    future = cli("intake", str(form), "--received-at", "2022-07-21T09:00")
    assert future.exit_code == 1 and "晚于现在" in future.stderr
    garbage = cli("intake", str(form), "--received-at", "七月初")
    assert garbage.exit_code == 2 and "--received-at" in garbage.stderr
    assert ledger_state(shipped) == before


def test_a_row_is_warned_against_its_tasks_earlier_records(cli, shipped, blank, tmp_path):
    recorded = cli(*record_args(13, date="2022-06-10", summary="已调研", progress="80"))
    assert recorded.exit_code == 0, recorded.stderr
    form = fill(blank, tmp_path / "back" / FORM, FILLED)
    result = cli("intake", str(form), "--received-at", "2022-07-04T10:30")
    assert result.exit_code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "降为" in line]
    assert len(warned) == 1 and f"{FORM}!A7:" in warned[0] and "进度由 80 降为 50。" in warned[0]


def test_a_missing_form_is_said_once_in_the_users_language(cli, shipped, tmp_path):
    missing = tmp_path / "县商务委-2022年6月.xlsx"
    result = cli("intake", str(missing))
    assert result.exit_code == 1
    assert f"{missing}: 无法读取（没有这个文件或文件夹）" in result.stderr
    assert result.stderr.count("无法读取") == 1
