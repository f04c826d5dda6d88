"""Unit cells as names, names as units: one registry entry per distinct name, with a stable
ASCII id from its pinyin; groups and placeholders as kind `group`; a name that may be another
unit's short form is listed for the clerk, never merged unless `--alias` says so."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

# Ids from each character's own reading, without pypinyin's phrase table: an id then never
# changes when a pypinyin release updates its phrase data, and the table's load (0.2 s of CPU,
# most of an import's) is saved. Read by pypinyin when it is first imported, which is here.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")

from pypinyin import Style, lazy_pinyin, load_phrases_dict  # noqa: E402

from pilotledger.planimport.draft import Draft
from pilotledger.planimport.sources import Place

# Instead of pypinyin's phrase table (and its 0.1 s load), the few words of unit and place
# names whose characters read otherwise alone: ours, so an id changes only when this does.
# (The phrase table would not give 丰都 fengdu or 支行 zhihang either.)
READINGS = {
    "银行": "yín háng",
    "支行": "zhī háng",
    "分行": "fēn háng",
    "人行": "rén háng",
    "商行": "shāng háng",
    "行业": "háng yè",
    "重庆": "chóng qìng",
    "长寿": "cháng shòu",
    "长江": "cháng jiāng",
    "丰都": "fēng dū",
    "成都": "chéng dū",
    "首都": "shǒu dū",
    "调查": "diào chá",
    "会计": "kuài jì",
    "畜牧": "xù mù",
}
load_phrases_dict(
    {word: [[sound] for sound in reading.split()] for word, reading in READINGS.items()}
)

SEPARATORS = "、，,；;"
OPENING, CLOSING = "（(〔[【", "）)〕]】"
# The last character of a whole unit name (局, 委, 中心, 公司, 单位, 部门, …): a line break
# after one of these separates two names; any other line break is a name wrapped in its cell.
NAME_ENDS = set("局委办院行组会部处所站队室社心司厂团联馆校位门台厅署")
SHORTEST_NAME = 3  # 县教委: a line shorter than this is a piece of a wrapped name
_ETC = re.compile(r"^(?P<name>.+?)(?P<note>等(?:[^、，,；;\s]{0,8}(?:部门|单位|机构))?)$")
_LEAD_MARK = re.compile(r"^(?P<name>.+?)[（(]牵头[）)]$")
_BRACKETED = re.compile(r"^(?P<name>[^（(]+)[（(](?P<short>[^）)]+)[）)]$")
GROUP_RE = re.compile(
    r"^各|^相关|^有关|^其他|^其它|各(?:部门|单位|乡镇|街道|成员)|成员单位$|牵头单位$|责任单位$"
    r"|主管部门$|等单位$|等部门$|^全县"
)
COURT_RE = re.compile(r"法院|检察院")
PARTY_RE = re.compile(r"^[县市区省]委(?!会)|纪委|监委|^中共")
STATIONED_RE = re.compile(r"支行|分行|分局|监管组|海关|公司$|供电|银保监|人行")
INSTITUTION_RE = re.compile(r"中心$|事务中心|研究院$|学校$|医院$")
MAX_SLUG = 40


@dataclass
class Names:
    """A unit cell read as names, in the cell's order, and what was said beside them."""

    names: list[str] = field(default_factory=list)
    note: str | None = None
    leads: list[str] = field(default_factory=list)  # marked （牵头） inside a responsible cell


def _outside_brackets(text: str, separators: str) -> list[str]:
    pieces, current, depth = [], [], 0
    for ch in text:
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(depth - 1, 0)
        if ch in separators and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    return pieces


def name_prefixes(texts: list[str]) -> set[str]:
    """Every prefix of every name that stands whole on one line in some cell: what a name
    wrapped over two lines of a narrow column is joined back into."""
    prefixes = set()
    for text in texts:
        for piece in _outside_brackets(text, SEPARATORS):
            for line in piece.split("\n"):
                line = line.strip()
                prefixes.update(line[:end] for end in range(1, len(line) + 1))
    return prefixes


def _lines_as_names(piece: str, prefixes: set[str]) -> list[str]:
    lines = [line.strip() for line in piece.split("\n") if line.strip()]
    names: list[str] = []
    for line in lines:
        if names and _continues(names[-1], line, prefixes):
            names[-1] += line
        else:
            names.append(line)
    return names


def _continues(before: str, line: str, prefixes: set[str]) -> bool:
    if before + line in prefixes or min(len(before), len(line)) < SHORTEST_NAME:
        return True
    return before[-1] not in NAME_ENDS


