"""Listings (tasks, units, show, status, overdue, matrix) as Documents: localised tables for
people and stable English-keyed data for `--format json`. No I/O, no rich."""

from __future__ import annotations

import datetime as dt

from pilotledger import ledger as rules
from pilotledger.i18n import Labels
from pilotledger.model import Ledger, Record, Status, Task
from pilotledger.table import Column, Document, LightLabel, Table

SHORT_TEXT = 36  # display columns of a task text in tables


def unit_names(ledger: Ledger, ids: list[str], labels: Labels, full: bool = False) -> list[str]:
    name = labels.unit_full_name if full else labels.unit_name
    return [name(ledger.units[unit_id]) for unit_id in ids]


def tasks_document(ledger: Ledger, tasks: list[Task], labels: Labels) -> Document:
    columns = [
        Column("task", labels("task"), "right"),
        Column("section", labels("section")),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("lead", labels("lead"), wrap=True),
        Column("responsible", labels("responsible"), wrap=True),
    ]
    sections = {s.number: s.label for s in ledger.sections}
    rows = [
        [t.number, sections[t.section], t.text, unit_names(ledger, t.lead, labels),
         unit_names(ledger, t.responsible, labels) + ([t.note] if t.note else [])]
        for t in tasks
    ]
    data = [
        {"task": t.number, "section": t.section, "text": t.text, "lead": t.lead,
         "responsible": t.responsible, "note": t.note}
        for t in tasks
    ]
    return Document("", [Table(labels("title_tasks"), columns, rows)], data)


def units_document(ledger: Ledger, labels: Labels) -> Document:
    everything = rules.matrix(ledger, list(ledger.tasks.values()))
    columns = [
        Column("id", labels("unit_id")),
        Column("name", labels("unit"), wrap=True),
        Column("kind", labels("kind")),
        Column("lead_count", labels("lead_count"), "right"),
        Column("responsible_count", labels("responsible_count"), "right"),
        Column("aliases", labels("aliases"), wrap=True),
    ]
    rows, data = [], []
    for unit in ledger.units.values():
        lead = everything.count(unit.id, "lead") if unit.id in everything.cells else 0
        responsible = everything.count(unit.id, "responsible") if unit.id in everything.cells else 0
        rows.append([unit.id, labels.unit_full_name(unit), unit.kind.value, lead, responsible, unit.aliases])
        data.append({"id": unit.id, "name": unit.name, "name_en": unit.name_en, "kind": unit.kind.value,
                     "aliases": unit.aliases, "lead": lead, "responsible": responsible})
    return Document("", [Table(labels("title_units"), columns, rows)], data)


def record_data(record: Record) -> dict:
    return record.model_dump(mode="json", exclude_none=True)


def show_document(ledger: Ledger, task: Task, as_of: dt.date, labels: Labels) -> Document:
    """One task: its text, units, milestones and full history, corrections applied and marked."""
    section = next(s for s in ledger.sections if s.number == task.section)
    effective_ids = {r.id for r in rules.effective_records(ledger.records)}
    history = [ledger.full[entry.id] for entry in sorted(
        (r for r in ledger.records if r.task == task.number), key=lambda r: (r.date, r.recorded_ts))]
    status_row = rules.task_statuses(ledger, as_of, [task])[0]
    facts = Table(
        f"{labels('task')} {task.number}",
        [Column("field", ""), Column("value", "", wrap=True)],
        [
            [labels("section"), f"{section.label}{section.title}"],
            [labels("text"), task.text],
            [labels("lead"), unit_names(ledger, task.lead, labels, full=True)],
            [labels("responsible"), unit_names(ledger, task.responsible, labels, full=True) + ([task.note] if task.note else [])],
            [labels("status"), labels.status_name(status_row.state.status)],
            [labels("progress"), _progress_text(status_row.state.progress)],
            [labels("light"), LightLabel(labels(f"light_{status_row.light}"), status_row.light)],
        ],
    )
    milestones = Table(
        labels("milestones"),
        [Column("due", labels("due")), Column("target", labels("target")), Column("note", labels("note"), wrap=True)],
        [[m.due.isoformat(), labels.status_name(m.target), m.note or ""] for m in rules.milestones(ledger, task)],
    )
    history_table = Table(labels("title_history"), _history_columns(labels), [
        _history_row(ledger, record, record.id in effective_ids, labels) for record in history
    ])
    data = {
        "task": task.number, "section": task.section, "text": task.text, "lead": task.lead,
        "responsible": task.responsible, "note": task.note,
        "status": status_row.state.status.value, "progress": status_row.state.progress, "light": status_row.light,
        "milestones": [{"due": m.due.isoformat(), "target": m.target.value, "note": m.note}
                       for m in rules.milestones(ledger, task)],
        "history": [dict(record_data(r), superseded=r.id not in effective_ids) for r in history],
    }
    return Document("", [facts, milestones, history_table], data)


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


