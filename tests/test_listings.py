"""`tasks`, `units` and `show` through the real CLI, in every text format."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from helpers.cli import record_args
from pilotledger.render.width import display_width


def test_tasks_by_unit_alias(cli):
    rows = json.loads(cli("tasks", "--unit", "县卫健委", "--format", "json").stdout)
    assert [row["task"] for row in rows] == [12, 13, 14, 15, 16, 20]


def test_tasks_by_part_and_section(cli):
    part_two = json.loads(cli("tasks", "--part", "二", "--format", "json").stdout)
    assert [row["task"] for row in part_two] == list(range(23, 34))
    section = json.loads(cli("tasks", "--section", "（十三）", "--format", "json").stdout)
    assert [row["task"] for row in section] == [54, 55]


def test_csv_keeps_whole_texts_and_plain_shortens_them(cli):
    rows = list(csv.reader(io.StringIO(cli("tasks", "--section", "9", "--format", "csv").stdout)))
    assert rows[0] == ["序号", "板块", "试点任务", "牵头单位", "责任单位"]
    assert rows[1][2].startswith("对从事电子信息") and rows[1][2].endswith("按有关规定进行处理。")
    assert rows[1][3] == "县科技局、县税务局"
    plain = cli("tasks", "--section", "9", "--format", "plain").stdout
    assert (
        "对从事电子信息、生物医药等领域规模…" in plain
    )  # 17 wide characters + … = 35 ≤ 36 columns
    assert "按有关规定进行处理" not in plain


def test_plain_columns_align_by_display_width(cli):
    leads = {
        row["task"]: row["lead"]
        for row in json.loads(cli("tasks", "--part", "1", "--format", "json").stdout)
    }
    names = {row["id"]: row["name"] for row in json.loads(cli("units", "--format", "json").stdout)}
    lines = cli("tasks", "--part", "1", "--format", "plain").stdout.splitlines()
    header = next(line for line in lines if "牵头单位" in line)
    column = display_width(header[: header.index("牵头单位")])
    rows = [line for line in lines if line.strip()[:2].strip().isdigit()]
    assert len(rows) == 22
    for row in rows:
        first_lead = names[leads[int(row.split()[0])][0]]
        assert display_width(row[: row.index(first_lead, 10)]) == column, row


def test_markdown_is_a_pipe_table(cli):
    out = cli("tasks", "--section", "13", "--format", "markdown").stdout
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table) == 4  # header, rule, tasks 54 and 55
    assert table[0].split("|")[1:3] == ["   序号 ", " 板块     "]
    assert set(table[1]) <= {"|", "-", ":"}


def test_units_counts_lead_and_responsible_tasks(cli):
    units = {row["id"]: row for row in json.loads(cli("units", "--format", "json").stdout)}
    assert (units["commerce"]["lead"], units["commerce"]["responsible"]) == (7, 7)
    assert (units["health"]["lead"], units["health"]["responsible"]) == (5, 1)
    assert units["establishment-office"]["aliases"][0] == "县委编办"
    assert len(units) == 36


def test_units_in_english_use_english_names(cli):
    out = cli("--lang", "en", "units", "--format", "plain").stdout
    assert "County Commerce Commission" in out and "Lead" in out
    assert "stationed or vertically managed" in out and "stationed " not in out.replace(
        "stationed or", ""
    )


def test_unit_kinds_are_worded_in_the_tables_and_kept_as_keys_in_json(cli):
    out = cli("--lang", "zh", "units", "--format", "plain").stdout
    row = next(line for line in out.splitlines() if line.startswith("pboc-fengdu"))
    assert "驻县/垂直管理机构" in row and "stationed" not in out
    units = {row["id"]: row for row in json.loads(cli("units", "--format", "json").stdout)}
    assert units["pboc-fengdu"]["kind"] == "stationed"


def test_show_a_task_with_its_units_and_final_milestone(cli):
    out = cli("show", "35", "--format", "plain").stdout
    assert (
        "全面实施市场准入负面清单制度，定期评估、排查、清理各类显性和隐性壁垒，推动“非禁即入”全面落实。"
        in out
    )
    assert "县市场监管局、县商务委、等责任部门" in out
    assert "2025-02-23" in out
    data = json.loads(cli("show", "35", "--format", "json").stdout)
    assert (data["lead"], data["milestones"]) == (
        ["development-reform"],
        [{"due": "2025-02-23", "target": "done", "note": None}],
    )


def test_show_an_unknown_task_suggests_close_numbers(cli):
    result = cli("show", "56")
    assert result.exit_code == 1
    assert "没有任务 56；任务序号为 1–55（最接近的：53、54、55）" in result.stderr


def test_show_by_words_suggests_matching_tasks(cli):
    result = cli("show", "养老")
    assert "（任务内容含“养老”的：15、19）" in result.stderr


def test_unknown_unit_suggests_close_names(cli):
    result = cli("tasks", "--unit", "县商务局")
    assert result.exit_code == 1
    assert "没有单位“县商务局”；是否指：" in result.stderr and "县商务委" in result.stderr


def test_bad_format_is_a_usage_error(cli):
    result = cli("tasks", "--format", "pdf")
    assert result.exit_code == 2


def _status_table(cli, lang: str, columns: int, *options: str) -> str:
    result = cli(
        "--lang",
        lang,
        "status",
        "--as-of",
        "2022-07-20",
        "--format",
        "table",
        *options,
        env={"COLUMNS": str(columns)},
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _section_shares(text: str, lang: str) -> list[str]:
    word = "平均进度" if lang == "zh" else "average"
    return re.findall(rf"{word}(\d+%)", re.sub(r"\s+", "", text))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "options, tasks", [(("--section", "4"), range(23, 28)), ((), range(1, 56))]
)
def test_status_at_80_columns_keeps_every_task_and_every_section_share(cli, lang, options, tasks):
    for task, progress in ((23, "40"), (24, "100"), (3, "25")):
        status = "已完成" if progress == "100" else "推进中"
        lead = json.loads(cli("show", str(task), "--format", "json").stdout)["lead"][0]
        assert (
            cli(
                *record_args(
                    task,
                    unit=lead,
                    date="2022-07-01",
                    status=status,
                    progress=progress,
                    summary="进展",
                )
            ).exit_code
            == 0
        )
    narrow = _status_table(cli, lang, 80, *options)
    wide = _status_table(cli, lang, 200, *options)
    assert max(map(display_width, narrow.splitlines())) <= 80
    for task in tasks:
        assert re.search(rf"^\s*(Task\s+)?{task}\b", narrow, re.M), task
    shares = _section_shares(narrow, lang)
    assert shares == _section_shares(wide, lang) and len(shares) == (1 if options else 13)
    if options:  # section 4: tasks 23 (40%) and 24 (100%) of five → (40 + 100) / 5 = 28%
        assert shares == ["28%"]