def split_names(text: str, prefixes: set[str]) -> Names:
    """`县市场监管局、县商务委等责任部门` → names [县市场监管局, 县商务委], note 等责任部门;
    split on 、，,；; and line breaks, never inside brackets or inside a wrapped name."""
    read = Names()
    for piece in _outside_brackets(text, SEPARATORS):
        for name in _lines_as_names(piece, prefixes):
            name = re.sub(r"\s+", "", name)
            marked = _LEAD_MARK.match(name)
            if marked:
                read.leads.append(marked.group("name"))
                continue
            etc = _ETC.match(name)
            if etc and not GROUP_RE.search(name):
                name, read.note = etc.group("name"), etc.group("note")
            if name and name not in read.names:
                read.names.append(name)
    return read


def kind_of(name: str) -> str:
    for pattern, kind in (
        (GROUP_RE, "group"),
        (COURT_RE, "court"),
        (PARTY_RE, "party"),
        (STATIONED_RE, "stationed"),
        (INSTITUTION_RE, "institution"),
    ):
        if pattern.search(name):
            return kind
    return "department"


def slug_of(name: str) -> str:
    """县商务委 → shangwuwei: the pinyin of the name without its leading 县/市/区/省 and
    without what it holds in brackets; ASCII letters and digits only."""
    core = re.sub(r"[（(〔\[【][^）)〕\]】]*[）)〕\]】]", "", name)
    if len(core) > 2 and core[0] in "县市区省":
        core = core[1:]
    words = lazy_pinyin(core, style=Style.NORMAL, errors=lambda text: list(text))
    slug = re.sub(r"[^a-z0-9]", "", "".join(words).lower())[:MAX_SLUG]
    return slug or "unit"


def unique_slugs(names: list[str]) -> dict[str, str]:
    taken: set[str] = set()
    ids = {}
    for name in names:
        base = slug_of(name)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        ids[name] = slug
    return ids


def is_short_form(short: str, full: str) -> bool:
    """县卫健委 for 县卫生健康委: the same first and last character, and every character of
    the short name in the long one, in order."""
    if len(short) < 3 or len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


@dataclass
class UnitTable:
    """The plan's units: each distinct name once, in the order the plan first names it."""

    order: list[str] = field(default_factory=list)
    places: dict[str, list[Place]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # full name -> other names
    same_as: dict[str, str] = field(default_factory=dict)  # other name -> full name

    def see(self, name: str, place: Place) -> str:
        """The registry name `name` stands for (itself, or the unit it is an alias of)."""
        name = self.same_as.get(name, name)
        if name not in self.places:
            self.order.append(name)
            self.places[name] = []
        self.places[name].append(place)
        return name

    def alias(self, short: str, full: str) -> None:
        self.same_as[short] = full
        self.aliases.setdefault(full, [])
        if short not in self.aliases[full]:
            self.aliases[full].append(short)


def settle_names(
    table: UnitTable, all_names: list[str], given: dict[str, str], draft: Draft
) -> None:
    """Before the units are counted: `--alias` pairs, and the short name a unit carries in
    brackets (县事业单位登记管理局（县委编办）: 县委编办 names the same unit)."""
    for short, full in given.items():
        table.alias(short, full)
        draft.decide("import_alias_given", short=short, full=full)
    for name in all_names:
        bracketed = _BRACKETED.match(name)
        if (
            bracketed
            and bracketed.group("short") not in given
            and not any(sep in bracketed.group("short") for sep in SEPARATORS)
        ):
            short = bracketed.group("short")
            table.alias(short, name)
            if short in all_names:
                draft.decide("import_bracket_alias_used", short=short, full=name)


def alias_doubts(table: UnitTable, draft: Draft) -> None:
    """Every pair of the plan's names where one may be the other's short form. Only names
    alike in their first two characters and their last are compared (县卫健委, 县卫生健康委;
    县发改委, 县发展改革委), so a plan of thousands of units is not compared pair by pair."""
    alike: dict[tuple[str, str], list[str]] = {}
    for name in table.order:
        alike.setdefault((name[:2], name[-1:]), []).append(name)
    for short in table.order:
        for full in alike[(short[:2], short[-1:])]:
            if is_short_form(short, full):
                places = (table.places[short][0], table.places[full][0])
                draft.doubt("import_maybe_alias", *places, short=short, full=full)


def unusual_character_doubts(table: UnitTable, draft: Draft) -> None:
    """A name with a character that simplified-Chinese office text does not use (GB2312 has
    every one a county's unit names need): a traditional 務, a Kangxi radical ⾮ copied from a
    PDF, a look-alike that would make a second unit of the same office."""
    for name in table.order:
        unusual = [ch for ch in dict.fromkeys(name) if not _in_gb2312(ch)]
        if unusual:
            codes = "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in unusual)
            draft.doubt("import_unusual_character", table.places[name][0], name=name, codes=codes)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def unit_entries(table: UnitTable) -> list[dict]:
    ids = unique_slugs(table.order)
    return [
        {
            "id": ids[name],
            "name": name,
            "aliases": list(table.aliases.get(name, [])),
            "name_en": name,
            "kind": kind_of(name),
        }
        for name in table.order
    ]
