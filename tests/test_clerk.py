"""The clerk at the terminal: `record` asks, checks each answer at once, re-asks with the
reason in the clerk's language, and writes one block only when confirmed.

Most cases drive the real flow through a ScriptedPrompter (hatch's habit: one terminal object
owns output and prompts); the pexpect cases run the real command in a pseudo-terminal."""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import pytest
import typer

from helpers.cli import record_args
from helpers.ledgers import REPO
from pilotledger.cli.common import Settings
from pilotledger.cli.prompts import ScriptedPrompter
from pilotledger.cli.recordflow import run_record
from pilotledger.recording import Given
from pilotledger.store.yamlio import load_data


def month(root: Path, key: str) -> list[dict]:
    path = root / "progress" / f"{key}.yaml"
    return load_data(path.read_text(encoding="utf-8")) or [] if path.exists() else []


def drive(root: Path, lang: str, answers: list[str], monkeypatch, **given) -> ScriptedPrompter:
    monkeypatch.setenv("PILOTLEDGER_TODAY", "2022-07-20")
    monkeypatch.setenv("NO_COLOR", "1")
    prompter = ScriptedPrompter(answers)
    run_record(
        Settings(data=root, lang=lang),
        Given(**given),
        interactive=True,
        confirm=True,
        prompter=prompter,
    )
    return prompter


GOOD_TAIL = ["2022-06-15", "进行中", "40", "第一行", "第二行", "第三行", "", "", "", "", "y"]


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "没有任务 99；任务序号为 1–55",
                "请输入 1–3 的编号或名称",
                "县财政局 不是任务 23 的单位；牵头单位：县商务委",
                "“2022-02-30”不是有效日期",
                "日期 2030-01-01 晚于今天（2022-07-20）",
                "没有状态“推进”",
                "进度 150 超出 0–100",
            ],
        ),
        (
            "en",
            [
                "unknown task '99'; tasks are numbered 1–55",
                "answer a number from 1 to 3, or a name",
                "县财政局 is not assigned to task 23; its lead units (牵头): 县商务委",
                "'2022-02-30' is not a date",
                "date 2030-01-01 is after today (2022-07-20)",
                "unknown status '推进'",
                "progress 150 is outside 0–100",
            ],
        ),
    ],
)
def test_each_mistake_is_told_at_once_and_the_record_is_finished(
    shipped, monkeypatch, lang, expected
):
    answers = [
        "99",
        "23",
        "5",
        "县财政局",
        "1",
        "2022-02-30",
        "2030-01-01",
        "2022-06-15",
        "推进",
        "进行中",
        "150",
        "40",
        "第一行",
        "第二行",
        "第三行",
        "",
        "",
        "",
        "",
        "y",
    ]
    prompter = drive(shipped, lang, answers, monkeypatch)
    shown = prompter.text
    for message in expected:
        assert f"✗ {message}" in shown
    assert shown.index(expected[0]) < shown.index(
        "以康德、上河街、新天地等商圈"
    )  # the task text once chosen
    [stored] = month(shipped, "2022-06")
    assert (
        stored["task"],
        stored["unit"],
        str(stored["date"]),
        stored["status"],
        stored["progress"],
    ) == (23, "commerce", "2022-06-15", "in_progress", 40)
    assert stored["summary"] == "第一行\n第二行\n第三行"
    assert "problems" not in stored and "next_steps" not in stored
    text = (shipped / "progress" / "2022-06.yaml").read_text(encoding="utf-8")
    assert "  summary: |-\n    第一行\n    第二行\n    第三行\n" in text


def test_choices_are_numbered_and_the_confirmation_shows_labels_and_names(shipped, monkeypatch):
    prompter = drive(shipped, "zh", ["23", "1", *GOOD_TAIL], monkeypatch)
    shown = prompter.text
    assert "  1) 县商务委 (牵头)\n  2) 县发展改革委 (责任)\n  3) 县文化旅游委 (责任)\n" in shown
    assert "  1) 未启动\n  2) 推进中\n  3) 受阻\n  4) 已完成\n" in shown
    assert "  单位      县商务委 (牵头)\n" in shown and "  状态      推进中\n" in shown
    assert "commerce" not in shown and "in_progress" not in shown


