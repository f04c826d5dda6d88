"""The one dispatch from a format name to its renderer: text for stdout, or a file.

Every command that shows a Document (listings, reports, reminders, the trend) goes through
here, so a format added here is a format every such command has.
"""

from __future__ import annotations

from pathlib import Path

from pilotledger.i18n import Labels
from pilotledger.render import BINARY_FORMATS
from pilotledger.table import Document

CSV_FILE_ENCODING = "utf-8-sig"  # a BOM, so that Excel opens a Chinese csv file without mojibake


def as_text(document: Document, name: str, labels: Labels) -> str:
    """The document as text in a text format (plain, markdown, csv, json) or html."""
    from pilotledger.render import export

    if name == "csv":
        return export.as_csv(document)
    if name == "json":
        return export.as_json(document)
    if name == "html":
        from pilotledger.render.html import as_html

        return as_html(document, labels.lang, labels("no_rows"))
    return export.as_tabulated(document, "plain" if name == "table" else name, labels("no_rows"))


def write_file(document: Document, name: str, labels: Labels, path: Path) -> None:
    """Write the document to `path`: xlsx and docx as files of their own, csv with a BOM."""
    if name == "xlsx":
        from pilotledger.render.xlsx import write_xlsx

        write_xlsx(document, path)
    elif name == "docx":
        from pilotledger.render.docx import write_docx

        write_docx(document, path, labels)
    else:
        encoding = CSV_FILE_ENCODING if name == "csv" else "utf-8"
        path.write_text(as_text(document, name, labels), encoding=encoding)


def needs_file(name: str) -> bool:
    return name in BINARY_FORMATS
