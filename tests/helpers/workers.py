"""Real processes: many recording into one ledger at once (test_record: a short run;
reliability: 16 processes), one killed at a random moment of its write (test_kills), and
`python -m pilotledger` where a regression could hang or eat memory (pilotledger_process).

Every writer is a process of its own (its own file descriptors, locks and memory; SIGKILL
stops it wherever it is), forked by one `Forker` process that has imported pilotledger and
recorded once into a scratch copy of the ledger: a fresh `python -m pilotledger` spends most
of its life importing, so a writer forked after that spends its life writing, which is what a
test of concurrent or killed writes is about, at a fraction of the cost."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from helpers.cli import record_args

# The forking process: once warmed up it says so ({}), then answers one JSON request a line
# on stdin with one JSON answer a line on stdout:
#   {"op": "fork", "commands": [argv, ...], "held": bool} -> {"pid": pid}: a child runs the
#       commands in turn (held: only once `release` is asked), its output going to files;
#   {"op": "release"} -> {}: every held child starts at once;
#   {"op": "process", "argv": [...], "env": {...}, "cwd": str|None, "memory": int|None}
#       -> {"pid": pid}: a child runs `python -m pilotledger ARGV` as that command's own
#       process would (pilotledger's __main__ through runpy), in that environment and folder,
#       its address space limited to `memory` bytes, stdin empty, its output going to files;
#   {"op": "wait", "pid": pid} -> {"status": exit code, or -signal, "out": stdout, "err": stderr}.
FORKER = r"""
import atexit, gc, json, os, resource, runpy, signal, sys, tempfile, traceback
from pilotledger.cli import app

def run(argv):
    try:
        app(argv, standalone_mode=False)
    except SystemExit as exit:
        return exit.code or 0
    return 0

def child(commands, barrier, out, err):
    os.dup2(out, 1)
    os.dup2(err, 2)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if barrier is not None:
        os.read(barrier, 1)  # EOF once the forker closes the other end: all start together
    code = 0
    try:
        for argv in commands:
            code = code or run(argv)
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

def process(argv, env, cwd, memory, out, err):
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(env)
    if cwd:
        os.chdir(cwd)
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    sys.argv = ["pilotledger", *argv]
    code = 0
    try:
        runpy.run_module("pilotledger", run_name="__main__", alter_sys=True)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    except BaseException:
        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

def text(file):
    file.seek(0)
    return file.read().decode("utf-8", "replace")

answers = os.fdopen(os.dup(1), "w")
quiet = os.open(os.devnull, os.O_WRONLY)
os.dup2(quiet, 1)  # what warming up prints is not an answer
if len(sys.argv) > 1:
    data = os.environ["PILOTLEDGER_DATA"]
    os.environ["PILOTLEDGER_DATA"] = sys.argv[1]  # warm up on the scratch copy
    assert run(json.loads(sys.argv[2])) == 0
    os.environ["PILOTLEDGER_DATA"] = data
gc.freeze()  # as pilotledger's main does: a child's collections then copy no parent pages
answers.write("{}\n")  # ready
answers.flush()
outputs, held = {}, None
for line in sys.stdin:
    request = json.loads(line)
    answer = {}
    if request["op"] == "fork":
        if request["held"] and held is None:
            held = os.pipe()
        out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        pid = os.fork()
        if pid == 0:
            if held is not None:
                os.close(held[1])
            barrier = held[0] if request["held"] else None
            child(request["commands"], barrier, out.fileno(), err.fileno())
        outputs[pid] = out, err
        answer = {"pid": pid}
    elif request["op"] == "process":
        out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        pid = os.fork()
        if pid == 0:
            process(request["argv"], request["env"], request["cwd"], request["memory"],
                    out.fileno(), err.fileno())
        outputs[pid] = out, err
        answer = {"pid": pid}
    elif request["op"] == "release":
        os.close(held[0])
        os.close(held[1])
        held = None
    elif request["op"] == "wait":
        _, status = os.waitpid(request["pid"], 0)
        out, err = outputs.pop(request["pid"])
        code = os.waitstatus_to_exitcode(status)
        answer = {"status": code, "out": text(out), "err": text(err)}
        out.close()
        err.close()
    answers.write(json.dumps(answer) + "\n")
    answers.flush()
