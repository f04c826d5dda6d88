"""One page per task, from the same Document `show` prints: its text, units, milestones and
whole history, each record with its narrative, corrections marked and evidence linked. Pure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pilotledger.jsondata import plain
from pilotledger.model import Status
from pilotledger.site import paths
from pilotledger.site.context import SiteContext
from pilotledger.site.page import Cell, Markup, esc, facts, heading, light_mark, lines, table
from pilotledger.site.pieces import goto, unit_links
from pilotledger.views.show import task_detail


def task_body(context: SiteContext, number: int) -> tuple[str, set[str]]:
    """The page's body and the evidence files (paths inside the ledger) it links to."""
    labels, here = context.labels, paths.task_page(number)
    task = context.task(number)
    shown = plain(task_detail(context.task_ledger(number), task, context.as_of))  # show's JSON
    section = context.section(task.section)
    responsible = unit_links(context, here, task.responsible)
    if task.note:
        responsible = Markup(
            f"{responsible}{labels('list_separator') if task.responsible else ''}{esc(task.note)}"
        )
    summary = facts(
        [
            (
                labels("section"),
                goto(here, paths.section_page(section.number), section.label + section.title),
            ),
            (labels("text"), lines(task.text)),
            (labels("lead"), unit_links(context, here, task.lead)),
            (labels("responsible"), responsible),
            (labels("status"), labels.status_name(context.rows[number].state.status)),
            (labels("progress"), _percent(shown["progress"])),
            (labels("light"), light_mark(shown["light"], labels(f"light_{shown['light']}"))),
        ]
    )
    milestones = table(
        [Cell(labels("due")), Cell(labels("target")), Cell(labels("note"))],
        [
            [m["due"], labels.status_name(_status(m["target"])), m["note"] or ""]
            for m in shown["milestones"]
        ],
    )
    history, evidence = _history(context, here, shown["history"])
    body = "\n".join(
        [
            heading(1, labels("site_task", number=number)),
            summary,
            heading(2, labels("milestones")),
            milestones,
            heading(2, labels("title_history")),
            history,
        ]
    )
    return body, evidence


def _day(context: SiteContext, iso: str) -> str:
    return context.labels.day(dt.date.fromisoformat(iso))


def _moment(context: SiteContext, iso: str) -> str:
    """2022-06-30T17:00:00+08:00 → 2022年6月30日 17:00 (in the plan's zone, as recorded)."""
    moment = dt.datetime.fromisoformat(iso)
    return f"{context.labels.day(moment.date())} {moment:%H:%M}"


def _named(context: SiteContext, record: dict) -> dict[str, str]:
    unit = context.ledger.units.get(record["unit"])
    name = context.labels.unit_name(unit) if unit else record["unit"]
    return {"date": _day(context, record["date"]), "unit": name}


def _status(key: str) -> Status:
    return Status(key)


def _percent(value: int | None) -> str:
    return "" if value is None else f"{value}%"


def _history(context: SiteContext, here: str, records: list[dict]) -> tuple[str, set[str]]:
    if not records:
        return f"<p>{esc(context.labels('site_no_history'))}</p>", set()
    by_id = {record["id"]: record for record in records}
    corrected_by = {record["corrects"]: record for record in records if record.get("corrects")}
    blocks, evidence = [], set()
    for record in reversed(records):  # newest first
        block, files = _record_block(
            context, here, record, corrected_by.get(record["id"]), by_id.get(record.get("corrects"))
        )
        blocks.append(block)
        evidence |= files
    return "\n".join(blocks), evidence


def _record_block(
    context: SiteContext,
    here: str,
    record: dict,
    corrected_by: dict | None,
    corrected: dict | None,
) -> tuple[str, set[str]]:
    """One record: its day, unit, status and progress; a correction named by the day and unit
    of the record it corrects (or is corrected by), never by a record id."""
    labels = context.labels
    marks = []
    if record["superseded"] and corrected_by:
        marks.append(labels("site_superseded_record", **_named(context, corrected_by)))
    if record.get("corrects"):
        marks.append(
            labels("correction_of_record", **_named(context, corrected))
            if corrected
            else labels("correction_of", id=record["corrects"])
        )
    title = (
        f"{_day(context, record['date'])} · "
        f"{labels.unit_name(context.ledger.units[record['unit']])} · "
        f"{labels.status_name(_status(record['status']))}"
        + (f" · {record['progress']}%" if record.get("progress") is not None else "")
    )
    evidence, files = _evidence(context, here, record.get("evidence") or [])
    rows: list[tuple[str, Any]] = [(labels("summary"), lines(record["summary"]))]
    rows += [
        (labels(key), lines(record[key])) for key in ("problems", "next_steps") if record.get(key)
    ]
    if evidence:
        rows.append((labels("evidence"), evidence))
    rows.append((labels("id"), record["id"]))
    rows.append(
        (
            labels("recorded_at"),
            _moment(context, record["recorded_at"])
            + (f" · {record['recorded_by']}" if record.get("recorded_by") else ""),
        )
    )
    mark_html = "".join(f' <span class="mark">{esc(mark)}</span>' for mark in marks)
    css = "record superseded" if record["superseded"] else "record"
    return (
        f'<article class="{css}" id="r-{esc(record["id"])}">'
        f"<h3>{esc(title)}{mark_html}</h3>{facts(rows)}</article>"
    ), files


def _evidence(context: SiteContext, here: str, items: list) -> tuple[Markup | None, set[str]]:
    """Evidence as a list: a stored file (`{file, sha256}`) present in the ledger links to its
    copy in the site; one that is not is named and marked missing; text stays text."""
    if not items:
        return None, set()
    shown, files = [], set()
    for item in items:
        stored = str(item.get("file", "")) if isinstance(item, dict) else None
        if stored is not None and stored in context.evidence:
            files.add(stored)
            own = item.get("name")  # the file's own name, beside its content address
            text = f"{own} ({_file_name(stored)})" if own else _file_name(stored)
            shown.append(f"<li>{goto(here, paths.evidence_file(stored), text)}</li>")
        elif stored is not None:
            missing = context.labels("site_evidence_missing")
            shown.append(f'<li>{esc(stored)} <span class="mark">{esc(missing)}</span></li>')
        else:
            shown.append(f"<li>{lines(item)}</li>")
    return Markup(f'<ul class="evidence">{"".join(shown)}</ul>'), files


def _file_name(stored: str) -> str:
    """A stored file's name as shown: `evidence/<sha256>.pdf` as `d3a9e0fa368e….pdf`."""
    name = stored.rsplit("/", 1)[-1]
    stem, dot, suffix = name.partition(".")
    return f"{stem[:12]}…{dot}{suffix}" if len(stem) > 16 else name