def _history_row(ledger: Ledger, record: Record, effective: bool, labels: Labels) -> list:
    marks = []
    if not effective:
        marks.append(labels("corrected"))
    if record.corrects:
        marks.append(labels("correction_of", id=record.corrects))
    return [
        record.date.isoformat(), record.id, labels.unit_name(ledger.units[record.unit]),
        labels.status_name(record.status), _progress_text(record.progress), record.summary,
        record.problems or "", record.next_steps or "", [evidence_cell(e) for e in record.evidence or []],
        "；".join(marks), record.recorded_by or "", record.recorded_at.isoformat(sep=" "),
    ]


def _progress_text(progress: int | None) -> str:
    return "" if progress is None else f"{progress}%"


LIGHT_ORDER = {rules.RED: 0, rules.YELLOW: 1, rules.GREEN: 2}


def status_document(ledger: Ledger, tasks: list[Task], as_of: dt.date, labels: Labels, status_filter=None,
                    red_first: bool = False) -> Document:
    rows_data = rules.task_statuses(ledger, as_of, tasks)
    if status_filter is not None:
        rows_data = [row for row in rows_data if row.state.status is status_filter]
    if red_first:  # red, then yellow, then green; task order within each light
        rows_data = sorted(rows_data, key=lambda row: LIGHT_ORDER[row.light])
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
    rows = [
        [r.task.number, LightLabel(labels(f"light_{r.light}"), r.light), labels.status_name(r.state.status),
         _progress_text(r.state.progress), r.state.last.date.isoformat() if r.state.last else "",
         len(r.missing), unit_names(ledger, r.task.lead, labels), r.task.text]
        for r in rows_data
    ]
    table = Table(labels("title_status", as_of=as_of.isoformat()), columns, rows, notes=[labels("legend")])
    table.bars = _section_bars(ledger, rows_data, labels)
    data = [
        {"task": r.task.number, "status": r.state.status.value, "progress": r.state.progress,
         "last_date": r.state.last.date.isoformat() if r.state.last else None, "lead": r.task.lead,
         "missing_reports": [m.strftime("%Y-%m") for m in r.missing],
         "missed_milestones": [m.due.isoformat() for m in r.missed], "light": r.light}
        for r in rows_data
    ]
    return Document("", [table], data)


def _section_bars(ledger: Ledger, rows_data, labels: Labels) -> list[tuple[str, float]]:
    """Per section: a bar of the average progress of its listed tasks, labelled with how many
    are done (section_bar)."""
    bars = []
    for section in ledger.sections:
        in_section = [r for r in rows_data if r.task.section == section.number]
        if in_section:
            done = sum(1 for r in in_section if r.state.status is Status.done)
            average = rules.average_progress([r.state.progress for r in in_section])
            bars.append(section_bar(section, done, len(in_section), average, labels))
    return bars


def section_bar(section, done: int, tasks: int, average: float, labels: Labels) -> tuple[str, float]:
    """One section's progress bar, as `status` and the period reports show it: the average
    progress of its tasks (rules.average_progress), labelled with how many are done."""
    label = f"{section.label}{section.title.rstrip('。')[:14]} {done}/{tasks}"
    return f"{label} · {labels('avg_progress', avg=f'{average:.0%}')}", average


def overdue_document(ledger: Ledger, tasks: list[Task], as_of: dt.date, labels: Labels,
                     only_unit: str | None = None) -> Document:
    items = rules.overdue_items(ledger, as_of, tasks)
    grouped = rules.owed_by_unit(ledger, items)
    if only_unit is not None:
        grouped = {unit_id: owed for unit_id, owed in grouped.items() if unit_id == only_unit}
    columns = [
        Column("unit", labels("unit")),
        Column("task", labels("task"), "right"),
        Column("text", labels("text"), shorten=SHORT_TEXT, wrap=True),
        Column("kind", labels("overdue_kind")),
        Column("period", labels("period")),
        Column("days", labels("days"), "right"),
    ]
    rows = []
    for unit_id, owed in grouped.items():
        header = labels("title_owed_by", unit=labels.unit_name(ledger.units[unit_id]), count=len(owed))
        rows.extend([header, *_overdue_cells(item, labels)] for item in owed)
    notes = [] if rows else [labels("nothing_overdue", as_of=as_of.isoformat())]
    table = Table(labels("title_overdue", as_of=as_of.isoformat()), columns, rows, notes=notes, group_by="unit")
    listed = {id(item) for owed in grouped.values() for item in owed}
    return Document("", [table], [overdue_data(item) for item in items if id(item) in listed])


def _overdue_cells(item: rules.OverdueItem, labels: Labels) -> list:
    if item.kind == "report":
        return [item.task.number, item.task.text, labels("kind_report"), item.period, item.days]
    milestone = item.milestone
    period = f"{milestone.due.isoformat()} → {labels.status_name(milestone.target)}"
    return [item.task.number, item.task.text, labels("kind_milestone"), period, item.days]


def overdue_data(item: rules.OverdueItem) -> dict:
    entry = {"task": item.task.number, "kind": item.kind, "days": item.days, "lead": item.task.lead}
    if item.kind == "report":
        entry["period"] = item.period
    else:
        entry["due"] = item.milestone.due.isoformat()
        entry["target"] = item.milestone.target.value
    return entry


