"""`status`: one row per task (status, progress, last record, missing reports, light) and the
table with the sections' progress bars."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pilotledger import rules
from pilotledger.dates import month_key
from pilotledger.document import Column, Document, LightLabel, Table
from pilotledger.model import Ledger, Status, Task
from pilotledger.views.cells import SHORT_TEXT, progress_text, section_bar, unit_names
from pilotledger.wording import Labels


@dataclass
class StatusRow:
    task: int
    status: Status
    progress: int | None
    last_date: dt.date | None
    lead: list[str]
    missing_reports: list[str]  # YYYY-MM
    missed_milestones: list[dt.date]
    light: str


LIGHT_ORDER = {rules.RED: 0, rules.YELLOW: 1, rules.GREEN: 2}


def status_rows(
    ledger: Ledger,
    tasks: list[Task],
    as_of: dt.date,
    status_filter: Status | None = None,
    red_first: bool = False,
) -> list[StatusRow]:
    """One row per task; with `red_first`, red then yellow then green, task order within."""
    standings = rules.task_statuses(ledger, as_of, tasks)
    if status_filter is not None:
        standings = [s for s in standings if s.state.status is status_filter]
    if red_first:
        standings = sorted(standings, key=lambda s: LIGHT_ORDER[s.light])
    return [_status_row(s) for s in standings]


def _status_row(standing: rules.TaskStatus) -> StatusRow:
    state = standing.state
    return StatusRow(
        standing.task.number,
        state.status,
        state.progress,
        state.last.date if state.last else None,
        list(standing.task.lead),
        [month_key(month) for month in standing.missing],
        [m.due for m in standing.missed],
        standing.light,
    )


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
            progress_text(r.progress),
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