def test_defaults_come_from_the_tasks_latest_record(shipped, monkeypatch):
    drive(
        shipped,
        "zh",
        ["23", "3", "2022-05-10", "受阻", "35", "旧", "", "", "", "", "y"],
        monkeypatch,
    )
    prompter = drive(
        shipped, "zh", ["23", "", "2022-06-01", "", "", "新", "", "", "", "", "y"], monkeypatch
    )
    assert "报送单位 [3]: " in prompter.text and "状态 [受阻]: " in prompter.text
    assert "进度（0–100，可空） [35]: " in prompter.text
    stored = month(shipped, "2022-06")[0]
    assert (stored["unit"], stored["status"], stored["progress"]) == (
        "culture-tourism",
        "blocked",
        35,
    )


def test_corrects_last_shows_the_newest_record_first(shipped, monkeypatch):
    drive(
        shipped,
        "zh",
        ["23", "1", "2022-05-10", "已完成", "100", "误报完成", "", "", "", "", "y"],
        monkeypatch,
    )
    [original] = month(shipped, "2022-05")
    prompter = drive(
        shipped,
        "zh",
        ["", "", "推进中", "60", "实为推进中", "", "", "", "", "y"],
        monkeypatch,
        task="23",
        corrects="last",
    )
    shown = prompter.text
    assert shown.index(f"更正记录 {original['id']}") < shown.index("报送单位")
    assert "  工作进展  误报完成" in shown
    correction = month(shipped, "2022-05")[1]
    assert correction["corrects"] == original["id"] and str(correction["date"]) == "2022-05-10"


def test_a_no_at_the_confirmation_or_ctrl_c_anywhere_writes_nothing(shipped, monkeypatch):
    drive(shipped, "zh", ["23", "1", *GOOD_TAIL], monkeypatch)
    before = (shipped / "progress" / "2022-06.yaml").read_bytes()
    with pytest.raises(KeyboardInterrupt):
        drive(shipped, "zh", ["23", "1", "2022-06-16", "^C"], monkeypatch)
    with pytest.raises(typer.Exit):
        drive(shipped, "zh", ["23", "1", *GOOD_TAIL[:-1], "n", "q"], monkeypatch)
    assert (shipped / "progress" / "2022-06.yaml").read_bytes() == before
    assert sorted(p.name for p in (shipped / "progress").glob("*.yaml")) == ["2022-06.yaml"]


def test_multi_line_text_can_come_from_the_editor(shipped, monkeypatch):
    monkeypatch.setenv("PILOTLEDGER_TODAY", "2022-07-20")
    prompter = ScriptedPrompter(
        ["23", "1", "2022-06-15", "2", "", "e", "", "", "", "y"], edited="编辑器里\n写的两行"
    )
    run_record(Settings(data=shipped, lang="zh"), Given(), True, True, prompter)
    assert month(shipped, "2022-06")[0]["summary"] == "编辑器里\n写的两行"
    assert "可多行，空行结束，粘贴的空行留在本栏；单独输入 e 打开编辑器" in prompter.text


def test_english_prompts_name_units_in_english_with_their_ids(shipped, monkeypatch):
    prompter = drive(shipped, "en", ["23", "1", *GOOD_TAIL], monkeypatch)
    shown = prompter.text
    assert "  1) County Commerce Commission (commerce) (lead)\n" in shown
    assert "  3) County Culture and Tourism Commission (culture-tourism) (responsible)\n" in shown
    assert "县商务委" not in shown
    assert re.search(r"\n  Unit +County Commerce Commission \(commerce\) \(lead\)\n", shown)


