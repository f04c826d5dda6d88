"""Promise 2: no lost updates: many processes recording into the same month at once."""

from __future__ import annotations

from reliability.conftest import SOAK, scaled
from test_record import records, run_workers

PROCESSES, EACH = 16, scaled(4, 50, SOAK)


def test_sixteen_processes_recording_at_once_lose_nothing(mini, mini_cli):
    run_workers(mini, processes=PROCESSES, each=EACH)
    stored = records(mini)
    assert len(stored) == PROCESSES * EACH
    assert len({r["id"] for r in stored}) == PROCESSES * EACH
    assert sorted(r["summary"] for r in stored) == sorted(f"进程{n}第{i}条" for n in range(PROCESSES) for i in range(EACH))
    assert mini_cli("check").exit_code == 0
