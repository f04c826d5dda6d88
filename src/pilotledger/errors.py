"""The three kinds of failure, and the Problem value every check reports.

A `UserError` is bad input from the person at the terminal (exit 1, or 2 for usage);
a `ValidationFailed` carries every Problem found in the ledger (exit 1); anything else
is a bug and keeps its traceback. Nothing here prints. Every message is a str: a
wording.Message (key + values, reading as English) wherever it is ours, worded in the reader's
language by wording.word.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a ledger file, placed at a 1-based line and column."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


def sorted_problems(problems) -> list[Problem]:
    """Each problem once, in file, line, column and message order. The key is built once per
    problem: the dataclass's own `<` builds two tuples per comparison, which shows in the time
    of a file with thousands of problems."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))


@dataclass(frozen=True)
class Finding:
    """A problem before it has a position: the file and the path of keys/indexes into it."""

    file: str
    loc: tuple[str | int, ...]
    message: str


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read as acceptable YAML; line and col are 1-based."""

    line: int
    col: int
    message: str


class UserError(Exception):
    """Bad input from the user; the message (args[0]) says what would be accepted."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class UsageError(UserError):
    def __init__(self, message: str):
        super().__init__(message, exit_code=2)


@dataclass
class ValidationFailed(Exception):
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class OutputFailed(Exception):
    """Standard output or an output file could not be written (a full disk, a closed pipe)."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error
