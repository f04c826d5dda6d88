"""A draft as the two registries (plain data in the shape of tasks.yaml and units.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pilotledger.planimport.deadlines import read_deadline
from pilotledger.planimport.draft import Draft, DraftTask
from pilotledger.planimport.sources import Place
from pilotledger.planimport.units import (
    UnitTable,
    alias_doubts,
    name_prefixes,
    settle_names,
    split_names,
    unit_entries,
    unusual_character_doubts,
)
from pilotledger.textgate import code_point, first_refused
from pilotledger.wording import Message

MAX_TEXT = 10_000  # what the registries' Text (schema.py) holds

NO_LABEL = "—"


@dataclass(frozen=True)
class PlanDates:
    title: str
    issuer: str
    issued: dt.date
    start: dt.date
    end: dt.date
    report_day: int


@dataclass
class Registries:
    tasks: dict
    units: dict


def build(draft: Draft, plan: PlanDates, given_aliases: dict[str, str]) -> Registries:
    kept = _kept_sections(draft)
    parts, sections, section_numbers = _outline(draft, kept, plan.title)
    units = UnitTable()
    names = _names_of_tasks(draft)
    every_name = [n for lead, resp in names for read, _ in (*lead, *resp) for n in read.names]
    for full in given_aliases.values():
        if full not in every_name:
            raise ImportRefused(Message("import_alias_unknown", name=full), option="--alias")
    settle_names(units, every_name, given_aliases, draft)
    tasks = []
    numbers = _task_numbers(draft)
    for task, number, read in zip(draft.tasks, numbers, names):
        tasks.append(_task(task, number, read, section_numbers[task.section], units, plan, draft))
    alias_doubts(units, draft)
    unusual_character_doubts(units, draft)
    entries = unit_entries(units)
    ids = {entry["name"]: entry["id"] for entry in entries}
    for entry in tasks:
        for role in ("lead", "responsible"):
            entry[role] = [ids[name] for name in entry[role]]
    return Registries(
        {
            "plan": {
                "title": plan.title,
                "issuer": plan.issuer,
                "issued": plan.issued,
                "start": plan.start,
                "end": plan.end,
                "report_day": plan.report_day,
            },
            "parts": parts,
            "sections": sections,
            "tasks": tasks,
        },
        {"units": entries},
    )


def _kept_sections(draft: Draft) -> list[int]:
    used = sorted({task.section for task in draft.tasks})
    dropped = [
        heading
        for index, section in enumerate(draft.sections)
        if index not in used
        for heading in (section.heading,)
        if heading is not None
    ]
    used_parts = {draft.sections[index].part for index in used}
    dropped += [h for i, h in enumerate(draft.parts) if i not in used_parts and h is not None]
    if dropped:
        draft.decide(
            "import_headings_without_tasks",
            *(h.place for h in dropped),
            headings=[h.label + h.title for h in dropped],
        )
    return used


def _outline(draft: Draft, kept: list[int], title: str):
    parts, sections, part_numbers, section_numbers = [], [], {}, {}
    for index in kept:
        section = draft.sections[index]
        if section.part not in part_numbers:
            part_numbers[section.part] = len(parts) + 1
            heading = draft.parts[section.part]
            if heading is not None:
                refuse_unfit_text(heading.title, heading.place)
            if heading is None:
                draft.decide("import_no_parts", title=title)
            parts.append(
                {
                    "number": len(parts) + 1,
                    "label": heading.label if heading else NO_LABEL,
                    "title": heading.title if heading else title,
                }
            )
        heading = section.heading
        if heading is not None:
            refuse_unfit_text(heading.title, heading.place)
        part_title = parts[part_numbers[section.part] - 1]["title"]
        if heading is None:
            draft.decide("import_no_sections", part=part_title)
        section_numbers[index] = len(sections) + 1
        sections.append(
            {
                "number": len(sections) + 1,
                "label": heading.label if heading else NO_LABEL,
                "part": part_numbers[section.part],
                "title": heading.title if heading else part_title,
            }
        )
    return parts, sections, section_numbers


def _task_numbers(draft: Draft) -> list[int]:
    printed = [task.number for task in draft.tasks]
    if None not in printed and all(a < b for a, b in zip(printed, printed[1:])):
        return printed  # as printed when they rise (a plan may leave a number out)
    draft.decide("import_renumbered", count=len(printed))
    return list(range(1, len(printed) + 1))


def _names_of_tasks(draft: Draft) -> list:
    cells = [cell.text for task in draft.tasks for cell in (*task.lead, *task.responsible)]
    prefixes = name_prefixes(cells)
    return [
        (
            [(split_names(cell.text, prefixes), cell) for cell in task.lead],
            [(split_names(cell.text, prefixes), cell) for cell in task.responsible],
        )
        for task in draft.tasks
    ]


def _task(task: DraftTask, number: int, read, section: int, units, plan, draft) -> dict:
    lead_cells, responsible_cells = read
    lead = _ids(units, lead_cells)
    responsible = _ids(units, responsible_cells)
    notes = [names.note for names, _ in (*lead_cells, *responsible_cells) if names.note]
    for names, cell in responsible_cells:
        for name in names.leads:
            lead.append(units.see(name, cell.place))
            draft.decide("import_marked_lead", cell.place, name=name, number=number)
    if not lead and responsible:
        lead.append(responsible.pop(0))
        draft.doubt("import_first_responsible_leads", task.place, number=number, unit=lead[0])
    if not lead:
        raise _refused("import_task_without_unit", task.place, number)
    refuse_unfit_text(task.text, task.place)
    for names, cell in (*lead_cells, *responsible_cells):
        for name in names.names:
            refuse_unfit_text(name, cell.place)
    if not task.text:
        raise _refused("import_task_without_text", task.place, number)
    entry = {
        "number": number,
        "section": section,
        "text": task.text,
        "lead": _unique(lead),
        "responsible": [u for u in _unique(responsible) if u not in lead],
    }
    milestones = _milestones(task, number, plan, draft, notes)
    if notes:
        entry["note"] = "；".join(notes)
    if milestones:
        entry["milestones"] = milestones
    return entry


def _milestones(task: DraftTask, number: int, plan: PlanDates, draft: Draft, notes: list) -> list:
    if task.deadline is None or not task.deadline.text:
        return []
    read = read_deadline(task.deadline.text, plan.issued)
    if read.note:
        notes.append(read.note)
    if not read.understood:
        draft.doubt("import_deadline_unknown", task.deadline.place, number=number, text=read.note)
    if read.guessed_year:
        draft.decide(
            "import_deadline_year", task.deadline.place, number=number, year=plan.issued.year
        )
    for milestone in read.milestones:
        if not plan.start <= milestone["due"] <= plan.end:
            draft.doubt(
                "import_deadline_outside",
                task.deadline.place,
                number=number,
                due=milestone["due"],
                start=plan.start,
                end=plan.end,
            )
    return read.milestones


def _ids(units: UnitTable, cells) -> list[str]:
    return [units.see(name, cell.place) for names, cell in cells for name in names.names]


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


class ImportRefused(Exception):
    """The plan cannot become registries as it stands; `option` names the option at fault."""

    def __init__(self, message: Message, option: str | None = None):
        super().__init__(message)
        self.message = message
        self.option = option


def refuse_unfit_text(text: str, place: Place) -> None:
    """Text a ledger would refuse (too long, or with control characters) stops the import at
    its place."""
    if len(text) > MAX_TEXT:
        raise ImportRefused(Message("import_text_too_long", place=place.message(), max=MAX_TEXT))
    found = first_refused(text)
    if found is not None:
        message = Message(
            "import_control_character", place=place.message(), code=code_point(found[1])
        )
        raise ImportRefused(message)


def _refused(key: str, place: Place, number: int) -> ImportRefused:
    return ImportRefused(Message(key, number=number, place=place.message()))
