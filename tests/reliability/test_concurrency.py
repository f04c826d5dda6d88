"""Promise 2: no lost updates: many processes recording into the same month at once.

The long run (16 processes) is `make soak`'s; `make test` runs test_record's short one."""

from __future__ import annotations

import pytest

from helpers.ledgers import records
from helpers.scale import SOAK, scaled
from helpers.workers import run_workers

PROCESSES, EACH = 16, scaled(4, 50, SOAK)


@pytest.mark.slow
def test_sixteen_processes_recording_at_once_lose_nothing(mini, mini_cli):
    run_workers(mini, processes=PROCESSES, each=EACH)
    stored = records(mini)
    assert len(stored) == PROCESSES * EACH
    assert len({r["id"] for r in stored}) == PROCESSES * EACH
    assert sorted(r["summary"] for r in stored) == sorted(
        f"进程{n}第{i}条" for n in range(PROCESSES) for i in range(EACH)
    )
    assert mini_cli("check").exit_code == 0
