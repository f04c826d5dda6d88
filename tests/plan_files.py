"""Published plans written by the tests: the shipped annex rebuilt from data/tasks.yaml and
data/units.yaml, as a text file (the seed's layout), a Word table, a task sheet, a web page;
and the registries of a ledger as plain values compared by unit name."""

from __future__ import annotations

from pathlib import Path

from helpers.ledgers import REPO, SHIPPED
from pilotledger.store.yamlio import load_data

HEADER = ["序号", "试点任务", "牵头单位", "责任单位"]
TITLE = "石柱县服务业扩大开放综合试点实施方案"
ISSUER = "石柱土家族自治县人民政府办公室"
PREAMBLE = [
    ISSUER,
    f"关于印发{TITLE}的通知",
    f"《{TITLE}》已经县政府同意，现印发给你们，请结合实际认真贯彻落实。",
    ISSUER,
    "2022年2月24日",
    TITLE,
    "（三）发展目标",
    "经过三年试点，全面落实55项改革试点任务。",
    "附件",
    f"{TITLE}任务分工",
]
# The annex's quirk: task 12 names 县卫生健康委 by its short form.
SHORT_NAMES = {(12, "health"): "县卫健委"}


def load(path: Path):
    return load_data(path.read_text(encoding="utf-8"))


def shipped_registries():
    return load(SHIPPED / "tasks.yaml"), load(SHIPPED / "units.yaml")


def annex_rows(tasks=None, units=None) -> list[list[str]]:
    """The annex as rows: a part or section row is one cell; a task row four cells."""
    if tasks is None:
        tasks, units = shipped_registries()
    names = {unit["id"]: unit["name"] for unit in units["units"]}
    rows, part, section = [], None, None
    sections = {s["number"]: s for s in tasks["sections"]}
    parts = {p["number"]: p for p in tasks["parts"]}
    for task in tasks["tasks"]:
        here = sections[task["section"]]
        if here["part"] != part:
            part = here["part"]
            rows.append([parts[part]["label"] + parts[part]["title"]])
        if here["number"] != section:
            section = here["number"]
            rows.append([here["label"] + here["title"]])

        lead = _names(task, "lead", names)
        responsible = _names(task, "responsible", names) + (task.get("note") or "")
        rows.append([str(task["number"]), task["text"], lead, responsible])
    return rows


def _names(task: dict, role: str, names: dict) -> str:
    return "、".join(SHORT_NAMES.get((task["number"], u), names[u]) for u in task[role])


def seed_layout(rows: list[list[str]], preamble=PREAMBLE) -> str:
    """The seed's text layout: one tab-led line per cell, an empty line after each row."""
    lines = [*preamble]
    for row in [HEADER, *rows]:
        lines += ["\t" + cell for cell in row] + [""]
    return "\n".join(lines) + "\n"


def write_docx(path: Path, rows: list[list[str]], header=HEADER, preamble=PREAMBLE) -> Path:
    import docx

    document = docx.Document()
    for line in preamble:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    for row in [header, *rows]:
        cells = table.add_row().cells
        if len(row) == 1:
            merged = cells[0].merge(cells[-1])
            merged.text = row[0]
        else:
            for cell, text in zip(cells, row):
                cell.text = text
    document.save(path)
    return path


def write_xlsx(path: Path, rows: list[list[str]], header=HEADER, preamble=PREAMBLE) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in preamble:
        sheet.append([line])
    sheet.append(header)
    for row in rows:
        if len(row) == 1:
            sheet.append(row)
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4
            )
        else:
            sheet.append([int(row[0]), *row[1:]])
    book.save(path)
    return path


def write_html(path: Path, rows: list[list[str]], header=HEADER, preamble=PREAMBLE) -> Path:
    from html import escape

    body = "".join(f"<p>{escape(line)}</p>\n" for line in preamble)
    cells = "".join(f"<th>{escape(c)}</th>" for c in header)
    table = [f"<tr>{cells}</tr>"]
    for row in rows:
        if len(row) == 1:
            table.append(f'<tr><td colspan="{len(header)}">{escape(row[0])}</td></tr>')
        else:
            table.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>\n'
        f'{body}<table border="1">\n' + "\n".join(table) + "\n</table></body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


def by_name(tasks: dict, units: dict) -> dict:
    """A ledger's registries with every unit id replaced by the unit's name (aliases, ids and
    English names aside)."""
    names = {unit["id"]: unit["name"] for unit in units["units"]}
    sections = {s["number"]: s for s in tasks["sections"]}
    return {
        "parts": [(p["number"], p["label"], p["title"]) for p in tasks["parts"]],
        "sections": [(s["number"], s["label"], s["part"], s["title"]) for s in tasks["sections"]],
        "tasks": [
            (
                t["number"],
                t["section"],
                sections[t["section"]]["part"],
                t["text"],
                [names[u] for u in t["lead"]],
                [names[u] for u in t["responsible"]],
                t.get("note"),
            )
            for t in tasks["tasks"]
        ],
        "units": sorted(names.values()),
        "groups": sorted(u["name"] for u in units["units"] if u["kind"] == "group"),
    }


def ledger_by_name(root: Path) -> dict:
    return by_name(load(root / "tasks.yaml"), load(root / "units.yaml"))


def seed_file() -> Path | None:
    """The published seed plan, in ../shared/seed of the repository or of a folder above it."""
    for folder in [REPO, *REPO.parents]:
        candidate = folder / "shared" / "seed" / "000_ad05ac753dbc1a9c.txt"
        if candidate.is_file():
            return candidate
    return None
