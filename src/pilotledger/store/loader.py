"""Finding a ledger on disk and loading it whole: parse, validate, place every problem.

Reading never round-trips. Each progress file is read once and hashed; the parse cache gives
its records when it holds exactly that content, otherwise the file is parsed with the safe
loader, validated and (when valid) cached. Cross-file checks are skipped only when the whole
ledger (registries and every file's digest) has passed them before. The round-trip parser is
used only to place problems at a line and column.

`load` never raises for bad data: it returns the ledger (when the registries are usable) and
every Problem, sorted. `load_valid` is what the commands use: a ledger or ValidationFailed.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from pilotledger.corrections import contested_corrections
from pilotledger.dates import MONTH_FILE, end_of_clock_day_ts, month_key
from pilotledger.errors import (
    Finding,
    Problem,
    UserError,
    ValidationFailed,
    YamlProblem,
    sorted_problems,
)
from pilotledger.model import Entry, Ledger, Record, TasksFile, UnitsFile
from pilotledger.store.cache import NoCache, ParseCache, digest
from pilotledger.store.files import (
    WORK_DIR,
    LedgerFileError,
    cache_is_link,
    decode,
    read_ledger_file,
)
from pilotledger.store.parsing import (
    Progress,
    ProgressRead,
    SourceTexts,
    Unparsed,
    parse_progress,
)
from pilotledger.wording import Message

TASKS_FILE = "tasks.yaml"
UNITS_FILE = "units.yaml"
PROGRESS_DIR = "progress"


def month_file_name(day) -> str:
    """The month file that holds a record of `day`, inside the ledger: progress/YYYY-MM.yaml
    (the one place this path is built)."""
    return f"{PROGRESS_DIR}/{month_key(day)}.yaml"


ENV_DATA = "PILOTLEDGER_DATA"
ENV_NO_CACHE = "PILOTLEDGER_NO_CACHE"


def find_root(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """The ledger directory: --data, else $PILOTLEDGER_DATA, else the nearest data/ upwards."""
    chosen = explicit or (Path(os.environ[ENV_DATA]) if os.environ.get(ENV_DATA) else None)
    if chosen is not None:
        if not (chosen / TASKS_FILE).is_file():
            raise UserError(Message("ledger_not_found", path=chosen, name=TASKS_FILE))
        return chosen
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder / "data", folder):
            if (candidate / TASKS_FILE).is_file() and (candidate / UNITS_FILE).is_file():
                return candidate
    raise UserError(Message("no_ledger_anywhere", path=here, name=TASKS_FILE, env=ENV_DATA))


def parse_cache(root: Path) -> ParseCache:
    if os.environ.get(ENV_NO_CACHE) or cache_is_link(root):
        return NoCache()
    return ParseCache(root)


@dataclass
class LoadResult:
    ledger: Ledger | None
    problems: list[Problem]
    file_count: int
    warnings: list[Problem] = field(default_factory=list)  # what `check` warns of, not fails on


def progress_files(root: Path) -> list[Path]:
    folder = root / PROGRESS_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )


@contextmanager
def _bulk() -> Iterator[None]:
    """The cyclic garbage collector slows big loads several times over; nothing here is cyclic."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(
    root: Path, cache_root: Path | None = None, progress: Progress | None = None
) -> LoadResult:
    """The whole ledger at `root`; `cache_root` lends another folder's parse cache (the staged
    copy of a ledger reads its unchanged files from the real ledger's cache). `progress(done,
    total)` hears the bytes parsed while a long cold read runs (expected to take over a second)."""
    with _bulk():
        return _load(root, parse_cache(cache_root or root), progress)


