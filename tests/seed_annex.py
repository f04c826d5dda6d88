"""Parse the annex table (任务分工) of the seed plan into plain rows.

Used by the seed test to compare the registries with the source document. Written
independently of the package so a mistake in the package cannot hide itself here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ANNEX_MARKER = "附件"
HEADER_CELLS = ("序号", "试点任务", "牵头单位", "责任单位")
PART_RE = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
SECTION_RE = re.compile(r"^（([一二三四五六七八九十]+)）(.+)$")


@dataclass
class AnnexTask:
    number: int
    text: str
    lead: list[str]
    responsible: list[str]
    section_label: str
    part_label: str


@dataclass
class Annex:
    parts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # label, title, part
    tasks: list[AnnexTask] = field(default_factory=list)


def split_units(cell: str) -> list[str]:
    return [name for name in cell.split("、") if name]


def _rows(lines: list[str]) -> list[list[str]]:
    rows, current = [], []
    for line in lines:
        if line.startswith("\t"):
            current.append(line[1:].rstrip())
        elif line.strip() == "" and current:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    return rows


def parse_annex(path: Path) -> Annex:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == ANNEX_MARKER)
    rows = _rows(lines[start + 2 :])
    assert tuple(rows[0]) == HEADER_CELLS, rows[0]
    annex = Annex()
    part = section = ""
    for row in rows[1:]:
        first = row[0]
        if first.isdigit():
            cells = row + [""] * (4 - len(row))
            annex.tasks.append(
                AnnexTask(
                    int(first),
                    cells[1],
                    split_units(cells[2]),
                    split_units(cells[3]),
                    section,
                    part,
                )
            )
        elif match := PART_RE.match(first):
            part = match.group(1)
            annex.parts.append((part, match.group(2)))
        elif match := SECTION_RE.match(first):
            section = f"（{match.group(1)}）"
            annex.sections.append((section, match.group(2), part))
        else:  # a responsible cell standing alone after an empty line (task 33)
            assert len(row) == 1 and not annex.tasks[-1].responsible, row
            annex.tasks[-1].responsible = split_units(first)
    return annex
