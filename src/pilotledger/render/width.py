"""Display-width helpers: CJK characters take two columns in a terminal.

Widths are wcwidth's. Importing wcwidth is a noticeable part of a warm `status`, so text
made only of printable ASCII, the CJK ideographs and punctuation a ledger is written in and a
few narrow marks (… ● ○ “ ” ·) is measured here, with the widths wcwidth gives those
characters (tests/test_columns.py checks each of them against wcwidth); any other text asks
wcwidth.
"""

from __future__ import annotations

from functools import lru_cache

ELLIPSIS = "…"

# Two columns: CJK symbols and punctuation (to 〩), Extension A, the unified ideographs, the
# fullwidth forms and fullwidth signs. One column: printable ASCII and these narrow marks.
WIDE_RANGES = (
    (0x3000, 0x3029),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6),
)
NARROW_MARKS = "\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u25cb\u25cf"
_MEASURED: dict[str, int] = {}  # character → width, filled as characters are met


def terminal_width(text: str) -> int:
    """wcwidth's `wcswidth`: the columns `text` takes, or -1 if it holds a character of no
    width a terminal can show (a control character)."""
    try:
        return sum(map(_MEASURED.__getitem__, text))
    except KeyError:
        if _measure(text):
            return sum(map(_MEASURED.__getitem__, text))
    from wcwidth import wcswidth  # imported on first use: it is slow to import

    return wcswidth(text)


def _measure(text: str) -> bool:
    """Learn the widths of `text`'s characters; False if one is not of the kinds known here."""
    for char in set(text).difference(_MEASURED):
        code = ord(char)
        if 0x20 <= code <= 0x7E or char in NARROW_MARKS:
            _MEASURED[char] = 1
        elif any(low <= code <= high for low, high in WIDE_RANGES):
            _MEASURED[char] = 2
        else:
            return False
    return True


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
