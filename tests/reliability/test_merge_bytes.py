"""Trust boundary: the merge driver and the writer keep every byte of every record they carry."""

from __future__ import annotations

from pilotledger.gitflow.merge import run_merge_driver
from pilotledger.store.yamlio import load_data
from reliability.trust import block, record_with, snapshot

HEADER = "# month\n"
# Their record, indented by two (ours by none), with a literal block holding a whitespace-only
# line: its four spaces beyond the indentation are content.
THEIRS_RECORD = (
    "  - id: theirs1\n    task: 1\n    date: 2022-03-20\n    unit: commerce\n    status:"
    " in_progress\n"
    "    summary: |-\n      第一行\n        \n      第三行\n    recorded_at: 2022-03-20"
    " 18:00:00+08:00\n"
)


def merge(tmp_path, base: str, ours: str, theirs: str):
    paths = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return run_merge_driver(*paths, "progress/2022-03.yaml"), paths[1]


def test_a_merge_keeps_whitespace_only_lines_in_literal_blocks(tmp_path):
    ours = HEADER + block("ours1")
    conflicts, merged = merge(tmp_path, HEADER, ours, HEADER + THEIRS_RECORD)
    assert conflicts == []
    values = load_data(merged.read_text(encoding="utf-8"))
    theirs_value = load_data(THEIRS_RECORD)[0]
    assert values[1] == theirs_value
    assert values[1]["summary"] == "第一行\n  \n第三行"
    assert merged.read_text(encoding="utf-8").startswith(ours)


def test_a_merge_keeps_crlf_and_trailing_spaces_of_theirs(tmp_path):
    theirs = (HEADER + THEIRS_RECORD).replace("\n", "\r\n")
    ours = HEADER + block("ours1")
    conflicts, merged = merge(tmp_path, HEADER, ours, theirs)
    assert conflicts == []
    assert load_data(merged.read_text(encoding="utf-8"))[1] == load_data(THEIRS_RECORD)[0]


def test_a_merge_refuses_a_record_with_a_line_separator_and_writes_nothing(tmp_path):
    theirs = HEADER + block("theirs1", summary="甲\u2028乙")
    ours = HEADER + block("ours1")
    conflicts, merged = merge(tmp_path, HEADER, ours, theirs)
    assert conflicts and "control character U+2028" in conflicts[0]
    assert merged.read_text(encoding="utf-8") == ours


def test_the_writer_refuses_a_line_separator_accurately(mini, mini_cli):
    before = snapshot(mini)
    for char in ("\u2028", "\x85"):
        result = mini_cli("--lang", "en", *record_with(summary=f"甲{char}乙"))
        assert result.exit_code == 1
        assert f"control character U+{ord(char):04X}" in result.stderr
        assert "layout" not in result.stderr
    assert snapshot(mini) == before


def test_the_writer_keeps_whitespace_only_lines_it_is_given(mini, mini_cli):
    text = "第一行\n    \n第三行"
    assert mini_cli(*record_with(summary=text)).exit_code == 0
    values = load_data((mini / "progress" / "2022-03.yaml").read_text(encoding="utf-8"))
    assert values[0]["summary"] == text
