"""Ledgers on disk: the shipped one, the inline mini ledger, the sample progress, and the
folders built once per test run."""

from __future__ import annotations

import contextlib
import os
import shutil
import textwrap
from pathlib import Path

from filelock import FileLock

from helpers.cli import Cli
from pilotledger.store.yamlio import load_data

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data"
SEED_FILE = REPO.parent / "shared" / "seed" / "000_ad05ac753dbc1a9c.txt"
TESTS = Path(__file__).resolve().parents[1]
GOLDEN = TESTS / "golden"
FIXTURES = TESTS / "fixtures"

MINI_UNITS = """\
units:
  - id: commerce
    name: 县商务委
    aliases: [商务委]
    name_en: County Commerce Commission
    kind: department
  - id: health
    name: 县卫生健康委
    aliases: [县卫健委]
    name_en: County Health Commission
    kind: department
  - id: finance
    name: 县财政局
    name_en: County Finance Bureau
    kind: department
  - id: all-related
    name: 各相关单位
    name_en: All related units
    kind: group
"""

MINI_TASKS = """\
plan:
  title: 测试方案
  issuer: 测试办
  issued: 2022-02-24
  start: 2022-02-24
  end: 2025-02-23
  report_day: 5
parts:
  - number: 1
    label: 一、
    title: 第一部分
sections:
  - number: 1
    label: （一）
    part: 1
    title: 第一节。
tasks:
  - number: 1
    section: 1
    text: 第一项任务。
    lead: [commerce]
    responsible: [health]
  - number: 2
    section: 1
    text: 第二项任务。
    lead: [health, commerce]
    responsible: [all-related]
    milestones:
      - due: 2022-06-30
        target: in_progress
"""


RECORD = """\
- id: r1
  task: 1
  date: 2022-03-10
  unit: commerce
  status: in_progress
  summary: 已启动
  recorded_at: 2022-03-11 09:00:00+08:00
"""
MARCH = "progress/2022-03.yaml"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def write_mini(root: Path) -> Path:
    """The two-task ledger MINI_UNITS and MINI_TASKS describe, at root, without progress."""
    write(root, "units.yaml", MINI_UNITS)
    write(root, "tasks.yaml", MINI_TASKS)
    (root / "progress").mkdir()
    return root


def copy_shipped(root: Path) -> Path:
    """A copy of the shipped Shizhu ledger at root, without progress."""
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns(".cache", "*.lock"))
    (root / "progress").mkdir(exist_ok=True)
    for path in (root / "progress").glob("*.yaml"):
        path.unlink()
    return root


def copy_ledger(template: Path, root: Path) -> Path:
    """A copy of a ledger built once per run (see once_per_run), with its parse cache: the
    cache's entries are keyed by content and this run's key, not by the folder."""
    shutil.copytree(template, root, ignore=shutil.ignore_patterns("*.lock"))
    return root


def warmed(root: Path) -> Path:
    """root after one reading command, which writes its parse cache."""
    result = Cli(root)("status", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return root


def cold(root: Path) -> Path:
    """root without its parse cache: the next command reads every file as a first run does."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    return root


MILESTONE = "    lead: [pboc-fengdu, commerce]\n"


def add_sample(root: Path) -> Path:
    """March–June 2022 progress and a milestone (task 40, 30 April) added to a shipped copy."""
    for path in (FIXTURES / "progress").glob("*.yaml"):
        shutil.copy(path, root / "progress" / path.name)
    tasks = root / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert text.count(MILESTONE) == 1
    milestone = (
        "    milestones:\n      - due: 2022-04-30\n        target: in_progress\n"
        "        note: 完成平台接入\n"
    )
    tasks.write_text(text.replace(MILESTONE, MILESTONE + milestone), encoding="utf-8")
    return root


def add_narrative(root: Path) -> Path:
    """Three records for the period reports: a late backfill with multi-line text (task 24,
    April), a late May report and a blocked June report of task 12 filed on the evening of its
    due day."""
    for path in (FIXTURES / "narrative").glob("*.yaml"):
        with open(root / "progress" / path.name, "a", encoding="utf-8") as month_file:
            month_file.write(path.read_text(encoding="utf-8"))
    return root


def ledger_state(root: Path) -> dict[str, bytes]:
    """Every file of a ledger but its parse cache (which reading may write): what a test reading
    a shared ledger must leave as it found it."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(root).parts
    }


@contextlib.contextmanager
def left_unchanged(root: Path):
    """Fails the test that changed a shared ledger (such a test needs its own copy)."""
    before = ledger_state(root)
    yield
    assert ledger_state(root) == before, f"this test changed the shared ledger {root}"


def once_per_run(tmp_path_factory, name: str, build) -> Path:
    """`build(folder)` run once for the whole test run, by whichever xdist worker asks first;
    the others wait on a lock and reuse the folder (a session fixture alone runs once per
    worker). A test must only read what is in it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder = base / name
    with FileLock(str(base / f"{name}.lock")):
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / ".complete").touch()
    return folder


def records(root: Path, month: str = "2022-03") -> list[dict]:
    return load_data((root / "progress" / f"{month}.yaml").read_text(encoding="utf-8")) or []


def init_ledger(folder: Path) -> None:
    """`pilotledger init` of folder/origin."""
    ledger = folder / "origin"
    result = Cli(ledger)("init", str(ledger))
    assert result.exit_code == 0, result.stderr


def wide_ledger(root: Path, count: int, shared: bool = False) -> Path:
    """`count` tasks, each led by a unit of its own (and, when `shared`, shared with the next
    unit), in one section, without progress: units × tasks is count²."""
    units = "units:\n" + "".join(
        f"  - id: u{n}\n    name: '单位{n}'\n    name_en: u{n}\n    kind: department\n"
        for n in range(1, count + 1)
    )
    tasks = (
        "plan:\n  title: 测试方案\n  issuer: 测试办\n  issued: 2022-02-24\n  start: 2022-02-24\n"
        "  end: 2025-02-23\n  report_day: 5\n"
        "parts:\n  - number: 1\n    label: 一、\n    title: 第一部分\n"
        "sections:\n  - number: 1\n    label: （一）\n    part: 1\n    title: 第一节。\n"
        "tasks:\n"
        + "".join(
            f"  - number: {n}\n    section: 1\n    text: 第{n}项任务。\n    lead: [u{n}]\n"
            f"    responsible: [{f'u{n % count + 1}' if shared else ''}]\n"
            for n in range(1, count + 1)
        )
    )
    root.mkdir()
    (root / "units.yaml").write_text(units, encoding="utf-8")
    (root / "tasks.yaml").write_text(tasks, encoding="utf-8")
    (root / "progress").mkdir()
    return root
