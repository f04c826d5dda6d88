"""The one block appender: record blocks added after a month file's bytes, in its own style.

Used by `record` (a block ruamel.yaml emitted) and by the merge driver (blocks cut from the
other side's file). The old bytes are never touched. A block is re-indented to the file's list
indentation and given the file's line endings with every content byte kept: lines are split
on `\\n` only (never on U+2028 or U+0085, which Python's `splitlines` takes for line ends), and
a whitespace-only line keeps the spaces beyond the block's own indentation — inside a literal
block (`|`) they are part of the text.
"""

from __future__ import annotations

import re

_LIST_ITEM = re.compile(rb"^( *)-(?: |\r?$)", re.M)
_BOM = "\ufeff".encode()


def list_indent(content: bytes) -> str:
    """The indentation of the file's list items, from its first one however long the comment
    header above it (block text and comments never start a line with `- ` at a list's own
    column before the first item exists); none in a file without items."""
    match = _LIST_ITEM.search(content, len(_BOM) if content.startswith(_BOM) else 0)
    return match.group(1).decode("ascii") if match else ""


def line_ending(content: bytes) -> str:
    """The line ending the file uses where the new block goes: that of its last line."""
    last = content.rfind(b"\n")
    return "\r\n" if last > 0 and content[last - 1 : last] == b"\r" else "\n"


def reindented(block: str, indent: str, newline: str) -> str:
    """`block` (one list item at any indentation, LF or CRLF) at `indent`, lines ending
    `newline`."""
    lines = block.split("\n")
    if lines and lines[-1] in ("", "\r"):
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    own = len(lines[0]) - len(lines[0].lstrip(" ")) if lines else 0
    prefix = " " * own
    out = []
    for line in lines:
        if line.startswith(prefix) and len(line) > own:
            out.append(indent + line[own:])
        elif not line.strip(" "):
            out.append("")  # an empty line (no spaces beyond the block's indentation): no content
        else:
            out.append(line)  # a comment at another column: kept as it is
    return "".join(line + newline for line in out)


def append_blocks(old: bytes, blocks: list[str]) -> bytes:
    """`old` unchanged, then each block in the file's indentation and line endings."""
    if not blocks:
        return old
    newline = line_ending(old)
    indent = list_indent(old)
    separator = newline if old and not old.endswith(b"\n") else ""
    return old + (
        separator + "".join(reindented(block, indent, newline) for block in blocks)
    ).encode("utf-8")
