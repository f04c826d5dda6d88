"""`recorded_at` may be later than a record's date (a backfill), never before that day began
in the plan's time zone (+08:00); and a month file with a BOM takes new records at any size."""

from __future__ import annotations

import pytest

from helpers.cli import Cli
from reliability.trust import RECORD, block


@pytest.mark.parametrize(
    "recorded,ok",
    [
        ("2022-03-15 00:00:00+08:00", True),  # the first instant of the day
        ("2022-03-14 16:00:00+00:00", True),  # the same instant in UTC
        ("2022-03-14 23:59:59+08:00", False),  # one second before the day
        ("2022-03-14 15:59:59+00:00", False),
        ("2022-05-01 09:00:00+08:00", True),  # a backfill
    ],
)
def test_recorded_at_before_the_day_began_is_a_problem(mini, recorded, ok):
    text = block("a1", date="2022-03-15").replace(
        "recorded_at: 2022-03-15 18:00:00+08:00", f"recorded_at: {recorded}"
    )
    (mini / "progress" / "2022-03.yaml").write_text(text, encoding="utf-8")
    done = Cli(mini, env={"PILOTLEDGER_LANG": "en"})("check")
    assert (done.exit_code == 0) == ok, done.stdout
    if not ok:
        assert (
            "2022-03.yaml:7:" in done.stdout
            and "recorded before the record's date 2022-03-15" in done.stdout
        )
        assert "登记时间早于记录日期" in Cli(mini)("check").stdout


def test_a_big_month_file_with_a_bom_takes_a_record(mini):
    path = mini / "progress" / "2022-03.yaml"
    path.write_bytes("\ufeff".encode() + "".join(block(f"r{n:05d}") for n in range(2200)).encode())
    assert path.stat().st_size > 256 * 1024
    cli = Cli(mini, env={"PILOTLEDGER_LANG": "en"})
    assert cli("check").exit_code == 0
    before = path.read_bytes()
    done = cli(*RECORD)
    assert done.exit_code == 0, done.stderr
    assert path.read_bytes().startswith(before) and cli("check").exit_code == 0
