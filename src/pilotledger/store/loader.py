"""Finding a ledger on disk and loading it whole: parse, validate, place every problem.

`load` never raises for bad data: it returns the ledger (when the registries are usable)
and every Problem, sorted. `load_valid` is what the views use: a ledger or ValidationFailed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pilotledger import checks
from pilotledger.errors import Finding, Problem, UserError, ValidationFailed
from pilotledger.model import Ledger, Record, TasksFile, UnitsFile
from pilotledger.store.files import read_text
from pilotledger.store.yamlio import YamlProblem, load_data, locate

TASKS_FILE = "tasks.yaml"
UNITS_FILE = "units.yaml"
PROGRESS_DIR = "progress"
ENV_DATA = "PILOTLEDGER_DATA"


def find_root(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """The ledger directory: --data, else $PILOTLEDGER_DATA, else the nearest data/ upwards."""
    chosen = explicit or (Path(os.environ[ENV_DATA]) if os.environ.get(ENV_DATA) else None)
    if chosen is not None:
        if not (chosen / TASKS_FILE).is_file():
            raise UserError(f"{chosen}: not a ledger directory (no {TASKS_FILE} in it)")
        return chosen
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder / "data", folder):
            if (candidate / TASKS_FILE).is_file() and (candidate / UNITS_FILE).is_file():
                return candidate
    raise UserError(
        f"no ledger found in {here} or its parents (looked for data/{TASKS_FILE}); "
        f"pass --data DIR or set {ENV_DATA}"
    )


@dataclass
class SourceTexts:
    """The text of each file read, kept so problems can be placed without reading twice."""

    root: Path
    texts: dict[str, str] = field(default_factory=dict)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def parse(self, path: Path, problems: list[Problem]) -> Any:
        """The file's data, or None with a Problem added when it cannot be read or parsed."""
        name = self.rel(path)
        try:
            text = read_text(path)
            self.texts[name] = text
            return load_data(text)
        except YamlProblem as problem:
            problems.append(Problem(self.display(name), problem.line, problem.col, problem.message))
        except OSError as error:
            problems.append(Problem(self.display(name), 1, 1, f"cannot read: {error.strerror}"))
        return None

    def display(self, name: str) -> str:
        return (self.root / name).as_posix()

    def place(self, findings: list[Finding]) -> list[Problem]:
        placed = []
        for finding in findings:
            line, col = locate(self.texts.get(finding.file, ""), finding.loc)
            placed.append(Problem(self.display(finding.file), line, col, finding.message))
        return placed


@dataclass
class LoadResult:
    ledger: Ledger | None
    problems: list[Problem]
    file_count: int


def progress_files(root: Path) -> list[Path]:
    folder = root / PROGRESS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def load(root: Path) -> LoadResult:
    sources = SourceTexts(root)
    problems: list[Problem] = []
    findings: list[Finding] = []
    units_file = _load_model(sources, root / UNITS_FILE, UnitsFile, problems, findings)
    tasks_file = _load_model(sources, root / TASKS_FILE, TasksFile, problems, findings)
    if units_file is not None:
        findings += checks.check_units(UNITS_FILE, units_file)
    if tasks_file is not None:
        unit_ids = {unit.id for unit in units_file.units} if units_file else set()
        findings += checks.check_tasks(TASKS_FILE, tasks_file, unit_ids) if units_file else []
    files = progress_files(root)
    records_by_file = _load_progress(sources, files, problems, findings)
    ledger = None
    if units_file is not None and tasks_file is not None:
        ledger = _assemble(units_file, tasks_file, records_by_file)
        findings += checks.check_records(records_by_file, ledger.tasks, ledger.units)
    problems += sources.place(findings)
    return LoadResult(ledger, sorted(set(problems)), 2 + len(files))


def _load_model(sources, path, model, problems, findings):
    if not path.is_file():
        problems.append(Problem(path.as_posix(), 1, 1, f"missing file {path.name}"))
        return None
    data = sources.parse(path, problems)
    if data is None and sources.rel(path) not in sources.texts:
        return None
    parsed, model_findings = checks.validate_model(sources.rel(path), data, model)
    findings += model_findings
    return parsed


def _load_progress(sources, files, problems, findings) -> dict[str, checks.IndexedRecords]:
    records_by_file = {}
    for path in files:
        name = sources.rel(path)
        if not checks.MONTH_FILE.match(path.name):
            problems.append(Problem(sources.display(name), 1, 1, "a progress file must be named YYYY-MM.yaml"))
            continue
        data = sources.parse(path, problems)
        records, file_findings = checks.validate_progress(name, data)
        records_by_file[name] = records
        findings += file_findings
    return records_by_file


def _assemble(units_file: UnitsFile, tasks_file: TasksFile, records_by_file) -> Ledger:
    records: list[Record] = [record for records in records_by_file.values() for _, record in records]
    return Ledger(
        plan=tasks_file.plan,
        parts=tasks_file.parts,
        sections=tasks_file.sections,
        tasks={task.number: task for task in tasks_file.tasks},
        units={unit.id: unit for unit in units_file.units},
        records=records,
    )


def load_valid(root: Path) -> Ledger:
    result = load(root)
    if result.problems or result.ledger is None:
        raise ValidationFailed(result.problems)
    return result.ledger
