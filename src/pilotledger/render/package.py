"""What docx and xlsx files say of themselves, the same in both: the author and the day (from
the document: its 落款 and 成文日期), and the application named in docProps/app.xml, which
neither library lets us set (python-docx keeps its template's "Microsoft Macintosh Word",
openpyxl writes "Microsoft Excel Compatible / Openpyxl 3.1.5"): a file the office sends names
the program that made it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pilotledger import __version__
from pilotledger.document import Document

APP_PART = "docProps/app.xml"
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>pilotledger {__version__}</Application>"
    "<DocSecurity>0</DocSecurity></Properties>"
)


def with_application(package: bytes) -> bytes:
    """The package (a docx or xlsx as bytes) with its app.xml replaced by APP_XML, every other
    part as it was, in the same order (a package without app.xml is returned as it is)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    if APP_PART not in source.namelist():
        return package
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = APP_XML.encode() if item.filename == APP_PART else source.read(item)
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def file_author(document: Document) -> str:
    """The office that sends the document (its 落款), else Document.sender, else pilotledger."""
    official = document.official
    return (official.signature.office if official else document.sender) or "pilotledger"


def file_date(document: Document) -> dt.datetime:
    """The day the document is dated (its 成文日期, else Document.dated) as a naive UTC
    datetime at midnight, as both libraries write it; else now."""
    official = document.official
    day = (official.signature.day if official else None) or document.dated
    if day is None:
        return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    return dt.datetime(day.year, day.month, day.day)