os._exit(0)
"""


class Forker:
    """The forking process for the ledger at `root` (see FORKER), warmed up by running `warm`
    (a command's arguments) once in a scratch copy of the ledger's registries; without a
    ledger, warmed up only by importing pilotledger.cli."""

    def __init__(
        self, root: Path | None = None, warm: list[str] | None = None, env: dict | None = None
    ):
        self.scratch = Path(tempfile.mkdtemp(prefix="forker-"))
        argv, env = [sys.executable, "-c", FORKER], dict(env or os.environ)
        if root is not None:
            for name in ("tasks.yaml", "units.yaml"):
                shutil.copy(root / name, self.scratch / name)
            (self.scratch / "progress").mkdir()
            argv += [str(self.scratch), json.dumps(warm)]
            env["PILOTLEDGER_DATA"] = str(root)
        self.process = subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline(), (
            f"the forking process failed (exit {self.process.wait()})"
        )

    def ask(self, op: str, **request) -> dict:
        self.process.stdin.write(json.dumps(dict(request, op=op)) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, f"the forking process ended (exit {self.process.wait()})"
        return json.loads(answer)

    def start(self, *commands: list[str], held: bool = False) -> int:
        """A process running `commands` (each a command's arguments) in turn; `held`: not
        before release()."""
        return self.ask("fork", commands=commands, held=held)["pid"]

    def release(self) -> None:
        self.ask("release")

    def wait(self, pid: int) -> tuple[int, str, str]:
        """(exit status, or minus the signal that ended it; its stdout; its stderr)."""
        answer = self.ask("wait", pid=pid)
        return answer["status"], answer["out"], answer["err"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.stdout.close()
        assert self.process.wait(timeout=30) == 0
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> Forker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def worker_env(root: Path) -> dict[str, str]:
    return dict(
        os.environ,
        PILOTLEDGER_DATA=str(root),
        PILOTLEDGER_LANG="en",
        PILOTLEDGER_TODAY="2022-07-20",
    )


def numbered_record(worker: int, each: int) -> list[str]:
    return record_args(1, unit="commerce", status="in_progress", summary=f"进程{worker}第{each}条")


def run_workers(root: Path, processes: int, each: int) -> None:
    """`processes` processes, started at the same moment, each recording `each` records of
    task 1 into March 2022 (summaries 进程N第I条, N the process, I its record)."""
    with Forker(root, numbered_record(-1, 0), worker_env(root)) as forker:
        pids = [
            forker.start(*(numbered_record(n, i) for i in range(each)), held=True)
            for n in range(processes)
        ]
        forker.release()
        ended = [forker.wait(pid) for pid in pids]
    assert [status for status, _, _ in ended] == [0] * processes, ended


_SHARED: list[Forker] = []  # this test process's one forker of pilotledger processes


def pilotledger_process(
    args: list[str],
    env: dict[str, str],
    cwd: Path | None = None,
    timeout: float = 30.0,
    memory: int | None = None,
) -> subprocess.CompletedProcess:
    """`python -m pilotledger ARGS` as a process of its own, in `env` (the whole environment)
    and `cwd` (default: this process's), with `memory` bytes of address space at most,
    stopped after `timeout` seconds (subprocess.TimeoutExpired, as subprocess.run with a
    timeout): what a test needs where a regression could hang or eat memory (a device read to
    its end), so that it fails the test, not the suite. Forked by one Forker per test process
    that has imported pilotledger.cli (the process then runs pilotledger's __main__ as
    `python -m` does), so the interpreter's start-up is paid once: a test of what Python sets
    up at start-up (the stream encoding, what is imported) starts `python -m pilotledger`
    itself."""
    if not _SHARED or _SHARED[0].process.poll() is not None:
        _SHARED[:] = [Forker()]
        atexit.register(_close_quietly, _SHARED[0])
    forker = _SHARED[0]
    request = {"argv": list(args), "env": env, "cwd": str(cwd or Path.cwd())}
    pid = forker.ask("process", **request, memory=memory)["pid"]
    stopped: list[int] = []
    timer = threading.Timer(timeout, lambda: stopped.append(os.kill(pid, signal.SIGKILL) or pid))
    timer.start()
    try:
        status, out, err = forker.wait(pid)
    finally:
        timer.cancel()
    if stopped:
        raise subprocess.TimeoutExpired(["pilotledger", *args], timeout, out, err)
    return subprocess.CompletedProcess(["pilotledger", *args], status, out, err)


def _close_quietly(forker: Forker) -> None:
    """At the test process's exit: a forker that ended already (and was replaced) is gone."""
    with contextlib.suppress(OSError, AssertionError, subprocess.TimeoutExpired):
        forker.close()
