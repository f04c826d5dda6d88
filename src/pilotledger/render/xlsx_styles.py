"""Cell styles applied once per kind of cell, for the workbooks we write (render/xlsx.py,
forms/write.py).

openpyxl finds the index of a font, fill, border or alignment by hashing the whole object on
every assignment; with five of them per cell that was most of the time of writing a form or a
report sheet. A `StyleBook` styles the first cell of each kind the ordinary way and gives
every later cell of that kind a copy of that cell's style record, as openpyxl's own worksheet
copy does (`WorksheetCopy._copy_cells`). The record is openpyxl's private `Cell._style`; this
module is the only place that touches it (tests/test_xlsx_styles.py holds it to the ordinary
assignment).
"""

from __future__ import annotations

from copy import copy
from typing import Any

from openpyxl.cell.cell import Cell


class StyleBook:
    """The styles of one workbook's cells by kind. `kind` is any hashable that stands for the
    attributes: the same kind must always mean the same attributes."""

    def __init__(self) -> None:
        self._first: dict[Any, Cell] = {}

    def apply(self, cell: Cell, kind: Any, **attributes: Any) -> None:
        """Give `cell` the style attributes (font=, fill=, border=, alignment=, protection=,
        number_format=) that `kind` stands for."""
        first = self._first.get(kind)
        if first is None:
            for name, value in attributes.items():
                setattr(cell, name, value)
            self._first[kind] = cell
        else:
            cell._style = copy(first._style)
