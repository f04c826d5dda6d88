"""The one gate for text fields and the one display filter. Pure; no I/O.

Text that a clerk types or a file holds may not carry characters that act on a terminal or
reorder what a reader sees: C0 controls other than newline and tab, DEL, C1 controls, the
bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the Unicode line and
paragraph separators (U+2028, U+2029, which some YAML readers take for line breaks). The
model refuses them (`TEXT_PATTERN`, checked by pydantic's regex engine), `record` names the
first one (`first_refused`), and everything shown on a terminal goes through `visible`, which
writes each such character as `\\uXXXX` — visible to a person, and in JSON exactly the escape
that decodes back to it.
"""

from __future__ import annotations

import re
import unicodedata

REFUSED_CLASS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029"
REFUSED = re.compile(f"[{REFUSED_CLASS}]")
TEXT_PATTERN = f"^[^{REFUSED_CLASS}]*$"
# In a file's raw text CR is a line end (CRLF files are fine); everything else refused in a
# field is refused anywhere in the file, before a YAML reader takes U+2028 for a line break.
IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def first_refused_in_file(text: str) -> tuple[int, int, str] | None:
    """(1-based line, column, character) of the first raw refused character of a file, or None.
    Lines are counted at newlines only."""
    match = IN_FILE.search(text)
    if match is None:
        return None
    start = match.start()
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("\n", 0, start) + 1, start - line_start + 1, match.group()


def first_refused(text: str) -> tuple[int, str] | None:
    """(1-based position, character) of the first refused character, or None."""
    match = REFUSED.search(text)
    return None if match is None else (match.start() + 1, match.group())


def code_point(char: str) -> str:
    return f"{ord(char):04X}"


def visible(text: str) -> str:
    """`text` with every refused character written as \\uXXXX (newline and tab kept)."""
    if not REFUSED.search(text):
        return text
    return REFUSED.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def is_blank(text: str | None) -> bool:
    """Whether text shows nothing: empty, or only whitespace (spaces, U+3000, newlines) and
    invisible format characters (U+200B zero-width space, U+FEFF …). `record` refuses such a
    summary and `check` reports one, by this one test."""
    return not text or all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)
