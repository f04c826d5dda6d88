"""The site's overview pages: the index, one page per part and per section, the matrix and the
list of period reports. Pure: each function returns a page's body html."""

from __future__ import annotations

from dataclasses import replace

from pilotledger import rules
from pilotledger.model import Status
from pilotledger.render.html import chart_html, html_body
from pilotledger.render.text_formats import annex_table
from pilotledger.site import paths
from pilotledger.site.context import BuiltReport, SiteContext
from pilotledger.site.page import Cell, Markup, esc, facts, heading
from pilotledger.site.pieces import (
    attention_first,
    count_tables,
    goto,
    task_link,
    task_table,
    unit_links,
)
from pilotledger.views.matrix import MARKS
from pilotledger.views.trend import trend, trend_table


def index_body(context: SiteContext) -> str:
    ledger, labels, here = context.ledger, context.labels, paths.INDEX
    plan = ledger.plan
    every = list(ledger.tasks)
    attention = [n for n in attention_first(context, every) if context.rows[n].light != rules.GREEN]
    parts = [
        heading(1, plan.title),
        facts(
            [
                (labels("site_issuer"), plan.issuer),
                (labels("site_issued"), plan.issued.isoformat()),
                (
                    labels("site_pilot_period"),
                    labels("period_range", start=plan.start.isoformat(), end=plan.end.isoformat()),
                ),
                (
                    labels("site_as_of"),
                    Markup(f'<strong class="as-of">{esc(context.as_of.isoformat())}</strong>'),
                ),
            ]
        ),
        count_tables(context),
        _trend_section(context),
        heading(2, labels("site_attention"), "attention"),
        (
            task_table(context, here, attention)
            if attention
            else f"<p>{esc(labels('site_nothing_attention'))}</p>"
        ),
        heading(2, labels("site_parts"), "parts"),
        _parts_list(context, here),
        heading(2, labels("site_reports"), "reports"),
        _reports_list(context, here),
        heading(2, labels("site_units"), "units"),
        _units_list(context, here),
        heading(2, labels("site_all_tasks"), "tasks"),
        task_table(context, here, every),
        f'<p class="note">{esc(labels("legend"))}</p>',
    ]
    return "\n".join(part for part in parts if part)


def trend_chart_svg(context: SiteContext) -> str:
    """The plan's trend up to the site's day: the chart every report carries (the same table
    builder, the same SVG renderer), counted to the site's day instead of a period's end."""
    labels = context.labels
    months = trend(context.ledger, context.as_of, lines=context.lines)
    return chart_html(trend_table(months, labels, labels("trend_chart")).chart)


def _trend_section(context: SiteContext) -> str:
    return heading(2, context.labels("site_trend"), "trend") + "\n" + trend_chart_svg(context)


def _done_share(context: SiteContext, numbers: list[int]) -> str:
    done = sum(1 for n in numbers if context.rows[n].state.status is Status.done)
    return context.labels("site_done_share", done=done, total=len(numbers))


def _parts_list(context: SiteContext, here: str) -> str:
    ledger = context.ledger
    items = []
    for part in ledger.parts:
        sections = [s for s in ledger.sections if s.part == part.number]
        in_part = [n for s in sections for n in _section_tasks(context, s.number)]
        lines = "".join(
            f"<li>{goto(here, paths.section_page(s.number), s.label + s.title)} "
            f"<small>{esc(_done_share(context, _section_tasks(context, s.number)))}</small></li>"
            for s in sections
        )
        items.append(
            f"<li>{goto(here, paths.part_page(part.number), part.label + part.title)} "
            f"<small>{esc(_done_share(context, in_part))}</small><ul>{lines}</ul></li>"
        )
    return f'<ul class="parts">{"".join(items)}</ul>'


def _section_tasks(context: SiteContext, section: int) -> list[int]:
    return context.in_section.get(section, [])


def _units_list(context: SiteContext, here: str) -> str:
    labels = context.labels
    items = "".join(
        f"<li>{goto(here, paths.unit_page(u.id), labels.unit_full_name(u))}</li>"
        for u in context.ledger.units.values()
    )
    matrix = goto(here, paths.MATRIX, labels("site_matrix"))
    return f'<ul class="links">{items}</ul>\n<p>{matrix}</p>'


def _reports_list(context: SiteContext, here: str) -> str:
    labels = context.labels
    if not context.reports:
        return f"<p>{esc(labels('site_no_reports'))}</p>"
    blocks = []
    for kind in ("year", "half", "quarter", "month"):
        built = [b for b in context.reports if b.period.kind == kind]
        if built:
            links = " ".join(
                goto(here, paths.report_page(b.period.label), b.period.label) for b in built
            )
            blocks.append(f"<p><strong>{esc(labels(f'report_{kind}'))}</strong>: {links}</p>")
    return "\n".join(blocks)


def reports_index_body(context: SiteContext) -> str:
    return heading(1, context.labels("site_reports")) + "\n" + _reports_list(context, paths.REPORTS)


