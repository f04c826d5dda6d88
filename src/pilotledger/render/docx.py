"""Documents as Word files (python-docx) in the layout of a Chinese official document.

GB/T 9704 for Chinese: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title
in 方正小标宋简体 二号 (22 pt), centred; body in 仿宋_GB2312 三号 (16 pt) on a fixed 29 pt line;
level-1 headings (一、) in 黑体, level-2 (（一）) in 楷体_GB2312; page numbers "— 1 —" in the
footer. English documents get the same page in a plain equivalent: Arial headings, Times New
Roman body. Every run names its fonts, East Asian included (w:eastAsia), so Word picks them
whatever the template. Tables repeat their header row on each page (w:tblHeader); a table of
kind "narrative" becomes paragraphs under one heading per task; a trend chart is a picture
with its legend written beside it as text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_word_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from pilotledger.render.chart_image import STATUS_RGB, chart_png, series_colour
from pilotledger.render.export import (display_cell, list_separator, lists_joined, meta_line, split_groups,
                                      without_months_to_come)
from pilotledger.render.text import display_width
from pilotledger.table import Chart, Document, LightLabel, Table

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = Mm(210 - 28 - 26)
LIGHT_SHADES = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
CHINESE_NUMBERS = "一二三四五六七八九十"
WRAP_SHARE = 0.5  # at most this share of the line for short columns when a table has long text


@dataclass(frozen=True)
class Face:
    latin: str
    east_asian: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class Layout:
    """The faces of one language's documents."""

    title: Face
    body: Face
    heading1: Face
    heading2: Face
    table: Face
    table_header: Face
    note: Face
    page_number: Face
    line_pitch: float | None  # fixed line spacing of body text in pt (None: single)


OFFICIAL = Layout(  # GB/T 9704
    title=Face("Times New Roman", "方正小标宋简体", 22),
    body=Face("Times New Roman", "仿宋_GB2312", 16),
    heading1=Face("Times New Roman", "黑体", 16),
    heading2=Face("Times New Roman", "楷体_GB2312", 16),
    table=Face("Times New Roman", "仿宋_GB2312", 10.5),
    table_header=Face("Times New Roman", "黑体", 10.5),
    note=Face("Times New Roman", "仿宋_GB2312", 12),
    page_number=Face("Times New Roman", "宋体", 14),
    line_pitch=29,
)
PLAIN = Layout(
    title=Face("Arial", "Arial", 18, bold=True),
    body=Face("Times New Roman", "Times New Roman", 12),
    heading1=Face("Arial", "Arial", 14, bold=True),
    heading2=Face("Arial", "Arial", 12, bold=True),
    table=Face("Times New Roman", "Times New Roman", 9),
    table_header=Face("Arial", "Arial", 9, bold=True),
    note=Face("Times New Roman", "Times New Roman", 10),
    page_number=Face("Times New Roman", "Times New Roman", 11),
    line_pitch=None,
)


def write_docx(document: Document, path: Path, lang: str, empty: str) -> None:
    """Write the document; `empty` is what an empty table says instead (（无） / (none))."""
    labels = _Words(lang, empty)
    layout = OFFICIAL if lang == "zh" else PLAIN
    word = new_word_document()
    _page(word, layout)
    _base_style(word, layout)
    _front(word, document, layout)
    for number, table in enumerate(document.tables, start=1):
        _table_section(word, lists_joined(table, list_separator(lang)), number, layout, labels)
    for note in document.notes:
        _paragraph(word, note, layout.note)
    word.core_properties.title = document.title
    word.save(path)


@dataclass(frozen=True)
class _Words:
    """The two things docx needs of the language: which it is, and the word for an empty table."""

    lang: str
    empty: str


def set_font(run, face: Face) -> None:
    """Name the run's fonts for Latin and East Asian text, its size and weight."""
    run.font.name = face.latin
    run.font.size = Pt(face.size)
    run.font.bold = face.bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), face.latin)
    fonts.set(qn("w:eastAsia"), face.east_asian)


