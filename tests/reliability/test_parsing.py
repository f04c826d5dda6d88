"""Promises 4 and 5: safe parsing, and values that keep their type."""

from __future__ import annotations

import resource
import time

import pytest

from conftest import Cli, write

from test_check import MARCH
from test_check import RECORD as CHECKED_RECORD


@pytest.fixture
def mini_cli(mini):
    """These cases pin the English wording; tests/test_messages.py pins both languages."""
    return Cli(mini, env={"PILOTLEDGER_LANG": "en"})

RECORD = CHECKED_RECORD.replace("summary: 已启动", "summary: {summary}")

REFUSED = {
    "python tag": ("!!python/object/apply:os.system ['echo owned']", "YAML tags (!…) are not allowed"),
    "custom tag": ("!secret 值", "YAML tags (!…) are not allowed"),
    "plain str tag": ("!!str 值", "YAML tags (!…) are not allowed"),
    "anchor": ("&a 值", "YAML anchors (&…) are not allowed"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_tags_and_anchors_are_refused(mini, mini_cli, case):
    summary, message = REFUSED[case]
    write(mini, MARCH, RECORD.format(summary=summary))
    result = mini_cli("check")
    assert result.exit_code == 1 and f"2022-03.yaml:6:12: {message}" in result.stdout


def test_aliases_and_directives_are_refused(mini, mini_cli):
    write(mini, MARCH, "%YAML 1.1\n---\n" + RECORD.format(summary="NO"))
    assert "2022-03.yaml:1:1: YAML directives (%YAML, %TAG) are not allowed" in mini_cli("check").stdout
    write(mini, MARCH, RECORD.format(summary="&s 值") + RECORD.replace("r1", "r2").format(summary="*s"))
    assert "2022-03.yaml:6:12: YAML anchors (&…) are not allowed" in mini_cli("check").stdout


def test_a_billion_laughs_is_refused_fast_and_small(mini, mini_cli):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    write(mini, MARCH, "\n".join(lines) + "\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = mini_cli("check")
    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert result.exit_code == 1 and "YAML anchors (&…) are not allowed in ledger files" in result.stdout
    assert elapsed < 1.0 and grown_mb < 50


def test_deep_nesting_is_a_clear_error_not_a_recursion_error(mini, mini_cli):
    write(mini, MARCH, "[" * 5000 + "]" * 5000 + "\n")
    started = time.perf_counter()
    result = mini_cli("check")
    assert result.exit_code == 1
    assert "nesting" in result.stdout and "RecursionError" not in result.stdout + result.stderr
    assert time.perf_counter() - started < 5
    write(mini, MARCH, "- " + "{a: " * 40 + "1" + "}" * 40 + "\n")
    assert "nesting deeper than 32 levels is not allowed" in mini_cli("check").stdout


def test_a_file_over_the_size_limit_is_refused(mini, mini_cli, monkeypatch):
    from pilotledger.store import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1024 * 1024)
    write(mini, MARCH, RECORD.format(summary="x" * (1024 * 1024)))
    result = mini_cli("--lang", "en", "check")
    assert result.exit_code == 1 and "2022-03.yaml:1:1: file is larger than 1 MB" in result.stdout


@pytest.mark.parametrize("text", ["NO", "yes", "0123", "1_000", "~", "null", "12:30", "2022-03-05", "true", "1e3"])
def test_values_typed_as_text_stay_text_in_and_out(mini, mini_cli, text):
    import json

    result = mini_cli("record", "1", "--unit", "commerce", "--date", "2022-03-15", "--status", "in_progress",
                      "--summary", text, "--evidence", text)
    assert result.exit_code == 0, result.stderr
    history = json.loads(mini_cli("show", "1", "--format", "json").stdout)["history"]
    assert (history[-1]["summary"], history[-1]["evidence"]) == (text, [text])


@pytest.mark.parametrize("field,value,message", [
    ("id", "123", "id: 123 — should be text"),
    ("unit", "007", "unit: 7 — should be text"),
    ("corrects", "456", "corrects: 456 — should be text"),
])
def test_ids_are_always_strings(mini, mini_cli, field, value, message):
    text = RECORD.format(summary="x").replace("  recorded_at", "  corrects: r0\n  recorded_at") if field == "corrects" \
        else RECORD.format(summary="x")
    text = text.replace(f"{field}: {'r1' if field == 'id' else 'commerce' if field == 'unit' else 'r0'}",
                        f"{field}: {value}")
    write(mini, MARCH, text)
    assert message in mini_cli("check").stdout