def _load(root: Path, cache: ParseCache, progress: Progress | None = None) -> LoadResult:
    sources = SourceTexts(root)
    problems: list[Problem] = []
    findings: list[Finding] = []
    registry_digests: list[str] = []
    units_file, tasks_file = _load_registries(sources, cache, problems, findings, registry_digests)
    files = progress_files(root)
    reads = _read_progress(sources, cache, files, problems, findings, progress)
    ledger = None
    if units_file is None or tasks_file is None:
        findings += _registry_findings(units_file, tasks_file)
    else:
        ledger = _assemble(root, cache, units_file, tasks_file, reads)
        key = _ledger_key(registry_digests, reads)
        if not (all(read.cached for read in reads) and cache.is_clean(key)):
            from pilotledger import validation  # a ledger that passed them all skips the checks

            findings += _registry_findings(units_file, tasks_file)
            findings += validation.check_records(
                {r.name: r.records for r in reads},
                ledger.tasks,
                ledger.units,
                ledger.plan.issued,
                end_of_clock_day_ts(),
            )
            if not findings and not problems:
                cache.mark_clean(key)
    if ledger is not None and findings:
        ledger = _without_faulty(ledger, reads, findings)
    problems += sources.place(findings)
    warnings = sources.place(_warnings(reads)) if ledger is not None else []
    return LoadResult(ledger, sorted_problems(problems), 2 + len(files), sorted_problems(warnings))


def _without_faulty(ledger: Ledger, reads: list[ProgressRead], findings: list[Finding]) -> Ledger:
    """The ledger without the records a finding names (an unknown task, a duplicate id …):
    what reading commands work on when the ledger has problems."""
    faulty = {(f.file, f.loc[0]) for f in findings if f.loc and isinstance(f.loc[0], int)}
    if not faulty:
        return ledger
    kept = [e for read in reads for i, e in read.records if (read.name, i) not in faulty]
    return replace(ledger, records=kept)


def _warnings(reads: list[ProgressRead]) -> list[Finding]:
    """Two corrections of one record (two clerks, merged): settled by rule, warned of."""
    entries = [entry for read in reads for _, entry in read.records]
    if not contested_corrections(entries):
        return []
    from pilotledger.validation import correction_warnings  # only for a ledger that has some

    return correction_warnings({read.name: read.records for read in reads})


def _load_registries(sources, cache, problems, findings, digests):
    """units.yaml and tasks.yaml as validated values (None where a file has problems)."""
    root = sources.root
    units_file = _load_model(
        sources, cache, root / UNITS_FILE, UnitsFile, problems, findings, digests
    )
    tasks_file = _load_model(
        sources, cache, root / TASKS_FILE, TasksFile, problems, findings, digests
    )
    return units_file, tasks_file


def _registry_findings(units_file: UnitsFile | None, tasks_file: TasksFile | None):
    """The registries checked together: the units, and the tasks against the units."""
    from pilotledger import validation  # pydantic's layer: only for what the cache cannot serve

    if units_file is None:
        return []
    findings = validation.check_units(UNITS_FILE, units_file)
    if tasks_file is not None:
        unit_ids = {unit.id for unit in units_file.units}
        findings += validation.check_tasks(TASKS_FILE, tasks_file, unit_ids)
    return findings


def _read_bytes(path: Path, sources: SourceTexts, problems: list[Problem]) -> bytes | None:
    """The one way the loader reads a file: regular files inside the ledger, size-capped."""
    try:
        return read_ledger_file(sources.root, path)
    except LedgerFileError as error:
        display = sources.display(sources.rel(path))
        problems.append(Problem(display, 1, 1, error.message))
        return None


def _load_model(sources, cache, path, model, problems, findings, digests):
    if not os.path.lexists(path):
        problems.append(Problem(path.as_posix(), 1, 1, Message("missing_file", name=path.name)))
        return None
    raw = _read_bytes(path, sources, problems)
    if raw is None:
        return None
    content_digest = digest(raw)
    digests.append(content_digest)
    cached = cache.registry(sources.rel(path), raw, content_digest, model)
    if cached is not None:
        return cached
    parsed, data = sources.parse(sources.rel(path), raw, problems)
    if not parsed:
        return None
    from pilotledger import validation  # validation: only for what the cache cannot serve

    value, model_findings = validation.validate_model(sources.rel(path), data, model)
    if model_findings:
        sources.keep_tree(sources.rel(path))
    findings += model_findings
    if value is not None and not model_findings:
        cache.store_registry(sources.rel(path), raw, content_digest, value)
    return value


