"""Each kind of plan file as lines and tables, every piece with its place in the source.

A place (line 12 / table 1, row 3, cell 2 / sheet 'Sheet1', B5) is a message key and its
values, worded in the reader's language only when the import report names it. python-docx,
openpyxl and pdfplumber are imported only by the reader of their kind of file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

from pilotledger.errors import UserError
from pilotledger.store.files import LedgerFileError, read_regular
from pilotledger.wording import Message


class Place(NamedTuple):
    """Where a piece stands in the source (a message key and its values)."""

    key: str
    words: tuple[tuple[str, object], ...]

    def message(self) -> Message:
        return Message(self.key, **dict(self.words))


def place_at(key: str, **words: object) -> Place:
    return Place(key, tuple(words.items()))


@dataclass(frozen=True)
class Cell:
    """A piece of text (a line, or a table cell) and where it stands in the source."""

    text: str
    place: Place


@dataclass
class Table:
    """Rows of cells. `aligned`: each cell stands in its column (a real table); otherwise a
    row lists its cells in order and may end early (a text file's one-cell-per-line layout)."""

    rows: list[list[Cell]]
    aligned: bool = True


@dataclass
class PlanSource:
    name: str
    lines: list[Cell] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    hidden: list[Place] = field(default_factory=list)  # rows a sheet hides, read all the same


KINDS = ("text", "docx", "xlsx", "html", "pdf")
_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".pdf": "pdf",
}


def read_source(path: Path) -> PlanSource:
    """The plan file at `path` as lines and tables; a UserError naming the file when it cannot
    be read as the kind of file its name or content says it is."""
    try:
        raw = read_regular(path)
    except LedgerFileError as error:
        problem = error.message
        raise UserError(Message("plan_unreadable", path=path, problem=problem)) from None
    kind = kind_of(path, raw)
    try:
        return READERS[kind](raw, path.name)
    except UserError:
        raise
    except Exception as error:  # a damaged or mislabelled file: each library raises its own
        problem = Message("plan_bad_file", kind=kind, detail=f"{type(error).__name__}: {error}")
        raise UserError(Message("plan_unreadable", path=path, problem=problem)) from None


