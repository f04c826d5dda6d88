"""The one clock, dates and report periods as clerks type them, and month arithmetic.

Everything here is pure except `today` and `now`, the one place the tool reads the clock: both
in the plan's time zone (+08:00), whatever the machine's zone, so a record made at 01:00 in
Kiritimati (+14:00) carries the date, id and recorded_at `check` judges it by.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from pilotledger.errors import UsageError
from pilotledger.wording import Message

PLAN_TZ = dt.timezone(dt.timedelta(hours=8))  # the plan's time zone: due days end at 24:00 +08:00
ENV_TODAY = "PILOTLEDGER_TODAY"


def today() -> dt.date:
    """Today in the plan's time zone, or $PILOTLEDGER_TODAY (YYYY-MM-DD) for demos and tests."""
    pinned = os.environ.get(ENV_TODAY)
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise UsageError(Message("today_bad", name=ENV_TODAY, text=pinned)) from None
    return dt.datetime.now(PLAN_TZ).date()


def now() -> dt.datetime:
    """This moment in the plan's time zone, to the second (a record's recorded_at); with
    $PILOTLEDGER_TODAY that day at the current time of day, so a demo can record on plausible
    days and be judged on time or late as it would have been then."""
    moment = dt.datetime.now(PLAN_TZ).replace(microsecond=0)
    if not os.environ.get(ENV_TODAY):
        return moment
    return dt.datetime.combine(today(), moment.timetz())


def end_of_clock_day_ts() -> float:
    """POSIX seconds of the end of the machine clock's day in the plan's zone (never the pinned
    $PILOTLEDGER_TODAY): no record can have been recorded after it."""
    tomorrow = dt.datetime.now(PLAN_TZ).date() + dt.timedelta(days=1)
    return day_start_ts(tomorrow)


def day_start_ts(day: dt.date, zone: dt.tzinfo = PLAN_TZ) -> float:
    """POSIX seconds of the first instant of `day` in `zone` (the plan's by default)."""
    return dt.datetime.combine(day, dt.time(), zone).timestamp()


_DATE = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?\s*$")
_RELATIVE = {"today": 0, "今天": 0, "yesterday": 1, "昨天": 1}
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
DATE_FORMS = ("2022-03-15", "2022/3/15", "2022年3月15日", "20220315", "today", "yesterday")

MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.yaml$")  # progress/YYYY-MM.yaml


class DateError(ValueError):
    """Text that is not a date or period; the message says which forms are accepted."""


def parse_date(text: str, today: dt.date) -> dt.date:
    word = text.strip().lower()
    if word in _RELATIVE:
        return today - dt.timedelta(days=_RELATIVE[word])
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if not match:
        raise DateError(Message("date_bad", text=text, forms=DATE_FORMS))
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise DateError(Message("date_impossible", text=text)) from None


def plus_days(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held at the first or last day a date can hold (an --as-of of
    9999-12-31 plus a 30-day horizon is 9999-12-31, never an OverflowError)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return month_start(day) + relativedelta(months=1, days=-1)


def next_month(day: dt.date) -> dt.date:
    return month_start(day) + relativedelta(months=1)


def months(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The first day of each month from first's month through last's month."""
    current = month_start(first)
    while current <= last:
        yield current
        current += relativedelta(months=1)


def report_due(month: dt.date, report_day: int) -> dt.date:
    """The day a month's report is due: report_day of the following month."""
    return month_start(month) + relativedelta(months=1, day=report_day)


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


PERIOD_KINDS = ("month", "quarter", "half", "year")

_PERIOD_FORMS = {
    "month": (re.compile(r"^(\d{4})-?(\d{1,2})$"), ("2022-03", "2022年3月")),
    "quarter": (
        re.compile(r"^(\d{4})-?[Qq]([1-4])$"),
        ("2022Q2", "2022-Q2", "2022年第二季度", "2022年二季度"),
    ),
    "half": (re.compile(r"^(\d{4})-?[Hh]([12])$"), ("2022H1", "2022-H1", "2022年上半年")),
    "year": (re.compile(r"^(\d{4})$"), ("2022", "2022年")),
}
_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date

    @property
    def index(self) -> int:
        """The month (1–12), quarter (1–4), half (1–2) or 1 for a year."""
        return (self.start.month - 1) // _MONTHS_IN[self.kind] + 1

    @property
    def label(self) -> str:
        year, index = self.start.year, self.index
        return {
            "month": month_key(self.start),
            "quarter": f"{year}Q{index}",
            "half": f"{year}H{index}",
            "year": f"{year}",
        }[self.kind]


def period_containing(kind: str, day: dt.date) -> Period:
    size = _MONTHS_IN[kind]
    first_month = (day.month - 1) // size * size + 1
    start = dt.date(day.year, first_month, 1)
    return Period(kind, start, start + relativedelta(months=size, days=-1))


def next_period(period: Period) -> Period:
    """The period of the same kind that follows `period`."""
    return period_containing(period.kind, period.end + dt.timedelta(days=1))


def parse_period(kind: str, text: str | None, today: dt.date) -> Period:
    """A period of `kind` from `2022Q2`-style text, `this`/`last`, or None for the current one."""
    word = (text or "this").strip().lower()
    current = period_containing(kind, today)
    if word in ("this", "current", "本期"):
        return current
    if word in ("last", "previous", "上期"):
        return period_containing(kind, current.start - dt.timedelta(days=1))
    pattern, example = _PERIOD_FORMS[kind]
    word = _western_period(word, kind)
    match = pattern.match(word)
    if kind == "month" and not match:
        try:
            return period_containing(kind, parse_date(word + "-01", today))
        except DateError:
            match = None
    if not match:
        raise DateError(
            Message("period_bad", text=text, kind=Message(f"period_{kind}"), forms=example)
        )
    year = int(match.group(1))
    index = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 1
    if kind == "month" and not 1 <= index <= 12:
        raise DateError(
            Message("period_bad", text=text, kind=Message("period_month"), forms=example)
        )
    if not 1900 <= year <= 2999:
        raise DateError(Message("period_year_range", text=text, year=year))
    return period_containing(kind, dt.date(year, (index - 1) * _MONTHS_IN[kind] + 1, 1))


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 1, "下": 2}
_CN_PERIOD = {
    "month": re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$"),
    "quarter": re.compile(r"^(\d{4})年第?([1-4一二三四])季度?$"),
    "half": re.compile(r"^(\d{4})年(上|下|[12])半年$"),
    "year": re.compile(r"^(\d{4})年(?:度)?$"),
}
_WESTERN = {"month": "{0}-{1}", "quarter": "{0}Q{1}", "half": "{0}H{1}", "year": "{0}"}


def _western_period(word: str, kind: str) -> str:
    """2022年6月, 2022年第二季度, 2022年二季度, 2022年上半年, 2022年(度) as 2022-06, 2022Q2 …"""
    match = _CN_PERIOD[kind].match(word.replace(" ", ""))
    if not match:
        return word
    parts = [match.group(1)]
    if match.lastindex and match.lastindex > 1:
        index = match.group(2)
        parts.append(str(_CN_DIGITS.get(index, index)))
    return _WESTERN[kind].format(*parts)
