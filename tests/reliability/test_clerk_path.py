"""The clerk's own path (issue 21, items 18, 19, 24, 25): a paste of three paragraphs at the
工作进展 prompt, the monthly git recipe with evidence, group units at the unit prompt, `show
--as-of` and `overdue --output`."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys

import pytest

from helpers.cli import Cli, record_args
from helpers.git import commit_through_hook, git
from helpers.ledgers import REPO
from pilotledger.cli.common import Settings
from pilotledger.cli.prompts import ScriptedPrompter
from pilotledger.cli.recordflow import run_record
from pilotledger.recording import Given
from pilotledger.store.yamlio import load_data

# ---- 18: a paste lands whole in the field it was pasted into ---------------------------------

PASTE = "一、完成夜间经济调研\n\n二、启动上河街改造\n\n三、筹备招商推介会\n"


def test_a_pasted_text_with_blank_lines_lands_whole_in_its_field(shipped):
    pexpect = pytest.importorskip("pexpect", reason="pexpect drives a real terminal")
    env = dict(
        os.environ,
        PILOTLEDGER_DATA=str(shipped),
        PILOTLEDGER_LANG="zh",
        PILOTLEDGER_TODAY="2022-07-20",
        NO_COLOR="1",
        COLUMNS="120",
    )
    args = record_args(23, date="2022-06-15", summary=None, progress="40")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "pilotledger", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        cwd=str(REPO),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child.delaybeforesend = None  # pexpect's default 50 ms pause before every send
    child.ptyproc.delayafterclose = 0  # and its 100 ms at close: the child is waited for
    child.expect_exact("工作进展")
    child.expect_exact("粘贴")  # the prompt says how a field ends and that a paste stays whole
    child.expect_exact("> ")
    child.send(PASTE)  # one paste: every line arrives at once
    for _ in PASTE.splitlines():  # each pasted line read (a blank one kept: more was waiting)
        child.expect_exact("> ")  # and the next line asked for
    child.sendline("")  # then the clerk, after a pause (the paste all read), ends the field
    for prompt in ("存在问题", "下步打算", "佐证材料"):
        child.expect_exact(prompt)
        child.sendline("")
    child.expect_exact("确认写入")
    child.expect_exact("[y/n]")  # after a paste no default: Enter alone does not write
    child.sendline("")
    child.expect_exact("请回答 y")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    assert child.exitstatus == 0
    text = (shipped / "progress" / "2022-06.yaml").read_text(encoding="utf-8")
    [stored] = load_data(text)
    assert stored["summary"] == PASTE.rstrip("\n")
    assert "problems" not in stored and "next_steps" not in stored


def test_the_prompt_says_how_a_field_ends(shipped, monkeypatch):
    monkeypatch.setenv("PILOTLEDGER_TODAY", "2022-07-20")
    for lang, words in (("zh", "空行结束"), ("en", "an empty line ends")):
        prompter = ScriptedPrompter(["第一行", "", "", "", "", "n", "^C"])
        with pytest.raises(KeyboardInterrupt):
            run_record(
                Settings(data=shipped, lang=lang),
                Given(task="23", unit="commerce", date="2022-06-15", status="in_progress"),
                interactive=True,
                confirm=True,
                prompter=prompter,
            )
        assert words in prompter.text and ("粘贴" in prompter.text or "paste" in prompter.text)


# ---- 19: the monthly recipe with evidence ----------------------------------------------------


def _commit(root):
    return commit_through_hook(root, message="三月进展")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_record_prints_the_git_add_line_and_the_hook_names_unstaged_evidence(
    origin, tmp_path, monkeypatch
):
    monkeypatch.chdir(origin)  # the line names paths as seen from where the clerk is
    minutes = tmp_path / "会议纪要.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes")
    cli = Cli(origin, env={"PILOTLEDGER_TODAY": "2022-07-20"})
    done = cli(*record_args(12, unit="县医保局", summary="已对接", evidence=str(minutes), yes=True))
    assert done.exit_code == 0, done.stderr
    [line] = [text for text in done.stdout.splitlines() if "git add" in text]
    command = shlex.split(line[line.index("git add") :])
    assert command[:2] == ["git", "add"] and any(w.startswith("evidence/") for w in command)
    git(origin, "add", "progress")  # the old recipe: the evidence is left unstaged
    refused = _commit(origin)
    assert refused.returncode != 0
    said = refused.stdout + refused.stderr
    assert "git add evidence/" in said and ("未暂存" in said or "not staged" in said)
    subprocess.run(command, cwd=origin, check=True)  # the line record printed
    assert _commit(origin).returncode == 0
    assert git(origin, "status", "--porcelain") == ""


# ---- 24: group units -------------------------------------------------------------------------


def test_a_group_is_never_offered_and_is_named_by_its_chinese_name(mini, monkeypatch):
    monkeypatch.setenv("PILOTLEDGER_TODAY", "2022-07-20")
    prompter = ScriptedPrompter(["各相关单位", "县财政局", "2022-06-15", "进行中", "", "乙", ""])
    prompter.answers += ["", "", "", "y"]
    run_record(
        Settings(data=mini, lang="zh"),
        Given(task="2"),
        interactive=True,
        confirm=True,
        prompter=prompter,
    )
    offered = [line for line in prompter.shown if line.startswith("  ") and ") " in line]
    assert not any("各相关单位" in line for line in offered), offered
    assert "各相关单位 是集合单位" in prompter.text and "all-related" not in prompter.text


def test_the_default_unit_is_shown_by_name(mini, monkeypatch):
    monkeypatch.setenv("PILOTLEDGER_TODAY", "2022-07-20")
    cli = Cli(mini)
    done = cli(
        *record_args(
            2, unit="县财政局", date="2022-05-10", status="in_progress", summary="甲", yes=True
        )
    )
    assert done.exit_code == 0, done.stderr
    prompter = ScriptedPrompter(["", "2022-06-15", "", "", "乙", "", "", "", "", "y"])
    run_record(Settings(data=mini, lang="zh"), Given(task="2"), True, True, prompter)
    assert "[县财政局]" in prompter.text and "[finance]" not in prompter.text


# ---- 25: show --as-of and overdue --output ---------------------------------------------------


def test_show_as_of_leaves_out_later_records(mini, mini_cli):
    for day, text in (("2022-03-10", "三月"), ("2022-05-10", "五月")):
        args = record_args(
            1, unit="commerce", date=day, status="in_progress", summary=text, yes=True
        )
        done = mini_cli(*args, env={"PILOTLEDGER_TODAY": "2022-07-20"})
        assert done.exit_code == 0, done.stderr
    shown = mini_cli("show", "1", "--as-of", "2022-04-30", "--format", "plain").stdout
    assert "三月" in shown and "五月" not in shown
    assert "五月" in mini_cli("show", "1", "--as-of", "2022-05-31", "--format", "plain").stdout


def test_overdue_writes_a_csv_file_with_the_bom(mini, mini_cli, tmp_path):
    out = tmp_path / "欠报.csv"
    done = mini_cli("overdue", "--as-of", "2022-07-20", "--format", "csv", "--output", str(out))
    assert done.exit_code == 0, done.stderr
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode()) and "2022-03" in raw.decode("utf-8-sig")


# ---- 20: evidence keeps its own name ----------------------------------------------------------


def test_evidence_keeps_its_name_in_show_reports_and_the_site(sample, tmp_path, browser):
    minutes = tmp_path / "会议纪要（三月）.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes of March")
    cli = Cli(sample, env={"PILOTLEDGER_TODAY": "2022-07-20"})
    done = cli(*record_args(12, unit="县医保局", summary="已对接", evidence=str(minutes), yes=True))
    assert done.exit_code == 0, done.stderr
    month = load_data((sample / "progress" / "2022-03.yaml").read_text(encoding="utf-8"))
    [item] = [r for r in month if r["summary"] == "已对接"][0]["evidence"]
    assert item["name"] == minutes.name and item["file"].startswith("evidence/")
    assert minutes.name in cli("show", "12", "--format", "plain").stdout
    assert item["file"] in cli("show", "12", "--format", "plain").stdout
    report = tmp_path / "report.html"
    made = cli("report", "--month", "2022-03", "--format", "html", "--output", str(report))
    assert made.exit_code == 0, made.stderr
    html = report.read_text(encoding="utf-8")
    assert minutes.name in html and item["file"] in html
    widest = (
        "Math.max(...[...document.querySelectorAll('td')]"
        ".filter(c => c.textContent.includes('evidence/')).map(c => c.offsetWidth))"
    )
    assert browser.evaluate(report.as_uri(), widest, 1000, 900) < 250  # the long path wraps
    site = tmp_path / "site"
    assert cli("site", "--output-dir", str(site)).exit_code == 0
    page = (site / "tasks" / "12.html").read_text(encoding="utf-8")
    assert minutes.name in page and item["file"] in page
