"""Listings as Documents: the localised tables built from the plain data of listings.py and
changes.py (whose JSON is that same data, made by jsondata.plain). No I/O, no rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilotledger import rules
from pilotledger.document import Column, Document, LightLabel, Table
from pilotledger.i18n import Labels
from pilotledger.listings import (
    CheckReport,
    MatrixListing,
    Overdue,
    OverdueEntry,
    StatusRow,
    TaskDetail,
    TaskItem,
    UnitItem,
)
from pilotledger.model import Ledger, Record, Status

if TYPE_CHECKING:  # review's data lives in changes.py, imported by `review` alone
    from pilotledger.changes import AddedRecord, EditedRecord, Review

SHORT_TEXT = 36  # display columns of a task text in tables
SECTION_TITLE = 15  # characters of a section's title on its progress bar, … included


def unit_names(ledger: Ledger, ids: list[str], labels: Labels, full: bool = False) -> list[str]:
    name = labels.unit_full_name if full else labels.unit_name
    return [name(ledger.units[unit_id]) for unit_id in ids]


def _responsible_cell(ledger: Ledger, item, labels: Labels, full: bool = False) -> list[str]:
    """The responsible units, then the task's note (如 "各乡镇（街道）") when it has one."""
    return unit_names(ledger, item.responsible, labels, full) + ([item.note] if item.note else [])


