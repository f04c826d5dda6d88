"""One output writer for every command: a temporary file in the target's folder, then
os.replace. Never over a ledger file (by real path or by inode: a hard link), never into a
FIFO or a device (refused without opening it), never through a link."""

from __future__ import annotations

import os

import pytest

from helpers.cli import Cli, fifo_guard
from reliability.trust import block

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and hard links are POSIX")


def cli(root, *args):
    """The real command in-process (Cli raises on a traceback); beside a FIFO, under fifo_guard:
    a command that opened it and waited fails the test instead of freezing the suite."""
    return Cli(root, env={"PILOTLEDGER_LANG": "en"})(*args)


@pytest.fixture
def month(mini):
    path = mini / "progress" / "2022-03.yaml"
    path.write_text(block("a1"), encoding="utf-8")
    return path


def test_remind_never_writes_through_a_link_to_a_month_file(mini, month, tmp_path):
    out = tmp_path / "letters"
    out.mkdir()
    (out / "县商务委.md").symlink_to(month)
    before = month.read_bytes()
    done = cli(mini, "remind", "--as-of", "2022-07-20", "--output-dir", str(out))
    assert done.exit_code == 1 and "Traceback" not in done.stderr
    assert "is a ledger file" in done.stderr
    assert month.read_bytes() == before


def test_remind_refuses_a_fifo_in_the_output_folder_without_hanging(mini, month, tmp_path):
    out = tmp_path / "letters"
    out.mkdir()
    os.mkfifo(out / "县商务委.md")
    with fifo_guard(out / "县商务委.md"):
        done = cli(mini, "remind", "--as-of", "2022-07-20", "--output-dir", str(out))
    assert done.exit_code == 1
    assert "is not a regular file (a FIFO (named pipe))" in done.stderr
    assert os.path.exists(out / "县商务委.md") and not (out / "县商务委.md").is_file()


@pytest.mark.parametrize(
    "command", [["status"], ["report", "--month", "2022-03"], ["trend"], ["matrix"]]
)
def test_output_to_a_fifo_is_refused_quickly(mini, month, tmp_path, command):
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    with fifo_guard(fifo):
        done = cli(mini, *command, "--format", "markdown", "--output", str(fifo))
    assert done.exit_code == 1, done.stderr
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_output_through_a_hard_link_to_a_month_file_is_refused(mini, month, tmp_path):
    linked = tmp_path / "report.md"
    os.link(month, linked)
    before = month.read_bytes()
    done = cli(mini, "status", "--format", "markdown", "--output", str(linked))
    assert done.exit_code == 1 and "is a ledger file" in done.stderr
    assert month.read_bytes() == before and linked.read_bytes() == before


def test_output_replaces_a_link_never_its_target(mini, month, tmp_path):
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("keep me\n", encoding="utf-8")
    target = tmp_path / "status.md"
    target.symlink_to(elsewhere)
    done = cli(mini, "status", "--format", "markdown", "--output", str(target))
    assert done.exit_code == 0, done.stderr
    assert elsewhere.read_text(encoding="utf-8") == "keep me\n"
    assert not target.is_symlink() and "第一项任务" in target.read_text(encoding="utf-8")


def test_an_existing_output_keeps_its_mode_and_no_temporary_is_left(mini, month, tmp_path):
    target = tmp_path / "status.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    done = cli(mini, "status", "--format", "markdown", "--output", str(target))
    assert done.exit_code == 0, done.stderr
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".pilotledger-")) == []


def test_wrote_path_shows_control_characters_made_visible(mini, month, tmp_path):
    target = tmp_path / "st\x1b[31matus.md"
    done = cli(mini, "status", "--format", "markdown", "--output", str(target))
    assert done.exit_code == 0, done.stderr
    assert "\x1b" not in done.stderr and target.is_file()


def test_reminder_file_names_never_collide(mini, month, tmp_path):
    units = (mini / "units.yaml").read_text(encoding="utf-8")
    units = units.replace("name: 县商务委\n", "name: 县科技局/A\n").replace(
        "name: 县卫生健康委\n", "name: 县科技局:A\n"
    )
    (mini / "units.yaml").write_text(units, encoding="utf-8")
    out = tmp_path / "letters"
    out.mkdir()
    done = cli(mini, "remind", "--as-of", "2022-07-20", "--output-dir", str(out))
    assert done.exit_code == 0, done.stderr
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".md") == [
        "县科技局_A-commerce.md",
        "县科技局_A-health.md",
    ]


def test_site_refuses_a_fifo_among_its_pages_without_hanging(mini, month, tmp_path):
    site = tmp_path / "site"
    assert cli(mini, "site", "--output-dir", str(site)).exit_code == 0
    (site / "index.html").unlink()
    os.mkfifo(site / "index.html")
    with fifo_guard(site / "index.html"):
        done = cli(mini, "site", "--output-dir", str(site))
    assert done.exit_code == 1 and "not a regular file" in done.stderr
    assert "Traceback" not in done.stderr
