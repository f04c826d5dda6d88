"""Display-width helpers: CJK characters take two columns in a terminal."""

from __future__ import annotations

ELLIPSIS = "…"


def display_width(text: str) -> int:
    from wcwidth import wcswidth  # imported on first use: it is slow to import

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def shorten(text: str, width: int) -> str:
    """Cut `text` to at most `width` display columns, ending with … when cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 1
    for char in text:
        char_width = max(display_width(char), 0)
        if used + char_width > width:
            break
        kept.append(char)
        used += char_width
    return "".join(kept) + ELLIPSIS