def test_prompt_hints_share_one_bracket_and_the_task_line_is_labelled_task(shipped, monkeypatch):
    shown = drive(shipped, "zh", ["23", "1", *GOOD_TAIL], monkeypatch).text
    assert (
        "存在问题（可空，可多行，空行结束，粘贴的空行留在本栏；单独输入 e 打开编辑器）\n" in shown
    )
    assert "）（" not in shown
    assert "\n  任务      23. 以康德" in shown and "  序号" not in shown
    shown = drive(shipped, "en", ["23", "1", *GOOD_TAIL], monkeypatch).text
    assert (
        "Problems (may be empty; several lines; an empty line ends, blank lines of a paste stay;"
        " e alone opens $EDITOR)\n" in shown
    )


@pytest.mark.parametrize(
    "lang, pick, bad, quit_note",
    [
        ("zh", "要修改哪一项？", "请输入 1–8 的编号，或 q 不写入并退出", "已取消，未写入。"),
        (
            "en",
            "Which field do you want to change?",
            "answer a number from 1 to 8, or q to quit",
            "Cancelled; nothing written.",
        ),
    ],
)
def test_no_at_the_confirmation_changes_one_field_then_asks_again(
    shipped, monkeypatch, lang, pick, bad, quit_note
):
    answers = ["23", "1", *GOOD_TAIL[:-1], "n", "9", "5", "改过的进展", "", "n", "4", "", "y"]
    prompter = drive(shipped, lang, answers, monkeypatch)
    shown = prompter.text
    assert shown.count(pick) == 2 and f"✗ {bad}" in shown
    assert "  5) " + ("工作进展" if lang == "zh" else "Progress made") + "\n" in shown
    assert (
        "  [第一行\n第二行\n第三行]" in shown
    )  # the summary asked again with its value as default
    [stored] = month(shipped, "2022-06")
    assert stored["summary"] == "改过的进展" and stored["progress"] == 40  # progress kept its value
    before = (shipped / "progress" / "2022-06.yaml").read_bytes()
    with pytest.raises(typer.Exit):
        prompter = drive(shipped, lang, ["23", "1", *GOOD_TAIL[:-1], "n", "q"], monkeypatch)
    assert (shipped / "progress" / "2022-06.yaml").read_bytes() == before


def test_changing_the_date_at_the_confirmation_moves_the_record(shipped, monkeypatch):
    drive(shipped, "zh", ["23", "1", *GOOD_TAIL[:-1], "n", "2", "2022-05-20", "y"], monkeypatch)
    assert month(shipped, "2022-06") == []
    [stored] = month(shipped, "2022-05")
    assert str(stored["date"]) == "2022-05-20"


ORIGINAL = record_args(
    unit="commerce",
    date="2022-06-01",
    progress=30,
    summary="原进展",
    problems="缺资金",
    next_steps="下月验收",
    evidence="会议纪要",
    by="张三",
)


def test_a_correction_given_on_the_command_line_keeps_every_field_not_given(mini_cli, mini):
    assert mini_cli(*ORIGINAL).exit_code == 0
    result = mini_cli(
        *record_args(corrects="last", unit="commerce", date="2022-06-02", summary="改正后的进展"),
    )
    assert result.exit_code == 0, result.stderr
    assert "进度 30%" in result.stdout
    original, correction = month(mini, "2022-06")
    assert correction["corrects"] == original["id"]
    for name in ("progress", "problems", "next_steps", "evidence", "recorded_by"):
        assert correction[name] == original[name], name
    assert correction["summary"] == "改正后的进展"
    result = mini_cli(
        *record_args(
            corrects=correction["id"],
            unit="commerce",
            date="2022-06-02",
            summary="再改",
            progress=35,
            problems="",
        ),
    )
    assert result.exit_code == 0, result.stderr
    third = month(mini, "2022-06")[2]
    assert third["progress"] == 35 and "problems" not in third and third["next_steps"] == "下月验收"