def _open_progress(sources, cache, path, problems) -> ProgressRead | Unparsed | None:
    """The file's records from the cache, else its bytes to parse (None: a problem was added)."""
    name = sources.rel(path)
    if not MONTH_FILE.match(path.name):
        problems.append(Problem(sources.display(name), 1, 1, Message("month_file_name")))
        return None
    raw = _read_bytes(path, sources, problems)
    if raw is None:
        return None
    content_digest = digest(raw)
    cached = cache.rows(name, raw, content_digest)
    if cached is not None:
        return ProgressRead(name, content_digest, list(enumerate(cached)), cached=True)
    return Unparsed(name, raw, content_digest)


def _load_progress(sources, cache, path, problems, findings) -> ProgressRead | None:
    opened = _open_progress(sources, cache, path, problems)
    if isinstance(opened, Unparsed):
        return parse_progress(sources, cache, opened, problems, findings)
    return opened


def _read_progress(sources, cache, files, problems, findings, progress) -> list[ProgressRead]:
    """Every progress file's records in file order; files the cache misses are parsed in one
    batch (store/parallel.py: across the cores when there are enough bytes to pay for it)."""
    opened = [found for path in files if (found := _open_progress(sources, cache, path, problems))]
    unparsed = [found for found in opened if isinstance(found, Unparsed)]
    if not unparsed:
        return opened
    from pilotledger.store.parallel import parse_all  # not on a warm read (test_startup.py)

    parsed = parse_all(sources, cache, unparsed, problems, findings, progress)
    return [parsed[found.name] if isinstance(found, Unparsed) else found for found in opened]


