"""The annex table (任务分工): its header under any of the names offices give its columns,
part and section rows between the tasks, a table that starts again on each page, rows and
cells broken over lines or pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pilotledger.planimport.draft import (
    Draft,
    DraftTask,
    Heading,
    join_lines,
    part_heading,
    section_heading,
)
from pilotledger.planimport.sources import Cell, PlanSource, Table

# The column names offices use, by role (compared with all blanks removed).
HEADERS = {
    "number": ("序号", "编号", "序列"),
    "task": (
        "试点任务",
        "重点任务",
        "工作任务",
        "主要任务",
        "任务内容",
        "改革任务",
        "具体任务",
        "任务",
        "工作内容",
        "工作措施",
        "主要内容",
        "具体措施",
        "任务举措",
        "具体举措",
        "工作举措",
        "主要举措",
        "推进措施",
    ),
    "lead": ("牵头单位", "牵头部门", "牵头单位（部门）", "牵头"),
    "responsible": (
        "责任单位",
        "配合单位",
        "协办单位",
        "参与单位",
        "责任部门",
        "配合部门",
        "协同单位",
        "责任单位（部门）",
        "配合单位（部门）",
    ),
    "deadline": (
        "完成时限",
        "时间节点",
        "完成时间",
        "时限",
        "时间安排",
        "进度安排",
        "完成时限要求",
    ),
}
HEADER_SEARCH = 40  # the header row is among the first rows of a table (a sheet has a title above)
_BLANKS = re.compile(r"\s+")
_NUMBER = re.compile(r"^\s*(\d{1,5})\s*[.．、]?\s*$")


def squeezed(text: str) -> str:
    return _BLANKS.sub("", text)


@dataclass(frozen=True)
class Columns:
    """The index of each role's column in the header row (None where the table has none)."""

    number: int
    task: int
    lead: int | None
    responsible: int | None
    deadline: int | None
    width: int
    header: tuple[str, ...]
    other_tasks: tuple[int, ...] = ()  # task-like columns left of the task column


def header_of(row: list[Cell]) -> Columns | None:
    """The columns a header row names; None when it names no number, task and unit column.
    Of two task columns (重点任务 | 具体措施) the right one holds the tasks' own words."""
    found: dict[str, int] = {}
    names = tuple(squeezed(cell.text) for cell in row)
    tasks = [index for index, name in enumerate(names) if name in HEADERS["task"]]
    for index, name in enumerate(names):
        for role, synonyms in HEADERS.items():
            if role not in found and name in synonyms:
                found[role] = index
                break
    if "number" not in found or not tasks:
        return None
    if "lead" not in found and "responsible" not in found:
        return None
    return Columns(
        found["number"],
        tasks[-1],
        found.get("lead"),
        found.get("responsible"),
        found.get("deadline"),
        len(row),
        names,
        tuple(tasks[:-1]),
    )


def read_annex(source: PlanSource, draft: Draft) -> bool:
    """Fill `draft` from the annex tables; False when the source has no table whose header
    names a number, a task and a unit column."""
    reader = _AnnexReader(draft)
    for table in source.tables:
        reader.read(table)
    return reader.columns is not None


