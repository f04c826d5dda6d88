"""`matrix`: units × tasks (lead ●, responsible ○) as plain data, and its table."""

from __future__ import annotations

from dataclasses import dataclass

from pilotledger import rules
from pilotledger.document import Column, Document, Table
from pilotledger.model import Ledger, Task
from pilotledger.wording import Labels


@dataclass
class MatrixUnit:
    id: str
    name: str
    lead: int
    responsible: int


@dataclass
class MatrixListing:
    """Units × tasks; cells[unit_id][task] is "lead" or "responsible"; unmarked units left out."""

    units: list[MatrixUnit]
    tasks: list[int]
    cells: dict[str, dict[int, str]]


def matrix_listing(ledger: Ledger, tasks: list[Task]) -> MatrixListing:
    grid = rules.matrix(ledger, tasks)
    units = [
        MatrixUnit(u, ledger.units[u].name, grid.count(u, "lead"), grid.count(u, "responsible"))
        for u in grid.units
    ]
    return MatrixListing(units, grid.tasks, {u: dict(grid.cells[u]) for u in grid.units})


MARKS = {"lead": "●", "responsible": "○"}


def matrix_document(
    ledger: Ledger, grid: MatrixListing, labels: Labels, words: bool = False
) -> Document:
    marks = {role: labels(f"mark_{role}") if words else MARKS[role] for role in MARKS}
    columns = [Column("unit", labels("unit"))]
    columns += [Column(str(n), str(n), "center") for n in grid.tasks]
    columns += [
        Column("lead_count", labels("lead_count"), "right", kind="int"),
        Column("responsible_count", labels("responsible_count"), "right", kind="int"),
    ]
    rows = []
    for unit in grid.units:
        cells = [marks.get(grid.cells[unit.id].get(n, ""), "") for n in grid.tasks]
        rows.append([labels.unit_name(ledger.units[unit.id]), *cells, unit.lead, unit.responsible])
    per_task = [sum(1 for u in grid.units if n in grid.cells[u.id]) for n in grid.tasks]
    total_lead = sum(u.lead for u in grid.units)
    total_responsible = sum(u.responsible for u in grid.units)
    rows.append([labels("total"), *per_task, total_lead, total_responsible])
    table = Table(
        labels("title_matrix"),
        columns,
        rows,
        notes=[labels("matrix_legend")],
        row_headers=True,
        pages=(1, 1 + len(grid.tasks)),
    )
    return Document("", [table], grid)
