"""tabulate's `simple` layout for one-line cells, without importing tabulate.

The terminal's plain text is the output a clerk sees most, and importing tabulate (it looks up
its own version in the installed packages' metadata at import) costs about a fifth of a warm
`status`. Tables of one-line cells without escape codes, which is what plain text holds, are
laid out here exactly as tabulate lays them out (tests/test_columns.py compares the two on
random tables); anything else returns None and goes to tabulate.
"""

from __future__ import annotations

from pilotledger.render.width import terminal_width

MIN_HEADER_PADDING = 2  # tabulate's MIN_PADDING: a column is at least its header + 2 wide
SEPARATOR = "  "


def simple_table(headers: list[str], rows: list[list[str]], aligns: list[str]) -> str | None:
    """The table as tabulate(rows, headers, tablefmt="simple", colalign=aligns,
    disable_numparse=True) prints it, or None when a cell is not one plain line."""
    cells = [[cell.strip() for cell in row] for row in rows]
    if any(not _plain(text) for row in [headers, *rows] for text in row):
        return None
    least = [terminal_width(h) + MIN_HEADER_PADDING for h in headers] or [0] * len(aligns)
    widths = [
        max([floor, *(terminal_width(cell) for cell in column)])
        for floor, column in zip(least, zip(*cells))
    ]
    rule = SEPARATOR.join("-" * width for width in widths).rstrip()
    body = [_line(row, widths, aligns) for row in cells]
    if headers:
        return "\n".join([_line(headers, widths, aligns), rule, *body])
    return "\n".join([rule, *body, rule])  # without headers: a rule above and below


def _plain(text: str) -> bool:
    """One line with no escape codes or characters of unknown width."""
    one_line = "\n" not in text and "\r" not in text
    return one_line and "\x1b" not in text and terminal_width(text) >= 0


def _line(cells: list[str], widths: list[int], aligns: list[str]) -> str:
    """One row, its trailing blanks cut (as tabulate cuts them)."""
    return SEPARATOR.join(
        _pad(cell, width - terminal_width(cell), align)
        for cell, width, align in zip(cells, widths, aligns)
    ).rstrip()


def _pad(text: str, room: int, align: str) -> str:
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room