def test_an_interactive_correction_offers_every_field_of_the_corrected_record(shipped, monkeypatch):
    drive(
        shipped,
        "zh",
        [
            "23",
            "1",
            "2022-05-10",
            "推进中",
            "30",
            "原进展",
            "",
            "缺资金",
            "",
            "下月验收",
            "",
            "",
            "y",
        ],
        monkeypatch,
    )
    prompter = drive(
        shipped,
        "zh",
        ["", "", "", "", "", "", "", "", "y"],
        monkeypatch,
        task="23",
        corrects="last",
    )
    assert "  [原进展]" in prompter.text and "  [缺资金]" in prompter.text
    original, correction = month(shipped, "2022-05")
    assert correction["corrects"] == original["id"]
    assert (
        correction["summary"],
        correction["problems"],
        correction["next_steps"],
        correction["progress"],
    ) == ("原进展", "缺资金", "下月验收", 30)


@pytest.mark.parametrize(
    "lang, warning",
    [
        ("zh", "注意：日期 2025-03-01 晚于方案结束日（2025-02-23），仍会写入。"),
        (
            "en",
            "note: the date 2025-03-01 is after the plan's end (2025-02-23); the record is still"
            " written.",
        ),
    ],
)
def test_a_record_after_the_plans_end_is_written_with_a_warning(mini_cli, mini, lang, warning):
    result = mini_cli(
        "--lang",
        lang,
        *record_args(unit="commerce", date="2025-03-01", summary="延续工作"),
        env={"PILOTLEDGER_TODAY": "2025-03-10"},
    )
    assert result.exit_code == 0
    assert warning in result.stderr
    assert len(month(mini, "2025-03")) == 1
    on_the_end = mini_cli(
        "--lang",
        lang,
        *record_args(unit="commerce", date="2025-02-23", summary="最后一天"),
        env={"PILOTLEDGER_TODAY": "2025-03-10"},
    )
    assert on_the_end.exit_code == 0 and warning.split("2025-03-01")[0] not in on_the_end.stderr


pexpect = pytest.importorskip(
    "pexpect", reason="pexpect drives the interactive session (not on Windows)"
)


