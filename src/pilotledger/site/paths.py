"""Where each page lives in the site, and relative links between pages. Pure.

Every path is relative to the site's root folder and uses `/`; a link from one page to another
climbs out of the page's folder with `../`, so the site works from disk and under any prefix.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

INDEX = "index.html"
MATRIX = "matrix.html"
MATRIX_TASKS = 60  # tasks per matrix page: a page's size grows with its own tasks' units only


def matrix_page(index: int) -> str:
    """The matrix's pages: matrix.html (the first tasks), then matrix-2.html, …"""
    return MATRIX if index == 0 else f"matrix-{index + 1}.html"


REPORTS = "reports/index.html"
EVIDENCE_DIR = "evidence"


def part_page(number: int) -> str:
    return f"parts/{number}.html"


def section_page(number: int) -> str:
    return f"sections/{number}.html"


def task_page(number: int) -> str:
    return f"tasks/{number}.html"


def unit_page(unit_id: str) -> str:
    return f"units/{unit_id}.html"  # unit ids are ASCII slugs ([a-z0-9-]), safe in a path


def report_page(label: str) -> str:
    return f"reports/{label}.html"  # labels are 2022-03, 2022Q2, 2022H1, 2022


# Evidence a browser would run (a script in an html page or an svg image): the site's copy is
# a text file (`….html.txt`), which a browser shows as text and never runs.
ACTIVE_SUFFIXES = frozenset(
    {
        ".html",
        ".htm",
        ".xhtml",
        ".xht",
        ".shtml",
        ".svg",
        ".svgz",
        ".xml",
        ".xsl",
        ".xslt",
        ".js",
        ".mjs",
        ".mht",
        ".mhtml",
        ".hta",
    }
)


def evidence_file(stored: str) -> str:
    """A copied evidence file keeps its path inside the ledger (evidence/…); an active type
    gets `.txt` after it."""
    suffix = stored[stored.rfind(".") :].lower() if "." in stored.rsplit("/", 1)[-1] else ""
    return f"{stored}.txt" if suffix in ACTIVE_SUFFIXES else stored


def is_evidence_path(stored: str) -> bool:
    """A file the site may copy: a plain relative path under evidence/, nothing that climbs
    out of it (a record could name `../../etc/passwd`)."""
    parts = stored.split("/")
    return (
        len(parts) >= 2
        and parts[0] == EVIDENCE_DIR
        and "\\" not in stored
        and all(part not in ("", ".", "..") for part in parts)
    )


@lru_cache(maxsize=1 << 16)  # a site asks for the same few links from page after page
def relative(from_page: str, target: str) -> str:
    """The link from `from_page` to `target`, both relative to the site's root."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
