"""The plan's title, issuer, issue date and pilot period, from its text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pilotledger.planimport.draft import NUMERAL, chinese_number
from pilotledger.planimport.sources import Cell, Place

TITLE_ENDS = ("方案", "计划", "清单", "要点", "措施", "意见", "细则", "任务分工")
_TITLE_LINE = re.compile(r"^[^，。：；！？,:;（）()\s]{4,60}$")
_QUOTED = re.compile(r"《([^》]{4,80})》")
_NOTICE = re.compile(r"关于印发(.{4,80}?)的通知")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_LONE_DATE = re.compile(r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$")
_PERIOD = re.compile(
    rf"(?:经过|用|通过|为期|试点期(?:为|限为)?|试点期限为)\s*([{NUMERAL}\d]{{1,3}})\s*年(?:时间|左右)?"
    r"(?:试点|探索|时间|的试点|努力)?"
)
_SIGNED = re.compile(
    r"^(?P<issuer>\S[^\d]{1,40}?)[ \t\u3000\u00a0]+"
    r"(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$"
)
ISSUER_ENDS = ("办公室", "人民政府", "委员会", "领导小组", "指挥部", "办公厅", "工作组")
_ISSUER_END_CHARS = set("局委办厅院府组部")


@dataclass(frozen=True)
class Found:
    value: object
    place: Place | None


@dataclass(frozen=True)
class Metadata:
    title: Found | None
    issuer: Found | None
    issued: Found | None
    years: Found | None  # the pilot period in whole years, as the text states it


def read_metadata(lines: list[Cell]) -> Metadata:
    issued, at = _issue_date(lines)
    return Metadata(_title(lines), _issuer(lines, at), issued, _period(lines))


def _stripped(lines: list[Cell]) -> list[tuple[str, Place]]:
    """Each line's text without its blanks; a signature on one line (`某区人民政府办公室
    2023年6月1日`, as web pages print it) as the issuer's line and the date's."""
    stripped = []
    for line in lines:
        text = line.text.strip(" \t\u3000\ufeff")
        signed = _SIGNED.match(text)
        if signed and _looks_like_issuer(signed.group("issuer")):
            stripped += [(signed.group("issuer"), line.place), (signed.group("date"), line.place)]
        else:
            stripped.append((text, line.place))
    return stripped


def _title(lines: list[Cell]) -> Found | None:
    for text, place in _stripped(lines):
        if (
            text.endswith(TITLE_ENDS[:-1])
            and _TITLE_LINE.match(text)
            and not text.startswith("关于")
            and "《" not in text
        ):
            return Found(text, place)
    for text, place in _stripped(lines):
        for quoted in _QUOTED.findall(text):
            if quoted.endswith(TITLE_ENDS[:-1]):
                return Found(quoted, place)
    head = "".join(text for text, _ in _stripped(lines[:12]))
    notice = _NOTICE.search(head)
    if notice:
        return Found(notice.group(1), lines[0].place)
    return None


def _issue_date(lines: list[Cell]) -> tuple[Found | None, int | None]:
    """The first date standing alone on its line (the signature or the date under the title),
    else a date in a 发布日期/成文日期 line of a web page."""
    stripped = _stripped(lines)
    for index, (text, place) in enumerate(stripped):
        found = _LONE_DATE.match(text)
        if found and (day := _day(found)):
            return Found(day, place), index
    for text, place in stripped:
        if re.search(r"(发布|成文|印发)(日期|时间)", text):
            found = _DATE.search(text) or _ISO.search(text)
            if found and (day := _day(found)):
                return Found(day, place), None
    return None, None


def _day(found: re.Match) -> dt.date | None:
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def _issuer(lines: list[Cell], date_index: int | None) -> Found | None:
    stripped = _stripped(lines)
    if date_index is not None:
        for text, place in reversed(stripped[max(date_index - 3, 0) : date_index]):
            if text:
                if _looks_like_issuer(text):
                    return Found(text, place)
                break
    for text, place in stripped[:5]:
        text = text.removesuffix("文件").strip()
        if _looks_like_issuer(text):
            return Found(text, place)
    return None


def _looks_like_issuer(text: str) -> bool:
    return (
        2 < len(text) <= 40
        and not re.search(r"[，。：；！？,:;《》\d]", text)
        and (text.endswith(ISSUER_ENDS) or text[-1] in _ISSUER_END_CHARS)
    )


def _period(lines: list[Cell]) -> Found | None:
    for text, place in _stripped(lines):
        found = _PERIOD.search(text)
        if found:
            years = chinese_number(found.group(1))
            if years and 0 < years <= 20:
                return Found(years, place)
    return None


def years_later(day: dt.date, years: int) -> dt.date:
    """The last day of a period of whole years starting on `day` (2022-02-24, 3 → 2025-02-23)."""
    try:
        same = day.replace(year=day.year + years)
    except ValueError:  # 29 February
        same = dt.date(day.year + years, 3, 1)
    return same - dt.timedelta(days=1)
