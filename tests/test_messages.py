"""Every message in Chinese and English: the table is complete, no library wording leaks, and
one golden file per language holds every error a command prints (hledger's habit)."""

from __future__ import annotations

import contextlib
import re
import string

import pytest

from helpers.cli import Cli, record_args
from helpers.ledgers import write
from pilotledger.wording import TABLE, Labels, Message, word
from pilotledger.wording.labels import LABELS
from pilotledger.wording.messages import MESSAGES

GOOD = """\
- id: r1
  task: 1
  date: 2022-03-10
  unit: commerce
  status: in_progress
  summary: 已启动
  recorded_at: 2022-03-11 09:00:00+08:00
"""

# (name, command) — each prints one error; the golden files hold the exit code and stderr.
COMMAND_ERRORS = [
    ("bad --as-of", ["status", "--as-of", "2022-13-40"]),
    ("words for a date", ["status", "--as-of", "上个月"]),
    ("unknown unit", ["overdue", "--unit", "县外事办"]),
    ("unknown part", ["status", "--part", "9"]),
    ("unknown section", ["status", "--section", "（二十）"]),
    ("unknown status", ["status", "--status", "finished"]),
    ("bad quarter", ["report", "--quarter", "2022Q7"]),
    ("two periods", ["report", "--quarter", "--year"]),
    ("bad year", ["report", "--year", "99999"]),
    (
        "missing output folder",
        ["report", "--quarter", "--format", "html", "--output", "/nonexistent/x.html"],
    ),
    ("xlsx without output", ["matrix", "--format", "xlsx"]),
    ("unknown task", ["show", "99"]),
    ("task by words", ["show", "第三项"]),
    ("review outside git", ["review"]),
    ("init into a busy folder", ["init", "."]),
    ("record: unknown task", record_args(99)),
    ("record: unit not assigned", record_args(unit="县财政局")),
    ("record: a group records", record_args(2, unit="各相关单位")),
    ("record: unknown unit", record_args(unit="县商务局")),
    ("record: impossible date", record_args(date="2022-02-30")),
    ("record: date after today", record_args(date="2022-07-21")),
    (
        "record: date before the plan",
        record_args(date="2022-02-23"),
    ),
    ("record: unknown status", record_args(status="推进")),
    ("record: progress 150", record_args(progress=150)),
    ("record: correction of nothing", record_args(corrects="nope")),
    (
        "record: corrects last with no record",
        record_args(2, unit="commerce", corrects="last"),
    ),
    ("record: empty summary", record_args(summary="  ")),
    ("record: missing options", ["record", "1"]),
    ("record: summary given empty", record_args(summary="")),
    ("record: progress not a number", record_args(progress="abc")),
    ("usage: unknown option", ["status", "--bogus"]),
    ("usage: unknown command", ["stauts"]),
    ("usage: format not available", ["status", "--format", "pdf"]),
    ("usage: option without its value", ["status", "--as-of"]),
    ("usage: flag given a value", ["check", "--staged=yes"]),
    ("usage: missing argument", ["show"]),
    ("usage: extra argument", ["show", "1", "2"]),
]

# (name, file, text) — each a bad ledger file; the golden files hold what `check` prints.
CHECK_ERRORS = [
    (
        "status outside the vocabulary",
        "progress/2022-03.yaml",
        GOOD.replace("in_progress", "finished"),
    ),
    ("progress above 100", "progress/2022-03.yaml", GOOD + "  progress: 120\n"),
    ("progress as text", "progress/2022-03.yaml", GOOD + "  progress: lots\n"),
    ("date as a number", "progress/2022-03.yaml", GOOD.replace("2022-03-10", "20220310")),
    ("date as bad text", "progress/2022-03.yaml", GOOD.replace("2022-03-10", "'2022-3-x'")),
    (
        "date with a time",
        "progress/2022-03.yaml",
        GOOD.replace("2022-03-10", "2022-03-10 10:00:00"),
    ),
    (
        "date outside the month",
        "progress/2022-03.yaml",
        GOOD.replace("2022-03-10", "2022-04-10").replace("2022-03-11", "2022-04-11"),
    ),
    (
        "recorded before its date",
        "progress/2022-03.yaml",
        GOOD.replace("2022-03-11 09:00", "2022-03-09 09:00"),
    ),
    ("unknown field", "progress/2022-03.yaml", GOOD + "  remark: x\n"),
    ("missing field", "progress/2022-03.yaml", GOOD.replace("  summary: 已启动\n", "")),
    ("empty summary", "progress/2022-03.yaml", GOOD.replace("已启动", "''")),
    (
        "unit id of the wrong form",
        "progress/2022-03.yaml",
        GOOD.replace("unit: commerce", "unit: Commerce"),
    ),
    ("number for a unit", "progress/2022-03.yaml", GOOD.replace("unit: commerce", "unit: 7")),
    ("unknown task", "progress/2022-03.yaml", GOOD.replace("task: 1", "task: 7")),
    ("unit not assigned", "progress/2022-03.yaml", GOOD.replace("unit: commerce", "unit: finance")),
    ("recorded_at without offset", "progress/2022-03.yaml", GOOD.replace("+08:00", "")),
    ("correction of nothing", "progress/2022-03.yaml", GOOD + "  corrects: nope\n"),
    ("not a list", "progress/2022-03.yaml", "id: r1\n"),
    ("record not a mapping", "progress/2022-03.yaml", "- just text\n"),
    ("evidence of a wrong form", "progress/2022-03.yaml", GOOD + "  evidence:\n  - {file: x}\n"),
    ("duplicate ids", "progress/2022-03.yaml", GOOD + GOOD.replace("2022-03-10", "2022-03-11")),
    ("recorded_at offset +24:00", "progress/2022-03.yaml", GOOD.replace("+08:00", "+24:00")),
    ("a key with escapes", "progress/2022-03.yaml", GOOD + '  "v\\u0061lue": 3\n'),
    ("an unquoted leading @", "progress/2022-03.yaml", GOOD.replace("已启动", "@张三 已启动")),
    ("a tab after a record", "progress/2022-03.yaml", GOOD + "\tremark: x\n"),
    ("a tab indenting a field", "progress/2022-03.yaml", GOOD.replace("  summary", "\tsummary")),
]

