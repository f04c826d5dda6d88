"""Parsing one ledger file: the texts kept to place its problems, and a month file the cache
could not serve parsed, validated and cached.

The loader (store/loader.py) and the parallel cold read (store/parallel.py) both parse month
files with `parse_progress`; it lives here, below both, so that neither imports the other's
module back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pilotledger.errors import Finding, Problem, YamlProblem
from pilotledger.model import entry_of
from pilotledger.store.files import decode, read_ledger_file

if TYPE_CHECKING:
    from pilotledger.validation import IndexedRecords

Progress = Callable[[int, int], None]  # (bytes parsed so far, bytes to parse)


@dataclass
class SourceTexts:
    """The text of each file read, kept so problems can be placed without reading twice."""

    root: Path
    texts: dict[str, str] = field(default_factory=dict)
    trees: dict[str, Any] = field(default_factory=dict)  # node trees of files with findings
    last_tree: Any = None  # the tree of the file parsed last, until its findings are known

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def display(self, name: str) -> str:
        return (self.root / name).as_posix()

    def parse(self, name: str, raw: bytes, problems: list[Problem]) -> tuple[bool, Any]:
        """(True, data) for a parsed file, or (False, None) with a Problem added."""
        from pilotledger.store.yamlio import load_with_tree  # ruamel: only a file to parse

        try:
            text = decode(raw)
            self.texts[name] = text
            data, self.last_tree = load_with_tree(text)
            return True, data
        except YamlProblem as problem:
            problems.append(
                Problem(
                    self.display(name),
                    problem.line,
                    problem.col,
                    problem.message,
                )
            )
        return False, None

    def keep_tree(self, name: str) -> None:
        """Keep the tree of the file just parsed: it has findings to place."""
        self.trees[name] = self.last_tree

    def place(self, findings: list[Finding]) -> list[Problem]:
        """Each finding at its line and column: one parse per file, however many findings (the
        tree kept from loading it, else one composition)."""
        if not findings:
            return []
        from pilotledger.store.yamlio import node_tree, position_in  # ruamel: only to place

        trees = self.trees
        placed = []
        for finding in findings:
            if finding.file not in trees:
                trees[finding.file] = node_tree(self._text(finding.file))
            unknown_field = getattr(finding.message, "key", None) == "pydantic:extra_forbidden"
            line, col = position_in(trees[finding.file], finding.loc, at_key=unknown_field)
            placed.append(
                Problem(
                    self.display(finding.file),
                    line,
                    col,
                    finding.message,
                )
            )
        return placed

    def _text(self, name: str) -> str:
        if name not in self.texts:
            try:
                self.texts[name] = decode(read_ledger_file(self.root, self.root / name))
            except YamlProblem:
                self.texts[name] = ""
        return self.texts[name]


@dataclass
class ProgressRead:
    """One progress file as read: its digest, entries, and whether the cache served it."""

    name: str
    digest: str
    records: IndexedRecords
    cached: bool


@dataclass
class Unparsed:
    """A progress file the cache could not serve, read and hashed, waiting to be parsed."""

    name: str
    raw: bytes
    digest: str


def parse_progress(sources, cache, unparsed: Unparsed, problems, findings) -> ProgressRead:
    """Parse and validate one progress file, and cache it when it is valid."""
    from pilotledger import validation  # validation: only for what the cache cannot serve

    name, raw, content_digest = unparsed.name, unparsed.raw, unparsed.digest
    parsed, data = sources.parse(name, raw, problems)
    records, file_findings = validation.validate_progress(name, data) if parsed else ([], [])
    if file_findings:
        sources.keep_tree(name)
    sources.last_tree = None
    findings += file_findings
    if parsed and not file_findings:
        cache.store(name, raw, content_digest, [record for _, record in records])
    return ProgressRead(
        name, content_digest, [(index, entry_of(record)) for index, record in records], cached=False
    )
