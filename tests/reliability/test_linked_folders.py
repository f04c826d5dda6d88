"""Writers never write through a linked progress/, evidence/ or .cache/; evidence is a regular
file under evidence/ reached without following any link; every record field is validated
before an evidence file is copied; `init --force` never replaces a ledger."""

from __future__ import annotations

import hashlib
import os

import pytest

from helpers.cli import PINNED_ENV, Cli
from helpers.ledgers import write
from helpers.workers import pilotledger_process
from reliability.trust import RECORD, snapshot

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links and devices are POSIX")


def run(root, *args, timeout=30):
    env = {**os.environ, **PINNED_ENV, "PILOTLEDGER_DATA": str(root), "PILOTLEDGER_LANG": "en"}
    return pilotledger_process(list(args), env, timeout=timeout)


@pytest.fixture
def cli(mini):
    return Cli(mini, env={"PILOTLEDGER_LANG": "en"})


def test_record_refuses_a_linked_progress_folder_before_writing(mini, cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (mini / "progress").rmdir()
    (mini / "progress").symlink_to(elsewhere)
    done = cli(*RECORD)
    assert done.exit_code == 1
    assert "progress is a link; pilotledger never writes through one" in done.stderr
    assert list(elsewhere.iterdir()) == []
    zh = cli(*RECORD, env={"PILOTLEDGER_LANG": "zh"})
    assert zh.exit_code == 1 and "不会通过链接写入" in zh.stderr


def test_evidence_is_never_written_through_a_linked_evidence_folder(mini, cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (mini / "evidence").symlink_to(elsewhere)
    photo = write(tmp_path, "photo.jpg", "jpeg bytes")
    done = cli(*RECORD, "--evidence", str(photo))
    assert done.exit_code == 1 and "evidence is a link" in done.stderr
    assert list(elsewhere.iterdir()) == [] and not (mini / "progress" / "2022-03.yaml").exists()


def _record_with_evidence(mini, file: str, sha: str) -> None:
    write(
        mini,
        "progress/2022-03.yaml",
        f"""\
        - id: r1
          task: 1
          date: 2022-03-10
          unit: commerce
          status: in_progress
          summary: 已启动
          evidence:
          - file: {file}
            sha256: '{sha}'
          recorded_at: 2022-03-11 09:00:00+08:00
        """,
    )


def test_check_refuses_evidence_behind_a_linked_folder(mini, cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.pdf").write_bytes(b"outside")
    (mini / "evidence").symlink_to(elsewhere)
    _record_with_evidence(mini, "evidence/a.pdf", hashlib.sha256(b"outside").hexdigest())
    done = cli("check")
    assert done.exit_code == 1
    assert "evidence file evidence/a.pdf is a link or lies behind one" in done.stdout


def test_check_refuses_evidence_that_is_a_link_even_inside_the_ledger(mini, cli):
    (mini / "evidence").mkdir()
    (mini / "evidence" / "a.yaml").symlink_to(mini / "tasks.yaml")
    _record_with_evidence(
        mini, "evidence/a.yaml", hashlib.sha256((mini / "tasks.yaml").read_bytes()).hexdigest()
    )
    done = cli("check")
    assert done.exit_code == 1 and "is a link or lies behind one" in done.stdout


def test_check_refuses_evidence_that_climbs_out_and_back(mini, cli):
    _record_with_evidence(
        mini,
        "evidence/../tasks.yaml",
        hashlib.sha256((mini / "tasks.yaml").read_bytes()).hexdigest(),
    )
    done = cli("check")
    assert done.exit_code == 1 and "is not under evidence/" in done.stdout


def test_a_stored_copy_that_links_to_a_device_does_not_hang_record(mini, tmp_path):
    photo = write(tmp_path, "photo.pdf", "pdf bytes")
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    (mini / "evidence").mkdir()
    (mini / "evidence" / f"{sha}.pdf").symlink_to("/dev/zero")
    done = run(mini, *RECORD, "--evidence", str(photo), timeout=20)
    assert done.returncode == 0, done.stderr
    stored = mini / "evidence" / f"{sha}.pdf"
    assert not stored.is_symlink() and stored.read_bytes() == photo.read_bytes()
    assert Cli(mini)("check").exit_code == 0


def test_a_too_long_field_is_refused_before_evidence_is_copied(mini, cli, tmp_path):
    photo = write(tmp_path, "photo.pdf", "pdf bytes")
    before = snapshot(mini)
    args = [a if a != "已对接" else "长" * 10_001 for a in RECORD]
    done = cli(*args, "--evidence", str(photo))
    assert done.exit_code == 1 and "Traceback" not in done.stderr
    assert "summary" in done.stderr and "10000" in done.stderr
    assert snapshot(mini) == before and not (mini / "evidence").exists()


def test_init_force_never_replaces_an_existing_ledger(mini, cli):
    write(mini, "progress/2022-03.yaml", "[]\n")
    before = snapshot(mini)
    done = cli("init", str(mini), "--force")
    assert done.exit_code == 1
    assert "is already a ledger" in done.stderr and "not even with --force" in done.stderr
    assert snapshot(mini) == before
    assert not (mini / ".git").exists()
