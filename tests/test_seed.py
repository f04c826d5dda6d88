"""The registries against the plan itself: every task text verbatim, every unit assignment exact."""

from __future__ import annotations

import dataclasses

import pytest

from helpers.ledgers import SEED_FILE, SHIPPED
from pilotledger.lookup import unit_index
from pilotledger.store import load_valid
from seed_annex import parse_annex

pytestmark = pytest.mark.skipif(
    not SEED_FILE.exists(),
    reason=f"the seed plan is not here ({SEED_FILE}); it exists on our machines and in CI only",
)

NOTE_SUFFIX = "等责任部门"


def annex_differences(annex, ledger) -> list[str]:
    """Every way the registries differ from the annex, as readable lines (empty when equal)."""
    names = unit_index(ledger)
    differences = []
    if [(p.label, p.title) for p in ledger.parts] != [
        (f"{label}、", title) for label, title in annex.parts
    ]:
        differences.append("parts differ")
    part_labels = {p.number: p.label.rstrip("、") for p in ledger.parts}
    ours = [(s.label, s.title, part_labels[s.part]) for s in ledger.sections]
    if ours != annex.sections:
        differences.append("sections differ")
    section_labels = {s.number: s.label for s in ledger.sections}
    if sorted(ledger.tasks) != [t.number for t in annex.tasks]:
        differences.append("task numbers differ")
    for expected in annex.tasks:
        task = ledger.tasks.get(expected.number)
        if task is None:
            continue
        responsible, note = [], None
        for name in expected.responsible:
            if name.endswith(NOTE_SUFFIX):
                name, note = name.removesuffix(NOTE_SUFFIX), NOTE_SUFFIX
            responsible.append(names[name].id)
        actual = (task.text, task.lead, task.responsible, task.note, section_labels[task.section])
        wanted = (
            expected.text,
            [names[n].id for n in expected.lead],
            responsible,
            note,
            expected.section_label,
        )
        if actual != wanted:
            differences.append(f"task {expected.number}: {actual} != {wanted}")
    return differences


@pytest.fixture(scope="module")
def annex():
    return parse_annex(SEED_FILE)


@pytest.fixture(scope="module")
def ledger():
    return load_valid(SHIPPED)


def test_annex_has_4_parts_13_sections_55_tasks(annex):
    assert (len(annex.parts), len(annex.sections), len(annex.tasks)) == (4, 13, 55)


def test_registries_match_the_annex_exactly(annex, ledger):
    assert annex_differences(annex, ledger) == []


def test_every_name_in_the_annex_resolves_to_a_unit(annex, ledger):
    names = unit_index(ledger)
    mentioned = {n.removesuffix(NOTE_SUFFIX) for t in annex.tasks for n in t.lead + t.responsible}
    assert sorted(n for n in mentioned if n not in names) == []
    assert names["县卫健委"] is names["县卫生健康委"]
    assert names["县委编办"] is names["县事业单位登记管理局（县委编办）"]


def test_one_changed_character_in_one_task_text_is_caught(annex, ledger):
    task = ledger.tasks[38]
    changed = task.text.replace("50%", "60%")
    assert changed != task.text
    tampered = dataclasses.replace(
        ledger, tasks={**ledger.tasks, 38: dataclasses.replace(task, text=changed)}
    )
    assert annex_differences(annex, tampered) == [
        f"task 38: {(changed, task.lead, task.responsible, None, '（九）')} != "
        f"{(task.text, task.lead, task.responsible, None, '（九）')}"
    ]


def test_a_swapped_lead_order_is_caught(annex, ledger):
    task = ledger.tasks[29]
    swapped = dataclasses.replace(task, lead=list(reversed(task.lead)))
    tampered = dataclasses.replace(ledger, tasks={**ledger.tasks, 29: swapped})
    assert len(annex_differences(annex, tampered)) == 1


def test_annex_quirks_are_handled_on_purpose(ledger):
    assert ledger.tasks[12].responsible[0] == ledger.tasks[13].lead[0] == "health"
    assert len(ledger.tasks[29].lead) == 3
    assert ledger.tasks[33].responsible == ["commerce", "urban-management"]
    assert (ledger.tasks[35].responsible, ledger.tasks[35].note) == (
        ["market-regulation", "commerce"],
        "等责任部门",
    )
    no_responsible = [n for n, t in ledger.tasks.items() if not t.responsible]
    assert no_responsible == [7, 8, 17, 18, 22, 30, 38, 39, 45, 46, 47, 53]
    groups = {u.name for u in ledger.units.values() if u.kind.value == "group"}
    assert groups == {
        "县级各部门",
        "各相关单位",
        "相关项目主管部门",
        "项目牵头单位",
        "县打击非法金融活动领导小组成员单位",
    }


def test_plan_metadata(ledger):
    assert (str(ledger.plan.issued), str(ledger.plan.end), ledger.plan.report_day) == (
        "2022-02-24",
        "2025-02-23",
        5,
    )