def spawn(root: Path, lang: str, *args: str):
    env = dict(
        os.environ,
        PILOTLEDGER_DATA=str(root),
        PILOTLEDGER_LANG=lang,
        PILOTLEDGER_TODAY="2022-07-20",
        NO_COLOR="1",
        COLUMNS="120",
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "pilotledger", "record", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        cwd=str(REPO),
        # Ctrl-C must reach the session even when the suite itself was started with SIGINT
        # ignored (a background job, nohup), which a child would otherwise inherit
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child.delaybeforesend = None  # pexpect's default 50 ms pause before every send
    child.ptyproc.delayafterclose = 0  # and its 100 ms at close: the child is waited for
    return child


PTY_STEPS = {
    "zh": [
        ("任务序号", "99"),
        ("没有任务 99", None),
        ("任务序号", "23"),
        ("康养旅游消费中心城市", None),
        ("报送单位", "5"),
        ("请输入 1–3 的编号或名称", None),
        ("报送单位", "县财政局"),
        ("不是任务 23 的单位", None),
        ("报送单位", "1"),
        ("进展日期", "2022-02-30"),
        ("不是有效日期", None),
        ("进展日期", "2030-01-01"),
        ("晚于今天", None),
        ("进展日期", "20220615"),
        ("状态", "推进"),
        ("没有状态“推进”", None),
        ("状态", "进行中"),
        ("进度", "150"),
        ("超出 0–100", None),
        ("进度", "40"),
        ("工作进展", "第一行"),
        ("> ", "第二行"),
        ("> ", "第三行"),
        ("> ", ""),
        ("存在问题", ""),
        ("下步打算", ""),
        ("佐证材料", ""),
        ("确认写入", "y"),
        ("任务 23：推进中，进度 40%", None),
    ],
    "en": [
        ("Task number", "99"),
        ("unknown task '99'", None),
        ("Task number", "23"),
        ("康养旅游消费中心城市", None),
        ("Reporting unit", "5"),
        ("answer a number from 1 to 3", None),
        ("Reporting unit", "县财政局"),
        ("is not assigned to task 23", None),
        ("Reporting unit", "1"),
        ("Date of the progress", "2022-02-30"),
        ("is not a date", None),
        ("Date of the progress", "2030-01-01"),
        ("is after today", None),
        ("Date of the progress", "20220615"),
        ("Status", "推进"),
        ("unknown status '推进'", None),
        ("Status", "进行中"),
        ("Progress", "150"),
        ("is outside 0–100", None),
        ("Progress", "40"),
        ("Progress made", "第一行"),
        ("> ", "第二行"),
        ("> ", "第三行"),
        ("> ", ""),
        ("Problems", ""),
        ("Next steps", ""),
        ("Evidence", ""),
        ("Write this record", "y"),
        ("task 23: in progress, progress 40%", None),
    ],
}


# The same flow in either language at a real terminal; the messages themselves are checked in
# both languages in-process (test_each_mistake_is_told_at_once_and_the_record_is_finished), so
# `make test` drives the Chinese session and `make soak` the English one too.
@pytest.mark.parametrize("lang", ["zh", pytest.param("en", marks=pytest.mark.slow)])
def test_the_real_terminal_re_asks_each_mistake_and_writes_one_block(shipped, lang):
    child = spawn(shipped, lang)
    for expected, answer in PTY_STEPS[lang]:
        child.expect_exact(expected)
        if answer is not None:
            child.sendline(answer)
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    assert child.exitstatus == 0
    [stored] = month(shipped, "2022-06")
    assert (stored["unit"], stored["status"], stored["progress"], stored["summary"]) == (
        "commerce",
        "in_progress",
        40,
        "第一行\n第二行\n第三行",
    )
    assert "problems" not in stored and "next_steps" not in stored


# Each case is a process at a real terminal: the first and the last prompt in `make test`, the
# two between in `make soak` (in-process, test_a_no_at_the_confirmation_or_ctrl_c_anywhere_writes_
# nothing stops at the prompt after the date).
@pytest.mark.parametrize(
    "stop_at",
    ["报送单位", pytest.param("状态", marks=pytest.mark.slow)]
    + [pytest.param("工作进展", marks=pytest.mark.slow), "确认写入"],
)
def test_ctrl_c_at_any_prompt_leaves_the_file_byte_identical(shipped, stop_at):
    answers = {
        "任务序号": "23",
        "报送单位": "1",
        "进展日期": "2022-06-15",
        "状态": "2",
        "进度": "40",
        "工作进展": "做了",
        "> ": "",
        "存在问题": "",
        "下步打算": "",
        "佐证材料": "",
    }
    existing = shipped / "progress" / "2022-06.yaml"
    existing.write_text(
        "- id: 20220601-aaaaaaaaaaaa\n  task: 23\n  date: 2022-06-01\n  unit: commerce\n"
        "  status: in_progress\n  summary: 旧\n  recorded_at: 2022-06-01 09:00:00+08:00\n",
        encoding="utf-8",
    )
    before = existing.read_bytes()
    child = spawn(shipped, "zh")
    for prompt in ["任务序号", "报送单位", "进展日期", "状态", "进度", "工作进展", "确认写入"]:
        child.expect_exact(prompt)
        if prompt == stop_at:
            child.sendintr()
            break
        child.sendline(answers[prompt])
        if prompt == "工作进展":
            for follow in ("> ", "存在问题", "> ", "下步打算", "> ", "佐证材料", "> "):
                child.expect_exact(follow)
                if follow == "> ":
                    child.sendline("")
    child.expect_exact("已中止，未写入。")
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    assert child.exitstatus == 130
    assert existing.read_bytes() == before
    assert sorted(p.name for p in (shipped / "progress").glob("*.yaml")) == ["2022-06.yaml"]


def test_a_refused_option_is_asked_for_again_at_a_terminal(shipped, monkeypatch):
    prompter = drive(
        shipped,
        "en",
        ["2022-06-15", "40", "做了", "", "", "", "", "y"],
        monkeypatch,
        task="23",
        unit="县商务委",
        date="2030-01-01",
        status="进行中",
    )
    assert "✗ date 2030-01-01 is after today (2022-07-20)" in prompter.text
    assert str(month(shipped, "2022-06")[0]["date"]) == "2022-06-15"