def _ledger_key(registry_digests: list[str], reads: list[ProgressRead]) -> str:
    parts = [*registry_digests, *(f"{read.name}={read.digest}" for read in reads)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class FullRecords(Mapping):
    """Record id → the whole Record, loaded on first use one month file at a time (from the
    cache, else the YAML): a report that quotes the records of one year reads that year's files
    only. Which file holds an id comes from the light entries already in memory."""

    def __init__(self, root: Path, cache: ParseCache, reads: list[ProgressRead]):
        self._root, self._cache, self._reads = root, cache, reads
        self._where: dict[str, ProgressRead] | None = None
        self._files: dict[str, dict[str, Record]] = {}

    def _index(self) -> dict[str, ProgressRead]:
        """Record id → the file read that holds it (the first, as the rules see it)."""
        if self._where is None:
            self._where = {}
            for read in self._reads:
                for _, entry in read.records:
                    self._where.setdefault(entry.id, read)
        return self._where

    def _file(self, read: ProgressRead) -> dict[str, Record]:
        if read.name not in self._files:
            by_id: dict[str, Record] = {}
            for record in self._file_records(read):
                by_id.setdefault(record.id, record)
            self._files[read.name] = by_id
        return self._files[read.name]

    def _file_records(self, read: ProgressRead) -> list[Record]:
        cached = self._cache.full(read.name, read.digest)
        if cached is not None:
            return cached
        from pilotledger import validation  # pydantic and ruamel: a file the cache cannot serve
        from pilotledger.store.yamlio import load_data

        try:
            raw = read_ledger_file(self._root, self._root / read.name)
            records, _ = validation.validate_progress(read.name, load_data(decode(raw)))
        except YamlProblem as problem:  # changed since it was read: a problem, never a traceback
            display = (self._root / read.name).as_posix()
            raise ValidationFailed(
                [
                    Problem(
                        display,
                        problem.line,
                        problem.col,
                        problem.message,
                    )
                ]
            ) from None
        full = [record for _, record in records]
        if digest(raw) == read.digest:
            self._cache.store_full(read.name, raw, read.digest, full)
        return full

    def __getitem__(self, record_id: str) -> Record:
        return self._file(self._index()[record_id])[record_id]

    def listing_evidence_files(self) -> Iterator[Record]:
        """What `values()` gives, less the files whose cached records list no evidence file and
        those with no valid record, which are not loaded (most files: the evidence check then
        loads almost nothing, and a file of invalid records is not parsed a second time)."""
        where = self._index()
        for read in self._reads:
            if read.records and not self._cache.lists_no_evidence_file(read.name, read.digest):
                yield from (r for r in self._file(read).values() if where[r.id] is read)

    def __iter__(self):
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


def _assemble(
    root: Path, cache: ParseCache, units_file: UnitsFile, tasks_file: TasksFile, reads
) -> Ledger:
    records: list[Entry] = [entry for read in reads for _, entry in read.records]
    return Ledger(
        plan=tasks_file.plan,
        parts=tasks_file.parts,
        sections=tasks_file.sections,
        tasks={task.number: task for task in tasks_file.tasks},
        units={unit.id: unit for unit in units_file.units},
        records=records,
        full=FullRecords(root, cache, reads),
    )


def load_registries(root: Path) -> Ledger:
    """Plan, tasks and units without any progress (what `record` needs before it writes)."""
    cache = parse_cache(root)
    sources = SourceTexts(root)
    problems: list[Problem] = []
    findings: list[Finding] = []
    with _bulk():
        units_file, tasks_file = _load_registries(sources, cache, problems, findings, [])
    problems += sources.place(findings)
    if problems or units_file is None or tasks_file is None:
        raise ValidationFailed(sorted_problems(problems))
    return _assemble(root, cache, units_file, tasks_file, [])


def months_newest_first(
    root: Path, task: int, record_id: str | None = None
) -> Iterator[list[Entry]]:
    """One task's entries (and record_id's) in each month file, newest month first, each file
    read fresh (cache or parse). Lets `record` look back only as far as it needs."""
    cache = parse_cache(root)
    sources = SourceTexts(root)
    for path in reversed([p for p in progress_files(root) if MONTH_FILE.match(p.name)]):
        name = sources.rel(path)
        try:
            raw = read_ledger_file(root, path)
        except LedgerFileError as error:
            problem = Problem(sources.display(name), 1, 1, error.message)
            raise ValidationFailed([problem]) from None
        matching = cache.matching_entries(name, raw, digest(raw), task, record_id)
        if matching is None:
            problems: list[Problem] = []
            findings: list[Finding] = []
            with _bulk():
                read = _load_progress(sources, cache, path, problems, findings)
            problems += sources.place(findings)
            if problems:
                raise ValidationFailed(sorted_problems(problems))
            matching = [e for _, e in read.records if e.task == task or e.id == record_id]
        yield matching


def work_dir_problems(root: Path) -> list[Problem]:
    """What `check` says about the work folder: a `.cache` that is a link is never followed."""
    if not cache_is_link(root):
        return []
    return [Problem((root / WORK_DIR).as_posix(), 1, 1, Message("cache_link"))]


def load_readable(root: Path, progress: Progress | None = None) -> tuple[Ledger, list[Problem]]:
    """What reading commands use: the ledger's valid part and the problems left out of it.
    A broken registry still refuses (nothing can be read without the plan and the units)."""
    result = load(root, progress=progress)
    progress_dir = (root / PROGRESS_DIR).as_posix() + "/"
    in_progress = all(problem.file.startswith(progress_dir) for problem in result.problems)
    if result.ledger is None or not in_progress:
        raise ValidationFailed(result.problems)
    return result.ledger, result.problems


def load_valid(root: Path, progress: Progress | None = None) -> Ledger:
    result = load(root, progress=progress)
    if result.problems or result.ledger is None:
        raise ValidationFailed(result.problems)
    return result.ledger
