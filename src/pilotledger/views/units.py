"""`units`: the units with how many tasks each leads and shares, and their table."""

from __future__ import annotations

from dataclasses import dataclass

from pilotledger import rules
from pilotledger.document import Column, Document, Table
from pilotledger.model import Ledger, UnitKind
from pilotledger.wording import Labels


@dataclass
class UnitItem:
    id: str
    name: str
    name_en: str | None
    kind: UnitKind
    aliases: list[str]
    lead: int  # tasks the unit leads
    responsible: int  # tasks the unit is responsible for


def unit_items(ledger: Ledger) -> list[UnitItem]:
    grid = rules.matrix(ledger, list(ledger.tasks.values()))
    return [
        UnitItem(
            unit.id,
            unit.name,
            unit.name_en,
            unit.kind,
            list(unit.aliases),
            grid.count(unit.id, "lead") if unit.id in grid.cells else 0,
            grid.count(unit.id, "responsible") if unit.id in grid.cells else 0,
        )
        for unit in ledger.units.values()
    ]


def units_document(ledger: Ledger, items: list[UnitItem], labels: Labels) -> Document:
    columns = [
        Column("id", labels("unit_id")),
        Column("name", labels("unit"), wrap=True),
        Column("kind", labels("kind")),
        Column("lead_count", labels("lead_count"), "right"),
        Column("responsible_count", labels("responsible_count"), "right"),
        Column("aliases", labels("aliases"), wrap=True),
    ]
    rows = [
        [
            u.id,
            labels.unit_full_name(ledger.units[u.id]),
            labels(f"unit_kind_{u.kind.value}"),
            u.lead,
            u.responsible,
            u.aliases,
        ]
        for u in items
    ]
    return Document("", [Table(labels("title_units"), columns, rows)], items)
