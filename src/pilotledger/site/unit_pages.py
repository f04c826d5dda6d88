"""One page per unit: what it owes on the site's day (its reminder list, as `remind --unit`
writes it), the tasks it leads and shares, and its reporting record month by month (the unit's
line of each ended month's report). Pure."""

from __future__ import annotations

from pilotledger.render.html import html_body
from pilotledger.site import paths
from pilotledger.site.context import SiteContext
from pilotledger.site.page import Cell, esc, facts, heading, table
from pilotledger.site.pieces import attention_first, goto, task_table, unit_links
from pilotledger.views.reminder_letter import as_letter
from pilotledger.views.reminders import reminder_document


def unit_body(context: SiteContext, unit_id: str) -> str:
    ledger, labels, here = context.ledger, context.labels, paths.unit_page(unit_id)
    unit = ledger.units[unit_id]
    leads = context.leads.get(unit_id, [])
    shares = context.shares.get(unit_id, [])
    about = [(labels("kind"), labels(f"unit_kind_{unit.kind.value}"))]
    if labels.lang != "zh":  # a Chinese page names the unit in Chinese only
        about.insert(0, (labels("unit_id"), unit.id))
    if unit.aliases:
        about.append((labels("aliases"), labels("list_separator").join(unit.aliases)))
    if unit.members:
        about.append((labels("site_members"), unit_links(context, here, unit.members)))
    parts = [
        heading(1, unit.name),
        *([f"<p>{esc(unit.name_en)}</p>"] if labels.lang != "zh" else []),
        facts(about),
        _owed(context, unit_id),
        heading(2, labels("site_leads"), "leads"),
        _tasks_or_none(context, here, attention_first(context, leads)),
        heading(2, labels("site_shares"), "shares"),
        _tasks_or_none(context, here, shares),
    ]
    if leads:
        parts += [
            heading(2, labels("site_by_month"), "by-month"),
            _by_month(context, here, unit_id),
        ]
    return "\n".join(parts)


def _tasks_or_none(context: SiteContext, here: str, numbers: list[int]) -> str:
    return (
        task_table(context, here, numbers)
        if numbers
        else f"<p>{esc(context.labels('site_none'))}</p>"
    )


def _owed(context: SiteContext, unit_id: str) -> str:
    """The unit's reminder letter on the site's day: the Document `remind --unit` renders."""
    labels = context.labels
    reminder = context.reminders.get(unit_id)
    if reminder is None:
        unit = labels.unit_full_name(context.ledger.units[unit_id])
        nothing = labels("reminder_nothing", unit=unit, as_of=context.as_of.isoformat())
        return f"<p>{esc(nothing)}</p>"
    ledger = context.ledger
    document = as_letter(reminder_document(ledger, reminder, labels), ledger, reminder, labels)
    body = html_body(document, labels("no_rows"), top=2, lang=labels.lang)
    return f'<div class="wide reminder">\n{body}\n</div>'


def _by_month(context: SiteContext, here: str, unit_id: str) -> str:
    """The unit's line of each ended month's report: owed, on time, late, missing, rates."""
    labels = context.labels
    columns = [Cell(labels("site_month"))]
    columns += [Cell(labels(key), "right") for key in MONTH_COLUMNS]
    rows = []
    for built in context.reports:
        if built.period.kind != "month":
            continue
        line = built.unit_lines.get(unit_id)
        if line is None or not line.owed:
            continue
        month = goto(here, paths.report_page(built.period.label), built.period.label)
        rows.append([month, *(_percent(getattr(line, key)) for key in MONTH_COLUMNS)])
    return table(columns, rows, "by-month") or f"<p>{esc(labels('site_none'))}</p>"


MONTH_COLUMNS = ("owed", "on_time", "late", "missing", "compliance", "on_time_rate")


def _percent(value) -> object:
    """Rates (floats) as people read them; counts as they are."""
    if isinstance(value, float) or value is None:
        return "—" if value is None else f"{value:.0%}"
    return value
