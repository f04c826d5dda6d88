"""Tasks as numbered items in the body of a plan, their units in brackets at the end
(（牵头单位：X；责任单位：Y、Z）, also (…), 〔…〕, […], with : or ：, ; or ；, and sometimes a
deadline as the bracket's last item), on separate 牵头单位：/ 责任单位： lines after the item,
or given once by a lead-unit heading (一、县示范区管委会牵头工作（8项）)."""

from __future__ import annotations

import re

from pilotledger.planimport.draft import (
    NUMERAL,
    Draft,
    DraftTask,
    Heading,
    join_lines,
    part_heading,
    section_heading,
)
from pilotledger.planimport.sources import Cell

_ITEM = re.compile(
    r"^(?:(?P<dot>\d{1,4})\s*[.．、](?!\d)|[（(](?P<paren>\d{1,4})[）)]|(?P<circled>[①-⑳]))"
    r"\s*(?P<text>\S.*)$"
)
_ROLES = {
    "lead": ("牵头单位", "牵头部门", "牵头"),
    "responsible": (
        "责任单位",
        "责任部门",
        "配合单位",
        "配合部门",
        "协办单位",
        "参与单位",
        "协同单位",
    ),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限"),
}
_ROLE_OF = {label: role for role, labels in _ROLES.items() for label in labels}
_LABEL = re.compile(
    "(?P<label>" + "|".join(sorted(_ROLE_OF, key=len, reverse=True)) + r")\s*[:：]\s*"
)
_SPOKEN = re.compile(
    r"^(?P<lead>[^：:]+?)(?:牵头|负责)(?:[，,；;]\s*(?P<responsible>[^：:]+?)(?:等)?"
    r"(?:配合|参与|协同|按职责分工负责))?$"
)
_LEAD_HEADING = re.compile(
    rf"^(?P<label>[{NUMERAL}]+)\s*[、.．]\s*(?P<title>(?P<lead>[^，。：；]+?)牵头(?:的)?"
    r"(?:工作|任务|事项|重点任务|改革任务)?\s*(?:[（(]\s*\d+\s*项\s*[）)])?)$"
)
_DEADLINE_HINT = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|底前|长期|持续|按年度|常态化|季度|半年"
)
_TRAILING = "。；;，,. \t\u3000"
OPENING, CLOSING = "（(〔[【", "）)〕]】"


def read_items(lines: list[Cell], draft: Draft) -> bool:
    """Fill `draft` with the body's numbered items that name their units; True if any."""
    reader = _ItemReader(draft)
    for line in lines:
        reader.line(line)
    reader.close_item()
    _leave_out_items_without_units(draft)
    return bool(draft.tasks)


def _leave_out_items_without_units(draft: Draft) -> None:
    """Numbered items before the first task that names units are the plan's text (基本原则);
    one after it that names none is left out too, but listed, since it may be a task whose
    units the plan forgot."""
    kept: list[DraftTask] = []
    for task in draft.tasks:
        if task.lead or task.responsible:
            kept.append(task)
        elif kept:
            draft.doubt("import_item_without_units", task.place, text=task.text[:40])
    draft.tasks = kept


