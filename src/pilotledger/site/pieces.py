"""Pieces several pages share: the task table with its lights, unit links, status counts. Pure."""

from __future__ import annotations

from pilotledger.render.width import shorten
from pilotledger.site import paths
from pilotledger.site.context import LIGHT_ORDER, SiteContext
from pilotledger.site.page import Cell, Markup, light_mark, link, table
from pilotledger.views.cells import SHORT_TEXT


def goto(here: str, target: str, text) -> Markup:
    """A link from the page at `here` to the page at `target` (both from the site's root)."""
    return link(paths.relative(here, target), text)


def unit_links(context: SiteContext, here: str, unit_ids: list[str]) -> Markup:
    labels, units = context.labels, context.ledger.units
    return Markup(
        labels("list_separator").join(
            goto(here, paths.unit_page(unit_id), labels.unit_name(units[unit_id]))
            for unit_id in unit_ids
        )
    )


def task_link(here: str, number: int, text: str | None = None) -> Markup:
    return goto(here, paths.task_page(number), number if text is None else text)


def task_table(context: SiteContext, here: str, numbers: list[int]) -> str:
    """One row per task, as `status` lists it: light, status, progress, last report, missing."""
    labels = context.labels
    columns = [
        Cell(labels("task"), "right"),
        Cell(labels("light")),
        Cell(labels("status")),
        Cell(labels("progress"), "right"),
        Cell(labels("last_date")),
        Cell(labels("missing"), "right"),
        Cell(labels("lead")),
        Cell(labels("text")),
    ]
    rows = []
    for number in numbers:
        row = context.rows[number]
        rows.append(
            [
                task_link(here, number),
                light_mark(row.light, labels(f"light_{row.light}")),
                labels.status_name(row.state.status),
                "" if row.state.progress is None else f"{row.state.progress}%",
                row.state.last.date.isoformat() if row.state.last else "",
                len(row.missing),
                unit_links(context, here, row.task.lead),
                task_link(here, number, shorten(row.task.text, SHORT_TEXT * 2)),
            ]
        )
    return f'<div class="wide">{table(columns, rows, "tasks")}</div>'


def attention_first(context: SiteContext, numbers: list[int]) -> list[int]:
    """Red tasks, then yellow, then green; in plan order within a light."""
    rank = {light: index for index, light in enumerate(LIGHT_ORDER)}
    return sorted(numbers, key=lambda n: (rank[context.rows[n].light], n))


def count_tables(context: SiteContext, numbers: list[int] | None = None) -> str:
    """Task counts by status and by light, side by side."""
    labels = context.labels
    tasks = None if numbers is None else [context.task(n) for n in numbers]
    by_status = [
        [labels.status_name(status), count]
        for status, count in context.status_counts(tasks).items()
    ]
    by_light = [
        [light_mark(light, labels(f"light_{light}")), count]
        for light, count in context.light_counts(tasks).items()
    ]
    return (
        '<div class="counts">'
        + table(
            [Cell(labels("site_by_status")), Cell(labels("site_count"), "right")],
            by_status,
            "status-counts",
        )
        + table(
            [Cell(labels("site_by_light")), Cell(labels("site_count"), "right")],
            by_light,
            "light-counts",
        )
        + "</div>"
    )
