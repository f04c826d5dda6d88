"""The real Typer app run in-process against one ledger folder, with a pinned environment."""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from pilotledger.cli import app

PINNED_ENV = {
    "PILOTLEDGER_LANG": "zh",
    "PILOTLEDGER_TODAY": "2022-07-20",
    "COLUMNS": "160",
    "NO_COLOR": "1",
    "TERM": "dumb",
}


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


class Cli:
    """Runs the real Typer app against one ledger folder, with a pinned environment."""

    def __init__(self, root: Path, env: dict[str, str] | None = None):
        self.root = root
        self.env = dict(PINNED_ENV, PILOTLEDGER_DATA=str(root), **(env or {}))
        self.runner = CliRunner()

    def __call__(
        self, *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        result = self.runner.invoke(app, list(args), input=input, env=dict(self.env, **(env or {})))
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)


@contextlib.contextmanager
def fifo_guard(*fifos: Path, seconds: float = 20.0):
    """For an in-process command beside FIFOs it must refuse without opening. Opening a FIFO
    waits for its other end, so a command that opened one after all would freeze the suite: after
    `seconds` this opens the other end of each (reading whatever is written), the command goes
    on, and the test fails naming the FIFO, as a subprocess with a timeout would."""
    finished = threading.Event()
    waited: list[str] = []

    def drain(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.set_blocking(fd, True)
            while os.read(fd, 1 << 16):
                pass
        os.close(fd)

    def release() -> None:
        if finished.wait(seconds):
            return
        for fifo in fifos:
            waited.append(str(fifo))
            with contextlib.suppress(OSError):  # a writer waiting for a reader
                reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
                threading.Thread(target=drain, args=(reader,), daemon=True).start()
            with contextlib.suppress(OSError):  # a reader waiting for a writer: it reads EOF
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Thread(target=release, daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        finished.set()
        watchdog.join()
    assert not waited, f"the command opened {waited} and waited on it instead of refusing it"


def record_args(
    task: int | str = 1,
    *,
    unit: str | None = "县商务委",
    date: str | None = "2022-03-15",
    status: str | None = "推进中",
    summary: str | None = "已启动",
    **options: str | int | list[str] | bool | None,
) -> list[str]:
    """The arguments of one `pilotledger record`: task 1 of 县商务委 in progress on 15 March
    2022 unless told otherwise. Every other option is a keyword (`next_steps="…"` is
    `--next-steps …`, a list repeats its option, True is a bare flag); None leaves an option
    out, to test what record does without it."""
    given = dict(unit=unit, date=date, status=status, summary=summary, **options)
    args = ["record", str(task)]
    for name, value in given.items():
        option = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            args.append(option)
        else:
            values = value if isinstance(value, list | tuple) else [value]
            args += [part for each in values for part in (option, str(each))]
    return args
