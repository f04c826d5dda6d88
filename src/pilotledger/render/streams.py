"""stdout and stderr that cannot carry every character (PYTHONIOENCODING=gbk, a cp1252
console, a file name that is not UTF-8): a character the stream's encoding cannot write is
written as `?` instead of stopping the command with a traceback, and the command says once, on
stderr, how many were replaced."""

from __future__ import annotations

import codecs
import sys

HANDLER = "pilotledger-replace"
_replaced = [0]


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    count = error.end - error.start
    _replaced[0] += count
    return "?" * count, error.end


codecs.register_error(HANDLER, _replace)


def guard_streams() -> None:
    """Our handler on stdout and stderr (the streams of this command: a test runner's too)."""
    _replaced[0] = 0
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=HANDLER)
            except (ValueError, OSError):  # a closed or detached stream
                continue


def replaced() -> tuple[int, str]:
    """How many characters were replaced since guard_streams, and stdout's encoding."""
    return _replaced[0], getattr(sys.stdout, "encoding", None) or "?"
