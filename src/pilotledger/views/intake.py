"""`intake`'s table: the records returned forms would make, one row each, for the clerk to
read before anything is written (and for --dry-run)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilotledger.document import Column, Document, Table
from pilotledger.wording import Labels

if TYPE_CHECKING:  # the rows are forms.intake's (forms sits above the views)
    from pilotledger.forms.intake import RowRecord


def intake_document(rows: list[RowRecord], labels: Labels) -> Document:
    columns = [
        Column("form", labels("intake_col_form"), wrap=True),
        Column("cell", labels("intake_col_cell"), "right", kind="int"),
        Column("task", labels("task"), "right", kind="int"),
        Column("unit", labels("unit"), wrap=True),
        Column("date", labels("date")),
        Column("status", labels("status")),
        Column("progress", labels("progress"), "right"),
        Column("summary", labels("summary"), wrap=True, shorten=60),
        Column("kind", labels("intake_col_kind")),
    ]
    table_rows = [
        [
            row.file,
            row.row,
            row.draft.task.number,
            labels.unit_name(row.draft.unit),
            row.draft.date.isoformat(),
            labels.status_name(row.draft.status),
            "" if row.draft.progress is None else f"{row.draft.progress}%",
            row.draft.summary,
            labels("intake_correction" if row.draft.corrects else "intake_new"),
        ]
        for row in rows
    ]
    title = labels("intake_title", count=len(rows))
    return Document("", [Table(title, columns, table_rows)], None)