def kind_of(path: Path, raw: bytes) -> str:
    """By content first (a .doc named .txt, a web page saved as .txt), then by the name."""
    if raw.startswith(b"%PDF"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return (
            "xlsx" if b"xl/" in raw[:4096] or path.suffix.lower() in (".xlsx", ".xlsm") else "docx"
        )
    head = raw[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head or b"<table" in head:
        return "html"
    return _SUFFIXES.get(path.suffix.lower(), "text")


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without a BOM), else GB18030 (what Chinese Windows saves), else UTF-8
    with the undecodable bytes shown as U+FFFD."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


# ---- plain text ------------------------------------------------------------------------------


def read_text(raw: bytes, name: str) -> PlanSource:
    text = decode_text(raw).replace("\r\n", "\n").replace("\r", "\n")
    lines = [
        Cell(line, place_at("place_line", line=n)) for n, line in enumerate(text.split("\n"), 1)
    ]
    return PlanSource(name, lines, text_tables(lines))


def text_tables(lines: list[Cell]) -> list[Table]:
    """The tables a text copy of a Word table leaves: either one line per cell, each starting
    with a tab, rows apart by an empty line (the seed's layout), or one line per row with its
    cells between tabs. A line of other text ends the table."""
    tables: list[Table] = []
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    aligned = False

    def end_row() -> None:
        nonlocal row
        if row:
            rows.append(row)
            row = []

    def end_table() -> None:
        nonlocal rows
        end_row()
        if rows:
            tables.append(Table(rows, aligned))
            rows = []

    for line in lines:
        text = line.text
        if not text.strip(" \u3000") and "\t" not in text:
            end_row()
        elif text.startswith("\t") and "\t" not in text[1:].rstrip("\t"):
            row.append(Cell(text[1:].strip(), line.place))
        elif "\t" in text.strip():
            end_row()
            aligned = True
            cells = text.strip("\n").split("\t")
            if cells and cells[0] == "":
                cells = cells[1:]
            rows.append([Cell(cell.strip(), line.place) for cell in cells])
        else:
            end_table()
            aligned = False
    end_table()
    return tables


# ---- Word ------------------------------------------------------------------------------------


def read_docx(raw: bytes, name: str) -> PlanSource:
    import docx

    document = docx.Document(io.BytesIO(raw))
    lines = [
        Cell(paragraph.text, place_at("place_paragraph", n=n))
        for n, paragraph in enumerate(document.paragraphs, 1)
    ]
    tables = [_docx_table(table, t) for t, table in enumerate(document.tables, 1)]
    return PlanSource(name, lines, tables)


def _docx_table(table, number: int) -> Table:
    rows = []
    for r, row in enumerate(table.rows, 1):
        cells = []  # a merged cell is repeated in each column it spans, so columns stay in place
        for c, cell in enumerate(row.cells, 1):
            text = "\n".join(paragraph.text for paragraph in cell.paragraphs)
            cells.append(Cell(text.strip(), place_at("place_cell", table=number, row=r, cell=c)))
        rows.append(cells)
    return Table(rows, aligned=True)


# ---- Excel -----------------------------------------------------------------------------------


def read_xlsx(raw: bytes, name: str) -> PlanSource:
    """Every sheet as a table. Not read-only: merged ranges and hidden rows are known only so.
    A merged cell's value stands in each cell it spans (a lead merged over the tasks it leads);
    a hidden row is read like the others and its place kept, for the report to list."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    source = PlanSource(name)
    try:
        for sheet in book.worksheets:
            source.tables.append(Table(_sheet_rows(sheet, source), aligned=True))
    finally:
        book.close()
    return source


def _sheet_rows(sheet, source: PlanSource) -> list[list[Cell]]:
    from openpyxl.utils import get_column_letter

    spanned = _merged_values(sheet)
    rows = []
    for r, values in enumerate(sheet.iter_rows(values_only=True), 1):
        row = [
            Cell(
                _cell_text(spanned.get((r, c), value)),
                place_at("place_sheet_cell", sheet=sheet.title, cell=f"{get_column_letter(c)}{r}"),
            )
            for c, value in enumerate(values, 1)
        ]
        filled = [cell for cell in row if cell.text]
        if len(filled) == 1:
            source.lines.append(filled[0])
        if filled and (sheet.row_dimensions[r].hidden or sheet.sheet_state != "visible"):
            source.hidden.append(filled[0].place)
        rows.append(row)
    return rows


def _merged_values(sheet) -> dict[tuple[int, int], object]:
    """(row, column) → the value of the merged range's first cell, for each cell it spans."""
    spanned = {}
    for merged in sheet.merged_cells.ranges:
        value = sheet.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                spanned[(r, c)] = value
    return spanned


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---- web pages -------------------------------------------------------------------------------

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
_SKIPPED = {"script", "style", "head", "title", "noscript"}


class _PageReader(HTMLParser):
    """Text blocks outside tables as lines, tables as rows of cells (<br> and <p> inside a
    cell are line breaks in its text). Nested tables are read as cells' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Cell] = []
        self.tables: list[Table] = []
        self._text: list[str] = []
        self._line = 1
        self._skip = 0
        self._depth = 0
        self._rows: list[list[Cell]] = []
        self._cell: list[str] | None = None
        self._cell_line = 1

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skip += 1
        elif tag == "table":
            self._flush()
            self._depth += 1
            if self._depth == 1:
                self._rows = []
        elif self._depth == 1 and tag == "tr":
            self._rows.append([])
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
            self._cell = []
            self._cell_line = self.getpos()[0]
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skip = max(self._skip - 1, 0)
        elif tag == "table" and self._depth:
            self._depth -= 1
            if self._depth == 0:
                self._end_cell()
                number = len(self.tables) + 1
                self.tables.append(Table(self._placed(number), aligned=True))
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
            return
        if self._depth:
            return
        if not self._text:
            self._line = self.getpos()[0]
        self._text.append(data)

    def _break(self):
        if self._cell is not None:
            self._cell.append("\n")
        elif not self._depth:
            self._flush()

    def _flush(self):
        text = _spaces("".join(self._text))
        for piece in text.split("\n"):
            if piece.strip():
                self.lines.append(Cell(piece.strip(), place_at("place_line", line=self._line)))
        self._text = []

    def _end_cell(self):
        if self._cell is None:
            return
        if not self._rows:
            self._rows.append([])
        self._rows[-1].append(
            Cell(_spaces("".join(self._cell)).strip(), place_at("place_line", line=self._cell_line))
        )
        self._cell = None

    def _placed(self, number: int) -> list[list[Cell]]:
        return [
            [
                Cell(cell.text, place_at("place_cell", table=number, row=r, cell=c))
                for c, cell in enumerate(row, 1)
            ]
            for r, row in enumerate(self._rows, 1)
            if row
        ]

    def close(self):
        super().close()
        self._flush()


_RUNS_OF_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_SPACE_AROUND_BREAK = re.compile(r" *\n *")


def _spaces(text: str) -> str:
    """Source line breaks and runs of blanks in HTML text are one space; nbsp is a space."""
    text = text.replace("\r", "")
    return _SPACE_AROUND_BREAK.sub("\n", _RUNS_OF_SPACE.sub(" ", text))


def read_html(raw: bytes, name: str) -> PlanSource:
    text = decode_text(raw)
    declared = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    if declared and declared.group(1).lower() in (b"gbk", b"gb2312", b"gb18030"):
        text = raw.decode("gb18030", errors="replace")
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    return PlanSource(name, reader.lines, reader.tables)


# ---- PDF -------------------------------------------------------------------------------------


def read_pdf(raw: bytes, name: str) -> PlanSource:
    import pdfplumber

    source = PlanSource(name)
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for page_number, page in enumerate(pdf.pages, 1):
            text = page.extract_text() or ""
            for n, line in enumerate(text.split("\n"), 1):
                source.lines.append(
                    Cell(line, place_at("place_page_line", page=page_number, line=n))
                )
            for table in page.extract_tables():
                number = len(source.tables) + 1
                rows = [
                    [
                        Cell(
                            (text or "").strip(),
                            place_at(
                                "place_page_cell", page=page_number, table=number, row=r, cell=c
                            ),
                        )
                        for c, text in enumerate(row, 1)
                    ]
                    for r, row in enumerate(table, 1)
                ]
                source.tables.append(Table(rows, aligned=True))
            page.close()
    return source


READERS = {
    "text": read_text,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "html": read_html,
    "pdf": read_pdf,
}
