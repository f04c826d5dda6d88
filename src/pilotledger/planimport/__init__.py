"""`init --from-plan`: a published plan (text, docx, xlsx, html, pdf) read into the two
registries, with a report of every decision and doubt.

sources (each file kind → lines and tables with their places) → table (the annex table) or
items (numbered items in the body) → a Draft → build (units, deadlines → registries). Pure
but for reading the plan file: the CLI writes the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pilotledger.errors import UserError
from pilotledger.planimport.build import ImportRefused, PlanDates, Registries, build
from pilotledger.planimport.draft import Draft
from pilotledger.planimport.items import read_items
from pilotledger.planimport.metadata import Metadata, read_metadata, years_later
from pilotledger.planimport.sources import read_source
from pilotledger.planimport.table import read_annex
from pilotledger.wording import Message


@dataclass(frozen=True)
class ImportOptions:
    start: dt.date | None = None
    end: dt.date | None = None
    report_day: int = 5
    aliases: dict[str, str] = field(default_factory=dict)  # short name -> full name


@dataclass
class PlanImport:
    source: Path
    kind: str  # "table" or "items": where the tasks were read from
    registries: Registries
    draft: Draft


def import_plan(path: Path, options: ImportOptions) -> PlanImport:
    source = read_source(path)
    draft = Draft()
    if read_annex(source, draft) and draft.tasks:
        kind = "table"
    else:
        draft = Draft()
        if not read_items(source.lines, draft) or not draft.tasks:
            raise UserError(Message("import_no_annex", path=path))
        kind = "items"
    if source.hidden:
        draft.doubt("import_hidden_rows", *source.hidden, count=len(source.hidden))
    plan = _plan_dates(read_metadata(source.lines), options, path, draft)
    try:
        registries = build(draft, plan, options.aliases)
    except ImportRefused as refused:
        if refused.option:
            raise UserError(
                Message("option_problem", option=refused.option, problem=refused.message)
            ) from None
        raise UserError(Message("import_refused", path=path, problem=refused.message)) from None
    return PlanImport(path, kind, registries, draft)


def _plan_dates(found: Metadata, options: ImportOptions, path: Path, draft: Draft) -> PlanDates:
    title = found.title.value if found.title else path.stem
    if found.title is None:
        draft.doubt("import_no_title", title=title)
    issuer = found.issuer.value if found.issuer else "（未注明）"
    if found.issuer is None:
        draft.doubt("import_no_issuer", issuer=issuer)
    if found.issued is not None:
        issued = found.issued.value
    elif options.start is not None:
        issued = options.start
        draft.doubt("import_issued_is_start", day=issued)
    else:
        raise UserError(
            Message(
                "import_missing_field",
                path=path,
                field=Message("import_field_issued"),
                option="--start",
            )
        )
    start = options.start or issued
    if options.end is not None:
        end = options.end
    elif found.years is not None:
        end = years_later(start, found.years.value)
        draft.decide(
            "import_period", found.years.place, years=found.years.value, start=start, end=end
        )
    else:
        raise UserError(
            Message(
                "import_missing_field",
                path=path,
                field=Message("import_field_end"),
                option="--end",
            )
        )
    if end < start:
        option = "--end" if options.end is not None else "--start"
        problem = Message("import_end_before_start", start=start, end=end)
        raise UserError(Message("option_problem", option=option, problem=problem))
    return PlanDates(title, issuer, issued, start, end, options.report_day)
