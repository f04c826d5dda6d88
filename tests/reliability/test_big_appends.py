"""Appending to month files of any size keeps every old byte and every old value: the list
indentation is found however long the comment header, the verification of a big file is
structural (an item at the wrong column is caught), and a file without a final line break
whose last record ends in a block text is refused rather than changing that record."""

from __future__ import annotations

import pytest

from helpers.cli import Cli
from pilotledger.store.blocks import list_indent
from pilotledger.store.writer import FULL_CHECK_BYTES
from reliability.trust import RECORD, block


def indented(text: str, indent: str) -> str:
    return "".join(indent + line if line.strip() else line for line in text.splitlines(True))


def big_month(count: int, indent: str = "  ", header_lines: int = 80) -> str:
    header = "".join(
        f"# 说明第 {n} 行：本文件由县商务委按月登记，仅可追加，不得改动已有记录。\n"
        for n in range(header_lines)
    )
    body = "".join(
        indented(block(f"r{n:05d}", summary="第三季度已对接企业二十家，完成培训三场"), indent)
        for n in range(count)
    )
    return header + body


@pytest.fixture
def cli(mini):
    return Cli(mini, env={"PILOTLEDGER_LANG": "en"})


def test_list_indent_is_found_after_a_long_header():
    text = big_month(2)
    assert len(text.split("- id")[0].encode()) > 4096
    assert list_indent(text.encode()) == "  "
    assert list_indent(("\ufeff" + block("a")).encode()) == ""


@pytest.mark.parametrize("size_kb", [8, 300])
def test_record_after_a_long_header_lands_at_the_lists_column(mini, cli, size_kb):
    count = size_kb * 1024 // 230 + 1
    path = mini / "progress" / "2022-03.yaml"
    path.write_text(big_month(count), encoding="utf-8")
    before = path.read_bytes()
    assert (len(before) > FULL_CHECK_BYTES) == (size_kb > 256)
    assert cli("check").exit_code == 0
    done = cli(*RECORD)
    assert done.exit_code == 0, done.stderr
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].startswith(b"  - id: ")
    checked = cli("check")
    assert checked.exit_code == 0, checked.stdout + checked.stderr


def test_a_mis_indented_append_is_caught_by_the_big_file_verification(mini, cli, monkeypatch):
    """Even if the indentation were misjudged, the structural check refuses the bytes."""
    from pilotledger.store import blocks

    path = mini / "progress" / "2022-03.yaml"
    path.write_text(big_month(1400), encoding="utf-8")
    assert cli("check").exit_code == 0
    before = path.read_bytes()
    monkeypatch.setattr(blocks, "list_indent", lambda content: "")
    done = cli(*RECORD)
    assert done.exit_code == 1 and "nothing was written" in done.stderr
    assert path.read_bytes() == before
    assert cli("check").exit_code == 0


@pytest.mark.parametrize("count", [3, 1400])
def test_a_last_block_text_without_final_newline_is_never_changed(mini, cli, count):
    path = mini / "progress" / "2022-03.yaml"
    last = (
        "- id: zz\n  task: 1\n  date: 2022-03-15\n  unit: commerce\n  status: in_progress\n"
        "  recorded_at: 2022-03-15 18:00:00+08:00\n  summary: |\n    final words"
    )
    path.write_text(big_month(count, indent="", header_lines=2) + last, encoding="utf-8")
    assert cli("check").exit_code == 0
    before = path.read_bytes()
    done = cli(*RECORD)
    assert done.exit_code == 1
    assert "does not end with a line break" in done.stderr and "nothing was written" in done.stderr
    assert path.read_bytes() == before
    zh = cli(*RECORD, env={"PILOTLEDGER_LANG": "zh"})
    assert zh.exit_code == 1 and "末尾没有换行" in zh.stderr


def test_a_last_plain_value_without_final_newline_still_takes_a_record(mini, cli):
    path = mini / "progress" / "2022-03.yaml"
    path.write_text(big_month(1400, indent="", header_lines=2).rstrip("\n"), encoding="utf-8")
    assert cli("check").exit_code == 0
    before = path.read_bytes()
    done = cli(*RECORD)
    assert done.exit_code == 0, done.stderr
    assert path.read_bytes().startswith(before)
    assert cli("check").exit_code == 0
