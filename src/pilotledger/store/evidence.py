"""Evidence files (佐证材料): stored once under `<ledger>/evidence/`, named by the sha256 of
their content, and checked against that hash. Writes are atomic and under the ledger lock."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pilotledger.errors import Problem, UserError
from pilotledger.messages import Message
from pilotledger.store.files import atomic_write, ledger_lock

EVIDENCE_DIR = "evidence"
CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_evidence_path(text: str) -> bool:
    """Text that names an existing regular file is a file to store; anything else stays text."""
    try:
        return Path(text).expanduser().is_file()
    except (OSError, ValueError):
        return False


def stored_name(sha256: str, source: Path) -> str:
    """`evidence/<sha256><suffix>`: equal contents get one name whatever they were called."""
    return f"{EVIDENCE_DIR}/{sha256}{source.suffix.lower()}"


def store_evidence(root: Path, source: Path) -> dict[str, str]:
    """Copy `source` into the ledger (once per content); the record's `{file, sha256}`."""
    source = source.expanduser()
    try:
        content = source.read_bytes()
    except OSError as error:
        raise UserError(Message("evidence_unreadable", path=source, reason=error.strerror)) from None
    sha256 = hashlib.sha256(content).hexdigest()
    folder = root / EVIDENCE_DIR
    with ledger_lock(root):
        existing = sorted(folder.glob(f"{sha256}*")) if folder.is_dir() else []
        same = [path for path in existing if file_digest(path) == sha256]
        if same:
            return {"file": f"{EVIDENCE_DIR}/{same[0].name}", "sha256": sha256}
        folder.mkdir(exist_ok=True)
        name = stored_name(sha256, source)
        atomic_write(root / name, content)
    return {"file": name, "sha256": sha256}


def evidence_problems(root: Path, loaded) -> list[Problem]:
    """A Problem for each referenced evidence file that is missing, outside evidence/, or altered.

    Only a ledger whose files all read cleanly is looked at: an unreadable month file is
    already a problem of its own, and its records are not known."""
    from pilotledger.errors import ValidationFailed, YamlProblem

    try:
        records = list(loaded.ledger.full.values())
    except ValidationFailed as failure:  # a file that no longer reads: that is the problem
        return [] if loaded.problems else list(failure.problems)
    except (YamlProblem, OSError):
        return []
    place = _Placer(root).place
    problems = []
    for record in records:
        for index, item in enumerate(record.evidence or []):
            if isinstance(item, str):
                continue
            message = _evidence_message(root, item)
            if message is not None:
                problems.append(Problem(*place(record, index), message))
    return sorted(problems)


def _evidence_message(root: Path, item) -> Message | None:
    path = (root / item.file)
    try:
        inside = path.resolve().is_relative_to((root / EVIDENCE_DIR).resolve())
    except OSError:
        inside = False
    if not inside:
        return Message("evidence_outside", file=item.file)
    if not path.is_file():
        return Message("evidence_missing", file=item.file)
    if file_digest(path) != item.sha256:
        return Message("evidence_altered", file=item.file)
    return None


class _Placer:
    """Line and column of a record's evidence item, reading each month file once, when needed."""

    def __init__(self, root: Path):
        self.root = root
        self.texts: dict[str, str] = {}

    def place(self, record, index: int) -> tuple[str, int, int]:
        from pilotledger.dates import month_key
        from pilotledger.store.files import decode
        from pilotledger.store.loader import PROGRESS_DIR
        from pilotledger.store.yamlio import load_data, locate

        name = f"{PROGRESS_DIR}/{month_key(record.date)}.yaml"
        if name not in self.texts:
            self.texts[name] = decode((self.root / name).read_bytes())
        text = self.texts[name]
        values = load_data(text) or []
        position = next((i for i, v in enumerate(values) if isinstance(v, dict) and str(v.get("id")) == record.id), 0)
        line, col = locate(text, (position, "evidence", index))
        return (self.root / name).as_posix(), line, col
