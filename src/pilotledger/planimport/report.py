"""import-report.md: what was read from where, the counts, every doubt and every decision with
its places in the source, and the units with their ids, so a reviewer checks an import in
minutes."""

from __future__ import annotations

from pilotledger.planimport import PlanImport
from pilotledger.planimport.draft import Note
from pilotledger.wording import Message, word

_JOINERS = {"zh": "；", "en": "; "}
KIND_NAMES = {"department": "部门", "institution": "事业单位", "party": "党委机关"}
KIND_NAMES.update({"stationed": "驻县机构", "court": "法院", "group": "组/泛指"})


def report_markdown(result: PlanImport, lang: str) -> str:
    def say(key: str, **words: object) -> str:
        return word(Message(key, **words), lang)

    tasks = result.registries.tasks
    units = result.registries.units["units"]
    draft = result.draft
    lines = [
        f"# {say('import_report_title', title=tasks['plan']['title'])}",
        "",
        say(
            "import_report_source", path=result.source.name, kind=say(f"import_from_{result.kind}")
        ),
        "",
        f"## {say('import_report_counts')}",
        "",
        *_counts(tasks, units, say),
        "",
        f"## {say('import_report_doubts', count=len(draft.doubts))}",
        "",
        *_notes(draft.doubts, lang, say),
        "",
        f"## {say('import_report_decisions', count=len(draft.decisions))}",
        "",
        *_notes(draft.decisions, lang, say),
        "",
        f"## {say('import_report_units')}",
        "",
        *_units(units, tasks["tasks"], lang, say),
    ]
    return "\n".join(lines) + "\n"


def _counts(tasks: dict, units: list[dict], say) -> list[str]:
    groups = sum(1 for unit in units if unit["kind"] == "group")
    counted = [
        ("import_count_parts", len(tasks["parts"])),
        ("import_count_sections", len(tasks["sections"])),
        ("import_count_tasks", len(tasks["tasks"])),
        ("import_count_units", len(units)),
        ("import_count_groups", groups),
        ("import_count_milestones", sum(len(t.get("milestones", [])) for t in tasks["tasks"])),
        ("import_count_notes", sum(1 for t in tasks["tasks"] if t.get("note"))),
    ]
    plan = tasks["plan"]
    return [
        f"- {say('import_report_plan', issuer=plan['issuer'], issued=plan['issued'])}",
        f"- {say('import_report_period', start=plan['start'], end=plan['end'])}",
        *(f"- {say(key, count=count)}" for key, count in counted),
    ]


def _notes(notes: list[Note], lang: str, say) -> list[str]:
    if not notes:
        return [say("import_report_none")]
    return [
        f"{n}. {_cell(word(note.message, lang))}"
        + (
            f" — {_JOINERS.get(lang, '; ').join(word(p, lang) for p in note.places)}"
            if note.places
            else ""
        )
        for n, note in enumerate(notes, 1)
    ]


def _units(units: list[dict], tasks: list[dict], lang: str, say) -> list[str]:
    lead, responsible = {}, {}
    for task in tasks:
        for unit in task["lead"]:
            lead[unit] = lead.get(unit, 0) + 1
        for unit in task["responsible"]:
            responsible[unit] = responsible.get(unit, 0) + 1
    columns = ("id", "name", "kind", "aliases", "lead", "responsible")
    rows = [
        "| " + " | ".join(say(f"import_col_{column}") for column in columns) + " |",
        "|---|---|---|---|---:|---:|",
    ]
    for unit in units:
        kind = KIND_NAMES[unit["kind"]] if lang == "zh" else unit["kind"]
        aliases = "、".join(unit["aliases"]) or "—"
        rows.append(
            f"| {unit['id']} | {_cell(unit['name'])} | {kind} | {_cell(aliases)} | "
            f"{lead.get(unit['id'], 0)} | {responsible.get(unit['id'], 0)} |"
        )
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
