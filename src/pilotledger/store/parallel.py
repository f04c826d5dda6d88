"""Parsing the month files the cache missed: across the machine's cores when it pays.

A cold read (a fresh clone, a cleared cache) is almost all YAML parsing, and month files are
independent until the cross-file checks. When the files to parse hold more than
PARALLEL_BYTES, a process pool parses them, one file per task, largest first. Each worker
runs the very function the serial path runs (`parsing.parse_progress`, which also writes the
file's cache entries) and sends back the file's records, problems and findings; the parent
puts them back in file order, so the ledger, the problems and the cache are exactly those of
a serial read (tests/test_parallel.py compares the two).

The pool forks on Linux: the workers start with everything the parent has imported, in a few
milliseconds. Elsewhere (macOS, Windows) it spawns fresh interpreters, which import the
parser before parsing; the threshold keeps that cost small beside the parse. If a
pool cannot be started or breaks, the remaining files are parsed here, one by one.

Small reads never come here with a pool: below the threshold, on one core, or for one file,
the files are parsed in this process, as before. concurrent.futures and multiprocessing are
imported only when a pool starts, so a warm read never imports them.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable

from pilotledger.store.parsing import (
    Progress,
    ProgressRead,
    SourceTexts,
    Unparsed,
    parse_progress,
)

PARALLEL_BYTES = 4 * 1024 * 1024  # below this, starting workers costs more than it saves
BYTES_PER_SECOND = 6_000_000  # one core's rate: parse + validate + cache (see make bench)
PROGRESS_AFTER_SECONDS = 1.0  # show progress only for a read expected to take longer
ENV_WORKERS = "PILOTLEDGER_WORKERS"  # at most this many processes parse at once (1: no pool)

# One file's outcome: its records, the problems and findings it raised, its text if needed later.
Outcome = tuple[ProgressRead, list, list, str | None]


def cores() -> int:
    """The cores this process may run on (its affinity mask where the OS has one), or fewer
    when $PILOTLEDGER_WORKERS asks for fewer."""
    if hasattr(os, "sched_getaffinity"):
        available = len(os.sched_getaffinity(0)) or 1
    else:
        available = os.cpu_count() or 1
    wanted = os.environ.get(ENV_WORKERS, "")
    return max(1, min(available, int(wanted))) if wanted.isdigit() else available


def parse_all(
    sources: SourceTexts,
    cache,
    unparsed: list[Unparsed],
    problems: list,
    findings: list,
    progress: Progress | None = None,
) -> dict[str, ProgressRead]:
    """Parse every file in `unparsed`; add their problems and findings; records by file name."""
    total = sum(len(item.raw) for item in unparsed)
    workers = min(cores(), len(unparsed)) if total >= PARALLEL_BYTES else 1
    expected_seconds = total / (BYTES_PER_SECOND * workers)
    long_read = expected_seconds > PROGRESS_AFTER_SECONDS
    report = _Reporter(progress, total) if progress and long_read else None
    outcomes = _pooled(sources, cache, unparsed, workers, report) if workers > 1 else {}
    for item in unparsed:
        if item.name not in outcomes:
            outcomes[item.name] = _parse_one(sources, cache, item)
            if report:
                report.advance(len(item.raw))
    if report:
        report.finish()
    return _merge(sources, unparsed, outcomes, problems, findings)


def _parse_one(sources: SourceTexts, cache, item: Unparsed) -> Outcome:
    file_problems: list = []
    file_findings: list = []
    read = parse_progress(sources, cache, item, file_problems, file_findings)
    return read, file_problems, file_findings, None


def _merge(
    sources, unparsed, outcomes: dict[str, Outcome], problems, findings
) -> dict[str, ProgressRead]:
    """Problems and findings in file order, and the text of each file that needs placing."""
    reads = {}
    for item in unparsed:
        read, file_problems, file_findings, text = outcomes[item.name]
        problems += file_problems
        findings += file_findings
        if text is not None:
            sources.texts.setdefault(item.name, text)
        reads[item.name] = read
    return reads


# The files to parse, as forked workers inherit them: a task then names a file by its index
# instead of sending its bytes through a pipe (which, on a busy machine, stalls the workers).
_inherited: list[Unparsed] = []


def _pooled(sources, cache, unparsed, workers: int, report) -> dict[str, Outcome]:
    """Outcomes of the files a pool parsed; whatever it could not do is left to the caller."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    global _inherited
    fork = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork" if fork else "spawn")
    outcomes: dict[str, Outcome] = {}
    order = sorted(range(len(unparsed)), key=lambda index: len(unparsed[index].raw), reverse=True)
    _inherited = unparsed if fork else []
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=gc.disable) as pool:
            futures = {
                pool.submit(
                    _work, sources.root, cache, index if fork else unparsed[index]
                ): unparsed[index]
                for index in order
            }
            for future in as_completed(futures):
                item = futures[future]
                outcomes[item.name] = future.result()
                if report:
                    report.advance(len(item.raw))
    except (OSError, BrokenProcessPool):
        pass  # e.g. no semaphores in a sandbox, or a worker killed: parse the rest here
    finally:
        _inherited = []
    return outcomes


def _work(root, cache, file: int | Unparsed) -> Outcome:
    """In a worker: parse one file (an index into the inherited list, or the file itself) as
    the serial path would; send back its text only if a finding will need placing (problems
    from the parser are placed already)."""
    item = _inherited[file] if isinstance(file, int) else file
    sources = SourceTexts(root)
    read, file_problems, file_findings, _ = _parse_one(sources, cache, item)
    text = sources.texts.get(item.name) if file_findings else None
    return read, file_problems, file_findings, text


class _Reporter:
    """Feeds the caller's progress callback with bytes parsed so far."""

    def __init__(self, callback: Callable[[int, int], None], total: int):
        self.callback, self.total, self.done = callback, total, 0
        callback(0, total)

    def advance(self, size: int) -> None:
        self.done += size
        self.callback(self.done, self.total)

    def finish(self) -> None:
        if self.done < self.total:
            self.callback(self.total, self.total)
