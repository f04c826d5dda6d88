"""Many processes recording at once (test_record: a short run; reliability: 16 processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WORKER = """
import sys
from pilotledger.cli import app
for i in range(int(sys.argv[2])):
    try:
        app(["record", "1", "--unit", "commerce", "--date", "2022-03-15", "--status", "in_progress",
             "--summary", f"进程{sys.argv[1]}第{i}条"], standalone_mode=False)
    except SystemExit as exit:
        if exit.code:
            raise
"""


def run_workers(root: Path, processes: int, each: int) -> None:
    env = dict(
        os.environ,
        PILOTLEDGER_DATA=str(root),
        PILOTLEDGER_LANG="en",
        PILOTLEDGER_TODAY="2022-07-20",
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(n), str(each)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(processes)
    ]
    errors = [worker.communicate()[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * processes, errors
