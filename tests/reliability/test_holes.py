"""Smaller holes (issue 21, items 12, 14, 15, 17): a site killed during its first build,
reminder file names, evidence that is no regular file or would run in a browser, the text gate's
invisible characters, look-alike unit names, and an output into .git."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers.ledgers import wide_ledger, write
from reliability.trust import RECORD, block, in_git, record_with, snapshot

# ---- 12: a site killed during its first build ------------------------------------------------


def test_a_site_killed_during_its_first_build_is_finished_by_the_next_run(sample, tmp_path):
    from helpers.cli import Cli

    out = tmp_path / "site"
    assert Cli(sample)("check").exit_code == 0  # the parse cache written: only pages remain
    env = dict(os.environ, PILOTLEDGER_DATA=str(sample), PILOTLEDGER_TODAY="2022-07-20")
    env["PILOTLEDGER_FAULT"] = "before-replace:6"  # dies in its 6th file write, after fsync
    crashed = subprocess.run(
        [sys.executable, "-m", "pilotledger", "site", "--output-dir", str(out)],
        env=env,
        capture_output=True,
    )
    assert crashed.returncode == 70, crashed.stderr
    assert 3 <= len(list(out.rglob("*.html"))) < 10  # a few pages, far from all
    again = Cli(sample)("site", "--output-dir", str(out))
    assert again.exit_code == 0, again.stderr
    assert (out / "index.html").is_file() and (out / "tasks" / "12.html").is_file()
    assert Cli(sample)("site", "--output-dir", str(out), "--check").exit_code == 0


# ---- 14: reminder file names and long names --------------------------------------------------


def unit_entry(unit_id: str, name: str) -> str:
    return f"  - id: {unit_id}\n    name: '{name}'\n    name_en: {unit_id}\n    kind: department\n"


LOOK_ALIKE_UNITS = unit_entry("ub", "甲/") + unit_entry("uc", "甲:") + unit_entry("ud", "甲_-ub")


def _units_for_task_one(mini, extra: str, lead: list[str]) -> None:
    units = (mini / "units.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    (mini / "units.yaml").write_text(units + extra, encoding="utf-8")
    tasks = (mini / "tasks.yaml").read_text(encoding="utf-8")
    first = tasks.index("lead:", tasks.index("number: 1"))
    end = tasks.index("\n", first)
    (mini / "tasks.yaml").write_text(
        tasks[:first] + f"lead: [{', '.join(lead)}]" + tasks[end:], encoding="utf-8"
    )


def test_reminder_file_names_never_collide(mini, mini_cli, tmp_path):
    _units_for_task_one(mini, LOOK_ALIKE_UNITS, ["ub", "uc", "ud"])
    assert mini_cli("check").exit_code == 0, mini_cli("check").stdout
    out = tmp_path / "letters"
    out.mkdir()
    done = mini_cli("remind", "--as-of", "2022-07-20", "--output-dir", str(out))
    assert done.exit_code == 0, done.stderr
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == len(set(n.casefold() for n in names))
    assert sum(name.startswith("甲") for name in names) == 3, names


def test_a_90_character_unit_name_gets_its_letter(mini, mini_cli, tmp_path):
    long_name = "县" + "很长的单位名称" * 12 + "局"  # 86 characters, 258 bytes in UTF-8
    extra = unit_entry("long", long_name)
    _units_for_task_one(mini, extra, ["long"])
    out = tmp_path / "letters"
    out.mkdir()
    for fmt in ("markdown", "docx"):
        done = mini_cli(
            "remind", "--as-of", "2022-07-20", "--format", fmt, "--output-dir", str(out)
        )
        assert done.exit_code == 0, done.stderr
    written = [path for path in out.iterdir() if path.name.startswith("县很长")]
    assert len(written) == 2 and all(len(p.name.encode()) <= 255 for p in written)


def test_an_output_file_error_names_the_option_it_came_from(mini, mini_cli):
    if not os.path.isdir("/proc/self"):
        pytest.skip("no /proc: no folder that refuses a new file even to root")
    done = mini_cli("--lang", "en", "remind", "--as-of", "2022-07-20", "--output-dir", "/proc/self")
    assert done.exit_code == 1 and "--output-dir: cannot write" in done.stderr, done.stderr


# ---- 15: evidence ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["device", "fifo", "directory"])
def test_evidence_that_is_no_regular_file_is_refused(mini, mini_cli, tmp_path, kind):
    from helpers.cli import fifo_guard

    target = {"device": "/dev/zero", "fifo": str(tmp_path / "pipe"), "directory": str(tmp_path)}
    if kind == "fifo":
        os.mkfifo(target[kind])
    before = snapshot(mini)
    with fifo_guard(tmp_path / "pipe") if kind == "fifo" else _nothing():
        done = mini_cli("--lang", "en", *RECORD, "--evidence", target[kind], "--yes")
    assert done.exit_code == 1 and "--evidence" in done.stderr, done.stderr
    assert "not a regular file" in done.stderr
    assert snapshot(mini) == before
    zh = mini_cli(*RECORD, "--evidence", target[kind], "--yes")
    assert zh.exit_code == 1 and "不是普通文件" in zh.stderr


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_an_evidence_name_with_a_newline_or_a_long_suffix_is_stored_cleanly(
    mini, mini_cli, tmp_path
):
    odd = tmp_path / "会议\n纪要.p\ndf"
    odd.write_bytes(b"%PDF-1.4 one")
    long = tmp_path / ("纪要." + "x" * 73)
    long.write_bytes(b"two")
    for path in (odd, long):
        done = mini_cli(*RECORD, "--evidence", str(path), "--yes")
        assert done.exit_code == 0, done.stderr
    stored = sorted(p.name for p in (mini / "evidence").iterdir())
    assert all("\n" not in name and len(name) <= 64 + 12 for name in stored), stored
    assert mini_cli("check").exit_code == 0
    month = (mini / "progress" / "2022-03.yaml").read_text(encoding="utf-8")
    assert "\\n" not in month.split("evidence:", 1)[1].split("recorded_at")[0]


def test_html_and_svg_evidence_never_runs_in_the_site(mini, mini_cli, tmp_path, browser):
    page = tmp_path / "附件.html"
    page.write_text("<script>document.title='pwned'</script><p>x</p>", encoding="utf-8")
    image = tmp_path / "图.svg"
    image.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>document.title="pwned"</script></svg>',
        encoding="utf-8",
    )
    done = mini_cli(*RECORD, "--evidence", str(page), "--evidence", str(image), "--yes")
    assert done.exit_code == 0, done.stderr
    out = tmp_path / "site"
    assert mini_cli("site", "--output-dir", str(out)).exit_code == 0
    copies = sorted((out / "evidence").iterdir())
    assert len(copies) == 2 and all(p.suffix == ".txt" for p in copies), copies
    task_page = (out / "tasks" / "1.html").read_text(encoding="utf-8")
    for copy in copies:
        assert f"evidence/{copy.name}" in task_page
        dom = browser.dom(copy.as_uri())
        assert "<pre" in dom and "pwned" not in dom.split("</pre>")[-1]
        assert "<title>pwned" not in dom


# ---- 17: the text gate -----------------------------------------------------------------------

INVISIBLE = {
    "RLM": "\u200f",
    "ALM": "\u061c",
    "ZWSP": "\u200b",
    "ZWJ": "\u200d",
    "WORD JOINER": "\u2060",
    "BOM": "\ufeff",
    "TAG A": "\U000e0041",
    "ANNOTATION": "\ufff9",
    "ANNOTATION TERMINATOR": "\ufffb",
}


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_record_refuses_invisible_characters(mini, mini_cli, name):
    before = snapshot(mini)
    char = INVISIBLE[name]
    done = mini_cli("--lang", "en", *record_with(summary=f"前{char}后"), "--yes")
    assert done.exit_code == 1, done.stdout + done.stderr
    assert f"U+{ord(char):04X}" in done.stderr and "--summary" in done.stderr
    assert snapshot(mini) == before


def test_check_refuses_an_invisible_character_in_a_hand_written_file(mini, mini_cli):
    write(mini, "progress/2022-03.yaml", block("r1", summary='"零宽\\u200b空格"'))
    done = mini_cli("--lang", "en", "check")
    assert done.exit_code == 1 and "U+200B" in done.stdout


def test_look_alike_unit_names_are_caught_by_check(mini, mini_cli):
    extra = unit_entry("la1", "县科技局Ａ") + unit_entry("la2", "县科技局A")
    units = (mini / "units.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    (mini / "units.yaml").write_text(units + extra, encoding="utf-8")
    done = mini_cli("--lang", "en", "check")
    assert done.exit_code == 1 and done.stdout.count("县科技局") >= 2, done.stdout


def test_output_into_the_git_folder_is_refused(mini, mini_cli):
    in_git(mini)
    config = mini / ".git" / "config"
    before = config.read_bytes()
    done = mini_cli("--lang", "en", "status", "--format", "csv", "--output", str(config))
    assert done.exit_code == 1 and ".git" in done.stderr, done.stderr
    assert config.read_bytes() == before


# ---- 13: the site's matrix grows with the assignments, not units × tasks ----------------------


def test_the_matrix_is_paged_and_each_page_lists_its_own_units(tmp_path):
    from helpers.cli import Cli

    ledger = wide_ledger(tmp_path / "wide", 130)
    cli = Cli(ledger, env={"PILOTLEDGER_TODAY": "2022-07-20"})
    assert cli("check").exit_code == 0, cli("check").stdout
    out = tmp_path / "site"
    assert cli("site", "--output-dir", str(out)).exit_code == 0
    pages = [out / "matrix.html", out / "matrix-2.html", out / "matrix-3.html"]
    assert all(page.is_file() for page in pages) and not (out / "matrix-4.html").exists()
    texts = [page.read_text(encoding="utf-8") for page in pages]
    assert [text.count("<tr><td>") for text in texts] == [60, 60, 10]  # 130 rows in all
    assert all(text.count('<td class="center">') <= 60 * 60 for text in texts)
    assert 'href="matrix-2.html"' in texts[0] and 'href="matrix.html"' in texts[2]
    assert cli("site", "--output-dir", str(out), "--check").exit_code == 0
