"""What an import has found before it becomes registries: headings, tasks with their unit
cells as printed, and every decision and doubt with its places in the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotledger.planimport.sources import Cell, Place
from pilotledger.wording import Message


@dataclass(frozen=True)
class Heading:
    label: str
    title: str
    place: Place


@dataclass
class DraftSection:
    heading: Heading | None  # None: made for tasks that stand under no section heading
    part: int  # index into Draft.parts


@dataclass
class DraftTask:
    number: int | None  # as printed (None for an item without a number)
    text: str
    place: Place
    section: int  # index into Draft.sections
    lead: list[Cell] = field(default_factory=list)  # unit texts as printed, not yet split
    responsible: list[Cell] = field(default_factory=list)
    deadline: Cell | None = None


@dataclass(frozen=True)
class Note:
    """A decision the import took, or a doubt the clerk should settle, and where it came from."""

    message: Message
    places: tuple[Message, ...] = ()


@dataclass
class Draft:
    parts: list[Heading | None] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    decisions: list[Note] = field(default_factory=list)
    doubts: list[Note] = field(default_factory=list)

    def open_part(self, heading: Heading | None) -> None:
        self.parts.append(heading)

    def open_section(self, heading: Heading | None) -> None:
        if not self.parts:
            self.open_part(None)
        self.sections.append(DraftSection(heading, len(self.parts) - 1))

    def current_section(self) -> int:
        """The section a task found now belongs to (one is made when the part has none)."""
        if not self.sections or self.sections[-1].part != len(self.parts) - 1:
            self.open_section(None)
        return len(self.sections) - 1

    def decide(self, key: str, *places: Place, **words: object) -> None:
        self.decisions.append(Note(Message(key, **words), tuple(p.message() for p in places)))

    def doubt(self, key: str, *places: Place, **words: object) -> None:
        self.doubts.append(Note(Message(key, **words), tuple(p.message() for p in places)))


NUMERAL = "〇零一二三四五六七八九十百两"
PART_RE = re.compile(rf"^([{NUMERAL}]+)\s*[、.．]\s*(\S.*)$")
SECTION_RE = re.compile(rf"^[（(]\s*([{NUMERAL}]+)\s*[）)]\s*[、.．]?\s*(\S.*)$")
_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
_LATIN = re.compile(r"[A-Za-z0-9]")


def part_heading(text: str, place: Place) -> Heading | None:
    found = PART_RE.match(text.strip())
    return Heading(found.group(1) + "、", found.group(2).strip(), place) if found else None


def section_heading(text: str, place: Place) -> Heading | None:
    found = SECTION_RE.match(text.strip())
    return Heading(f"（{found.group(1)}）", found.group(2).strip(), place) if found else None


def join_lines(text: str) -> str:
    """A text broken over lines as one line: the break and the blanks around it go; two Latin
    words or numbers either side keep one space between them."""
    pieces = _BREAK.split(text.strip())
    joined = pieces[0]
    for piece in pieces[1:]:
        if joined and piece and _LATIN.match(joined[-1]) and _LATIN.match(piece[0]):
            joined += " "
        joined += piece
    return joined


CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})


def chinese_number(text: str) -> int | None:
    """一 → 1, 十三 → 13, 二十 → 20, 两 → 2; digits as digits; None for anything else."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + CN_DIGITS[ch]
    return total + current