LIBRARY_WORDS = re.compile(
    r"Input should|Value error|valid string|Field required|Extra inputs|"
    r"greater than or equal|less than or equal|Traceback|Aborted!|Error:|"
    r"No such|Invalid value|Got unexpected|requires an argument|Usage:"
)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


PER_LANGUAGE_WORDS = {
    "not_regular",
    "output_kind",
    "group_records",  # the unit by its Chinese name, or by id and English name
}  # given a word per language (kind_zh, kind_en) by its caller


def test_labels_and_messages_are_one_table_with_no_key_in_both():
    assert set(LABELS) & set(MESSAGES) == set()
    assert len(TABLE) == len(LABELS) + len(MESSAGES)


def test_every_message_exists_in_both_languages_with_the_same_blanks():
    for key, (zh, en) in TABLE.items():
        assert zh and en, key
        if key not in PER_LANGUAGE_WORDS:
            assert placeholders(zh) == placeholders(en), key


def test_a_message_reads_as_english_and_is_worded_per_language():
    message = Message("progress_range", progress=150)
    assert str(message) == "progress 150 is outside 0–100"
    assert word(message, "zh") == "进度 150 超出 0–100"
    missing = Message("missing_options", names=["--date", "--status"])
    assert word(missing, "zh").startswith("缺少 --date、--status")
    assert Labels("zh")("missing_options", names=["--date", "--status"]) == word(missing, "zh")


def run_all(mini, lang: str) -> str:
    cli = Cli(mini, env={"PILOTLEDGER_LANG": lang, "PILOTLEDGER_TODAY": "2022-07-20"})
    assert cli(*record_args()).exit_code == 0
    lines = []
    for name, args in COMMAND_ERRORS:
        result = cli(*args)
        assert result.exit_code in (1, 2), (name, result.stdout)
        assert result.exit_code == 2 or not name.startswith("usage"), name
        lines.append(f"## {name}: exit {result.exit_code}\n{result.stderr}")
    return "\n".join(lines).replace(mini.as_posix(), "<ledger>")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_command_error_in_both_languages(mini, golden, lang, monkeypatch):
    monkeypatch.chdir(mini)
    text = run_all(mini, lang)
    golden(f"errors_{lang}.txt", text)
    assert not LIBRARY_WORDS.search(text)
    if lang == "zh":
        said = "\n".join(line for line in text.splitlines() if not line.startswith("## "))
        assert not re.search(r"\b(unknown|is not|missing|should)\b", said)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_check_problem_in_both_languages(mini, golden, lang):
    cli = Cli(mini, env={"PILOTLEDGER_LANG": lang})
    lines = []
    for name, relative, text in CHECK_ERRORS:
        path = write(mini, relative, text)
        result = cli("check")
        assert result.exit_code == 1, name
        lines.append(f"## {name}\n{result.stdout}{result.stderr}")
        path.unlink()
    text = "\n".join(lines).replace(mini.as_posix(), "<ledger>")
    golden(f"check_errors_{lang}.txt", text)
    assert not LIBRARY_WORDS.search(text)


