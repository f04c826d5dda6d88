"""The parse cache: never stale, never required, never changes an answer."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from helpers.cli import record_args
from helpers.ledgers import cold
from pilotledger.store import writer

STATUS = ("status", "--as-of", "2022-06-30", "--format", "json")


@pytest.fixture
def sample(sample):
    """The sample ledger cold, as a first run meets it: these tests count what a read parses
    and writes (conftest's copy comes with its cache)."""
    return cold(sample)


def cache_files(root):
    return sorted(p for p in (root / ".cache").rglob("*.json"))


def test_a_warm_run_is_served_from_the_cache_and_answers_the_same(sample, run):
    cold = run(*STATUS).stdout
    assert cache_files(sample), "the first run fills the cache"
    warm = run(*STATUS).stdout
    without = run(*STATUS, env={"PILOTLEDGER_NO_CACHE": "1"}).stdout
    assert cold == warm == without
    for args in (
        ("overdue", "--format", "json"),
        ("report", "--year", "2022", "--format", "json"),
        ("show", "23", "--format", "json"),
        ("check", "--format", "json"),
    ):
        assert run(*args).stdout == run(*args, env={"PILOTLEDGER_NO_CACHE": "1"}).stdout, args


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """One entry per YAML document the product parses (its libyaml loader's get_single_node,
    which every read, placement and check goes through)."""
    from pilotledger.store import yamlio

    seen: list[int] = []
    real = yamlio.FAST_LOADER.get_single_node

    def counting(parser):
        seen.append(1)
        return real(parser)

    monkeypatch.setattr(yamlio.FAST_LOADER, "get_single_node", counting)
    return seen


def test_a_warm_run_parses_no_yaml_at_all(sample, run, parses):
    progress = sorted((sample / "progress").glob("*.yaml"))
    run(*STATUS)
    assert len(parses) == 2 + len(progress)  # cold: the two registries and every month file
    parses.clear()
    for args in (
        STATUS,
        ("overdue", "--format", "json"),
        ("show", "23", "--format", "json"),
        ("check",),
    ):
        assert run(*args).exit_code == 0
    assert parses == []  # warm: rows, full records and registries all came from the cache
    run(*STATUS, env={"PILOTLEDGER_NO_CACHE": "1"})
    assert len(parses) == 2 + len(progress)  # the counter does see parses when there is no cache
    parses.clear()
    june = sample / "progress" / "2022-06.yaml"
    june.write_bytes(june.read_bytes() + b"\n")  # changed bytes, same records: parsed again, alone
    run(*STATUS)
    assert len(parses) == 1


def test_a_hand_edit_with_the_same_size_and_mtime_is_seen(sample, run):
    run(*STATUS)
    path = sample / "progress" / "2022-06.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("progress: 60", "progress: 70")
    assert len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size
    task23 = next(row for row in json.loads(run(*STATUS).stdout) if row["task"] == 23)
    assert task23["progress"] == 70


def test_a_hand_edit_that_breaks_a_file_is_reported_not_hidden_by_the_cache(sample, run):
    run(*STATUS)
    path = sample / "progress" / "2022-04.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: blocked", "status: stuck"),
        encoding="utf-8",
    )
    result = run("check")
    assert (
        result.exit_code == 1
        and "2022-04.yaml:13:11: status：'stuck' — 不是以下之一：not_started、in_progress"
        in result.stdout
    )


