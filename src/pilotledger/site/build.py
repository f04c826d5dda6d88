"""The whole site as data: every page's path and html, and the evidence files to copy. Pure.

Nothing on a page depends on the clock or the machine: the only date is the site's day
(`as_of`), so building twice from the same ledger gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger.model import Ledger
from pilotledger.site import overview, paths
from pilotledger.site.context import build_context
from pilotledger.site.page import Frame
from pilotledger.site.task_pages import task_body
from pilotledger.site.unit_pages import unit_body
from pilotledger.wording import Labels


@dataclass
class Site:
    """Pages by path (relative to the site's root), and evidence files to copy: site path →
    path inside the ledger (the same path, under evidence/)."""

    pages: dict[str, str] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)


def build_site(
    ledger: Ledger,
    as_of: dt.date,
    labels: Labels,
    evidence: frozenset[str] = frozenset(),
    notice: str = "",
) -> Site:
    """Every page; `evidence` names the files under the ledger's evidence/ that exist (a record
    naming any other file gets no link, so the site has no broken one); `notice` says on every
    page that records with problems were left out."""
    context = build_context(ledger, as_of, labels, evidence)
    frame = Frame(
        labels.lang,
        ledger.plan.title,
        (
            (paths.INDEX, labels("site_home")),
            (paths.MATRIX, labels("site_matrix")),
            (paths.REPORTS, labels("site_reports")),
        ),
        labels("site_footer", as_of=as_of.isoformat()),
        labels("site_filter"),
        notice,
    )
    site = Site()

    def add(path: str, title: str, body: str) -> None:
        site.pages[path] = frame.render(path, title, body)

    add(paths.INDEX, labels("site_home"), overview.index_body(context))
    add(paths.MATRIX, labels("title_matrix"), overview.matrix_body(context))
    add(paths.REPORTS, labels("site_reports"), overview.reports_index_body(context))
    for part in ledger.parts:
        add(
            paths.part_page(part.number),
            part.label + part.title,
            overview.part_body(context, part.number),
        )
    for section in ledger.sections:
        add(
            paths.section_page(section.number),
            section.label + section.title,
            overview.section_body(context, section.number),
        )
    for number in ledger.tasks:
        body, evidence = task_body(context, number)
        add(paths.task_page(number), labels("site_task", number=number), body)
        site.copies.update({paths.evidence_file(stored): stored for stored in evidence})
    for unit in ledger.units.values():
        add(paths.unit_page(unit.id), labels.unit_full_name(unit), unit_body(context, unit.id))
    for built in context.reports:
        body = overview.report_body(context, built)
        add(paths.report_page(built.period.label), built.document.title, body)
    return site
