"""forms/openpyxl_compat.py against the installed openpyxl: a version it was tested with, capped in
pyproject.toml, and its reader classes behaving as the module uses them (a sheet streamed to a row
bound; merged ranges when read to the end; the stream capped)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from helpers.ledgers import REPO
from pilotledger.forms import openpyxl_compat

UNTESTED = (
    f"openpyxl {openpyxl_compat.version()} is not a version src/pilotledger/forms/"
    f"openpyxl_compat.py was tested with ({', '.join(openpyxl_compat.TESTED)}): check"
    " ExcelReader's read_manifest/read_strings/read_workbook and"
    " openpyxl.worksheet._reader.WorkSheetParser in this version, then add it to TESTED and move"
    " the cap in pyproject.toml"
)


def test_the_installed_openpyxl_is_a_tested_version():
    assert openpyxl_compat.is_tested(), UNTESTED
    assert not openpyxl_compat.is_tested("3.2.0")


def test_pyproject_caps_openpyxl_below_the_next_untested_minor_version():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    [pin] = re.findall(r'^\s*"(openpyxl[^"]*)"', pyproject, re.M)
    cap = re.search(r"<\s*(\d+)\.(\d+)", pin)
    assert cap, f"pyproject.toml does not cap openpyxl ({pin!r}); " + UNTESTED
    newest = max(tuple(map(int, version.split("."))) for version in openpyxl_compat.TESTED)
    assert (int(cap[1]), int(cap[2])) == (newest[0], newest[1] + 1), pin


@pytest.fixture(scope="module")
def book_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "表"
    for row in range(1, 31):
        sheet.cell(row, 1, row)
        sheet.cell(row, 2, f"第{row}行")
    sheet.merge_cells("B3:B4")
    sheet["C1"].number_format = "0%"  # built in (9)
    sheet["C2"].number_format = '0.0"分"%'  # a format of the workbook's own
    book.create_sheet("藏").sheet_state = "veryHidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_sheets_are_listed_with_their_states_and_read_to_a_bound(book_bytes):
    book = openpyxl_compat.open_book(book_bytes)
    assert [(s.name, s.state) for s in book.sheets.values()] == [
        ("表", "visible"),
        ("藏", "veryHidden"),
    ]
    whole = openpyxl_compat.read_sheet(book, "表", 100, 1 << 20)
    assert whole.complete and [span.coord for span in whole.merged] == ["B3:B4"]
    assert whole.values[(30, 2)] == "第30行" and whole.values[(3, 1)] == 3
    top = openpyxl_compat.read_sheet(book, "表", 10, 1 << 20)
    assert not top.complete and max(row for row, _ in top.values) == 10


def test_a_sheet_is_never_unpacked_past_its_cap(book_bytes):
    book = openpyxl_compat.open_book(book_bytes)
    part = book.sheets["表"].part
    size = zipfile.ZipFile(io.BytesIO(book_bytes)).getinfo(part).file_size
    with pytest.raises(openpyxl_compat.StreamTooLarge):
        openpyxl_compat.read_sheet(book, "表", 100, size - 1)
    assert openpyxl_compat.read_sheet(book, "表", 100, size).complete


def test_number_formats_are_resolved_from_the_stylesheet_when_asked(book_bytes):
    book = openpyxl_compat.open_book(book_bytes)
    cells = openpyxl_compat.read_sheet(book, "表", 100, 1 << 20)
    assert book.stylesheet is None  # not read until asked
    formats = [openpyxl_compat.number_format(book, cells.styles[(row, 3)]) for row in (1, 2)]
    assert formats == ["0%", '0.0"分"%']
    assert openpyxl_compat.number_format(book, cells.styles[(3, 1)]) == "General"
    assert openpyxl_compat.number_format(book, 999) == "General"