@pytest.mark.parametrize("damage", ["truncate", "garbage", "payload"])
def test_a_corrupt_cache_entry_is_ignored_and_rebuilt(sample, run, damage):
    expected = run(*STATUS).stdout
    for path in cache_files(sample):
        blob = path.read_bytes()
        path.write_bytes(
            {
                "truncate": blob[: len(blob) // 2],
                "garbage": b"\x00\xff not json",
                "payload": blob.replace(b"in_progress", b"done_xxxxxx"),
            }[damage]
        )
    assert run(*STATUS).stdout == expected
    assert run(*STATUS).stdout == expected
    rebuilt = {p.name: p.read_bytes() for p in cache_files(sample)}
    assert all(b"\x00\xff" not in blob for blob in rebuilt.values())


def test_the_cache_is_never_required(sample, run):
    expected = run(*STATUS, env={"PILOTLEDGER_NO_CACHE": "1"}).stdout
    assert not (sample / ".cache").exists()
    shutil.rmtree(sample / ".cache", ignore_errors=True)
    (sample / ".cache").write_text("a file where the cache folder would be")
    assert run(*STATUS).stdout == expected


def test_the_cache_folder_ignores_itself_in_git(sample, run):
    run(*STATUS)
    assert (sample / ".cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_record_keeps_the_cache_warm_and_right(sample, run):
    run(*STATUS)
    result = run(
        *record_args(
            23, unit="commerce", date="2022-06-30", status="done", summary="全部完成", progress=100
        )
    )
    assert result.exit_code == 0, result.stderr
    with_cache = run(*STATUS).stdout
    assert with_cache == run(*STATUS, env={"PILOTLEDGER_NO_CACHE": "1"}).stdout
    assert next(r for r in json.loads(with_cache) if r["task"] == 23)["status"] == "done"


TRICKY = """\
- a: NO
  b: yes
  c: 0123
  d: 1_000
  e: ~
  f: null
  g: 12:30
  h: 2022-03-05
  i: 2022-03-16 10:20:00+08:00
  j: 0o17
  k: 0x1F
  l: 1.5e3
  m: .inf
  n: ''
  o: true
  p: 'quoted'
  q: 中文：冒号
  r:
  s: -0
  t: +12
"""


def test_the_fast_and_pure_loaders_read_what_ruamel_reads(sample):
    from ruamel.yaml import YAML

    from pilotledger.store.yamlio import FAST_LOADER, PURE_LOADER, load_data

    assert "CSafeLoader" in [base.__name__ for base in FAST_LOADER.__mro__], (
        "PyYAML should come with libyaml (the fast path)"
    )
    texts = [p.read_text(encoding="utf-8") for p in sorted((sample / "progress").glob("*.yaml"))]
    texts += [(sample / n).read_text(encoding="utf-8") for n in ("tasks.yaml", "units.yaml")] + [
        TRICKY
    ]
    for text in texts:
        reference = YAML(typ="safe", pure=True).load(text)
        assert load_data(text, FAST_LOADER) == reference
        assert load_data(text, PURE_LOADER) == reference


def test_a_large_month_is_verified_without_parsing_it_again(sample, run, monkeypatch):
    monkeypatch.setattr(writer, "FULL_CHECK_BYTES", 10)  # every month counts as large
    run(*STATUS)
    path = sample / "progress" / "2022-06.yaml"
    before = path.read_bytes()
    result = run(*record_args(49, unit="big-data", date="2022-06-20", summary="补充记录"))
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes().startswith(before)
    assert run("check").exit_code == 0


def test_a_large_month_with_a_document_marker_is_refused(sample, run, monkeypatch):
    monkeypatch.setattr(writer, "FULL_CHECK_BYTES", 10)
    path = sample / "progress" / "2022-06.yaml"
    path.write_bytes(b"---\n" + path.read_bytes() + b"...\n")
    run(*STATUS)
    before = path.read_bytes()
    result = run(*record_args(49, unit="big-data", date="2022-06-20", summary="补充记录"))
    assert result.exit_code == 1 and "无法在不改写原有内容的情况下追加新记录" in result.stderr
    assert path.read_bytes() == before


VALIDATORS_BUILT = """
import sys
from pilotledger.cli import app
app(sys.argv[1:], standalone_mode=False)
print("validated:", "pilotledger.schema" in sys.modules, "pydantic" in sys.modules)
"""


def validators_built(root) -> str:
    import subprocess
    import sys

    from helpers.cli import PINNED_ENV

    done = subprocess.run(
        [sys.executable, "-c", VALIDATORS_BUILT, "--data", str(root), "status"],
        env=dict(os.environ, **PINNED_ENV),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()[-1]


def test_a_warm_read_rebuilds_the_registries_without_validating_them(sample, run):
    """The authenticated cache holds registries this program validated: a warm run rebuilds
    them as they were (the same answer as without the cache) without importing pydantic at
    all, while a cold run validates the YAML; the imports of a cold and a warm process are
    asked by tests/test_startup.py's warm-status probe, which starts those processes anyway."""
    shutil.rmtree(sample / ".cache", ignore_errors=True)
    cold = run("status").stdout  # parses, validates and fills the cache
    assert run("status").stdout == cold == run("status", env={"PILOTLEDGER_NO_CACHE": "1"}).stdout


def test_an_authenticated_registry_entry_of_another_shape_is_validated(sample, run):
    """An entry that authenticates but that this code cannot rebuild field by field (a field
    it does not know: another version's dump) is validated like any data, and refused here:
    the registry is parsed again and the output is the same."""
    from pilotledger.store.cache import ParseCache, digest

    expected = run("status").stdout
    cache = ParseCache(sample)
    raw = (sample / "units.yaml").read_bytes()
    path = cache._path("units.yaml", "model")
    dump = json.loads(path.read_bytes().split(b"\n", 1)[1])
    dump["units"][0]["phone"] = "023-1234567"
    cache._write(path, digest(raw), len(raw), json.dumps(dump).encode())
    assert validators_built(sample) == "validated: True True"  # units validated, then re-parsed
    assert run("status").stdout == expected


def test_record_after_record_parses_no_month_file(sample, run, monkeypatch):
    """`record` quotes the task's newest whole record (its defaults): it comes from the full-
    records cache, which each `record` splices its block into, so a second `record` into the
    same month parses no whole month (only the writer's check of the last item and the new
    block), and the spliced entry equals what parsing the file gives."""
    from pilotledger.store import yamlio
    from pilotledger.store.cache import ParseCache, digest
    from pilotledger.validation import validate_progress

    monkeypatch.setattr(writer, "FULL_CHECK_BYTES", 10)  # every month counts as large
    assert run("check").exit_code == 0
    first = run(*record_args(23, unit="commerce", date="2022-06-29", summary="第一次"))
    assert first.exit_code == 0, first.stderr
    month = sample / "progress" / "2022-06.yaml"
    month_chars = len(month.read_text(encoding="utf-8"))
    parsed_chars: list[int] = []
    real_load = yamlio.load_data

    def counting(text, *args, **kwargs):
        parsed_chars.append(len(text))
        return real_load(text, *args, **kwargs)

    monkeypatch.setattr(yamlio, "load_data", counting)
    second = run(*record_args(23, unit="commerce", date="2022-06-30", summary="第二次"))
    assert second.exit_code == 0, second.stderr
    assert all(chars < month_chars / 2 for chars in parsed_chars)  # no whole month parsed
    monkeypatch.setattr(yamlio, "load_data", real_load)
    raw = month.read_bytes()
    cached = ParseCache(sample).full("progress/2022-06.yaml", digest(raw))
    parsed, _ = validate_progress("progress/2022-06.yaml", real_load(raw.decode("utf-8")))
    assert cached == [record for _, record in parsed]
    assert [r.summary for r in cached][-2:] == ["第一次", "第二次"]


# --- each entry read and written as data: a hit, a miss and a damaged entry ---------------------

MONTH = "progress/2022-03.yaml"
RAW = b"the month file's bytes"


def stored_record(number: int, evidence=None, summary=None):
    from pilotledger.model import Record, rebuild

    fields = {
        "id": f"r{number}",
        "task": 1,
        "date": "2022-03-10",
        "unit": "commerce",
        "status": "in_progress",
        "summary": summary or f"第{number}条",
        "recorded_at": "2022-03-11T09:00:00+08:00",
    }
    return rebuild(Record, {**fields, **({"evidence": evidence} if evidence else {})})


def damaged(cache, kind: str, payload: bytes, content_digest: str = "d1") -> None:
    """An entry that authenticates (our key, this content) but is not what this code writes."""
    cache._write(cache._path(MONTH, kind), content_digest, len(RAW), payload)


def test_rows_a_hit_a_miss_and_a_damaged_entry(tmp_path):
    from pilotledger.store.cache import ParseCache

    cache = ParseCache(tmp_path)
    records = [stored_record(1), stored_record(2)]
    cache.store_rows(MONTH, RAW, "d1", records)
    known = cache.known_rows(MONTH, RAW, "d1")
    assert known.holds_id("r2") and not known.holds_id("r3") and not known.holds_id("r")
    assert [entry.id for entry in cache.rows(MONTH, RAW, "d1")] == ["r1", "r2"]
    assert cache.known_rows(MONTH, RAW, "other") is None  # another content: a miss
    assert cache.known_rows(MONTH, RAW + b"x", "d1") is None  # another size: a miss
    for payload in (b'[["r1", 1]]', b'{"r1": 1}', b"[[", b'["r1"]'):
        damaged(cache, "rows", payload)
        assert cache.known_rows(MONTH, RAW, "d1") is None, payload
        assert cache.rows(MONTH, RAW, "d1") is None, payload


def test_a_row_added_to_known_rows_is_read_back_with_the_others(tmp_path):
    from pilotledger.store.cache import ParseCache

    cache = ParseCache(tmp_path)
    cache.store_rows(MONTH, RAW, "d1", [stored_record(1)])
    known = cache.known_rows(MONTH, RAW, "d1")
    cache.append_row(MONTH, RAW + b"+", "d2", known, stored_record(2))
    entries = cache.rows(MONTH, RAW + b"+", "d2")
    assert [entry.id for entry in entries] == ["r1", "r2"]
    assert entries[1].date.isoformat() == "2022-03-10" and entries[1].progress is None


def test_whole_records_a_hit_a_miss_and_a_damaged_entry(tmp_path):
    from pilotledger.store.cache import ParseCache

    cache = ParseCache(tmp_path)
    # texts that spell the JSON of another record are data, never mistaken for one
    first = stored_record(1)
    tricky = stored_record(2, summary='{"id":"r3","task":1}],[{"id":"r1",')
    records = [first, tricky, stored_record(3)]
    cache.store_full(MONTH, RAW, "d1", records)
    assert cache.full(MONTH, "d1") == records
    assert cache.full_one(MONTH, "d1", "r2") == tricky
    assert cache.full_one(MONTH, "d1", "r9") is None  # no such record: a miss
    assert cache.full_one(MONTH, "other", "r1") is None  # another content: a miss
    for payload in (b'[{"id": "r1"}]', b'{"id": "r1"}', b"[1, 2]", b"[{"):
        damaged(cache, "full", payload)
        assert cache.full(MONTH, "d1") is None, payload
        assert cache.full_one(MONTH, "d1", "r1") is None, payload


def test_a_record_added_to_the_whole_records_and_to_their_facts(tmp_path):
    from pilotledger.store.cache import ParseCache

    cache = ParseCache(tmp_path)
    cache.store_full(MONTH, RAW, "d1", [stored_record(1)])
    assert cache.lists_no_evidence_file(MONTH, "d1")
    with_file = stored_record(2, evidence=["纪要", {"file": "evidence/a.pdf", "sha256": "a" * 64}])
    cache.append_full(MONTH, "d1", RAW + b"+", "d2", with_file)
    assert cache.full(MONTH, "d2") == [stored_record(1), with_file]
    assert not cache.lists_no_evidence_file(MONTH, "d2")  # now one lists a file
    cache.append_full(MONTH, "d9", RAW + b"++", "d3", stored_record(3))  # old content unknown
    assert cache.full(MONTH, "d3") is None and not cache.lists_no_evidence_file(MONTH, "d3")


def test_the_facts_a_hit_a_miss_and_a_damaged_entry(tmp_path):
    from pilotledger.store.cache import ParseCache

    cache = ParseCache(tmp_path)
    # a text that spells an evidence file is a text: no file is listed
    cache.store_full(MONTH, RAW, "d1", [stored_record(1, evidence=['{"file":"x"}'])])
    assert cache.lists_no_evidence_file(MONTH, "d1")
    assert not cache.lists_no_evidence_file(MONTH, "other")  # not cached: it may list one
    for payload in (b'{"evidence_files": 0}', b"{}", b"[false]", b"{"):
        damaged(cache, "facts", payload)
        assert not cache.lists_no_evidence_file(MONTH, "d1"), payload
        cache.append_full(MONTH, "d1", RAW + b"+", "d2", stored_record(2))
        assert cache.full(MONTH, "d2") is None, payload  # damaged facts: not carried forward