MARKS = {"lead": "●", "responsible": "○"}


def matrix_document(ledger: Ledger, tasks: list[Task], labels: Labels, words: bool = False) -> Document:
    grid = rules.matrix(ledger, tasks)
    marks = {role: labels(f"mark_{role}") if words else MARKS[role] for role in MARKS}
    columns = [Column("unit", labels("unit"))]
    columns += [Column(str(n), str(n), "center") for n in grid.tasks]
    columns += [Column("lead_count", labels("lead_count"), "right", kind="int"),
                Column("responsible_count", labels("responsible_count"), "right", kind="int")]
    rows = []
    for unit_id in grid.units:
        cells = [marks.get(grid.cells[unit_id].get(n, ""), "") for n in grid.tasks]
        rows.append([labels.unit_name(ledger.units[unit_id]), *cells,
                     grid.count(unit_id, "lead"), grid.count(unit_id, "responsible")])
    per_task = [sum(1 for u in grid.units if n in grid.cells[u]) for n in grid.tasks]
    total_lead = sum(grid.count(u, "lead") for u in grid.units)
    total_resp = sum(grid.count(u, "responsible") for u in grid.units)
    rows.append([labels("total"), *per_task, total_lead, total_resp])
    table = Table(labels("title_matrix"), columns, rows, notes=[labels("matrix_legend")], row_headers=True,
                  pages=(1, 1 + len(grid.tasks)))
    data = {
        "units": [{"id": u, "name": ledger.units[u].name, "lead": grid.count(u, "lead"),
                   "responsible": grid.count(u, "responsible")} for u in grid.units],
        "tasks": grid.tasks,
        "cells": {u: {str(n): role for n, role in grid.cells[u].items()} for u in grid.units},
    }
    return Document("", [table], data)


def review_document(changes, registry_lines: list[str], base: str, labels: Labels, registries=None,
                    known: dict | None = None) -> Document:
    """What changed since a revision: added records with their labels and names, corrections
    with the record they correct, edits as old → new per field, removals flagged."""
    known = known or {}
    added = [c for c in changes if c.kind == "added"]
    flagged = [c for c in changes if c.kind != "added"]
    added_table = Table(
        labels("review_added", count=len(added)),
        [Column("file", labels("file")), Column("id", labels("id")), Column("task", labels("task"), "right"),
         Column("date", labels("date")), Column("unit", labels("unit"), wrap=True),
         Column("status", labels("status")), Column("progress", labels("progress"), "right"),
         Column("summary", labels("summary"), wrap=True), Column("corrects", labels("corrects"), wrap=True)],
        [[c.file, c.record_id, c.value.get("task"), str(c.value.get("date")),
          _review_unit(registries, c.value.get("unit"), labels), _review_status(c.value.get("status"), labels),
          c.value.get("progress"), c.value.get("summary"), _corrected_text(c.value, known, labels)]
         for c in added],
    )
    flagged_table = Table(
        labels("review_flagged", count=len(flagged)),
        [Column("file", labels("file")), Column("id", labels("id")), Column("kind", labels("change_kind")),
         Column("fields", labels("fields"), wrap=True)],
        [[c.file, c.record_id, labels(f"kind_{c.kind}"), _edits_text(c)] for c in flagged],
    )
    registries_table = Table(labels("review_registries"), [Column("change", labels("change_kind"), wrap=True)],
                             [[line] for line in registry_lines])
    data = {
        "base": base,
        "added": [{"file": c.file, "id": c.record_id, "record": _plain(c.value)} for c in added],
        "edited": [{"file": c.file, "id": c.record_id, "fields": c.fields,
                    "changes": {f: {"old": _json_value((c.old or {}).get(f)), "new": _json_value(c.value.get(f))}
                                for f in c.fields if f != "(file)"}}
                   for c in flagged if c.kind == "edited"],
        "removed": [{"file": c.file, "id": c.record_id} for c in flagged if c.kind == "removed"],
        "registries": registry_lines,
    }
    title = labels("title_review_merge") if base == "HEAD^@" else labels("title_review", base=base)
    return Document(title, [added_table, flagged_table, registries_table], data)


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
    return labels("correction_detail", id=corrected_id, date=_plain_value(original.get("date")),
                  summary=original.get("summary", ""))


def _edits_text(change) -> str:
    """`field: old → new` for each field of an edited record; nothing for a removal."""
    if change.kind != "edited":
        return ""
    old = change.old or {}
    lines = []
    for name in change.fields:
        if name == "(file)":
            lines.append(name)
            continue
        lines.append(f"{name}: {_plain_value(old.get(name))} → {_plain_value(change.value.get(name))}")
    return "\n".join(lines)


def _json_value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _plain_value(value):
    if value is None:
        return "—"
    return value.isoformat() if hasattr(value, "isoformat") else value


def _plain(value: dict) -> dict:
    return {key: (item.isoformat() if hasattr(item, "isoformat") else item) for key, item in value.items()}
