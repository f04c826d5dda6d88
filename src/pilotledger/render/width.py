"""Display-width helpers: CJK characters take two columns in a terminal."""

from __future__ import annotations

from functools import lru_cache

ELLIPSIS = "…"


def display_width(text: str) -> int:
    from wcwidth import wcswidth  # imported on first use: it is slow to import

    width = wcswidth(text)
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
