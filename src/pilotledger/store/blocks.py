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

_LIST_ITEM = re.compile(r"^( *)-(?: |$)", re.M)


def list_indent(head: str) -> str:
    """The indentation of the file's list items (from its first one), or none."""
    match = _LIST_ITEM.search(head)
    return match.group(1) if match else ""


def reindented(block: str, indent: str, newline: str) -> str:
    """`block` (one list item at any indentation, LF or CRLF) at `indent`, lines ending `newline`."""
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
    head = old[:4096].decode("utf-8", errors="ignore").lstrip("\ufeff")
    newline = "\r\n" if b"\r\n" in old[:4096] else "\n"
    indent = list_indent(head)
    separator = newline if old and not old.endswith(b"\n") else ""
    return old + (separator + "".join(reindented(block, indent, newline) for block in blocks)).encode("utf-8")
