"""Resolving what a user typed (task numbers, unit names, parts, sections, statuses) against
the ledger, with suggestions when nothing matches. Pure; raises UserError."""

from __future__ import annotations

import difflib

from pilotledger.errors import UserError
from pilotledger.model import Ledger, Status, Task, Unit
from pilotledger.textgate import comparable
from pilotledger.wording import STATUS_LABELS, Message

_NUMERALS = {n: i for i, n in enumerate("一二三四五六七八九十", start=1)}


def chinese_number(text: str) -> int | None:
    """1–99 from digits or Chinese numerals (一, 十一, 二十三); None if it is neither."""
    text = text.strip().strip("（）()、.").strip()
    if text.isdecimal():  # 12 or １２, never ² or ① (isdigit accepts those; int() does not)
        return int(text)
    if not text or any(ch not in _NUMERALS for ch in text):
        return None
    if "十" not in text:
        return _NUMERALS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (_NUMERALS.get(tens, 0) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)


def resolve_task(ledger: Ledger, text: str) -> Task:
    number = chinese_number(str(text))
    if number is not None and number in ledger.tasks:
        return ledger.tasks[number]
    hint = _task_hint(ledger, str(text), number)
    raise UserError(Message("task_unknown", text=text, last=max(ledger.tasks), hint=hint))


def _task_hint(ledger: Ledger, text: str, number: int | None) -> Message | str:
    if number is not None:
        close = sorted(ledger.tasks, key=lambda n: abs(n - number))[:3]
        return Message("task_closest", numbers=sorted(close))
    matching = [t.number for t in ledger.tasks.values() if text.strip() and text.strip() in t.text]
    if matching:
        return Message("task_containing", text=text.strip(), numbers=matching[:10])
    return ""


def unit_index(ledger: Ledger) -> dict[str, Unit]:
    """Every name a unit answers to; an id always names its own unit (`check` reports an alias
    that equals another unit's id, and such an alias never redirects)."""
    index = {}
    for unit in ledger.units.values():
        for name in (unit.name, *unit.aliases):
            index[name] = unit
    index.update(ledger.units)
    return index


def resolve_unit(ledger: Ledger, text: str) -> Unit:
    index = unit_index(ledger)
    unit = index.get(text.strip())
    if unit is not None:
        return unit

    folded = {comparable(name): found for name, found in index.items()}
    unit = folded.get(comparable(text.strip()))
    if unit is not None:  # a full-width or compatibility form of a name
        return unit

    close = difflib.get_close_matches(text.strip(), list(index), n=4, cutoff=0.4)
    hint = Message("unit_suggest", names=close) if close else Message("unit_list_hint")
    raise UserError(Message("unit_unknown", text=text, hint=hint))


# Words clerks use for a status besides its key and labels (进行中 is as common as 推进中).
STATUS_SYNONYMS = {
    Status.not_started: ("未开始", "尚未启动", "未开展", "todo", "pending"),
    Status.in_progress: (
        "进行中",
        "正在推进",
        "实施中",
        "开展中",
        "在建",
        "active",
        "ongoing",
        "started",
        "wip",
    ),
    Status.blocked: ("阻塞", "受阻中", "停滞", "暂停", "stalled", "on hold"),
    Status.done: ("完成", "已办结", "办结", "已落实", "complete", "completed"),
}


def status_words(status: Status) -> tuple[str, ...]:
    """Every word accepted for `status`: its key, its labels and the common synonyms."""
    return (status.value, *STATUS_LABELS[status.value], *STATUS_SYNONYMS[status])


def resolve_status(text: str) -> Status:
    word = text.strip().lower()
    for status in Status:
        if word in status_words(status) or word.replace(" ", "_").replace("-", "_") == status.value:
            return status
    valid = [f"{key} ({names[0]})" for key, names in STATUS_LABELS.items()]
    raise UserError(Message("status_unknown", text=text, valid=valid))


def resolve_part(ledger: Ledger, text: str) -> int:
    number = chinese_number(text)
    if number is None or number not in {p.number for p in ledger.parts}:
        raise UserError(Message("part_unknown", text=text, last=len(ledger.parts)))
    return number


def resolve_section(ledger: Ledger, text: str) -> int:
    number = chinese_number(text)
    if number is None or number not in {s.number for s in ledger.sections}:
        raise UserError(Message("section_unknown", text=text, last=len(ledger.sections)))
    return number
