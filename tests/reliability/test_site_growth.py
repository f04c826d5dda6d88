"""`site` grows linearly with the registries (issue 21, item 13): building it visits each task
and each unit a number of times that does not grow with the plan. Measured as work, not time
(the timings are `bench.py --site-scale-only`): the pages of a plan of N tasks × N units are
built from a ledger whose task and unit tables count every entry handed out, at N and 2N.

Before the fix every unit page scanned every task (the tasks it leads and shares), every
reminder list did the same, and every task page built the timelines of every task: N² visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from helpers.ledgers import wide_ledger
from pilotledger.site.build import build_site
from pilotledger.store import load_valid
from pilotledger.wording import Labels

AS_OF = dt.date(2022, 4, 1)  # one month report, one quarter: the pages, not the reports


class Counted(dict):
    """A dict that counts the entries it hands out by iteration (keys, values or items)."""

    handed = 0

    def _count(self, entries):
        for entry in entries:
            Counted.handed += 1
            yield entry

    def __iter__(self):
        return self._count(super().__iter__())

    def keys(self):
        return self._count(super().keys())

    def values(self):
        return self._count(super().values())

    def items(self):
        return self._count(super().items())


def visits(tmp_path, count: int) -> int:
    ledger = load_valid(wide_ledger(tmp_path / f"wide{count}", count, shared=True))
    counted = replace(ledger, tasks=Counted(ledger.tasks), units=Counted(ledger.units))
    Counted.handed = 0
    site = build_site(counted, AS_OF, Labels("zh"))
    assert f"tasks/{count}.html" in site.pages and f"units/u{count}.html" in site.pages
    return Counted.handed


def test_the_site_visits_tasks_and_units_linearly_in_their_number(tmp_path):
    small, large = visits(tmp_path, 30), visits(tmp_path, 60)
    assert large <= 2.2 * small, (small, large)  # N² work would be about 3× here
