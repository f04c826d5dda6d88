"""Resolving what a user typed (task numbers, unit names, parts, sections, statuses) against
the ledger, with suggestions when nothing matches. Pure; raises UserError."""

from __future__ import annotations

from pilotledger.errors import UserError
from pilotledger.i18n import STATUS_LABELS
from pilotledger.model import Ledger, Status, Task, Unit

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
    raise UserError(f"unknown task {text!r}; tasks are numbered 1–{max(ledger.tasks)}{hint}")


def _task_hint(ledger: Ledger, text: str, number: int | None) -> str:
    if number is not None:
        close = sorted(ledger.tasks, key=lambda n: abs(n - number))[:3]
        return f" (closest: {', '.join(map(str, sorted(close)))})"
    matching = [t.number for t in ledger.tasks.values() if text.strip() and text.strip() in t.text]
    if matching:
        return f" (tasks whose text contains {text!r}: {', '.join(map(str, matching[:10]))})"
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
    import difflib  # only when a suggestion is needed

    close = difflib.get_close_matches(text.strip(), list(index), n=4, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `pilotledger units` lists them"
    raise UserError(f"unknown unit {text!r}{hint}")


def resolve_status(text: str) -> Status:
    word = text.strip()
    for status, names in STATUS_LABELS.items():
        if word in (status.value, *names) or word.replace(" ", "_").lower() == status.value:
            return status
    valid = ", ".join(f"{s.value} ({names[0]})" for s, names in STATUS_LABELS.items())
    raise UserError(f"unknown status {text!r}; use one of {valid}")


def resolve_part(ledger: Ledger, text: str) -> int:
    number = chinese_number(text)
    if number is None or number not in {p.number for p in ledger.parts}:
        raise UserError(f"unknown part {text!r}; use 1–{len(ledger.parts)} or 一…")
    return number


def resolve_section(ledger: Ledger, text: str) -> int:
    number = chinese_number(text)
    if number is None or number not in {s.number for s in ledger.sections}:
        raise UserError(f"unknown section {text!r}; use 1–{len(ledger.sections)} or （一）…")
    return number
