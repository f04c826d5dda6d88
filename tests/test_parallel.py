"""A parallel cold read gives exactly what a serial read gives: records, order, problems, cache."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from helpers.cli import Cli
from helpers.ledgers import write
from pilotledger.store import load, parallel

UNITS = {1: ["commerce", "health"], 2: ["health", "commerce", "finance"]}
STATUSES = ["in_progress", "blocked", "in_progress", "done"]


def month_text(year: int, month: int, count: int) -> str:
    """`count` valid records of the mini ledger's two tasks, dated inside the month."""
    blocks = []
    for index in range(count):
        task = index % 2 + 1
        day = dt.date(year, month, 1 + index % 28)
        blocks.append(
            f"- id: {day:%Y%m%d}-{year % 100:02d}{month:02d}{index:08x}\n"
            f"  task: {task}\n  date: {day}\n  unit: {UNITS[task][index % len(UNITS[task])]}\n"
            f"  status: {STATUSES[index % 4]}\n  progress: {index % 101}\n"
            f"  summary: 第{index}次推进，完成阶段工作\n"
            f"  recorded_at: {day} 18:{index % 60:02d}:00+08:00\n"
        )
    return "".join(blocks)


@pytest.fixture
def mixed(mini: Path) -> Path:
    """Twelve months of valid records plus files that are invalid in every way a read reports."""
    for month in range(1, 13):
        write(mini, f"progress/2023-{month:02d}.yaml", month_text(2023, month, 40 + month))
    write(mini, "progress/2022-03.yaml", "- id: a\n  task: [unclosed\n")  # YAML syntax error
    bad_status = month_text(2022, 4, 5).replace("status: blocked", "status: stuck")
    write(mini, "progress/2022-04.yaml", bad_status)
    write(mini, "progress/2022-05.yaml", month_text(2022, 5, 3).replace("task: 2", "task: 99"))
    dup = month_text(2023, 1, 2)  # the same ids as the first two records of 2023-01: cross-file
    write(mini, "progress/2022-06.yaml", dup.replace("date: 2023-01", "date: 2022-06"))
    write(mini, "progress/notes.yaml", "- hello\n")  # not a month file
    return mini


def read(root: Path, monkeypatch, pooled: bool):
    """load() with the pool forced on (two workers, no byte threshold) or forced off."""
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0 if pooled else 1 << 60)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    return load(root)


def cache_files(root: Path) -> dict[str, bytes]:
    folder = root / ".cache"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix == ".json"
    }


def test_pooled_read_equals_serial_read(mixed: Path, tmp_path: Path, monkeypatch):
    serial_root = mixed
    pooled_root = tmp_path / "pooled"
    shutil.copytree(mixed, pooled_root)
    pooled_files = []
    real_pooled = parallel._pooled

    def spy(sources, cache, unparsed, workers, report):
        outcomes = real_pooled(sources, cache, unparsed, workers, report)
        pooled_files.extend(outcomes)
        return outcomes

    monkeypatch.setattr(parallel, "_pooled", spy)
    serial = read(serial_root, monkeypatch, pooled=False)
    assert pooled_files == []
    pooled = read(pooled_root, monkeypatch, pooled=True)
    assert len(pooled_files) == 16  # every month file went through the pool (notes.yaml is refused)

    assert serial.ledger is not None and len(serial.ledger.records) > 500
    assert pooled.ledger.records == serial.ledger.records  # same entries, same order
    as_text = [str(p).replace(str(pooled_root), str(serial_root)) for p in pooled.problems]
    assert as_text == [str(p) for p in serial.problems]
    messages = "\n".join(as_text)
    for name in ("2022-03", "2022-04", "2022-05", "2022-06", "notes.yaml"):
        assert name in messages
    assert cache_files(pooled_root) == cache_files(serial_root)
    assert len(cache_files(serial_root)) >= 2 * 12  # rows and full records of each valid month


def test_check_output_is_the_same_either_way(mixed: Path, tmp_path: Path, monkeypatch):
    other = tmp_path / "other"
    shutil.copytree(mixed, other)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1 << 60)
    serial = Cli(mixed)("check")
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    pooled = Cli(other)("check")
    assert serial.exit_code == pooled.exit_code == 1
    assert pooled.stdout.replace(str(other), str(mixed)) == serial.stdout
    assert "2022-04.yaml:" in serial.stdout


def test_progress_is_reported_only_for_a_long_read(mixed: Path, monkeypatch):
    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(parallel, "BYTES_PER_SECOND", 1)  # every read "takes" hours
    read(mixed, monkeypatch, pooled=True)
    assert calls == []  # no callback given: nothing to call
    shutil.rmtree(mixed / ".cache")
    load(mixed, progress=lambda done, total: calls.append((done, total)))
    total = sum(p.stat().st_size for p in (mixed / "progress").glob("20*.yaml"))
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    calls.clear()
    load(mixed, progress=lambda done, total: calls.append((done, total)))
    # warm: only the files that failed on their own (bad YAML, bad status) are parsed again
    invalid = sum(
        (mixed / "progress" / name).stat().st_size for name in ("2022-03.yaml", "2022-04.yaml")
    )
    assert calls[0] == (0, invalid) and calls[-1] == (invalid, invalid)
    monkeypatch.setattr(parallel, "BYTES_PER_SECOND", 10**12)
    calls.clear()
    shutil.rmtree(mixed / ".cache")
    load(mixed, progress=lambda done, total: calls.append((done, total)))
    assert calls == []  # a read expected to be quick shows nothing


def test_one_worker_asked_for_means_no_pool(mixed: Path, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "_pooled", lambda *args: pytest.fail("a pool was started"))
    monkeypatch.setenv("PILOTLEDGER_WORKERS", "1")
    assert parallel.cores() == 1
    assert load(mixed).ledger is not None
    monkeypatch.setenv("PILOTLEDGER_WORKERS", "not a number")
    assert parallel.cores() >= 1  # ignored: all the cores this process may use
