"""The register of the reminders sent (发文登记): how `remind` knows that a unit was already
reminded of an item, so that its next letter says 再次提示. Pure: text in, text out; the CLI
reads and writes the file.

`remind --output-dir DIR` keeps it as DIR/发文登记.csv, one row per letter written:

    成文日期,单位编号,单位,事项,文件
    2022-07-06,commerce,县商务委,月报2022-03 月报2022-05 节点40@2022-04-30,县商务委.docx

事项 names what the letter asked for: a missing monthly report (月报 + its month) or a missed
milestone (节点 + task @ due day); the words keep a spreadsheet from taking 2022-03 for a date.
单位 (the unit's name) and 文件 are for the reader; the unit id is what counts. Rewritten whole
after each run: a unit's row of the same day is replaced (running remind twice on one day is
not a second notice). A row that Excel or WPS saved back (a date as 2022/7/6, GB18030 text) is
read as it was meant; a row that cannot be read stops remind with its line and field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from pilotledger.dates import parse_date
from pilotledger.errors import UserError
from pilotledger.wording import Message

REGISTER = "发文登记.csv"
HEADER = ("成文日期", "单位编号", "单位", "事项", "文件")
MONTH_ITEM = re.compile(r"月报(\d{4}-\d{2})")
MILESTONE_ITEM = re.compile(r"节点(\d+@\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Sent:
    """A letter in the register: its day, the unit it went to, the items it named (keys as
    reminders.py makes them: 2022-03, 40@2022-04-30), the unit's name and the file."""

    day: dt.date
    unit: str
    items: frozenset[str]
    name: str = ""
    file: str = ""


def decode(raw: bytes) -> str:
    """UTF-8 (with or without the BOM we write), else GB18030 (a WPS or Excel save)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def parse_register(text: str, path: str) -> list[Sent]:
    """The register's rows; UserError naming `path`, the line and the field of a bad row."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    if tuple(cell.strip() for cell in rows[0][:3]) != HEADER[:3]:
        raise _bad(path, 1, "header", ",".join(rows[0]))
    return [
        _row(row, path, line)
        for line, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]


def _row(row: list[str], path: str, line: int) -> Sent:
    cells = [cell.strip() for cell in row] + [""] * (len(HEADER) - len(row))
    try:
        day = parse_date(cells[0], dt.date.min) if cells[0][:1].isdigit() else None
    except (ValueError, UserError):
        day = None
    if day is None:
        raise _bad(path, line, HEADER[0], cells[0])
    if not cells[1]:
        raise _bad(path, line, HEADER[1], cells[1])
    items = MONTH_ITEM.findall(cells[3]) + MILESTONE_ITEM.findall(cells[3])
    rest = MILESTONE_ITEM.sub("", MONTH_ITEM.sub("", cells[3])).strip(" ;；,，、")
    if rest:
        raise _bad(path, line, HEADER[3], cells[3])
    return Sent(day, cells[1].removeprefix("'"), frozenset(items), cells[2], cells[4])


def _bad(path: str, line: int, field: str, value: str) -> UserError:
    return UserError(Message("register_bad_row", path=path, line=line, field=field, value=value))


def with_letters(rows: list[Sent], written: list[Sent]) -> list[Sent]:
    """The register after this run: the rows kept (not those of a unit written again on the
    same day), then the new ones, in date order."""
    replaced = {(sent.unit, sent.day) for sent in written}
    kept = [sent for sent in rows if (sent.unit, sent.day) not in replaced]
    return sorted([*kept, *written], key=lambda sent: sent.day)


def register_text(rows: list[Sent], cell: Callable[[str], str]) -> str:
    """The register as UTF-8 csv with a BOM (Excel opens it as Chinese); each text goes
    through `cell`, the spreadsheet neutraliser (a unit named =… is no formula)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for sent in rows:
        texts = (sent.day.isoformat(), sent.unit, sent.name, _items_text(sent.items), sent.file)
        writer.writerow([cell(text) for text in texts])
    return "\ufeff" + out.getvalue()


def _items_text(items: frozenset[str]) -> str:
    months = sorted(item for item in items if "@" not in item)
    milestones = sorted(item for item in items if "@" in item)
    return " ".join([*(f"月报{m}" for m in months), *(f"节点{m}" for m in milestones)])
