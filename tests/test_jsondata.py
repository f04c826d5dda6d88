"""The one way JSON is made from plain data: field markers, enums, dates, models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger.jsondata import FOUR_DIGITS, INLINE, OMIT_NONE, plain
from pilotledger.model import Status


@dataclass
class Inner:
    id: str
    day: dt.date


@dataclass
class Outer:
    task: int
    status: Status
    inner: Inner = field(metadata=INLINE)
    due: dt.date | None = field(default=None, metadata=OMIT_NONE)
    note: str | None = None
    cells: dict = field(default_factory=dict)
    share: float = field(default=1 / 55, metadata=FOUR_DIGITS)


def test_plain_keeps_field_order_inlines_omits_and_converts():
    value = Outer(3, Status.in_progress, Inner("r1", dt.date(2022, 3, 1)), cells={7: "lead"})
    assert plain(value) == {
        "task": 3,
        "status": "in_progress",
        "id": "r1",
        "day": "2022-03-01",
        "note": None,
        "cells": {"7": "lead"},
        "share": 0.0182,
    }
    assert list(plain(value)) == ["task", "status", "id", "day", "note", "cells", "share"]
    value.due = dt.date(2022, 4, 30)
    assert plain(value)["due"] == "2022-04-30"
    assert plain([value, (1, 2)])[1] == [1, 2]