def _page(word, layout: Layout) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = Mm(25)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(footer.add_run("— "), layout.page_number)
    _page_field(footer, layout.page_number)
    set_font(footer.add_run(" —"), layout.page_number)


def _page_field(paragraph, face: Face) -> None:
    """A PAGE field: Word and LibreOffice put the page's number in its place."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        set_font(run, face)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            run.text = text
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._element.append(element)


def _base_style(word, layout: Layout) -> None:
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = layout.body.latin, Pt(layout.body.size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), layout.body.east_asian)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)


def _paragraph(word, text: str, face: Face, align=None, indent: bool = False, pitch: float | None = None):
    paragraph = word.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if pitch:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(pitch)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(face.size * 2)
    set_font(paragraph.add_run(text), face)
    return paragraph


def _front(word, document: Document, layout: Layout) -> None:
    """Title, subtitle and the header block (plan, period, judgment day, made on)."""
    if document.title:
        title = _paragraph(word, document.title, layout.title, WD_ALIGN_PARAGRAPH.CENTER)
        title.paragraph_format.space_after = Pt(layout.title.size)
    if document.subtitle:
        _paragraph(word, document.subtitle, layout.heading2, WD_ALIGN_PARAGRAPH.CENTER, pitch=layout.line_pitch)
    for label, value in document.meta:
        _paragraph(word, meta_line(label, value), layout.body, indent=True, pitch=layout.line_pitch)


def _heading(word, number: int, text: str, face: Face, level: int, lang: str):
    if lang == "zh":
        mark = _chinese_number(number)
        prefix = f"{mark}、" if level == 1 else f"（{mark}）"
    else:
        prefix = f"{number}. " if level == 1 else f"({number}) "
    paragraph = _paragraph(word, prefix + text, face, indent=lang == "zh")
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(face.size / 2)
    return paragraph


def _chinese_number(number: int) -> str:
    if number <= 10:
        return CHINESE_NUMBERS[number - 1]
    tens, ones = divmod(number, 10)
    return (CHINESE_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


def _table_section(word, table: Table, number: int, layout: Layout, labels: _Words) -> None:
    _heading(word, number, table.title, layout.heading1, 1, labels.lang)
    if table.chart is not None:
        _chart(word, table.chart, layout)
    if table.kind == "narrative":
        _narrative(word, table, layout, labels)
    else:
        shown, to_come = without_months_to_come(table)
        for sub_number, (group, piece) in enumerate(split_groups(shown), start=1):
            if group is not None:
                _heading(word, sub_number, group, layout.heading2, 2, labels.lang)
            if piece.rows:
                _word_table(word, piece, layout)
            else:
                _paragraph(word, labels.empty, layout.body, indent=True, pitch=layout.line_pitch)
        if to_come:
            _paragraph(word, to_come, layout.note)
    for note in table.notes:
        _paragraph(word, note, layout.note)


def _word_table(word, table: Table, layout: Layout) -> None:
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for cell, column in zip(grid.rows[0].cells, table.columns):
        _cell_text(cell, column.header, layout.table_header, WD_ALIGN_PARAGRAPH.CENTER)
    _repeat_header(grid.rows[0])
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value, column in zip(cells, row, table.columns):
            align = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}.get(column.align)
            _cell_text(cell, display_cell(value, column), layout.table, align)
            if isinstance(value, LightLabel):
                _shade(cell, LIGHT_SHADES[value.light])
    for column_cells, width in zip(grid.columns, _column_widths(table, layout.table)):
        column_cells.width = width  # the table grid (LibreOffice reads this)
        for cell in column_cells.cells:
            cell.width = width  # each cell (Word reads this)
    word.add_paragraph()


def _column_widths(table: Table, face: Face) -> list[int]:
    """Short columns as wide as their longest text; long-text (wrap) columns share the rest."""
    total = TEXT_WIDTH
    per_char = Pt(face.size / 2)  # one display column of text (a CJK character counts two)
    padding = Pt(14)  # the cell's own margins and a little air
    natural = []
    for index, column in enumerate(table.columns):
        texts = [column.header] + [display_cell(row[index], column) for row in table.rows]
        natural.append(max(display_width(text) for text in texts) * per_char + padding)
    header_floor = [min(display_width(c.header), 8) * per_char + padding for c in table.columns]  # wrap cols
    fixed = [n if not c.wrap else 0 for n, c in zip(natural, table.columns)]
    wrap_count = sum(1 for c in table.columns if c.wrap)
    if wrap_count and sum(fixed) > total * WRAP_SHARE:  # short columns may not squeeze the long text
        fixed = [int(f * total * WRAP_SHARE / sum(fixed)) for f in fixed]
        natural = [f if not c.wrap else n for f, n, c in zip(fixed, natural, table.columns)]
    room = total - sum(fixed)
    if wrap_count and room > 0:
        wrap_natural = sum(n for n, c in zip(natural, table.columns) if c.wrap)
        return [int(n) if not c.wrap else max(int(room * n / wrap_natural), int(f))
                for n, c, f in zip(natural, table.columns, header_floor)]
    scale = total / max(sum(natural), 1)  # no long text: fill the line, or shrink to fit it
    return [int(n * scale) for n in natural]


def _cell_text(cell, text: str, face: Face, align) -> None:
    paragraph = cell.paragraphs[0]
    if align is not None:
        paragraph.alignment = align
    set_font(paragraph.add_run(text), face)


def _repeat_header(row) -> None:
    """Mark the row as a header row, repeated at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _narrative(word, table: Table, layout: Layout, labels: _Words) -> None:
    """Paragraphs under one heading per value of the first column (the task): each row a lead
    line of its short columns, then one labelled paragraph per long (wrap) column."""
    if not table.rows:
        _paragraph(word, labels.empty, layout.body, indent=True, pitch=layout.line_pitch)
        return
    first, rest = table.columns[0], list(enumerate(table.columns))[1:]
    groups: dict[str, list[list]] = {}
    for row in table.rows:
        groups.setdefault(display_cell(row[0], first), []).append(row)
    bold_body = Face(layout.body.latin, layout.body.east_asian, layout.body.size, bold=True)
    for number, (name, rows) in enumerate(groups.items(), start=1):
        heading = f"{first.header} {name}" if name.isdigit() else name
        _heading(word, number, heading, layout.heading2, 2, labels.lang)
        for row in rows:
            lead = "　".join(display_cell(row[i], c) for i, c in rest if not c.wrap and row[i] not in (None, ""))
            if lead:
                _paragraph(word, lead, bold_body, indent=True, pitch=layout.line_pitch)
            for index, column in rest:
                text = display_cell(row[index], column)
                if column.wrap and text:
                    _paragraph(word, f"{column.header}：{text}", layout.body, indent=True, pitch=layout.line_pitch)


def _chart(word, chart: Chart, layout: Layout) -> None:
    """The chart as a picture (ASCII only), its legend and series names as text beside it."""
    word.add_picture(io.BytesIO(chart_png(chart)), width=TEXT_WIDTH)
    word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    legend = word.add_paragraph()
    legend.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if len(chart.series) == 1:
        items = [(STATUS_RGB.get(key, (120, 120, 120)), label) for key, label in chart.status_labels.items()]
        items.append(((0, 0, 0), f"● {chart.share_label}"))
    else:
        items = [(series_colour(i), f"{i + 1} {s.name}") for i, s in enumerate(chart.series)]
    for colour, label in items:
        mark = legend.add_run("■ " if not label.startswith("●") else "")
        set_font(mark, layout.note)
        mark.font.color.rgb = RGBColor(*colour)
        set_font(legend.add_run(f"{label}　"), layout.note)
