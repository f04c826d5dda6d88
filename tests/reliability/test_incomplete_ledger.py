"""A broken record anywhere never stops the office (issue 21, item 2): reading commands work on
the valid part, leave the bad records out, say on stderr where and how many, and every
document says "data incomplete" (JSON `incomplete: true` with the places); `check` still
fails, and a broken registry still refuses."""

from __future__ import annotations

import json

import pytest

from helpers.cli import Cli
from reliability.trust import block

PLACES = ("progress/2022-03.yaml:9", "progress/2022-04.yaml:2")  # task: 9; the broken flow


@pytest.fixture
def broken(mini):
    """One good record of task 1; one of an unknown task (9); an April file that is no YAML."""
    (mini / "progress" / "2022-03.yaml").write_text(
        block("a1", date="2022-03-15") + block("a2", task=9, date="2022-03-16"), encoding="utf-8"
    )
    (mini / "progress" / "2022-04.yaml").write_text("- id: [\n", encoding="utf-8")
    return mini


def places_in(text: str, root) -> bool:
    return all(f"{root.as_posix()}/{place}" in text for place in PLACES)


READING = {
    "status": ["status"],
    "overdue": ["overdue"],
    "matrix": ["matrix"],
    "trend": ["trend"],
    "report": ["report", "--month", "2022-03"],
}


@pytest.mark.parametrize("command", READING)
def test_reading_commands_work_on_the_valid_part_and_say_so(broken, command):
    cli = Cli(broken)
    shown = cli(*READING[command], "--format", "plain")
    assert shown.exit_code == 0, shown.stderr
    assert "数据不完整：2 处问题" in shown.stderr and places_in(shown.stderr, broken)
    assert "数据不完整" in shown.stdout  # on the document itself
    english = cli("--lang", "en", *READING[command], "--format", "markdown")
    assert "Data incomplete: 2 problem(s)" in english.stdout
    data = json.loads(cli(*READING[command], "--format", "json").stdout)
    for item in data if isinstance(data, list) else [data]:
        assert item["incomplete"] is True
        assert [p.removeprefix(broken.as_posix() + "/") for p in item["incomplete_places"]] == [
            *PLACES
        ]


def test_the_valid_records_count_and_the_bad_ones_are_left_out(broken):
    rows = json.loads(Cli(broken)("status", "--format", "json").stdout)
    assert [(row["task"], row["status"]) for row in rows] == [
        (1, "in_progress"),
        (2, "not_started"),
    ]


def test_file_documents_remind_and_site_say_it(broken, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    cli = Cli(broken)
    docx, xlsx = tmp_path / "r.docx", tmp_path / "r.xlsx"
    for path in (docx, xlsx):
        done = cli(
            "report", "--month", "2022-03", "--format", path.suffix[1:], "--output", str(path)
        )
        assert done.exit_code == 0, done.stderr
    assert any("数据不完整" in p.text for p in Document(docx).paragraphs)
    cells = [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert any("数据不完整" in str(value) for value in cells)
    letter = cli("remind", "--unit", "commerce", "--as-of", "2022-07-20", "--format", "markdown")
    assert letter.exit_code == 0 and "数据不完整" in letter.stdout
    site = tmp_path / "site"
    built = cli("site", "--output-dir", str(site))
    assert built.exit_code == 0, built.stderr
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="incomplete"' in page and "数据不完整" in page


def test_check_still_fails_and_a_broken_registry_still_refuses(broken):
    cli = Cli(broken)
    assert cli("check").exit_code == 1
    units = broken / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "  - id: [\n", encoding="utf-8")
    refused = cli("status")
    assert refused.exit_code == 1 and "units.yaml" in refused.stderr
