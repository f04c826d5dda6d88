"""Promises 4 and 5: safe parsing, and values that keep their type."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers.cli import PINNED_ENV, Cli, record_args
from helpers.ledgers import MARCH, write
from helpers.ledgers import RECORD as CHECKED_RECORD


@pytest.fixture
def mini_cli(mini):
    """These cases pin the English wording; tests/test_messages.py pins both languages."""
    return Cli(mini, env={"PILOTLEDGER_LANG": "en"})


RECORD = CHECKED_RECORD.replace("summary: 已启动", "summary: {summary}")

REFUSED = {
    "python tag": (
        "!!python/object/apply:os.system ['echo owned']",
        "YAML tags (!…) are not allowed",
    ),
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
    assert (
        "2022-03.yaml:1:1: YAML directives (%YAML, %TAG) are not allowed"
        in mini_cli("check").stdout
    )
    write(
        mini,
        MARCH,
        RECORD.format(summary="&s 值") + RECORD.replace("r1", "r2").format(summary="*s"),
    )
    assert "2022-03.yaml:6:12: YAML anchors (&…) are not allowed" in mini_cli("check").stdout


# Started by a small launcher process, not by this (large) test process: on Linux a child's peak
# (ru_maxrss) includes the memory of the process it was forked from, up to its exec, so a child
# forked from a pytest worker that has grown to hundreds of MB reports that worker's size.
_LAUNCHER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,"
    " timeout=60)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)


def peak_of(argv: list[str], env: dict[str, str]) -> tuple[int, str, float]:
    """Exit code, stdout and peak resident MB of one child process alone; a child that runs for
    more than a minute is stopped, which fails the caller's assertions."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *argv],
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=90,
    )
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KB
    peak = int(done.stderr.decode().strip().splitlines()[-1]) / scale
    return done.returncode, done.stdout.decode(), peak


@pytest.mark.skipif(sys.platform == "win32", reason="needs the resource module for a child's peak")
def test_a_billion_laughs_is_refused_by_a_small_process(mini):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    write(mini, MARCH, "\n".join(lines) + "\n")
    env = dict(os.environ, **dict(PINNED_ENV, PILOTLEDGER_LANG="en"), PILOTLEDGER_DATA=str(mini))
    code, out, peak_mb = peak_of([sys.executable, "-m", "pilotledger", "check"], env)
    assert code == 1 and "YAML anchors (&…) are not allowed in ledger files" in out
    assert peak_mb < 150  # checking this small ledger peaks near 42 MB; 10⁹ "lol"s would not fit


def test_deep_nesting_is_a_clear_error_not_a_recursion_error(mini, mini_cli):
    write(mini, MARCH, "[" * 5000 + "]" * 5000 + "\n")
    result = mini_cli("check")
    assert result.exit_code == 1
    assert "nesting" in result.stdout and "RecursionError" not in result.stdout + result.stderr
    write(mini, MARCH, "- " + "{a: " * 40 + "1" + "}" * 40 + "\n")
    assert "nesting deeper than 32 levels is not allowed" in mini_cli("check").stdout


def test_a_file_over_the_size_limit_is_refused(mini, mini_cli, monkeypatch):
    from pilotledger.store import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1024 * 1024)
    write(mini, MARCH, RECORD.format(summary="x" * (1024 * 1024)))
    result = mini_cli("--lang", "en", "check")
    assert result.exit_code == 1 and "2022-03.yaml:1:1: file is larger than 1 MB" in result.stdout


@pytest.mark.parametrize(
    "text", ["NO", "yes", "0123", "1_000", "~", "null", "12:30", "2022-03-05", "true", "1e3"]
)
def test_values_typed_as_text_stay_text_in_and_out(mini, mini_cli, text):
    import json

    result = mini_cli(
        *record_args(unit="commerce", status="in_progress", summary=text, evidence=text),
    )
    assert result.exit_code == 0, result.stderr
    history = json.loads(mini_cli("show", "1", "--format", "json").stdout)["history"]
    assert (history[-1]["summary"], history[-1]["evidence"]) == (text, [text])


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("id", "123", "id: 123 — should be text"),
        ("unit", "007", "unit: 7 — should be text"),
        ("corrects", "456", "corrects: 456 — should be text"),
    ],
)
def test_ids_are_always_strings(mini, mini_cli, field, value, message):
    text = (
        RECORD.format(summary="x").replace("  recorded_at", "  corrects: r0\n  recorded_at")
        if field == "corrects"
        else RECORD.format(summary="x")
    )
    text = text.replace(
        f"{field}: {'r1' if field == 'id' else 'commerce' if field == 'unit' else 'r0'}",
        f"{field}: {value}",
    )
    write(mini, MARCH, text)
    assert message in mini_cli("check").stdout
