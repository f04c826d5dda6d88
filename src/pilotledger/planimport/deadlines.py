"""A 完成时限 as milestones: `2022年底前` → due 2022-12-31, `2023年6月底` → 2023-06-30,
`2022年12月31日前` → that day; `长期坚持` and the like → no milestone, the words kept as the
task's note; anything else → the note, and a doubt for the clerk."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

STANDING = ("长期坚持", "持续推进", "按年度推进", "长期", "持续", "常态化", "逐年推进", "每年")
_YEAR = r"(?:(?P<year>\d{4})\s*年)?"
_PATTERNS = (
    # 2022年12月31日（前）
    re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
    re.compile(r"(?P<year>\d{4})\s*[-/.]\s*(?P<month>\d{1,2})\s*[-/.]\s*(?P<day>\d{1,2})"),
    # 2023年6月（底|末）, 6月底 (the year of the plan's issue)
    re.compile(_YEAR + r"\s*(?P<month>\d{1,2})\s*月\s*(?:份)?(?:底|末|中旬|上旬|下旬)?"),
    # 2022年底, 2022年年底, 2022年末, 2022年内
    re.compile(r"(?P<year>\d{4})\s*年\s*(?:年底|底|末|年末|内|全年)"),
    re.compile(r"(?P<year>\d{4})\s*年\s*(?P<half>上半年|下半年)"),
    re.compile(r"(?P<year>\d{4})\s*年\s*(?:第)?(?P<quarter>[一二三四1-4])\s*季度"),
    re.compile(r"(?P<year>\d{4})\s*年(?=\s*(?:前|完成|启动|$))"),
)
_STARTING = re.compile(r"启动|开展|推进|实施|初步|基本|试运行|上线")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass
class Deadline:
    milestones: list[dict] = field(default_factory=list)
    note: str | None = None
    understood: bool = True
    guessed_year: bool = False


def read_deadline(text: str, issued: dt.date) -> Deadline:
    text = text.strip()
    if not text or text in ("—", "-", "/", "无"):
        return Deadline()
    if text.startswith(STANDING) or text in STANDING:
        return Deadline(note=text)
    read = Deadline()
    for clause in re.split(r"[，,；;。\n]+", text):
        clause = clause.strip()
        if not clause:
            continue
        due, guessed = _due(clause, issued)
        if due is None:
            return Deadline(note=text, understood=clause.startswith(STANDING))
        target = "in_progress" if _STARTING.search(clause) and "完成" not in clause else "done"
        milestone = {"due": due, "target": target}
        if clause != text or target != "done":
            milestone["note"] = clause
        read.milestones.append(milestone)
        read.guessed_year = read.guessed_year or guessed
    return read


def _due(clause: str, issued: dt.date) -> tuple[dt.date | None, bool]:
    for pattern in _PATTERNS:
        found = pattern.search(clause)
        if found is None:
            continue
        words = found.groupdict()
        guessed = not words.get("year")
        year = int(words["year"]) if words.get("year") else issued.year
        try:
            return _day(year, words, issued, guessed), guessed
        except ValueError:
            return None, False
    return None, False


def _day(year: int, words: dict, issued: dt.date, guessed: bool) -> dt.date:
    if words.get("day"):
        return dt.date(year, int(words["month"]), int(words["day"]))
    if words.get("month"):
        month = int(words["month"])
        if guessed and month < issued.month:
            year += 1  # 6月底 in a plan issued in September: June of the next year
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    if words.get("half"):
        return dt.date(year, 6, 30) if words["half"] == "上半年" else dt.date(year, 12, 31)
    if words.get("quarter"):
        month = _QUARTERS[words["quarter"]] * 3
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 12, 31)
