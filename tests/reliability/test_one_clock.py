"""One clock (spec, Rules): "today", "now" and every recorded_at are taken in the plan's time
zone (+08:00), whatever zone the machine is set to. A clerk east of +08:00 just after local
midnight, or west of it in the evening, records a record `check` accepts, dated the plan's day."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from helpers.cli import Cli, record_args
from helpers.ledgers import records

PLAN_TZ = dt.timezone(dt.timedelta(hours=8))
# Between them one zone's date differs from the plan's at any moment: Kiritimati (+14:00) is a
# day ahead when it is after 18:00 in +08:00, Pago Pago (-11:00) a day behind before 19:00.
ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago")


@pytest.fixture
def machine_zone(monkeypatch):
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ZONES)
def test_record_today_in_any_machine_zone_is_the_plans_day_and_passes_check(
    mini, machine_zone, zone
):
    machine_zone(zone)
    cli = Cli(mini, env={"PILOTLEDGER_TODAY": ""})  # the real clock
    result = cli(
        *record_args(
            unit="commerce", date="today", status="in_progress", summary="今日进展", yes=True
        )
    )
    plan_day = dt.datetime.now(PLAN_TZ).date()
    assert result.exit_code == 0, result.stderr
    (written,) = records(mini, plan_day.strftime("%Y-%m"))
    recorded = dt.datetime.fromisoformat(str(written["recorded_at"]))
    assert str(written["date"]) == plan_day.isoformat()
    assert recorded.utcoffset() == dt.timedelta(hours=8)
    assert written["id"].startswith(plan_day.strftime("%Y%m%d"))
    checked = cli("check")
    assert checked.exit_code == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("zone", ZONES)
def test_today_of_reading_commands_is_the_plans_day(mini, machine_zone, zone):
    """`status` without --as-of judges on the plan's today (its JSON has no day: the report's
    judgment day shows it)."""
    machine_zone(zone)
    cli = Cli(mini, env={"PILOTLEDGER_TODAY": ""})
    import json

    shown = cli("report", "--month", "2022-03", "--as-of", "today", "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    assert (
        json.loads(shown.stdout)["period"]["judged_on"]
        == dt.datetime.now(PLAN_TZ).date().isoformat()
    )


def test_the_plans_time_zone_is_defined_once():
    from pathlib import Path

    import pilotledger

    source = Path(pilotledger.__file__).parent
    defining = [
        path.relative_to(source).as_posix()
        for path in source.rglob("*.py")
        if "timedelta(hours=8)" in path.read_text(encoding="utf-8")
    ]
    assert defining == ["dates.py"]
