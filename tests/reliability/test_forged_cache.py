"""Trust boundary: the parse cache is private to this clone. Entries forged or copied from
elsewhere (a committed `.cache/`) are ignored, and `check` reports a tracked cache."""

from __future__ import annotations

import hashlib
import json
import shutil

import orjson
import pytest

from helpers.cli import Cli
from helpers.git import git
from helpers.ledgers import write
from reliability.trust import RECORD, block, in_git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def forge(root, rows_for=None, clean_key=None):
    """What anyone without this clone's key can do: rewrite payloads and recompute plain sums."""
    for path in (root / ".cache").rglob("*.json"):
        header, payload = path.read_bytes().split(b"\n", 1)
        meta = orjson.loads(header)
        if path.name.endswith(".rows.json") and rows_for is not None:
            payload = orjson.dumps(rows_for(orjson.loads(payload)))
        if path.name.endswith(".full.json"):
            path.unlink()
            continue
        for name, value in list(meta.items()):
            if isinstance(value, str) and len(value) == 64 and name != "digest":
                meta[name] = hashlib.sha256(payload).hexdigest()
        path.write_bytes(orjson.dumps(meta) + b"\n" + payload)


def test_a_forged_cache_cannot_mark_a_task_done(mini, mini_cli):
    assert mini_cli(*RECORD).exit_code == 0
    assert mini_cli("status", "--format", "json").exit_code == 0  # fills the cache

    def done(rows):
        return [[row[0], row[1], row[2], row[3], "done", 100, *row[6:]] for row in rows]

    forge(mini, done)
    status = json.loads(mini_cli("status", "--format", "json").stdout)
    first = next(row for row in status if row["task"] == 1)
    assert first["status"] == "in_progress" and first["progress"] == 20


def test_a_forged_cache_cannot_hide_invalid_records(mini, mini_cli):
    month = write(mini, "progress/2022-03.yaml", block("r1"))
    assert mini_cli("check").exit_code == 0  # cache entry and the clean mark for the valid file
    valid_digest = hashlib.sha256(month.read_bytes()).hexdigest()
    month.write_text(block("r1", unit="nobody", status="finished"), encoding="utf-8")
    bad_digest = hashlib.sha256(month.read_bytes()).hexdigest()
    for path in (mini / ".cache").rglob("*.json"):  # re-key every entry to the bad content
        header, payload = path.read_bytes().split(b"\n", 1)
        header = header.replace(valid_digest.encode(), bad_digest.encode())
        meta = orjson.loads(header)
        if meta.get("size"):
            meta["size"] = month.stat().st_size
        path.write_bytes(orjson.dumps(meta) + b"\n" + payload)
    forge(mini)
    result = Cli(mini)("--lang", "en", "check")
    assert result.exit_code == 1
    assert "status: 'finished' — is not one of" in result.stdout


def test_a_committed_cache_is_reported_and_ignored(mini, mini_cli, tmp_path):
    assert mini_cli(*RECORD).exit_code == 0
    in_git(mini)
    git(mini, "add", "-f", ".cache")
    git(mini, "commit", "-qm", "cache")
    result = mini_cli("--lang", "en", "check")
    assert result.exit_code == 1
    assert ".cache:1:1: the parse cache is tracked by git" in result.stdout
    result = mini_cli("check")
    assert "解析缓存被 git 跟踪" in result.stdout


def test_the_key_lives_outside_the_work_tree(mini, mini_cli, tmp_path):
    from pilotledger.store.cache import key_path

    assert mini_cli(*RECORD).exit_code == 0
    key = key_path()
    assert key.is_file() and mini.resolve() not in key.resolve().parents
    assert (key.stat().st_mode & 0o077) == 0
