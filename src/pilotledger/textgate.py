"""The one gate for text fields and the one display filter. Pure; no I/O.

Text that a clerk types or a file holds may not carry characters that act on a terminal or
reorder what a reader sees: C0 controls other than newline and tab, DEL, C1 controls, the
bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), the Unicode line and
paragraph separators (U+2028, U+2029, which some YAML readers take for line breaks) and the
invisible characters of INVISIBLE_CLASS (refused in fields; raw in a file only the first
group is refused wherever it stands). The
model refuses them (`TEXT_PATTERN`, checked by pydantic's regex engine), `record` names the
first one (`first_refused`), and everything shown on a terminal goes through `visible`, which
writes each such character as `\\uXXXX` — visible to a person, and in JSON exactly the escape
that decodes back to it.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters a reader cannot see and that change what is read or how it sorts and
# compares: ALM (U+061C), the zero-width space, joiners and marks (U+200B–U+200F), word joiner
# and invisible operators (U+2060–U+2064), U+FEFF, interlinear annotation (U+FFF9–U+FFFB) and
# the tag characters (U+E0000–U+E007F).
INVISIBLE_CLASS = "\u061c\u200b-\u200f\u2060-\u2064\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
REFUSED_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029" + INVISIBLE_CLASS
)
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
    return REFUSED.sub(lambda match: _escape(match.group()), text)


def _escape(char: str) -> str:
    """`\\uXXXX`, and beyond U+FFFF the UTF-16 pair JSON writes (a tag character)."""
    point = ord(char)
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def comparable(name: str) -> str:
    """A name as names are compared (units): NFKC, case folded, so that a full-width Ａ, a
    compatibility form or a case difference is the same name."""
    return unicodedata.normalize("NFKC", name).casefold()


def is_blank(text: str | None) -> bool:
    """Whether text shows nothing: empty, or only whitespace (spaces, U+3000, newlines) and
    invisible format characters (U+200B zero-width space, U+FEFF …). `record` refuses such a
    summary and `check` reports one, by this one test."""
    return not text or all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)
