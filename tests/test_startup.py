"""Start-up stays lean: what `--help`, `record --help` and a warm `status` import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers.cli import PINNED_ENV
from helpers.ledgers import cold as drop_cache

# `python -m pilotledger ARGS` for each ARGS given (a JSON list), each in a process of its own
# forked, one after the other, from a process that has imported only what `python -m
# pilotledger` imports before it reads its arguments (pilotledger.cli: its `__main__` imports
# it first): a fresh start would import exactly that again before the command. Each child
# answers on stderr, as it exits, every module it imported (sys.modules, not `-X importtime`,
# which misses what importlib.import_module loads: the command modules), and the probe prints
# each child's exit status, output and modules as one JSON line.
PROBE = """
import atexit, json, os, runpy, sys
import pilotledger.cli

def child(args, out):
    os.dup2(out, 1)
    sys.argv = ["pilotledger", *args]
    code = 0
    try:
        runpy.run_module("pilotledger", run_name="__main__", alter_sys=True)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    atexit._run_exitfuncs()  # what the command left to do at exit, before the modules are listed
    sys.stdout.flush()
    os.write(2, ("\\nimported: " + " ".join(sys.modules) + "\\n").encode())
    os._exit(code)

answers = []
for number, args in enumerate(json.loads(sys.argv[1])):
    out = os.open(os.path.join(sys.argv[2], str(number)), os.O_RDWR | os.O_CREAT, 0o600)
    err = os.open(os.path.join(sys.argv[2], f"{number}.err"), os.O_RDWR | os.O_CREAT, 0o600)
    pid = os.fork()
    if pid == 0:
        os.dup2(err, 2)
        child(args, out)
    status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    said = [os.pread(fd, 1 << 24, 0).decode("utf-8", "replace") for fd in (out, err)]
    answers.append({"status": status, "stdout": said[0], "stderr": said[1]})
print(json.dumps(answers))
"""


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
    # what the commands do when they run (cli/run/, and the ledger side of cli/common.py)
    "pilotledger.cli.run",
    "pilotledger.cli.common",
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


def imported_each(
    commands: list[list[str]], root: Path, folder: Path
) -> list[tuple[str, set[str]]]:
    """The output of each command (run in turn, each a real process of its own; see PROBE)
    and every module it imported; `folder` holds their output files."""
    env = dict(os.environ, **PINNED_ENV, PILOTLEDGER_DATA=str(root))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = []
    for args, answer in zip(commands, json.loads(done.stdout), strict=True):
        assert answer["status"] == 0, (args, answer["stderr"][-2000:])
        listed = answer["stderr"].rsplit("\nimported: ", 1)[1]
        found.append((answer["stdout"], set(listed.split())))
    return found


def offending(modules: set[str], banned: list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == b or m.startswith(b + ".") for b in banned))


def test_help_imports_neither_models_nor_renderers(shipped, tmp_path):
    commands = [["--help"], ["record", "--help"], ["status", "--help"]]
    for args, (out, modules) in zip(commands, imported_each(commands, shipped, tmp_path)):
        assert "Usage" in out and "pilotledger.cli" in modules  # the probe sees our own imports
        assert offending(modules, NOT_FOR_HELP) == [], args


def test_a_warm_status_imports_no_parser_writer_or_pool(sample, tmp_path):
    status = ["status", "--as-of", "2022-06-30"]
    (first, cold), (out, warm) = imported_each([status, status], drop_cache(sample), tmp_path)
    assert "pilotledger.store.yamlio" in cold  # the cold run parsed, so the probe can fail
    # a cold run validates the registries it parsed (a warm one rebuilds them from the
    # authenticated cache without pydantic: NOT_FOR_WARM_STATUS; test_cache.py has the rest)
    assert "pydantic" in cold and "pilotledger.schema" in cold
    assert out == first and "pilotledger.store.loader" in warm
    assert "pilotledger.cli.listings" in warm  # the probe sees the command modules it names
    assert offending(warm, NOT_FOR_WARM_STATUS) == []
    # of the commands' work (cli/run/), status's own module alone
    assert offending(warm, ["pilotledger.cli.run"]) == [
        "pilotledger.cli.run",
        "pilotledger.cli.run.status",
    ]
    # a plain status table is laid out by render/columns.py, cold or warm (test_columns.py)
    assert "序号" in first and "tabulate" not in cold


# Every option of `status` that a plain-text answer can take, in one command line: typer would
# coerce each of them with pydantic (cli/typer_compat.py passes these through).
STATUS_OPTIONS = [
    *("--format", "plain", "--as-of", "2022-06-30", "--unit", "县商务委", "--part", "1"),
    *("--section", "1", "--status", "推进中", "--red-first"),
]


def test_a_warm_status_with_its_options_imports_no_pydantic(sample_once, tmp_path):
    variants = [STATUS_OPTIONS, ["--format", "json", "--lang", "en"]]
    commands = [["status"]] + [["status", *args] for args in variants]  # the first fills the cache
    for args, (out, warm) in zip(variants, imported_each(commands, sample_once, tmp_path)[1:]):
        assert out and "pilotledger.store.loader" in warm
        assert offending(warm, ["pydantic", "typer._adapters", *NOT_FOR_WARM_STATUS]) == [], args
