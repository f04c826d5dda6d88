"""The one dispatch from a format name to its renderer. A new format is one entry here.

Text formats return a string (printed, or written as UTF-8; a csv file starts with a BOM so
that Excel opens Chinese text correctly); file formats write a path themselves (xlsx, docx).
The text formats live in one module, render/text_formats.py, which every renderer uses (it
imports tabulate only for markdown); html, xlsx, docx and rich are imported when used, so that
choosing a format costs only that format's libraries.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pilotledger.document import Document
from pilotledger.render.text_formats import (
    as_csv,
    as_json,
    as_located_lines,
    as_tabulated,
    write_stdout,
)


def _tabulated(fmt: str) -> Callable[[Document, str, str], str]:
    def render(document: Document, lang: str, empty: str) -> str:
        return as_tabulated(document, fmt, empty, lang)

    return render


def _csv(document: Document, lang: str, empty: str) -> str:
    return as_csv(document, lang)


def _located_lines(document: Document, lang: str, empty: str) -> str:
    return as_located_lines(document)


def _json(document: Document, lang: str, empty: str) -> str:
    return as_json(document)


def _html(document: Document, lang: str, empty: str) -> str:
    from pilotledger.render.html import as_html

    return as_html(document, lang, empty)


def _xlsx(document: Document, path: Path, lang: str, empty: str) -> None:
    from pilotledger.render.xlsx import write_xlsx

    write_xlsx(document, path, lang, empty)


def _docx(document: Document, path: Path, lang: str, empty: str) -> None:
    from pilotledger.render.docx import write_docx

    write_docx(document, path, lang, empty)


TEXT_RENDERERS: dict[str, Callable[[Document, str, str], str]] = {
    "plain": _tabulated("plain"),
    "markdown": _tabulated("markdown"),
    "csv": _csv,
    "json": _json,
    "html": _html,
    "text": _located_lines,  # check: `file:line:col: message`
}
FILE_WRITERS: dict[str, Callable[[Document, Path, str, str], None]] = {"xlsx": _xlsx, "docx": _docx}
FILE_ENCODINGS = {"csv": "utf-8-sig"}  # a BOM: Excel then reads the csv file as UTF-8
SUFFIXES = {
    "plain": ".txt",
    "markdown": ".md",
    "csv": ".csv",
    "json": ".json",
    "html": ".html",
    "text": ".txt",
    "xlsx": ".xlsx",
    "docx": ".docx",
}


def is_file_format(fmt: str) -> bool:
    """Formats that can only be written to a file (not to standard output)."""
    return fmt in FILE_WRITERS


def render_text(document: Document, fmt: str, lang: str, empty: str) -> str:
    return TEXT_RENDERERS["plain" if fmt == "table" else fmt](document, lang, empty)


def print_document(document: Document, fmt: str, lang: str, empty: str) -> None:
    """Print the document on standard output: `table` through rich (for a terminal), any other
    text format as its text."""
    if fmt == "table":
        from pilotledger.render.terminal import print_document as print_table

        print_table(document, lang=lang)
        return

    write_stdout(render_text(document, fmt, lang, empty))


def write_document(document: Document, fmt: str, path: Path, lang: str, empty: str) -> None:
    """Write the document to `path` in the format (the caller reports OSError)."""
    if fmt in FILE_WRITERS:
        FILE_WRITERS[fmt](document, path, lang, empty)
    else:
        path.write_text(
            render_text(document, fmt, lang, empty), encoding=FILE_ENCODINGS.get(fmt, "utf-8")
        )
