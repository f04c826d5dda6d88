"""StyleBook (render/xlsx_styles.py) copies openpyxl's private style record of the first cell of
a kind: a workbook styled through it saves the same styles and cells as one styled by ordinary
assignment, whatever the order the kinds come in."""

from __future__ import annotations

import io
import random
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

from pilotledger.render.xlsx_styles import StyleBook

THIN = Side(style="thin", color="808080")
KINDS = {
    "plain": {"font": Font(name="宋体", size=11)},
    "locked": {
        "fill": PatternFill("solid", fgColor="EDEDED"),
        "border": Border(left=THIN, right=THIN, top=THIN, bottom=THIN),
        "alignment": Alignment(vertical="top", wrap_text=True),
    },
    "input": {"protection": Protection(locked=False), "number_format": "yyyy-mm-dd"},
    "percent": {"number_format": "0%", "alignment": Alignment(horizontal="right")},
}


def saved(style_cell) -> dict[str, bytes]:
    workbook = Workbook()
    sheet = workbook.active
    kinds = random.Random(7).choices(sorted(KINDS), k=200)
    for index, kind in enumerate(kinds, start=1):
        cell = sheet.cell(row=index, column=1 + index % 3, value=f"{kind} {index}")
        style_cell(cell, kind)
    out = io.BytesIO()
    workbook.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist() if "core" not in name}


def test_cells_styled_through_the_book_save_as_if_each_was_assigned():
    def ordinary(cell, kind):
        for name, value in KINDS[kind].items():
            setattr(cell, name, value)

    book = StyleBook()
    through_book = saved(lambda cell, kind: book.apply(cell, kind, **KINDS[kind]))
    assert through_book == saved(ordinary)
    assert b"EDEDED" in through_book["xl/styles.xml"]  # the styles are there at all