class _ItemReader:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.open: tuple[re.Match, list[str], Cell] | None = None
        self.group_lead: Cell | None = None
        self.last: DraftTask | None = None

    def line(self, line: Cell) -> None:
        text = line.text.strip(" \t\u3000\ufeff")
        if not text:
            self.close_item()
            return
        if self._heading(text, line):
            return
        labelled = _LABEL.match(text)
        if labelled and self.last is not None:
            self.close_item()
            self._labelled_line(text, line)
            return
        item = _ITEM.match(text)
        if item:
            self.close_item()
            self.open = (item, [item.group("text")], line)
        elif self.open is not None and not self._ends_with_units():
            self.open[1].append(text)
        else:
            self.close_item()  # body text (a signature, a date) after an item's unit bracket

    def _ends_with_units(self) -> bool:
        """The open item's last line closes the bracket naming its units: the item ends there."""
        last = self.open[1][-1].rstrip(_TRAILING)
        if not last or last[-1] not in CLOSING:
            return False
        return split_bracket(join_lines("\n".join(self.open[1])))[1] is not None

    def _heading(self, text: str, line: Cell) -> bool:
        if _ITEM.match(text):
            return False
        lead_heading = _LEAD_HEADING.match(text)
        if lead_heading:
            self.close_item()
            self.draft.open_part(
                Heading(lead_heading.group("label") + "、", lead_heading.group("title"), line.place)
            )
            self.group_lead = Cell(lead_heading.group("lead"), line.place)
            self.draft.decide("import_group_lead", line.place, lead=lead_heading.group("lead"))
            return True
        section = section_heading(text, line.place)
        if section is not None and len(text) <= 80:
            self.close_item()
            self.draft.open_section(_short(section))
            return True
        part = part_heading(text, line.place)
        if part is not None and len(text) <= 80:
            self.close_item()
            self.draft.open_part(_short(part))
            self.group_lead = None
            return True
        return False

    def close_item(self) -> None:
        if self.open is None:
            return
        item, pieces, line = self.open
        self.open = None
        number = item.group("dot") or item.group("paren")
        text, bracket = split_bracket(join_lines("\n".join(pieces)))
        task = DraftTask(
            int(number) if number else None, text, line.place, self.draft.current_section()
        )
        if self.group_lead is not None:
            task.lead.append(self.group_lead)
        if bracket is not None:
            _fill(task, bracket, line.place)
        self.draft.tasks.append(task)
        self.last = task

    def _labelled_line(self, text: str, line: Cell) -> None:
        """A 牵头单位：/ 责任单位： line after an item names the item's units."""
        task = self.last
        _fill(task, text, line.place)
        self.draft.decide(
            "import_unit_lines", line.place, number=task.number or len(self.draft.tasks)
        )


def _short(heading: Heading) -> Heading:
    """A heading that runs on into its first sentence (（一）不断健全工作机制。完善…) is titled
    by that first sentence."""
    title = heading.title
    stop = title.find("。")
    if 0 <= stop < len(title) - 1:
        title = title[: stop + 1]
    return Heading(heading.label, title, heading.place)


def split_bracket(text: str) -> tuple[str, str | None]:
    """The item's text and what its last bracket holds when that bracket names units."""
    body = text.rstrip(_TRAILING)
    if not body or body[-1] not in CLOSING:
        return text, None
    depth = 0
    for index in range(len(body) - 1, -1, -1):
        ch = body[index]
        if ch in CLOSING:
            depth += 1
        elif ch in OPENING:
            depth -= 1
            if depth == 0:
                inside = body[index + 1 : -1]
                if _LABEL.search(inside) or _SPOKEN.match(inside.strip()):
                    return body[:index].rstrip(), inside
                return text, None
    return text, None


def _fill(task: DraftTask, content: str, place) -> None:
    found = list(_LABEL.finditer(content))
    if not found:
        spoken = _SPOKEN.match(content.strip())
        if spoken:
            _add(task, "lead", spoken.group("lead"), place)
            if spoken.group("responsible"):
                _add(task, "responsible", spoken.group("responsible"), place)
        return
    for index, label in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(content)
        _add(task, _ROLE_OF[label.group("label")], content[label.end() : end], place)


def _add(task: DraftTask, role: str, text: str, place) -> None:
    text = text.strip(_TRAILING)
    if role != "deadline":
        text, deadline = _deadline_at_end(text)
        if deadline:
            task.deadline = Cell(deadline, place)
    if not text:
        return
    if role == "deadline":
        task.deadline = Cell(text, place)
    else:
        getattr(task, role).append(Cell(text, place))


def _deadline_at_end(text: str) -> tuple[str, str | None]:
    """`县财政局，6月底完成` → (`县财政局`, `6月底完成`): a deadline as the bracket's last item."""
    for separator in "，,；;":
        head, found, tail = text.rpartition(separator)
        if found and _DEADLINE_HINT.search(tail):
            return head.strip(_TRAILING), tail.strip(_TRAILING)
    if _DEADLINE_HINT.search(text) and not re.search(r"[局委办院中心组]", text):
        return "", text
    return text, None
