"""What an office sends (公文) as plain data: ONE model that docx, html, markdown and plain text
all lay out, so a 报告, a 通报 and a 提示函 read the same in every format.

A `Document` whose `official` is set is such a document. Its parts, in the order of GB/T
9704-2012 and as every renderer places them:

    文号 (number, optional)              石试点办〔2022〕3号            right under the head
    title (标题, office form)            关于…2022年第二季度推进情况的通报   centred
    addressee (主送机关)                 各试点任务牵头单位：            flush left
    opening, then blocks                 一、总体情况 / paragraphs …    the body (正文)
    annexes listed (附件说明)            附件：1．…  2．…
    signature (落款, 成文日期)            office / 2022年7月6日           right, under the body
    contact (填报人/审核人/联系电话)      （填报人：…　联系电话：…）
    provenance (what it was made from)   --known-at cut, ledger commit   a small line last
    the annexes themselves               附件1 / its title / its tables  each from a new page

Every string is already worded in the document's language (the views word it: report_letter
and the reminders), dates included (`wording.day_name`: 2022年7月6日, never ISO on a document's
face); a renderer only lays it out. Annex tables are the SAME Table objects as the Document's
`tables`, which csv, json and xlsx keep using as they are (json is `Document.data`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger.document import Table

CHINESE_NUMBERS = "一二三四五六七八九十"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (up to 99)."""
    if number <= 10:
        return CHINESE_NUMBERS[number - 1]
    tens, ones = divmod(number, 10)
    return (
        (CHINESE_NUMBERS[tens - 1] if tens > 1 else "")
        + "十"
        + (CHINESE_NUMBERS[ones - 1] if ones else "")
    )


def heading_mark(number: int, level: int, lang: str) -> str:
    """The mark before a heading of the body: level 1 一、 (1. ), level 2 （一） ((1) )."""
    if lang == "zh":
        mark = chinese_number(number)
        return f"{mark}、" if level == 1 else f"（{mark}）"
    return f"{number}. " if level == 1 else f"({number}) "


def item_mark(number: int, lang: str) -> str:
    """The mark before a numbered point under a heading: 1． / 1."""
    return f"{number}．" if lang == "zh" else f"{number}. "


@dataclass(frozen=True)
class Block:
    """One numbered part of the body: its heading (总体情况, without the 一、 the renderer
    numbers it with) and its paragraphs. An `items` paragraph list is numbered (1. 2. …) as
    points under the heading, after the paragraphs."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Annex:
    """附件 N: its title and the tables it holds (each under its own title)."""

    title: str
    tables: list[Table]


@dataclass(frozen=True)
class Signature:
    """落款: the sending office and the 成文日期, worded (2022年7月6日 / 6 July 2022), and
    that day as a date (the file's properties: created)."""

    office: str
    date: str
    day: dt.date | None = None


@dataclass
class Official:
    """A document to send; see the module docstring for where each part goes."""

    kind: str  # "report" | "notice" | "reminder": what it is (the renderers lay all alike)
    title: str
    addressee: str  # worded with its colon: 各试点任务牵头单位：
    signature: Signature
    opening: list[str] = field(default_factory=list)  # paragraphs before the first heading
    blocks: list[Block] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    annex_word: str = "附件"  # 附件 / Annex: the list's label and each annex's mark
    number: str | None = None  # 文号
    contact: str | None = None  # worded line: （填报人：张三　审核人：李四　联系电话：…）
    provenance: list[str] = field(default_factory=list)  # the ledger state it was made from

    def signature_lines(self) -> list[str]:
        return [self.signature.office, self.signature.date]

    def annex_list(self, lang: str) -> list[str]:
        """The body's 附件 lines, numbered: ["1．试点任务推进情况表", …] ("1. …" in English;
        a single annex without a number)."""
        if len(self.annexes) == 1:
            return [self.annexes[0].title]
        dot = "．" if lang == "zh" else ". "
        return [f"{n}{dot}{annex.title}" for n, annex in enumerate(self.annexes, start=1)]

    def annex_mark(self, index: int, lang: str) -> str:
        """The mark above annex `index` (0-based): 附件1 / Annex 1, or 附件 alone when it is
        the only one."""
        if len(self.annexes) == 1:
            return self.annex_word
        return f"{self.annex_word}{'' if lang == 'zh' else ' '}{index + 1}"
