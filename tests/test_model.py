"""model.py's plain dataclasses against schema.py's pydantic checks: the same fields, and a
warm rebuild from the cache's JSON that gives back exactly what validation gave."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import orjson
import pytest

from pilotledger import model, schema
from pilotledger.model import NotRebuildable, Record, TasksFile, UnitsFile, rebuild
from pilotledger.store import load_valid

DATACLASSES = [
    value
    for value in vars(model).values()
    if isinstance(value, type) and value.__module__ == model.__name__
    if dataclasses.is_dataclass(value) and value is not model.Ledger
]


PLAIN_NAME = re.compile(rf"\b(?:{'|'.join(model.PLAIN_TYPES)})\b")


def test_every_constrained_name_has_a_plain_type():
    """PLAIN_TYPES (what a warm rebuild makes of a field) names exactly the constrained types
    the dataclasses use, and schema.py defines each (what validation makes of a field is
    compared with the rebuild below, on every field of a real ledger)."""
    used = {
        name
        for kind in DATACLASSES
        for field in dataclasses.fields(kind)
        for name in PLAIN_NAME.findall(str(field.type))
    }
    assert used == set(model.PLAIN_TYPES)
    assert all(hasattr(schema, name) for name in model.PLAIN_TYPES)


def test_every_dataclass_refuses_unknown_keys_when_validated():
    assert all(kind.__pydantic_config__ == {"extra": "forbid"} for kind in DATACLASSES)
    with pytest.raises(schema.ValidationError) as raised:
        schema.validate(UnitsFile, {"units": [], "phone": "023"})
    assert raised.value.errors()[0]["type"] == "unexpected_keyword_argument"


def test_a_rebuilt_ledger_equals_the_validated_one(sample, monkeypatch):
    """Every registry and record of the sample ledger, dumped as the cache dumps it and rebuilt
    without pydantic, equals the value validation made (dates, times with offsets, enums,
    evidence of both forms, fields left unset)."""
    monkeypatch.setenv("PILOTLEDGER_NO_CACHE", "1")  # validated from the YAML
    ledger = load_valid(sample)
    records = [ledger.full[entry.id] for entry in ledger.records]
    assert records and any(record.evidence for record in records)
    for record in records:
        assert rebuild(Record, orjson.loads(orjson.dumps(record))) == record
    units = UnitsFile(units=list(ledger.units.values()))
    tasks = TasksFile(
        plan=ledger.plan,
        parts=ledger.parts,
        sections=ledger.sections,
        tasks=list(ledger.tasks.values()),
    )
    assert rebuild(UnitsFile, orjson.loads(orjson.dumps(units))) == units
    assert rebuild(TasksFile, orjson.loads(orjson.dumps(tasks))) == tasks


RECORD = {
    "id": "r1",
    "task": 1,
    "date": "2022-03-10",
    "unit": "commerce",
    "status": "done",
    "summary": "完成",
    "evidence": ["会议纪要", {"file": "evidence/ab.pdf", "sha256": "a" * 64}],
    "recorded_at": "2022-03-11T09:00:00+08:00",
}


def test_a_rebuilt_record_has_its_types():
    record = rebuild(Record, RECORD)
    assert record.date == dt.date(2022, 3, 10)
    assert record.recorded_at.utcoffset() == dt.timedelta(hours=8)
    assert record.status is model.Status.done
    assert record.evidence[1] == model.EvidenceFile(file="evidence/ab.pdf", sha256="a" * 64)
    assert record.progress is None


@pytest.mark.parametrize(
    "change",
    [
        {"remark": "x"},  # a field this code does not know
        {"task": "1"},  # a number as text
        {"status": "finished"},
        {"evidence": "会议纪要"},  # not a list
        {"evidence": [{"file": "a.pdf"}]},  # an evidence file without its digest
    ],
)
def test_what_rebuild_cannot_make_as_it_is_raises(change):
    """The cache's caller then validates the data (or reads the file) instead."""
    with pytest.raises((NotRebuildable, ValueError, TypeError)):
        rebuild(Record, {**RECORD, **change})


def first_replaced(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("value", ["true", "'1'", "1.0"])
@pytest.mark.parametrize(
    ("field", "line"), [("    section: 1\n", "tasks.section"), ("    part: 1\n", "sections.part")]
)
def test_a_section_or_part_number_must_be_a_whole_number(shipped, cli, field, line, value):
    """Strict like every number of the registries (the dataclass field is `Int`, not `int`)."""
    first_replaced(shipped / "tasks.yaml", field, field.replace("1", value))
    result = cli("--lang", "en", "check")
    assert result.exit_code == 1
    assert f"{line}: " in result.stdout and "should be a whole number" in result.stdout


def test_numbers_wider_than_64_bits_are_refused_not_a_traceback(shipped, cli):
    """orjson cannot write them to the cache: the file is then just not cached."""
    first_replaced(
        shipped / "tasks.yaml", "    section: 1\n", "    section: 99999999999999999999\n"
    )
    result = cli("--lang", "en", "check")
    assert result.exit_code == 1
    assert "tasks.yaml:88:14: unknown section 99999999999999999999" in result.stdout
    month = shipped / "progress" / "2022-03.yaml"
    month.write_text(
        "- id: r1\n  task: 99999999999999999999\n  date: 2022-03-10\n  unit: commerce\n"
        "  status: in_progress\n  summary: 启动\n  recorded_at: 2022-03-10 09:00:00+08:00\n",
        encoding="utf-8",
    )
    result = cli("--lang", "en", "check")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "progress/2022-03.yaml:2:9: unknown task 99999999999999999999" in result.stdout


def test_a_relative_cache_home_is_ignored(tmp_path, monkeypatch):
    """The XDG spec: a relative $XDG_CACHE_HOME is ignored (it would put the key in the work
    tree, and move it with the current folder)."""
    from pilotledger.store.cache import key_path

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "kc")
    assert key_path() == tmp_path / ".cache" / "pilotledger" / "cache-key"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert key_path() == tmp_path / "xdg" / "pilotledger" / "cache-key"


def test_one_whole_record_is_found_in_the_cache_without_rebuilding_the_month(tmp_path):
    """record quotes the task's newest whole record: found by its id among the cached whole
    records and rebuilt alone (a text that spells `{"id":"…"` is a text, never a record)."""
    from pilotledger.store.cache import ParseCache

    texts = ['{"id":"r2","task":1}', "普通", ',{"id":"r3",']
    records = [
        rebuild(Record, {**RECORD, "id": f"r{number}", "summary": text})
        for number, text in enumerate(texts, start=1)
    ]
    cache = ParseCache(tmp_path)
    raw = b"any bytes"
    cache.store_full("progress/2022-03.yaml", raw, "digest", records)
    for record in records:
        assert cache.full_one("progress/2022-03.yaml", "digest", record.id) == record
    assert cache.full_one("progress/2022-03.yaml", "digest", "r9") is None
    assert cache.full_one("progress/2022-03.yaml", "other", "r1") is None