def part_body(context: SiteContext, number: int) -> str:
    ledger, labels, here = context.ledger, context.labels, paths.part_page(number)
    part = next(p for p in ledger.parts if p.number == number)
    sections = [s for s in ledger.sections if s.part == number]
    numbers = [n for s in sections for n in _section_tasks(context, s.number)]
    section_links = "".join(
        f"<li>{goto(here, paths.section_page(s.number), s.label + s.title)} "
        f"<small>{esc(_done_share(context, _section_tasks(context, s.number)))}</small></li>"
        for s in sections
    )
    return "\n".join(
        [
            heading(1, part.label + part.title),
            f"<p>{esc(_done_share(context, numbers))}</p>",
            count_tables(context, numbers),
            heading(2, labels("section")),
            f"<ul>{section_links}</ul>",
            heading(2, labels("title_tasks")),
            task_table(context, here, attention_first(context, numbers)),
        ]
    )


def section_body(context: SiteContext, number: int) -> str:
    ledger, labels, here = context.ledger, context.labels, paths.section_page(number)
    section = next(s for s in ledger.sections if s.number == number)
    part = next(p for p in ledger.parts if p.number == section.part)
    numbers = _section_tasks(context, number)
    return "\n".join(
        [
            heading(1, section.label + section.title),
            f"<p>{esc(labels('part'))}: "
            f"{goto(here, paths.part_page(part.number), part.label + part.title)}"
            f" · {esc(_done_share(context, numbers))}</p>",
            count_tables(context, numbers),
            heading(2, labels("title_tasks")),
            task_table(context, here, numbers),
        ]
    )


def matrix_pages(context: SiteContext) -> list[tuple[str, str]]:
    """Units × tasks, MATRIX_TASKS tasks a page (path, body); the header row and the unit
    column stay in view when the table scrolls. One page lists every unit with a mark; of
    several, each lists the units assigned to its own tasks, so the pages together grow with
    the assignments, not with units × tasks."""
    ledger = context.ledger
    grid = rules.matrix(ledger, list(ledger.tasks.values()))
    size = paths.MATRIX_TASKS
    slices = [grid.tasks[i : i + size] for i in range(0, len(grid.tasks), size)] or [[]]
    page_of = {number: i // size for i, number in enumerate(grid.tasks)}
    units_on: list[list[str]] = [[] for _ in slices]
    for unit_id in grid.units:
        for index in sorted({page_of[n] for n in grid.cells[unit_id]}):
            units_on[index].append(unit_id)
    return [
        (
            paths.matrix_page(index),
            _matrix_body(context, grid, numbers, units_on[index], paths.matrix_page(index), slices),
        )
        for index, numbers in enumerate(slices)
    ]


def _matrix_body(context, grid, numbers: list[int], units: list[str], here: str, slices) -> str:
    labels = context.labels
    columns = [Cell(labels("unit"))] + [Cell(str(n), "center") for n in numbers]
    columns += [Cell(labels("lead_count"), "right"), Cell(labels("responsible_count"), "right")]
    head = "".join(
        f"<th>{task_link(here, c.header) if c.align == 'center' else esc(c.header)}</th>"
        for c in columns
    )
    rows = []
    for unit_id in units:
        cells = grid.cells[unit_id]
        marks = "".join(
            f'<td class="center">{MARKS.get(cells.get(n, ""), "")}</td>' for n in numbers
        )
        rows.append(
            f"<tr><td>{unit_links(context, here, [unit_id])}</td>{marks}"
            f'<td class="right">{grid.count(unit_id, "lead")}</td>'
            f'<td class="right">{grid.count(unit_id, "responsible")}</td></tr>'
        )
    body = "\n".join(rows)
    return (
        f"{heading(1, labels('title_matrix'))}\n<p>{esc(labels('matrix_legend'))}</p>\n"
        f"{_matrix_navigation(labels, here, slices)}"
        f'<div class="scroll"><table class="matrix">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table></div>"
    )


def _matrix_navigation(labels, here: str, slices: list[list[int]]) -> str:
    """Links to every page of the matrix, when there is more than one."""
    if len(slices) < 2:
        return ""
    links = " | ".join(
        esc(labels("matrix_page", first=numbers[0], last=numbers[-1]))
        if paths.matrix_page(index) == here
        else goto(
            here,
            paths.matrix_page(index),
            labels("matrix_page", first=numbers[0], last=numbers[-1]),
        )
        for index, numbers in enumerate(slices)
    )
    note = esc(labels("matrix_pages_note", count=paths.MATRIX_TASKS))
    return f'<p class="pages">{note}</p>\n<p class="pages">{links}</p>\n'


def report_body(context: SiteContext, built: BuiltReport) -> str:
    """The period report's own html: the tables `report --format html` annexes to its letter,
    laid out as it lays them out (dates as the letter writes them: annex_table)."""
    lang = context.labels.lang
    document = replace(
        built.document, tables=[annex_table(table, lang) for table in built.document.tables]
    )
    body = html_body(document, context.labels("no_rows"), lang=lang)
    return f'<div class="wide report">\n{body}\n</div>'
