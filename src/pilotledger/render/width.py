"""Display-width helpers: CJK characters take two columns in a terminal.

Widths are wcwidth's. Importing wcwidth costs about 12 ms, a tenth of a warm `status`, so text
made only of printable ASCII, the CJK ideographs and punctuation a ledger is written in and a
few narrow marks (… ● ○ “ ” ·) is measured here, with the widths wcwidth gives those
characters (tests/test_columns.py checks each of them against wcwidth); any other text asks
wcwidth.
"""

from __future__ import annotations

import re
from functools import lru_cache

ELLIPSIS = "…"

# Two columns: CJK symbols and punctuation (to 〩), Extension A, the unified ideographs, the
# fullwidth forms and fullwidth signs. One column: printable ASCII and these narrow marks.
WIDE_CHARACTERS = "\u3000-\u3029\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6"
NARROW_MARKS = "\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u25cb\u25cf"
_KNOWN = re.compile(f"[\x20-\x7e{NARROW_MARKS}{WIDE_CHARACTERS}]*")
_WIDE = re.compile(f"[{WIDE_CHARACTERS}]")


def terminal_width(text: str) -> int:
    """wcwidth's `wcswidth`: the columns `text` takes, or -1 if it holds a character of no
    width a terminal can show (a control character)."""
    if _KNOWN.fullmatch(text):
        return len(text) + len(_WIDE.findall(text))
    from wcwidth import wcswidth  # imported on first use: it is slow to import

    return wcswidth(text)


def display_width(text: str) -> int:
    width = terminal_width(text)
    return width if width >= 0 else len(text)


@lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    return max(display_width(char), 0)


def shorten(text: str, width: int) -> str:
    """Cut `text` to at most `width` display columns, ending with … when cut."""
    if 2 * len(text) <= width:  # no character takes more than two columns: it fits
        return text
    if display_width(text) <= width:
        return text
    kept, used = [], 1
    for char in text:
        char_width = _char_width(char)
        if used + char_width > width:
            break
        kept.append(char)
        used += char_width
    return "".join(kept) + ELLIPSIS
