"""The clerk's terminal for `record`: every line shown and every answer read goes through one
Prompter, so tests can drive the whole interactive flow with scripted answers (no pty).

Ctrl-C raises KeyboardInterrupt and end of input raises typer.Abort: the caller writes
nothing in either case. Answers are read with `input()` at a real terminal, so line editing
(and deleting a wide Chinese character) works as the clerk expects.
"""

from __future__ import annotations

import os
import select
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable

import typer

EDIT_WORD = "e"
YES = ("y", "yes", "是", "确认", "好", "ok")
NO = ("n", "no", "否", "不", "取消")


def _read_terminal(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise typer.Abort() from None


def _terminal_has_input() -> bool:
    """Whether more input is already waiting: a paste arrives all at once, so an empty line
    followed at once by more text is a blank line inside the pasted text, while an Enter
    typed after a pause ends the field. Only at a terminal (a pipe is read as it comes)."""
    try:
        if not sys.stdin.isatty():
            return False
        return bool(select.select([sys.stdin], [], [], 0.05)[0])
    except (OSError, ValueError):
        return False


def _write_terminal(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _edit_with_editor(text: str) -> str:
    """`text` opened in $VISUAL or $EDITOR (else vi) in a temporary file; what is saved comes
    back (the text unchanged if the editor fails)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="pilotledger-") as folder:
        path = os.path.join(folder, "text.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            subprocess.run([*shlex.split(editor), path], check=True)
        except (OSError, subprocess.CalledProcessError, ValueError):
            return text
        with open(path, encoding="utf-8") as handle:
            return handle.read().rstrip("\n")


class Prompter:
    """Shows lines and reads answers; `read` takes the prompt and returns one line."""

    def __init__(
        self,
        read: Callable[[str], str] | None = None,
        write: Callable[[str], None] | None = None,
        edit: Callable[[str], str] | None = None,
        pending: Callable[[], bool] | None = None,
    ):
        self.read = read or _read_terminal
        self.write = write or _write_terminal
        self.edit = edit or _edit_with_editor
        self.pending = pending or (_terminal_has_input if read is None else lambda: False)
        self.pasted = False  # a paste was taken: the confirmation then has no default

    def say(self, text: str = "") -> None:
        self.write(text + "\n")

    def problem(self, text: str) -> None:
        self.write(f"  ✗ {text}\n")

    def ask(self, prompt: str, default: str | None = None) -> str:
        shown = f"{prompt} [{default}]: " if default not in (None, "") else f"{prompt}: "
        answer = self.read(shown).strip()
        return answer if answer else (default or "")

    def ask_text(self, prompt: str, hint: str, default: str | None = None) -> str:
        """Several lines: an empty line typed alone ends the text (an empty line inside a paste
        stays in it, as a paragraph break); `e` alone opens $EDITOR."""
        self.say(_with_hint(prompt, hint))
        if default:
            self.say(f"  [{default}]")
        lines: list[str] = []
        while True:
            line = self.read("> ")
            if not lines and line.strip() == EDIT_WORD:
                return self.edit(default or "")
            if not line.strip():
                if lines and self.pending():
                    self.pasted = True
                    lines.append("")
                    continue
                break
            lines.append(line.rstrip())
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines) if lines else (default or "")

    def confirm(self, prompt: str, again: str) -> bool:
        """Enter alone means yes, except after a paste (its last lines must not confirm)."""
        choices = "[y/n]" if self.pasted else "[Y/n]"
        while True:
            answer = self.read(f"{prompt} {choices}: ").strip().lower()
            if answer in YES or (answer == "" and not self.pasted):
                return True
            if answer in NO:
                return False
            self.problem(again)

    def choices(self, numbered: Iterable[str]) -> None:
        for number, text in enumerate(numbered, start=1):
            self.say(f"  {number}) {text}")


def _with_hint(prompt: str, hint: str) -> str:
    """`prompt（hint）`; a prompt already ending in brackets takes the hint inside them, so
    存在问题（可空） becomes 存在问题（可空，可多行…）, never two brackets in a row."""
    chinese = _is_chinese(hint)
    if prompt.endswith("）"):
        return f"{prompt[:-1]}，{hint}）"
    if prompt.endswith(")"):
        return f"{prompt[:-1]}; {hint})"
    return f"{prompt}（{hint}）" if chinese else f"{prompt} ({hint})"


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


class ScriptedPrompter(Prompter):
    """A Prompter that answers from a list and keeps everything shown (for tests)."""

    def __init__(self, answers: Iterable[str], edited: str = ""):
        self.answers = list(answers)
        self.shown: list[str] = []
        super().__init__(self._next, self.shown.append, lambda _text: edited)

    def _next(self, prompt: str) -> str:
        self.shown.append(prompt)
        if not self.answers:
            raise typer.Abort()
        answer = self.answers.pop(0)
        if answer == "^C":
            raise KeyboardInterrupt
        return answer

    @property
    def text(self) -> str:
        return "".join(self.shown)