class _AnnexReader:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.columns: Columns | None = None
        self.last: DraftTask | None = None
        self.last_row_short = False

    def read(self, table: Table) -> None:
        rows = table.rows
        start = self._header_index(rows)
        if start is None:
            if self.columns is None or not table.aligned or not rows:
                return
            if len(rows[0]) != self.columns.width:
                return
            self.draft.decide("import_table_continues", rows[0][0].place)
            start = 0
        else:
            if self.columns is not None:
                self.draft.decide("import_header_again", rows[start][0].place)
            self.columns = header_of(rows[start])
            self._report_columns(rows[start])
            start += 1
            if start < len(rows) and table.aligned:
                refined = _second_header_row(self.columns, rows[start])
                if refined is not None:  # 责任单位 over 牵头单位 | 配合单位
                    self.columns = refined
                    self.draft.decide("import_two_header_rows", rows[start][0].place)
                    start += 1
        for row in rows[start:]:
            self._row(row, table.aligned)

    def _report_columns(self, header: list[Cell]) -> None:
        columns = self.columns
        for index in columns.other_tasks:
            self.draft.decide(
                "import_task_column",
                header[columns.task].place,
                used=columns.header[columns.task],
                other=columns.header[index],
            )

    def _header_index(self, rows: list[list[Cell]]) -> int | None:
        for index, row in enumerate(rows[:HEADER_SEARCH]):
            if header_of(row) is not None:
                return index
        return None

    def _row(self, row: list[Cell], aligned: bool) -> None:
        columns = self.columns
        filled = [cell for cell in row if cell.text]
        if not filled:
            return
        if tuple(squeezed(cell.text) for cell in row) == columns.header:
            self.draft.decide("import_header_again", row[0].place)
            return
        number_cell = _cell(row, columns.number)
        found = _NUMBER.match(number_cell.text) if number_cell else None
        if found:
            self._task(row, int(found.group(1)), aligned)
        elif not self._heading(row, filled):
            self._continuation(row, filled, aligned)

    def _heading(self, row: list[Cell], filled: list[Cell]) -> bool:
        distinct = {cell.text for cell in filled}
        if len(distinct) == 1:
            text, place = filled[0].text, filled[0].place
        elif len(filled) == 2 and filled[0] is _cell(row, self.columns.number):
            text, place = filled[0].text + "、" + filled[1].text, filled[0].place  # 一 | 标题
            if filled[0].text.startswith(("（", "(")):
                text = filled[0].text + filled[1].text
        else:
            return False
        text = join_lines(text)
        section = section_heading(text, place)
        if section is not None:
            self.draft.open_section(section)
            return True
        part = part_heading(text, place)
        if part is not None:
            self.draft.open_part(part)
            return True
        return False

    def _task(self, row: list[Cell], number: int, aligned: bool) -> None:
        columns = self.columns
        task_cell = _cell(row, columns.task)
        task = DraftTask(
            number,
            join_lines(task_cell.text) if task_cell else "",
            row[columns.number].place,
            self.draft.current_section(),
        )
        for role in ("lead", "responsible"):
            cell = _cell(row, getattr(columns, role))
            if cell is not None and cell.text:
                getattr(task, role).append(cell)
        task.deadline = _cell(row, columns.deadline)
        self.draft.tasks.append(task)
        self.last = task
        self.last_row_short = not aligned and len(row) < columns.width
        self.last_row_length = len(row)

    def _continuation(self, row: list[Cell], filled: list[Cell], aligned: bool) -> None:
        task = self.last
        if task is None:
            self.draft.doubt("import_row_not_understood", filled[0].place, text=filled[0].text)
            return
        if not aligned:
            if not self.last_row_short:
                self.draft.doubt("import_row_not_understood", filled[0].place, text=filled[0].text)
                return
            # the cells a row left out, on lines of their own after an empty line (task 33)
            missing = range(self.last_row_length, self.columns.width)
            for index, cell in zip(missing, row):
                self._extend(task, index, cell)
            self.last_row_length += len(row)
            self.last_row_short = self.last_row_length < self.columns.width
        else:
            for index, cell in enumerate(row):
                if cell.text:
                    self._extend(task, index, cell)
        self.draft.decide("import_row_continues", filled[0].place, number=task.number)

    def _extend(self, task: DraftTask, index: int, cell: Cell) -> None:
        columns = self.columns
        if index == columns.task:
            task.text = join_lines(task.text + "\n" + cell.text)
        elif index in (columns.lead, columns.responsible):
            role = "lead" if index == columns.lead else "responsible"
            cells = getattr(task, role)
            if cells:
                cells[-1] = Cell(cells[-1].text + "\n" + cell.text, cells[-1].place)
            else:
                cells.append(cell)
        elif index == columns.deadline:
            before = task.deadline.text + "\n" if task.deadline and task.deadline.text else ""
            place = task.deadline.place if task.deadline else cell.place
            task.deadline = Cell(before + cell.text, place)


def _second_header_row(columns: Columns, row: list[Cell]) -> Columns | None:
    """The columns again when `row` is the second row of a two-row header (a merged 责任单位
    cell over 牵头单位 | 配合单位): the unit and deadline columns it names, where it names them."""
    if len(row) != columns.width:
        return None
    names = tuple(squeezed(cell.text) for cell in row)
    if _NUMBER.match(names[columns.number]):
        return None
    roles = {}
    for index, name in enumerate(names):
        for role in ("lead", "responsible", "deadline"):
            if name in HEADERS[role] and role not in roles:
                roles[role] = index
    if "lead" not in roles and "responsible" not in roles:
        return None
    return replace(
        columns,
        lead=roles.get("lead", columns.lead),
        responsible=roles.get("responsible", columns.responsible),
        deadline=roles.get("deadline", columns.deadline),
    )


def _cell(row: list[Cell], index: int | None) -> Cell | None:
    if index is None or index >= len(row):
        return None
    return row[index]


__all__ = ["Heading", "read_annex"]
