"""Start-up stays lean: what `--help`, `record --help` and a warm `status` import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.cli import PINNED_ENV
from helpers.ledgers import cold as drop_cache

# `python -m pilotledger`, listing on stderr, as it exits, every module it imported: sys.modules,
# not `-X importtime`, which misses what importlib.import_module loads (the command modules).
PROBE = (
    "import atexit, runpy, sys\n"
    "atexit.register(lambda: sys.stderr.write('\\nimported: ' + ' '.join(sys.modules) + '\\n'))\n"
    "runpy.run_module('pilotledger', run_name='__main__', alter_sys=True)\n"
)

# Never needed to print help: the models, the parsers, the renderers, the writers.
NOT_FOR_HELP = [
    "pydantic",
    "typer._adapters",
    "pilotledger.model",
    "pilotledger.store",
    "rich",
    "ruamel",
    "yaml",
    "tabulate",
    "orjson",
    "openpyxl",
    "filelock",
    "concurrent.futures",
    "multiprocessing",
]
# Not needed to answer `status` from a warm cache, in plain text.
NOT_FOR_WARM_STATUS = [
    "ruamel",
    "yaml",
    "pilotledger.store.yamlio",
    "pilotledger.store.yamlbuild",
    "pilotledger.store.parallel",
    "concurrent.futures",
    "multiprocessing",
    "openpyxl",
    "filelock",
    "rich",
    "pilotledger.views.report",
    "pilotledger.gitflow",
    "pilotledger.ledger_check",
    "pilotledger.store.writer",
    # validation (a warm, clean ledger is not validated again) and the other commands
    "pydantic",
    "pilotledger.schema",
    "pilotledger.validation",
    "pilotledger.cli.admin",
    "pilotledger.cli.check",
    "pilotledger.cli.record",
    "pilotledger.cli.report",
    "pilotledger.cli.site",
    "pilotledger.cli.trend",
    # tabulate and wcwidth: plain text is laid out by render/columns.py and render/width.py
    "tabulate",
    "wcwidth",
]


def imported(args: list[str], root: Path, cwd: Path | None = None) -> tuple[str, set[str]]:
    """The output of one real process and every module it imported."""
    env = dict(os.environ, **PINNED_ENV, PILOTLEDGER_DATA=str(root))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    listed = done.stderr.rsplit("\nimported: ", 1)[1]
    return done.stdout, set(listed.split())


def offending(modules: set[str], banned: list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == b or m.startswith(b + ".") for b in banned))


def test_help_imports_neither_models_nor_renderers(shipped):
    for args in (["--help"], ["record", "--help"], ["status", "--help"]):
        out, modules = imported(args, shipped)
        assert "Usage" in out and "pilotledger.cli" in modules  # the probe sees our own imports
        assert offending(modules, NOT_FOR_HELP) == [], args


def test_a_warm_status_imports_no_parser_writer_or_pool(sample):
    first, cold = imported(["status", "--as-of", "2022-06-30"], drop_cache(sample))
    assert "pilotledger.store.yamlio" in cold  # the cold run parsed, so the probe can fail
    out, warm = imported(["status", "--as-of", "2022-06-30"], sample)
    assert out == first and "pilotledger.store.loader" in warm
    assert "pilotledger.cli.listings" in warm  # the probe sees the command modules it names
    assert offending(warm, NOT_FOR_WARM_STATUS) == []


# Every option of `status` that a plain-text answer can take, in one command line: typer would
# coerce each of them with pydantic (cli/typer_compat.py passes these through).
STATUS_OPTIONS = [
    *("--format", "plain", "--as-of", "2022-06-30", "--unit", "县商务委", "--part", "1"),
    *("--section", "1", "--status", "推进中", "--red-first"),
]


def test_a_warm_status_with_its_options_imports_no_pydantic(sample_once):
    imported(["status"], sample_once)  # fills the cache, if no test has yet
    for args in (STATUS_OPTIONS, ["--format", "json", "--lang", "en"]):
        out, warm = imported(["status", *args], sample_once)
        assert out and "pilotledger.store.loader" in warm
        assert offending(warm, ["pydantic", "typer._adapters", *NOT_FOR_WARM_STATUS]) == [], args
