"""`check`'s report: every problem found, placed and worded, as plain data and as a table (as
text one `file:line:col: message` line each)."""

from __future__ import annotations

from dataclasses import dataclass

from pilotledger.document import Column, Document, Table
from pilotledger.wording import Labels


@dataclass
class CheckedProblem:
    file: str
    line: int
    col: int
    message: str  # in the reader's language


@dataclass
class CheckReport:
    """`check`: every problem found, placed and worded; ok when there is none. Warnings (a
    record corrected twice, settled by rule) never make it fail."""

    ok: bool
    problems: list[CheckedProblem]
    warnings: list[CheckedProblem]


def check_report(problems, wording, warnings=()) -> CheckReport:
    """The report of `problems` and `warnings` (errors.Problem values, sorted), each worded by
    `wording`."""
    checked = [CheckedProblem(p.file, p.line, p.col, wording(p)) for p in problems]
    warned = [CheckedProblem(p.file, p.line, p.col, wording(p)) for p in warnings]
    return CheckReport(not checked, checked, warned)


def check_document(report: CheckReport, labels: Labels) -> Document:
    """The problems `check` found: as text one `file:line:col: message` line each (editors jump
    to them), as JSON `{ok, problems}`."""
    columns = [
        Column("file", labels("file")),
        Column("line", labels("line"), "right", kind="int"),
        Column("col", labels("col"), "right", kind="int"),
        Column("message", labels("message"), wrap=True),
    ]
    rows = [[p.file, p.line, p.col, p.message] for p in report.problems]
    return Document("", [Table("", columns, rows)], report)