USAGE_ERRORS = [
    (
        record_args(progress="abc"),
        "--progress：进度“abc”不是 0 到 100 的整数",
        "--progress: progress 'abc' is not a whole number from 0 to 100",
    ),
    (
        ["status", "--format", "pdf"],
        "--format：“pdf”不可用；可用：table、plain",
        "--format: 'pdf' is not available; use one of table, plain",
    ),
    (
        ["status", "--bogus"],
        "没有选项 --bogus（用法见 pilotledger status --help）",
        "no option --bogus (see `pilotledger status --help`)",
    ),
    (["--bogus", "status"], "没有选项 --bogus（用法见 pilotledger --help）", "no option --bogus"),
    (["stauts"], "没有命令“stauts”；是否指：status？", "no command 'stauts'; did you mean status?"),
    (["status", "--as-of"], "选项 --as-of 后面要跟一个值", "option --as-of needs a value after it"),
    (["show"], "缺少 TASK", "missing TASK"),
    (["--data", "", "status"], "--data 的值是空的", "--data is empty"),
    (["status", "--data", " "], "--data 的值是空的", "--data is empty"),
    (["init", "--report-day", "29", "x"], "--report-day：29 超出 1–28", "29 is outside 1–28"),
    (["init", "--report-day", "0", "x"], "--report-day：0 超出 1–28", "0 is outside 1–28"),
    (["init", "--report-day", "²", "x"], "“²”不是整数", "'²' is not a whole number"),
    (["report", "--quarter", "2022Q2", "--from", " "], "--from 的值是空的", "--from is empty"),
    (
        ["report", "--quarter", "2022Q2", "--number", "3\x07号"],
        "--number: 控制字符 U+0007（第 2 个字符）",
        "--number: control character U+0007 at character 2",
    ),
    (
        ["report", "--quarter", "2022Q2", "--from", "办" * 201],
        "--from：超过 200 个字符",
        "--from: is longer than 200 characters",
    ),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args, zh, en", USAGE_ERRORS)
def test_usage_errors_follow_the_lang_option_before_or_after_the_command(mini, lang, args, zh, en):
    cli = Cli(mini, env={"PILOTLEDGER_LANG": "en" if lang == "zh" else "zh"})
    for command in (["--lang", lang, *args], [*args, "--lang", lang]):
        result = cli(*command)
        assert result.exit_code == 2, command
        assert result.stderr.startswith("pilotledger: "), result.stderr
        assert (zh if lang == "zh" else en) in result.stderr
        assert not LIBRARY_WORDS.search(result.stderr)
        assert result.stdout == ""


def test_a_global_option_given_before_and_after_the_command_counts_the_later(mini, tmp_path):
    cli = Cli(mini)
    english, chinese = cli("--lang", "en", "units").stdout, cli("--lang", "zh", "units").stdout
    assert english != chinese
    assert cli("--lang", "zh", "units", "--lang", "en").stdout == english
    assert cli("--lang", "en", "units", "--lang", "zh").stdout == chinese
    refused = cli("--lang", "zh", "units", "--lang", "fr")
    assert refused.exit_code == 2 and "fr" in refused.stderr
    missing = cli("--data", str(mini), "units", "--data", str(tmp_path / "none"))
    assert missing.exit_code == 1 and str(tmp_path / "none") in missing.stderr


def test_an_empty_lang_is_refused_and_an_empty_data_variable_is_as_unset(mini, tmp_path):
    cli = Cli(mini)
    result = cli("--lang", "", "status")
    assert result.exit_code == 2 and "--lang 的值是空的" in result.stderr
    outside = tmp_path / "not-a-ledger"
    outside.mkdir()
    with contextlib.chdir(outside):  # an empty variable is as unset, as shells treat it
        searched = cli("status", env={"PILOTLEDGER_DATA": ""})
    assert searched.exit_code == 1 and str(outside) in searched.stderr  # no ledger from here


def test_refusals_of_the_store_site_and_git_layers_are_worded_in_both_languages(mini, tmp_path):
    write(mini, "progress/2022-03.yaml", "[]\n")  # a flow-style list cannot take a block
    a_file = tmp_path / "page.html"
    a_file.write_text("x", encoding="utf-8")
    cases = [
        (record_args(), "此文件的格式无法", "this file's layout cannot take"),
        (["site", "--output-dir", str(a_file)], "是文件，不是文件夹", "is a file, not a folder"),
        (["check", "--staged"], "不在 git 仓库中", "is not inside a git repository"),
    ]
    for args, chinese, english in cases:
        for lang, words in (("zh", chinese), ("en", english)):
            result = Cli(mini, env={"PILOTLEDGER_LANG": lang})(*args)
            assert result.exit_code == 1 and words in result.stderr, (args, lang, result.stderr)
    assert (mini / "progress" / "2022-03.yaml").read_text(encoding="utf-8") == "[]\n"
    assert a_file.read_text(encoding="utf-8") == "x"
