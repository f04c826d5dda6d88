"""`make demo` leaves a ledger to keep exploring, inside the repository and git-ignored, and the
commands it prints work there."""

from __future__ import annotations

import importlib.util
import os
import shlex
import subprocess
import sys

import pytest

from helpers.cli import Cli, record_args
from helpers.ledgers import REPO


def demo_module():
    spec = importlib.util.spec_from_file_location("demo", REPO / "scripts" / "demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_demo_ledger_is_git_ignored_and_never_replaces_a_real_folder(tmp_path):
    demo = demo_module()
    assert "demo-ledger/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    real = tmp_path / "mine"
    real.mkdir()
    (real / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit):
        demo.prepare(real)
    assert (real / "keep.txt").exists()


def test_the_printed_commands_work_on_the_demo_ledger(tmp_path, monkeypatch):
    demo = demo_module()
    ledger = tmp_path / "demo-ledger"
    demo.prepare(ledger)
    monkeypatch.chdir(tmp_path)
    cli = Cli(ledger, env={"PILOTLEDGER_TODAY": demo.DEMO_TODAY})
    task, unit, day, status, progress, summary, _recorded_on = demo.EXAMPLES[2]
    assert (
        cli(*record_args(task, unit=unit, date=day, status=status, summary=summary)).exit_code == 0
    )
    assert all(" --lang zh " in line for line in demo.next_steps(ledger))
    assert " --lang en " in demo.next_steps(ledger, "en")[0]
    for line in demo.next_steps(ledger):
        words = shlex.split(line.split("#")[0])
        env = dict(word.split("=", 1) for word in words if "=" in word and not word.startswith("-"))
        args = [word for word in words if word not in {f"{k}={v}" for k, v in env.items()}][1:]
        if args[-2:] == ["record", "23"]:
            args += record_args(date="2022-07-01", summary="演示")[2:]
        result = Cli(tmp_path / "elsewhere", env=env)(*args)
        assert result.exit_code == 0, (line, result.stderr)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("PILOTLEDGER_SOAK"), reason="the whole demo takes ~10 s (PILOTLEDGER_SOAK=1)"
)
def test_make_demo_runs_end_to_end(tmp_path):
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "demo.py"), str(tmp_path / "demo-ledger")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (
        "The demo ledger stays in" in done.stdout
        and (tmp_path / "demo-ledger" / "progress").is_dir()
    )


def test_the_demo_records_are_judged_on_time_late_and_missing(tmp_path):
    """Each example is recorded on its own day (PILOTLEDGER_TODAY pins recorded_at's day), so the
    quarter's report judges timeliness as it would have been."""
    import json

    from pilotledger.store.yamlio import load_data

    demo = demo_module()
    ledger = tmp_path / "demo-ledger"
    demo.prepare(ledger)
    for task, unit, day, status, progress, summary, recorded_on in demo.EXAMPLES:
        args = record_args(
            task, unit=unit, date=day, status=status, progress=progress, summary=summary
        )
        result = Cli(ledger, env={"PILOTLEDGER_TODAY": recorded_on})(*args)
        assert result.exit_code == 0, result.stderr
    april = load_data((ledger / "progress" / "2022-04.yaml").read_text(encoding="utf-8"))
    late = next(record for record in april if record["task"] == 15)
    assert str(late["recorded_at"]).startswith("2022-05-09") and str(late["recorded_at"]).endswith(
        "+08:00"
    )
    report = Cli(ledger, env={"PILOTLEDGER_TODAY": demo.DEMO_TODAY})(
        "report", "--quarter", "2022Q2", "--format", "json"
    )
    units = {row["unit"]: row for row in json.loads(report.stdout)["units"]}
    # task 15 (agriculture-rural leads only it): April recorded 05-09 after the 05-05 due day
    # (late), no May record (missing), June recorded 06-16 (on time)
    assert [units["agriculture-rural"][k] for k in ("on_time", "late", "missing")] == [1, 1, 1]
    # pboc-fengdu leads tasks 40 and one more: only task 40's May, recorded 06-08 (late)
    assert [units["pboc-fengdu"][k] for k in ("on_time", "late", "missing")] == [0, 1, 5]
