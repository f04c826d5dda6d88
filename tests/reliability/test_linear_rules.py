"""Rules stay linear in their input: a correction chain is walked once (not once per record),
and a group without members admits every unit by a flag, never a set of all units per task.
(Speeds are measured in benchmarks/bench.py; these tests pin the shape of the work.)"""

from __future__ import annotations

from helpers.cli import Cli
from pilotledger.model import Entry, Status, UnitKind
from pilotledger.validation import admitted_units, correction_cycles
from test_rules import make_ledger, task, unit


def entry(rid: str, corrects: str | None) -> Entry:
    return Entry(rid, 1, None, "commerce", Status.in_progress, 30, corrects, 0.0)


class CountingDict(dict):
    lookups = 0

    def __getitem__(self, key):
        CountingDict.lookups += 1
        return super().__getitem__(key)


def test_a_long_correction_chain_is_walked_once():
    links = 3_000
    by_id = CountingDict(
        (f"r{n}", entry(f"r{n}", f"r{n - 1}" if n else None)) for n in range(links)
    )
    CountingDict.lookups = 0
    assert correction_cycles(by_id) == {}
    assert CountingDict.lookups <= 2 * links


def test_cycles_are_found_with_their_chain_from_each_record():
    by_id = {
        "a": entry("a", "b"),
        "b": entry("b", "c"),
        "c": entry("c", "a"),
        "d": entry("d", "a"),
        "e": entry("e", "e"),
    }
    cycles = correction_cycles(by_id)
    assert sorted(cycles) == ["a", "b", "c"]  # d leads into the cycle, e corrects itself
    assert len({id(cycle) for cycle, _ in cycles.values()}) == 1


def test_check_words_a_long_cycle_shortened(mini):
    records = "".join(
        f"- id: c{n:02d}\n  task: 1\n  date: 2022-03-10\n  unit: commerce\n  status: in_progress\n"
        f"  summary: 更正\n  corrects: c{(n + 1) % 10:02d}\n  recorded_at: 2022-03-10"
        f" 18:00:00+08:00\n"
        for n in range(10)
    )
    (mini / "progress" / "2022-03.yaml").write_text(records, encoding="utf-8")
    done = Cli(mini, env={"PILOTLEDGER_LANG": "en"})("check")
    assert done.exit_code == 1
    assert (
        "corrections form a cycle: c00 → c01 → c02 → c03 → c04 → c05 → … → c09 → c00" in done.stdout
    )
    assert done.stdout.count("corrections form a cycle") == 10


def test_a_memberless_group_admits_every_unit_without_listing_them():
    many = [unit(f"u{n}") for n in range(2_000)]
    ledger = make_ledger(
        [task(1, lead=("u0",), responsible=("g",))], units=[*many, unit("g", UnitKind.group)]
    )
    admitted = admitted_units(ledger.tasks[1], ledger.units)
    assert len(admitted.listed) == 1 and admitted.every_unit
    assert "u1999" in admitted and "g" not in admitted and "nobody" not in admitted
