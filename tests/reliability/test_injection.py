"""Trust boundary: control characters never enter a record and never reach a terminal raw;
spreadsheet cells never carry a live formula."""

from __future__ import annotations

import csv
import io

import pytest

from helpers.git import git
from helpers.ledgers import write
from pilotledger.textgate import REFUSED as REFUSED_CHAR
from reliability.trust import block, in_git, record_with, snapshot

REFUSED = {
    "ESC (screen clear)": "\x1b[2J",
    "OSC 52 clipboard": "\x1b]52;c;ZWNobw==\x07",
    "NUL": "\x00",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
    "C1 CSI": "\x9b",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "LINE SEPARATOR": "\u2028",
    "PARAGRAPH SEPARATOR": "\u2029",
    "CR": "\r",
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_record_refuses_control_characters(mini, mini_cli, name):
    before = snapshot(mini)
    bad = REFUSED[name]
    result = mini_cli("--lang", "en", *record_with(summary=f"前{bad}后"))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "control character" in result.stderr and f"U+{ord(bad[0]):04X}" in result.stderr
    assert "--summary" in result.stderr
    assert snapshot(mini) == before
    for char in filter(REFUSED_CHAR.match, bad):
        assert char not in result.stderr + result.stdout


def test_record_refusal_in_chinese(mini, mini_cli):
    result = mini_cli(*record_with(summary="前\u202e后"), "--problems", "ok")
    assert result.exit_code == 1 and "控制字符" in result.stderr and "U+202E" in result.stderr


def test_check_reports_control_characters_in_a_hand_written_file(mini, mini_cli):
    write(mini, "progress/2022-03.yaml", block("r1", summary='"清屏\\e[2J\\u202e"'))
    for lang, words in (("en", "control character U+001B"), ("zh", "控制字符 U+001B")):
        result = mini_cli("--lang", lang, "check")
        assert result.exit_code == 1
        assert f"2022-03.yaml:6:12: summary: {words}" in result.stdout
        assert (
            "\x1b" not in result.stdout + result.stderr
            and "\u202e" not in result.stdout + result.stderr
        )


def test_review_shows_control_characters_made_visible(mini, mini_cli):
    in_git(mini)
    write(
        mini, "progress/2022-03.yaml", block("r1", summary='"a\\e]8;;http://evil\\e\\\\b\\u202ec"')
    )
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "hostile")
    for fmt in ("plain", "csv", "json", "markdown"):
        result = mini_cli("review", "--format", fmt)
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\u202e" not in shown, fmt
        assert "a\\u001b]8;;http://evil" in shown.replace("\\\\u", "\\u"), fmt


def test_a_registry_text_with_escapes_is_refused_by_check(mini, mini_cli):
    units = (mini / "units.yaml").read_text().replace("name: 县财政局", 'name: "县财政局\\e[8m"')
    (mini / "units.yaml").write_text(units)
    result = mini_cli("--lang", "en", "check")
    assert result.exit_code == 1 and "name: control character U+001B" in result.stdout
    assert "\x1b" not in result.stdout


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3*cmd", "@SUM(A1)", "\tTAB", '=HYPERLINK("http://x")']


def test_csv_cells_never_start_a_formula(mini, mini_cli):
    for text in FORMULAS:
        assert mini_cli(*record_with(summary=text)).exit_code == 0
    for command in (["show", "1"], ["review", "--format", "csv"]):
        if command[0] == "review":
            continue  # review needs git: covered by test_review_csv_is_neutralised
        shown = mini_cli(*command, "--format", "csv").stdout
        cells = [cell for row in csv.reader(io.StringIO(shown)) for cell in row]
        for text in FORMULAS:
            assert "'" + text in cells and text not in cells, text


def test_review_csv_is_neutralised(mini, mini_cli):
    in_git(mini)
    assert mini_cli(*record_with(summary=FORMULAS[0])).exit_code == 0
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "formula")
    cells = [
        cell
        for row in csv.reader(io.StringIO(mini_cli("review", "--format", "csv").stdout))
        for cell in row
    ]
    assert "'" + FORMULAS[0] in cells and FORMULAS[0] not in cells


def test_csv_keeps_numbers_including_negative_ones(mini, mini_cli):
    from pilotledger.render.text_formats import spreadsheet_text

    assert spreadsheet_text(-3) == -3 and spreadsheet_text(2.5) == 2.5
    assert spreadsheet_text("-3") == "-3" and spreadsheet_text("=1") == "'=1"
    assert spreadsheet_text("\rX") == "'\rX" and spreadsheet_text("普通") == "普通"


def test_xlsx_cells_are_strings_never_formulas(mini, mini_cli, tmp_path):
    from openpyxl import load_workbook

    units = (
        (mini / "units.yaml")
        .read_text()
        .replace("name: 县商务委", 'name: \'=HYPERLINK("http://evil","x")\'')
    )
    (mini / "units.yaml").write_text(units)
    assert mini_cli("check").exit_code == 0
    out = tmp_path / "m.xlsx"
    assert mini_cli("matrix", "--format", "xlsx", "--output", str(out)).exit_code == 0
    sheet = load_workbook(out).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    evil = [
        cell
        for cell in cells
        if str(cell.value).startswith("=") or str(cell.value).startswith("'=")
    ]
    assert evil and all(cell.data_type == "s" for cell in evil)
    assert any(isinstance(cell.value, int) for cell in cells)  # counts stay numbers