def tasks_document(ledger: Ledger, items: list[TaskItem], labels: Labels) -> Document:
    columns = [
        Column("task", labels("task"), "right"),
        Column("section", labels("section")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("lead", labels("lead"), wrap=True),
        Column("responsible", labels("responsible"), wrap=True),
    ]
    sections = {s.number: s.label for s in ledger.sections}
    rows = [
        [
            t.task,
            sections[t.section],
            t.text,
            unit_names(ledger, t.lead, labels),
            _responsible_cell(ledger, t, labels),
        ]
        for t in items
    ]
    return Document("", [Table(labels("title_tasks"), columns, rows)], items)


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


def show_document(ledger: Ledger, detail: TaskDetail, labels: Labels) -> Document:
    """One task: its text, units, milestones and full history, corrections applied and marked."""
    section = next(s for s in ledger.sections if s.number == detail.section)
    facts = Table(
        f"{labels('task')} {detail.task}",
        [Column("field", ""), Column("value", "", wrap=True)],
        [
            [labels("section"), f"{section.label}{section.title}"],
            [labels("text"), detail.text],
            [labels("lead"), unit_names(ledger, detail.lead, labels, full=True)],
            [labels("responsible"), _responsible_cell(ledger, detail, labels, full=True)],
            [labels("status"), labels.status_name(detail.status)],
            [labels("progress"), _progress_text(detail.progress)],
            [labels("light"), LightLabel(labels(f"light_{detail.light}"), detail.light)],
        ],
    )
    milestones = Table(
        labels("milestones"),
        [
            Column("due", labels("due")),
            Column("target", labels("target")),
            Column("note", labels("note"), wrap=True),
        ],
        [
            [m.due.isoformat(), labels.status_name(m.target), m.note or ""]
            for m in detail.milestones
        ],
    )
    history = Table(
        labels("title_history"),
        _history_columns(labels),
        [_history_row(ledger, entry.record, entry.superseded, labels) for entry in detail.history],
    )
    return Document("", [facts, milestones, history], detail)


def _history_columns(labels: Labels) -> list[Column]:
    return [
        Column("date", labels("date")),
        Column("id", labels("id")),
        Column("unit", labels("unit")),
        Column("status", labels("status")),
        Column("progress", labels("progress"), "right"),
        Column("summary", labels("summary"), wrap=True),
        Column("problems", labels("problems"), wrap=True),
        Column("next_steps", labels("next_steps"), wrap=True),
        Column("evidence", labels("evidence"), wrap=True),
        Column("corrects", labels("corrects"), wrap=True),
        Column("recorded_by", labels("recorded_by"), wrap=True),
        Column("recorded_at", labels("recorded_at")),
    ]


def evidence_cell(item) -> str:
    """Evidence as shown: text as it is, a stored file as its path and the start of its hash."""
    return item if isinstance(item, str) else f"{item.file} (sha256 {item.sha256[:12]})"


def _history_row(ledger: Ledger, record: Record, superseded: bool, labels: Labels) -> list:
    marks = []
    if superseded:
        marks.append(labels("corrected"))
    if record.corrects:
        marks.append(labels("correction_of", id=record.corrects))
    return [
        record.date.isoformat(),
        record.id,
        labels.unit_name(ledger.units[record.unit]),
        labels.status_name(record.status),
        _progress_text(record.progress),
        record.summary,
        record.problems or "",
        record.next_steps or "",
        [evidence_cell(e) for e in record.evidence or []],
        "；".join(marks),
        record.recorded_by or "",
        record.recorded_at.isoformat(sep=" "),
    ]


def _progress_text(progress: int | None) -> str:
    return "" if progress is None else f"{progress}%"


def status_document(ledger: Ledger, rows: list[StatusRow], as_of, labels: Labels) -> Document:
    columns = [
        Column("task", labels("task"), "right"),
        Column("light", labels("light"), kind="light"),
        Column("status", labels("status")),
        Column("progress", labels("progress"), "right"),
        Column("last_date", labels("last_date")),
        Column("missing", labels("missing"), "right"),
        Column("lead", labels("lead"), wrap=True),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
    ]
    cells = [
        [
            r.task,
            LightLabel(labels(f"light_{r.light}"), r.light),
            labels.status_name(r.status),
            _progress_text(r.progress),
            r.last_date.isoformat() if r.last_date else "",
            len(r.missing_reports),
            unit_names(ledger, r.lead, labels),
            ledger.tasks[r.task].text,
        ]
        for r in rows
    ]
    title = labels("title_status", as_of=as_of.isoformat())
    table = Table(title, columns, cells, notes=[labels("legend")])
    table.bars = _section_bars(ledger, rows, labels)
    return Document("", [table], rows)


def _section_bars(ledger: Ledger, rows: list[StatusRow], labels: Labels) -> list[tuple[str, float]]:
    """Per section: a bar of the average progress of its listed tasks, labelled with how many
    are done (section_bar)."""
    bars = []
    for section in ledger.sections:
        in_section = [r for r in rows if ledger.tasks[r.task].section == section.number]
        if in_section:
            done = sum(1 for r in in_section if r.status is Status.done)
            average = rules.average_progress([r.progress for r in in_section])
            bars.append(section_bar(section, done, len(in_section), average, labels))
    return bars


def section_bar(
    section, done: int, tasks: int, average: float, labels: Labels
) -> tuple[str, float]:
    """One section's progress bar, as `status` and the period reports show it: the average
    progress of its tasks (rules.average_progress), labelled with how many are done."""
    title = section.title.rstrip("。")
    short = title if len(title) <= SECTION_TITLE else title[: SECTION_TITLE - 1] + "…"
    label = f"{section.label}{short} {done}/{tasks}"
    return f"{label} · {labels('avg_progress', avg=f'{average:.0%}')}", average


def overdue_document(ledger: Ledger, owed: Overdue, labels: Labels) -> Document:
    """What each lead unit owes: one group per unit (its name in the unit column; text formats
    head each group with the name and the count)."""
    columns = [
        Column("unit", labels("unit")),
        Column("task", labels("task"), "right"),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("kind", labels("overdue_kind")),
        Column("period", labels("period")),
        Column("days", labels("days"), "right"),
    ]
    rows, headings = [], {}
    for unit_id, entries in owed.by_unit.items():
        name = labels.unit_name(ledger.units[unit_id])
        headings[name] = labels("title_owed_by", unit=name, count=len(entries))
        rows.extend([name, *_overdue_cells(ledger, entry, labels)] for entry in entries)
    as_of = owed.as_of.isoformat()
    notes = [] if rows else [labels("nothing_overdue", as_of=as_of)]
    table = Table(
        labels("title_overdue", as_of=as_of),
        columns,
        rows,
        notes=notes,
        group_by="unit",
        group_titles=headings,
    )
    return Document("", [table], owed.entries)


def _overdue_cells(ledger: Ledger, entry: OverdueEntry, labels: Labels) -> list:
    text = ledger.tasks[entry.task].text
    if entry.kind == "report":
        return [entry.task, text, labels("kind_report"), entry.period, entry.days]
    period = f"{entry.due.isoformat()} → {labels.status_name(entry.target)}"
    return [entry.task, text, labels("kind_milestone"), period, entry.days]


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


def review_document(
    changes: Review, labels: Labels, registries=None, known: dict | None = None
) -> Document:
    """What changed since a revision: added records with their labels and names, corrections
    with the record they correct (`known`: record id → record), edits as old → new per field,
    removals flagged."""
    known = known or {}
    added_table = Table(
        labels("review_added", count=len(changes.added)),
        [
            Column("file", labels("file")),
            Column("id", labels("id")),
            Column("task", labels("task"), "right"),
            Column("date", labels("date")),
            Column("unit", labels("unit"), wrap=True),
            Column("status", labels("status")),
            Column("progress", labels("progress"), "right"),
            Column("summary", labels("summary"), wrap=True),
            Column("corrects", labels("corrects"), wrap=True),
            Column("recorded_at", labels("recorded_at")),
        ],
        [_added_row(item, registries, known, labels) for item in changes.added],
    )
    flagged = [
        *([c.file, c.id, labels("kind_edited"), _edits_text(c)] for c in changes.edited),
        *([c.file, c.id, labels("kind_removed"), ""] for c in changes.removed),
    ]
    flagged_table = Table(
        labels("review_flagged", count=len(flagged)),
        [
            Column("file", labels("file")),
            Column("id", labels("id")),
            Column("kind", labels("change_kind")),
            Column("fields", labels("fields"), wrap=True),
        ],
        flagged,
    )
    registries_table = Table(
        labels("review_registries"),
        [Column("change", labels("change_kind"), wrap=True)],
        [[line] for line in changes.registries],
    )
    base = changes.base
    title = labels("title_review_merge") if base == "HEAD^@" else labels("title_review", base=base)
    tables = [added_table, flagged_table, registries_table]
    if changes.contested:
        tables.append(_contested_table(changes, labels))
    return Document(title, tables, changes)


def _contested_table(changes: Review, labels: Labels) -> Table:
    """Records corrected more than once (two clerks, merged): which correction applies."""
    return Table(
        labels("review_contested", count=len(changes.contested)),
        [
            Column("original", labels("id")),
            Column("corrections", labels("review_corrections"), wrap=True),
            Column("applies", labels("review_applies")),
        ],
        [[c.original, "、".join(c.corrections), c.applies] for c in changes.contested],
        notes=[labels("review_contested_note")],
    )


def _added_row(item: AddedRecord, registries, known: dict, labels: Labels) -> list:
    value = item.record
    return [
        item.file,
        item.id,
        value.get("task"),
        str(value.get("date")),
        _review_unit(registries, value.get("unit"), labels),
        _review_status(value.get("status"), labels),
        value.get("progress"),
        value.get("summary"),
        _corrected_text(value, known, labels),
        str(value.get("recorded_at") or ""),
    ]


def _review_unit(registries, unit_id, labels: Labels) -> str:
    unit = registries.units.get(unit_id) if registries is not None else None
    return labels.unit_name(unit) if unit is not None else str(unit_id)


def _review_status(key, labels: Labels) -> str:
    try:
        return labels.status_name(Status(key))
    except ValueError:
        return str(key)


def _corrected_text(value: dict, known: dict, labels: Labels) -> str:
    """For a correction: the id it corrects with that record's date and summary."""
    corrected_id = value.get("corrects")
    if not corrected_id:
        return ""
    original = known.get(str(corrected_id))
    if original is None:
        return labels("correction_of", id=corrected_id)
    return labels(
        "correction_detail",
        id=corrected_id,
        date=_plain_value(original.get("date")),
        summary=original.get("summary", ""),
    )


def _edits_text(change: EditedRecord) -> str:
    """`field: old → new` for each field of an edited record ("(file)": it moved)."""
    lines = []
    for name in change.fields:
        if name == "(file)":
            lines.append(name)
            continue
        diff = change.changes[name]
        lines.append(f"{name}: {_plain_value(diff.old)} → {_plain_value(diff.new)}")
    return "\n".join(lines)


def _plain_value(value):
    if value is None:
        return "—"
    return value.isoformat() if hasattr(value, "isoformat") else value


def check_document(report: CheckReport, labels: Labels) -> Document:
    """The problems `check` found: as text one `file:line:col: message` line each (editors jump
    to them), as JSON `{ok, problems}`."""
    columns = [
        Column("file", labels("file")),
        Column("line", labels("line"), "right", kind="int"),
        Column("col", labels("col"), "right", kind="int"),
        Column("message", labels("message"), wrap=True),
    ]
    rows = [[p.file, p.line, p.col, p.message] for p in report.problems]
    return Document("", [Table("", columns, rows)], report)
