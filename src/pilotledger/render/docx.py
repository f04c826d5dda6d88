"""Documents as Word files (python-docx) in the layout of a Chinese official document.

GB/T 9704 for Chinese: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title
in 方正小标宋简体 二号 (22 pt), centred; body in 仿宋_GB2312 三号 (16 pt) on the document grid of
22 lines × 28 characters (GRID_*); level-1 headings (一、) in 黑体, level-2 (（一）) in
楷体_GB2312; page numbers "— 1 —" at the outside of the page (odd pages right, even pages left,
one character in). English documents get the same page in a plain equivalent: Arial headings,
Times New Roman body. Every run names its fonts, East Asian included (w:eastAsia), so Word picks
them whatever the template; a run of Chinese text carries the East Asian hint, so Word sets its
quotes and dashes in the Chinese font; the language is zh-CN for East Asian text (en-US for the
Latin text of an English document); no style is italic (Chinese has no italics). The file's
properties come from the document: its title, the office that sends it, the day it is dated.
Tables repeat their header row on each page (w:tblHeader); a table of
kind "narrative" becomes paragraphs under one heading per task; a trend chart is a picture
with its legend written beside it as text.
"""

from __future__ import annotations

import io
import math
import re
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from pilotledger.document import Chart, Document, LightLabel, Table
from pilotledger.official import Official, heading_mark, item_mark
from pilotledger.render import palette
from pilotledger.render.chart_image import chart_png
from pilotledger.render.package import file_author, file_date, with_application
from pilotledger.render.text_formats import (
    annex_table,
    display_cell,
    list_separator,
    lists_joined,
    meta_line,
    split_groups,
    without_months_to_come,
)
from pilotledger.render.titles import title_lines
from pilotledger.render.width import display_width, shorten

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = Mm(210 - 28 - 26)  # 156 mm between the margins of an A4 portrait page
LANDSCAPE_TEXT_WIDTH = Mm(297 - 28 - 26)  # a wide table gets a landscape section of its own
CELL_PADDING = Pt(12)  # a cell's own left and right margins (Word: 2 × 0.19 cm) and a little air
LATIN_EM = 0.55  # a Latin character's average advance in em (Times digits are 0.5 em)
BOLD_LATIN_EM = 0.7  # the same in a bold sans-serif header (Arial Bold: lowercase up to 0.61 em)
SHORT_HEADER = 6  # a CJK header of at most this many characters stays on one line
WRAP_FLOOR = 6  # a long-text column is at least this many display columns wide
HEADING_TEXT = 64  # display columns of the task text in a narrative heading (first clause)
DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")  # written with non-breaking hyphens: never split
# Word and LibreOffice see no line-break chance between "、" and a date or a Latin word: a
# zero-width space after it gives them one (2022-03、2022-04 wraps between the months).
BREAK_AFTER_COMMA = re.compile(r"、(?=[0-9A-Za-z])")
ZERO_WIDTH_SPACE = "\u200b"
# GB/T 9704-2012 5.2.2: 22 lines of 28 characters on the 156 mm × 225 mm text area (the A4 page
# less the margins above), body in 三号 (16 pt). Worked out by hand:
#   line pitch: 225 mm = 637.80 pt; / 22 lines = 28.99 pt = 579.8 twentieths of a point → 579
#     (580 × 22 = 638 pt, a fraction over the text height: a page would take 21 lines);
#   character pitch: 156 mm = 442.20 pt; / 28 = 15.793 pt. w:charSpace is the difference from
#     the Normal style's 16 pt, in 1/4096 pt: (15.793 − 16) × 4096 = −847.7 → −848 (−847 gives
#     28 × 15.7932 = 442.21 pt, a fraction over the text width: 27 characters a line).
GRID_LINE_PITCH = 579  # twentieths of a point (w:linePitch)
GRID_CHAR_SPACE = -848  # 1/4096 pt added to the Normal style's size (w:charSpace)
# The grid is declared for Word's page set-up, but no paragraph snaps to it (w:snapToGrid 0 in
# the Normal style): LibreOffice (7.4) gives a 16 pt character two cells of a 15.79 pt grid
# (14 characters a line) and a table's 10.5 pt line a whole 29 pt grid line. The body keeps the
# grid itself, in both programs: lines exactly 579 twips apart (Layout.line_pitch) and its 16 pt
# runs 0.3 pt closer (Face.spacing, w:spacing −6 twips): 28 × 15.7 = 439.6 pt ≤ 442.2 pt <
# 29 × 15.7, so a line holds 28 characters (at −0.25 pt, 28 × 15.75 = 441 pt on paper, LibreOffice
# set 27: it measures in 1/100 mm), and 637.8 / 28.95 = 22.03 lines a page.
GRID_RUN_SPACING = -0.3  # pt
# the characters Word sets in the Latin font unless a run has the East Asian hint: a Chinese
# document's quotes, dashes and ellipses must be the Chinese ones (“” ‘’ — … ·)
AMBIGUOUS = frozenset("‘’“”—–…·")
# what follows w:spacing in a run's properties (ECMA-376 order)
PARAGRAPH_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents")
PARAGRAPH_AFTER_SNAP += ("w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment")
PARAGRAPH_AFTER_SNAP += ("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr")
PARAGRAPH_AFTER_SNAP += ("w:sectPr", "w:pPrChange")
RUN_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u")
RUN_AFTER_SPACING += ("w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs")
RUN_AFTER_SPACING += ("w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


@dataclass(frozen=True)
class Face:
    latin: str
    east_asian: str
    size: float
    bold: bool = False
    spacing: float = 0.0  # pt between characters (w:spacing): the body's grid pitch


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
    grid: bool = False  # the GB/T 9704 document grid on portrait pages
    table_line: float | None = None  # exact line spacing in table cells in pt (None: single)


OFFICIAL = Layout(  # GB/T 9704
    title=Face("Times New Roman", "方正小标宋简体", 22),
    body=Face("Times New Roman", "仿宋_GB2312", 16, spacing=GRID_RUN_SPACING),
    heading1=Face("Times New Roman", "黑体", 16, spacing=GRID_RUN_SPACING),
    heading2=Face("Times New Roman", "楷体_GB2312", 16, spacing=GRID_RUN_SPACING),
    table=Face("Times New Roman", "仿宋_GB2312", 10.5),
    table_header=Face("Times New Roman", "黑体", 10.5),
    note=Face("Times New Roman", "仿宋_GB2312", 12),
    page_number=Face("Times New Roman", "宋体", 14),
    line_pitch=GRID_LINE_PITCH / 20,  # 28.95 pt: the grid's line, so a page holds 22 lines
    grid=True,
    # a CJK font's own line (Noto Sans CJK: 1.45 em) would make every row a third taller
    table_line=13,
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
    _base_style(word, layout, lang)
    if document.official is not None:
        _official(word, document.official, layout, labels)
    else:
        _front(word, document, layout)
        for number, table in enumerate(document.tables, start=1):
            heading = heading_mark(number, 1, lang) + table.title
            _table_section(word, lists_joined(table, list_separator(lang)), heading, layout, labels)
    _properties(word, document)
    out = io.BytesIO()  # built in memory and written in one go, as xlsx is
    word.save(out)
    path.write_bytes(with_application(out.getvalue()))


@dataclass(frozen=True)
class _Words:
    """The two things docx needs of the language: which it is, and the word for an empty table."""

    lang: str
    empty: str


def set_font(run, face: Face, text: str | None = None) -> None:
    """Name the run's fonts for Latin and East Asian text, its size and weight; a run of
    Chinese text gets the East Asian hint (is_east_asian). A new run takes a copy of the
    face's properties, made once (python-docx's setters search the element's children on each
    call: most of the time of writing a report went there). `text` is the run's text, when
    the caller has it (reading it back searches the run's children)."""
    if run._element.rPr is None:
        run._element.insert(0, deepcopy(_run_properties(face)))
    else:
        _name_fonts(run, face)
    if is_east_asian(run.text if text is None else text, face):
        run._element.rPr.rFonts.set(qn("w:hint"), "eastAsia")


@cache
def _run_properties(face: Face):
    """The `w:rPr` of a run in `face` (copied, never used in place)."""
    run = _scratch_paragraph().add_run()
    _name_fonts(run, face)
    return run._element.rPr


@cache
def _scratch_paragraph():
    """A paragraph of a document never saved, where each face's run properties are made (one
    document for all of them: python-docx reads its whole template for each new one)."""
    return new_word_document().add_paragraph()


def _name_fonts(run, face: Face) -> None:
    run.font.name = face.latin
    run.font.size = Pt(face.size)
    run.font.bold = face.bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), face.latin)
    fonts.set(qn("w:eastAsia"), face.east_asian)
    if face.spacing and run._element.rPr.find(qn("w:spacing")) is None:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(round(face.spacing * 20)))
        properties = run._element.get_or_add_rPr()
        properties.insert_element_before(spacing, *RUN_AFTER_SPACING)


def is_east_asian(text: str, face: Face) -> bool:
    """Whether Word is to take the run's ambiguous characters (quotes, dashes) as East Asian:
    a run with a CJK character, or in a Chinese face (a CJK East Asian font) one with any of
    AMBIGUOUS (the “— 1 —” of a page number, a quote)."""
    if any(display_width(char) == 2 for char in text):
        return True
    return not face.east_asian.isascii() and any(char in AMBIGUOUS for char in text)


def add_text(paragraph, text: str, face: Face):
    """Add `text` as runs in `face`; the hyphens of dates (2022-07-20, 2022-07) are
    non-breaking (w:noBreakHyphen), so a date never splits across lines; a list may break
    after its "、" (BREAK_AFTER_COMMA). Returns the last run."""
    text = BREAK_AFTER_COMMA.sub("、" + ZERO_WIDTH_SPACE, text)
    position, run = 0, None
    for match in DATE.finditer(text):
        if match.start() > position:
            run = _new_run(paragraph, text[position : match.start()])
            set_font(run, face, text[position : match.start()])
        run = paragraph.add_run()
        set_font(run, face, "")  # a date: digits and hyphens, no East Asian hint
        for number, piece in enumerate(match.group().split("-")):
            if number:
                run._element.append(OxmlElement("w:noBreakHyphen"))
            run._element.append(_text_element(piece))
        position = match.end()
    if position < len(text) or run is None:
        run = _new_run(paragraph, text[position:])
        set_font(run, face, text[position:])
    return run


TAB_OR_BREAK = re.compile(r"[\t\r\n]")


def _new_run(paragraph, text: str):
    """`paragraph.add_run(text)`, without its search of the new run for content to clear: text
    without a tab or line break (which the Run.text setter turns into w:tab and w:br) goes in
    as one w:t, as the setter would put it."""
    run = paragraph.add_run()
    if TAB_OR_BREAK.search(text):
        run.text = text
    elif text:
        run.add_text(text)
    return run


def _text_element(text: str):
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


def _page(word, layout: Layout) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = Mm(25)
    _grid(section, layout)
    # GB/T 9704 7.5: 单页码居右空一字，双页码居左空一字 (one character of the number's 四号)
    word.settings.odd_and_even_pages_header_footer = True
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        number = footer.paragraphs[0]
        number.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            number.paragraph_format.right_indent = Pt(layout.page_number.size)
        else:
            number.paragraph_format.left_indent = Pt(layout.page_number.size)
        set_font(number.add_run("— "), layout.page_number)
        _page_field(number, layout.page_number)
        set_font(number.add_run(" —"), layout.page_number)


def _grid(section, layout: Layout, landscape: bool = False) -> None:
    """The section's document grid: GB/T 9704's 22 × 28 (GRID_*) on a portrait page of a
    Chinese document; none on a landscape page (a wide table in small type) or in English."""
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    if layout.grid and not landscape:
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(GRID_LINE_PITCH))
        grid.set(qn("w:charSpace"), str(GRID_CHAR_SPACE))
    else:
        grid.set(qn("w:linePitch"), str(GRID_LINE_PITCH))
    sect_pr.append(grid)


def _page_field(paragraph, face: Face) -> None:
    """A PAGE field: Word and LibreOffice put the page's number in its place."""
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
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


def _base_style(word, layout: Layout, lang: str) -> None:
    """The Normal style in the body's face, snapping to no grid (GRID_RUN_SPACING); the
    document's languages (zh-CN for East Asian text in both languages: the data is Chinese,
    en-US for Latin text) in the style defaults and the theme; no style italic in a Chinese
    document."""
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = layout.body.latin, Pt(layout.body.size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(
        qn("w:eastAsia"), layout.body.east_asian
    )
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    no_snap = OxmlElement("w:snapToGrid")  # see GRID_RUN_SPACING
    no_snap.set(qn("w:val"), "0")
    normal.element.get_or_add_pPr().insert_element_before(no_snap, *PARAGRAPH_AFTER_SNAP)
    styles = word.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    theme = word.settings.element.find(qn("w:themeFontLang"))
    for language in (defaults.find(qn("w:lang")), theme):
        if language is not None:  # w:val is the Latin text's (zh-CN: LibreOffice breaks 20/22)
            language.set(qn("w:val"), "en-US")
            language.set(qn("w:eastAsia"), "zh-CN")
    if lang == "zh":
        for italic in styles.xpath(".//w:i | .//w:iCs"):
            italic.getparent().remove(italic)


def _properties(word, document: Document) -> None:
    """The file's properties: the document's title, the office that sends it (the 落款, else
    Document.sender), dated the day it is dated (the 成文日期, else Document.dated) — never
    python-docx's template (\"python-docx\", 2013) — and no thumbnail of the template's
    empty page; app.xml names pilotledger (with_application)."""
    official = document.official
    properties = word.core_properties
    properties.title = official.title if official else document.title
    properties.subject = document.subtitle
    properties.author = file_author(document)
    properties.last_modified_by = properties.author
    properties.comments = properties.keywords = properties.category = ""
    properties.revision = 1
    properties.created = properties.modified = file_date(document)
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:  # Word 2010's copy of the styles, unused
            word.part.drop_rel(rel_id)


def _paragraph(
    word, text: str, face: Face, align=None, indent: bool = False, pitch: float | None = None
):
    paragraph = word.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if pitch:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(pitch)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(face.size * 2)
    add_text(paragraph, text, face)
    return paragraph


def _front(word, document: Document, layout: Layout) -> None:
    """Title, subtitle and the header block (plan, period, judgment day, made on)."""
    if document.title:
        title = _title(word, document.title, layout.title)
        title.paragraph_format.space_after = Pt(layout.title.size)
    if document.subtitle:
        _paragraph(
            word,
            document.subtitle,
            layout.heading2,
            WD_ALIGN_PARAGRAPH.CENTER,
            pitch=layout.line_pitch,
        )
    for label, value in document.meta:
        _paragraph(word, meta_line(label, value), layout.body, indent=True, pitch=layout.line_pitch)


def _title(word, text: str, face: Face, width: int = TEXT_WIDTH):
    """A centred title, its lines broken between words (render/titles.py), as even as they
    go: Word and LibreOffice would break a CJK title wherever the line ends (进 / 展趋势)."""
    columns = int(width / Pt(face.size) * 2) if not text.isascii() else None
    lines = title_lines(text, columns) if columns else [text]
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, line in enumerate(lines):
        run = add_text(paragraph, line, face)
        if number < len(lines) - 1:
            run.add_break()
    return paragraph


def _heading(word, number: int, text: str, face: Face, level: int, lang: str):
    return _heading_line(word, heading_mark(number, level, lang) + text, face, lang)


def _heading_line(word, text: str, face: Face, lang: str):
    """A heading paragraph (kept with what follows it), indented two characters in Chinese."""
    paragraph = _paragraph(word, text, face, indent=lang == "zh")
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(face.size / 2)
    return paragraph


def _table_section(
    word,
    table: Table,
    heading: str | None,
    layout: Layout,
    labels: _Words,
    before=None,
) -> None:
    """The table under its heading (None: no heading); a table too wide for a portrait page
    (see _is_wide) gets a landscape section of its own, heading included. `before(word)`, when
    given, writes what goes first on the table's page (an annex's mark and title): in the
    landscape section, if the table has one, else after a page break."""
    shown, to_come = without_months_to_come(table)
    pieces = list(split_groups(shown)) if table.kind != "narrative" else []
    landscape = any(_is_wide(piece, layout) for _, piece in pieces if piece.rows)
    if landscape:
        _new_section(word, landscape=True, layout=layout)
    elif before is not None and not _at_section_start(word):
        _page_break(word)
    if before is not None:
        before(word)
    if heading:
        _heading_line(word, heading, layout.heading1, labels.lang)
    if table.chart is not None:
        _chart(word, table.chart, layout)
    if table.kind == "narrative":
        _narrative(word, table, layout, labels)
    for sub_number, (group, piece) in enumerate(pieces, start=1):
        if group is not None:
            _heading(word, sub_number, group, layout.heading2, 2, labels.lang)
        if piece.rows:
            _word_table(word, piece, layout, LANDSCAPE_TEXT_WIDTH if landscape else TEXT_WIDTH)
        else:
            _paragraph(word, labels.empty, layout.body, indent=True, pitch=layout.line_pitch)
    if to_come and table.kind != "narrative":
        _paragraph(word, to_come, layout.note)
    for note in table.notes:
        _paragraph(word, note, layout.note)
    if landscape:
        _new_section(word, landscape=False, layout=layout)


def _is_wide(table: Table, layout: Layout) -> bool:
    """Whether the table's minimum widths (_minimum_width) exceed the portrait text width."""
    return sum(_minimum_width(table, i, layout) for i in range(len(table.columns))) > TEXT_WIDTH


def _word_table(word, table: Table, layout: Layout, total: int) -> None:
    """The table at widths from its content adding up to `total` (see _column_widths)."""
    # whole twips (635 EMU), as Word stores them: rounded up, ten columns could overrun `total`
    widths = [width - width % 635 for width in _column_widths(table, layout, total)]
    width_of = {column.key: width for column, width in zip(table.columns, widths)}
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _fixed_layout(grid, sum(widths))
    for cell, column in zip(grid.rows[0].cells, table.columns):
        _cell_text(
            cell, column.header, layout.table_header, WD_ALIGN_PARAGRAPH.CENTER, layout.table_line
        )
    _repeat_header(grid.rows[0])
    for column_cells, width in zip(grid.columns, widths):
        column_cells.width = width  # the table grid (LibreOffice reads this)
    for cell, width in zip(_cells_of(grid.rows[0]._tr, grid), widths):
        cell.width = width  # each cell (Word reads this)
    blank = _blank_row(grid, table, widths, layout)
    for row in table.rows:
        added = deepcopy(blank)
        grid._tbl.append(added)
        for cell, value, column in zip(_cells_of(added, grid), row, table.columns):
            text = _dates_in_lines(display_cell(value, column), width_of[column.key], layout.table)
            add_text(cell.paragraphs[0], text, layout.table)
            if isinstance(value, LightLabel):
                _shade(cell, palette.LIGHT_FILL[value.light])
    word.add_paragraph()


def _blank_row(grid, table: Table, widths: list[int], layout: Layout):
    """A body row without text, which each row of the table is a copy of (python-docx's setters
    search an element's children on every call: most of the time of a big table went to
    setting the same widths, alignments and line spacing on every row): kept on one page,
    each cell at its column's width, its paragraph aligned as the column and at the table's
    line spacing. Taken out of the table: it is only copied."""
    added = grid.add_row()
    _keep_on_one_page(added)
    for cell, column, width in zip(_cells_of(added._tr, grid), table.columns, widths):
        cell.width = width  # each cell (Word reads this)
        _cell_paragraph(cell, _ALIGN.get(column.align), layout.table_line)
    grid._tbl.remove(added._tr)
    return added._tr


_ALIGN = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}


def _cells_of(tr, grid) -> list[_Cell]:
    """The row's cells, one per `w:tc`: python-docx's Row.cells and Column.cells lay out the
    whole table's grid on every call (a table of n rows cost n² cell visits); our tables merge
    no cells, so each `w:tc` is one cell."""
    return [_Cell(tc, grid) for tc in tr.tc_lst]


DATE_LIST = re.compile(rf"^{DATE.pattern}(?:、{DATE.pattern})+$")


def _dates_in_lines(text: str, width: int, face: Face) -> str:
    """A list of dates (2022-03、2022-04、…) as lines of as many whole dates as fit `width`:
    LibreOffice breaks inside a date that follows "、" rather than after the "、", so the
    lines are broken here, between dates, never inside one. Other text is returned as is."""
    if not DATE_LIST.match(text):
        return text
    items = text.split("、")
    room = Pt(1) * (text_points(items[0] + "、", face) + 1)
    per_line = max(1, int((width - CELL_PADDING) // room))
    lines = ["、".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "、\n".join(lines)


def _new_section(word, landscape: bool, layout: Layout) -> None:
    """A new page in the given orientation, same margins; the footer (page number) runs on."""
    section = word.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = PAGE_HEIGHT, PAGE_WIDTH
    section.page_width, section.page_height = (
        (long_side, short_side) if landscape else (short_side, long_side)
    )
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    _grid(section, layout, landscape)


def _fixed_layout(grid, width: int) -> None:
    """Fixed column widths (no autofit), the table exactly `width` wide, not indented."""
    properties = grid._tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout", "w:tblInd"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    table_width = OxmlElement("w:tblW")
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(int(width / 635)))  # EMU → twentieths of a point
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(table_width)
    properties.append(layout)


def text_points(text: str, face: Face) -> float:
    """The width of `text` on one line in pt: a CJK character one em, a Latin one LATIN_EM."""
    latin = BOLD_LATIN_EM if face.bold else LATIN_EM
    widths = (face.size if display_width(char) == 2 else face.size * latin for char in text)
    return sum(widths) + face.spacing * len(text)


def _tokens(text: str) -> list[str]:
    """The pieces a line may not break inside: dates, numbers, percents and Latin words up to a
    hyphen (a line may break after a hyphen, never inside a date; a CJK character may break on
    either side)."""
    return re.findall(rf"{DATE.pattern}|[^\s\u2e80-\uffff-]+-?", text)


def _header_minimum(header: str, layout: Layout) -> float:
    """A short header stays on one line; a longer CJK header may take two lines (never one
    character alone); an English header breaks between words only."""
    face = layout.table_header
    words = _tokens(header) or [""]
    latin = max(text_points(word, face) for word in words)
    cjk = sum(1 for char in header if display_width(char) == 2)
    if cjk <= SHORT_HEADER:
        return max(latin, cjk * face.size) if not header.isascii() else latin
    return max(latin, math.ceil(cjk / 2) * face.size)


def _minimum_width(table: Table, index: int, layout: Layout) -> int:
    """The least width of a column: a short (no-wrap) column keeps every cell on one line
    (numbers, dates, statuses); a long-text column keeps its longest unbreakable token whole;
    both keep the header as _header_minimum says."""
    column, face = table.columns[index], layout.table
    texts = [display_cell(row[index], column) for row in table.rows]
    if column.wrap:
        cells = [text_points(token + "、", face) for text in texts for token in _tokens(text)]
        cells.append(WRAP_FLOOR * face.size / 2)
    else:
        cells = [text_points(line, face) for text in texts for line in text.split("\n")]
    return int(Pt(max([_header_minimum(column.header, layout), *cells])) + CELL_PADDING)


def _natural_width(table: Table, index: int, layout: Layout) -> int:
    """A column's width with every cell on one line."""
    column = table.columns[index]
    texts = [display_cell(row[index], column) for row in table.rows]
    widest = max(
        [text_points(line, layout.table) for text in texts for line in text.split("\n")], default=0
    )
    return int(Pt(max(widest, text_points(column.header, layout.table_header))) + CELL_PADDING)


def _column_widths(table: Table, layout: Layout, total: int = TEXT_WIDTH) -> list[int]:
    """Widths from the content that add up to `total` (the text width between the margins):
    every column gets its minimum (_minimum_width); what is left goes first to the columns
    that want more than their minimum (long text) in proportion to what they want, and, when
    every column has its natural width, to the long-text columns (else to all)."""
    columns = range(len(table.columns))
    minimums = [_minimum_width(table, i, layout) for i in columns]
    naturals = [max(_natural_width(table, i, layout), m) for i, m in zip(columns, minimums)]
    if sum(minimums) >= total:  # even the minimums do not fit: shrink them all alike
        return [int(m * total / sum(minimums)) for m in minimums]
    spare = total - sum(minimums)
    wants = [n - m for n, m in zip(naturals, minimums)]
    if sum(wants) > spare:
        return [m + int(spare * w / sum(wants)) for m, w in zip(minimums, wants)]
    widths = naturals
    spare = total - sum(widths)
    takers = [i for i in columns if table.columns[i].wrap] or list(columns)
    share = sum(widths[i] for i in takers)
    return [w + (int(spare * w / share) if i in takers else 0) for i, w in enumerate(widths)]


def _cell_text(cell, text: str, face: Face, align, line: float | None = None) -> None:
    add_text(_cell_paragraph(cell, align, line), text, face)


def _cell_paragraph(cell, align, line: float | None):
    """The cell's paragraph, aligned and at exactly `line` pt (if given)."""
    paragraph = cell.paragraphs[0]
    if align is not None:
        paragraph.alignment = align
    if line:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(line)
    return paragraph


def _repeat_header(row) -> None:
    """Mark the row as a header row, repeated at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_on_one_page(row) -> None:
    """A row is never split across two pages (w:cantSplit): a task's text stays with its number."""
    forbid = OxmlElement("w:cantSplit")
    forbid.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(forbid)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _narrative(word, table: Table, layout: Layout, labels: _Words) -> None:
    """Paragraphs under one heading per value of the first column (the task, with the start of
    its text when the table has a "text" column): each row a lead line of its short columns,
    then one labelled paragraph per long (wrap) column."""
    if not table.rows:
        _paragraph(word, labels.empty, layout.body, indent=True, pitch=layout.line_pitch)
        return
    first = table.columns[0]
    text_index = next((i for i, c in enumerate(table.columns) if c.key == "text"), None)
    rest = [(i, c) for i, c in enumerate(table.columns) if i not in (0, text_index)]
    groups: dict[str, list[list]] = {}
    for row in table.rows:
        groups.setdefault(display_cell(row[0], first), []).append(row)
    bold_body = Face(layout.body.latin, layout.body.east_asian, layout.body.size, bold=True)
    for number, (name, rows) in enumerate(groups.items(), start=1):
        task_text = (
            display_cell(rows[0][text_index], table.columns[text_index]) if text_index else ""
        )
        _heading(
            word,
            number,
            _narrative_heading(first.header, name, task_text, labels.lang),
            layout.heading2,
            2,
            labels.lang,
        )
        for row in rows:
            lead = "　".join(
                display_cell(row[i], c) for i, c in rest if not c.wrap and row[i] not in (None, "")
            )
            if lead:
                _paragraph(word, lead, bold_body, indent=True, pitch=layout.line_pitch)
            for index, column in rest:
                text = display_cell(row[index], column)
                if column.wrap and text:
                    _paragraph(
                        word,
                        f"{column.header}{'：' if labels.lang == 'zh' else ': '}{text}",
                        layout.body,
                        indent=True,
                        pitch=layout.line_pitch,
                    )


def _narrative_heading(header: str, name: str, task_text: str, lang: str) -> str:
    """序号 23：以康德、上河街、新天地等商圈建设康养旅游消费中心城市重要节点 — the task's
    number and its text up to the first sentence's end, at most HEADING_TEXT columns."""
    label = f"{header} {name}" if name.isdigit() else name
    if not task_text:
        return label
    first_sentence = re.split(r"(?<=[。；;])|(?<=\. )", task_text.strip(), maxsplit=1)[0].rstrip(
        "。；;. "
    )
    short = (
        first_sentence
        if first_sentence == task_text.strip().rstrip("。；;. ")
        else first_sentence + "…"
    )
    if display_width(first_sentence) > HEADING_TEXT:  # whole clauses that fit, else cut
        clauses = re.split(r"(?<=[，,])", first_sentence)
        kept = ""
        while clauses and display_width(kept + clauses[0]) <= HEADING_TEXT:
            kept += clauses.pop(0)
        short = kept.rstrip("，, ") + "…" if kept else shorten(first_sentence, HEADING_TEXT)
    return f"{label}：{short}" if lang == "zh" else f"{label}: {short}"


def _chart(word, chart: Chart, layout: Layout) -> None:
    """The chart as a picture (ASCII only), its legend and series names as text beside it."""
    word.add_picture(io.BytesIO(chart_png(chart)), width=TEXT_WIDTH)
    word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.paragraphs[-1].paragraph_format.keep_with_next = True  # the legend on the chart's page
    legend = word.add_paragraph()
    legend.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if len(chart.series) == 1:
        items = [(palette.status_colour(key), label) for key, label in chart.status_labels.items()]
        items.append((palette.SHARE, f"● {chart.share_label}"))
    else:
        items = [
            (palette.series_colour(i), f"{i + 1} {s.name}") for i, s in enumerate(chart.series)
        ]
    for colour, label in items:
        mark = legend.add_run("■ " if not label.startswith("●") else "")
        set_font(mark, layout.note)
        mark.font.color.rgb = RGBColor.from_string(colour)
        set_font(legend.add_run(f"{label}　"), layout.note)


# ---- what an office sends (official.py): the 公文's parts in the order of GB/T 9704 -----------


def _official(word, official: Official, layout: Layout, labels: _Words) -> None:
    """文号, title, 主送, body, 附件 list, 落款 and 成文日期, contact and provenance lines; then
    each annex from a new page (its mark 附件1 flush left in 黑体, its title centred)."""
    lang, body, pitch = labels.lang, layout.body, layout.line_pitch
    if official.number:
        _paragraph(word, official.number, body, WD_ALIGN_PARAGRAPH.CENTER, pitch=pitch)
        _paragraph(word, "", body, pitch=pitch)
    title = _title(word, official.title, layout.title)
    title.paragraph_format.space_after = Pt(layout.title.size)
    _paragraph(word, official.addressee, body, pitch=pitch)
    for text in official.opening:
        _paragraph(word, text, body, indent=True, pitch=pitch)
    for number, block in enumerate(official.blocks, start=1):
        _heading_line(word, heading_mark(number, 1, lang) + block.heading, layout.heading1, lang)
        for text in block.paragraphs:
            _paragraph(word, text, body, indent=True, pitch=pitch)
        for item_number, text in enumerate(block.items, start=1):
            _paragraph(word, item_mark(item_number, lang) + text, body, indent=True, pitch=pitch)
    last_of_body = len(word.paragraphs) - 1
    _annex_list(word, official, layout, lang)
    _signature(word, official, layout)
    # the 落款 never stands alone on a page: the body's last paragraph, the 附件 list and the
    # blank lines go with it (GB/T 9704 7.3.5)
    for paragraph in word.paragraphs[last_of_body:]:
        paragraph.paragraph_format.keep_with_next = True
    if official.contact:
        _paragraph(word, official.contact, body, indent=True, pitch=pitch)
    for line in official.provenance:
        _paragraph(word, line, layout.note, indent=lang == "zh")
    for index, annex in enumerate(official.annexes):
        _annex(word, official.annex_mark(index, lang), annex, layout, labels)


def _annex(word, mark: str, annex, layout: Layout, labels: _Words) -> None:
    """An annex from a new page: its mark flush left in 黑体, its title centred, its tables
    each under its own title."""

    def front(word):
        _paragraph(word, mark, layout.heading1, pitch=layout.line_pitch)
        heading = _title(word, annex.title, layout.title)
        heading.paragraph_format.space_after = Pt(layout.title.size / 2)
        heading.paragraph_format.keep_with_next = True

    for position, table in enumerate(annex.tables):
        _table_section(
            word,
            annex_table(table, labels.lang),
            table.title,
            layout,
            labels,
            before=front if position == 0 else None,
        )


def _annex_list(word, official: Official, layout: Layout, lang: str) -> None:
    """附件：1．… under the body after a blank line, two characters in, the later lines
    aligned under the first title (GB/T 9704 7.3.6)."""
    lines = official.annex_list(lang)
    if not lines:
        return
    body, pitch = layout.body, layout.line_pitch
    _paragraph(word, "", body, pitch=pitch)
    label = f"{official.annex_word}：" if lang == "zh" else f"{official.annex_word}: "
    hang = text_points(label, body)
    for number, line in enumerate(lines):
        paragraph = _paragraph(word, (label if number == 0 else "") + line, body, pitch=pitch)
        paragraph.paragraph_format.left_indent = Pt(body.size * 2 + (hang if number else 0))


def _signature(word, official: Official, layout: Layout) -> None:
    """落款 over 成文日期, right-aligned under the body after two blank lines, centred on one
    another (GB/T 9704 7.3.5.2): the date four characters from the right margin and the office
    centred over it; an office too long to centre there without passing the margin ends at the
    margin, and the date moves left to stay centred under it."""
    body, pitch = layout.body, layout.line_pitch
    for _ in range(2):
        _paragraph(word, "", body, pitch=pitch)
    signature = official.signature
    office_right, date_right = signature_indents(
        _line_points(signature.office, body), _line_points(signature.date, body), body.size * 4
    )
    for text, right in ((signature.office, office_right), (signature.date, date_right)):
        paragraph = _paragraph(word, text, body, WD_ALIGN_PARAGRAPH.RIGHT, pitch=pitch)
        paragraph.paragraph_format.right_indent = Pt(right)
        paragraph.paragraph_format.keep_with_next = True


def _line_points(text: str, face: Face) -> float:
    """The width of a short line of body text as LibreOffice sets it (measured on the
    落款's 2022年7月20日: 118.8 pt): a CJK character one em, a digit half an em (Times New
    Roman), another Latin character LATIN_EM, each plus the face's spacing, and 0.22 em where
    Chinese meets a digit or Latin letter (Word and LibreOffice space them apart)."""

    def width(char: str) -> float:
        if display_width(char) == 2:
            return face.size
        return face.size * (0.5 if char.isdigit() else LATIN_EM)

    kinds = [display_width(char) == 2 for char in text]
    meetings = sum(1 for a, b in zip(kinds, kinds[1:]) if a != b)
    return sum(map(width, text)) + face.spacing * len(text) + meetings * face.size * 0.22


def signature_indents(office: float, date: float, date_right: float) -> tuple[float, float]:
    """(office, date) right indents in pt that centre the office (`office` pt wide) over the
    date (`date` pt wide, `date_right` from the margin), neither past the margin."""
    office_right = date_right + (date - office) / 2
    if office_right < 0:
        return 0.0, date_right - office_right
    return office_right, date_right


def _at_section_start(word) -> bool:
    """Whether nothing was written since the last section break (a landscape table's portrait
    section starts a new page already: a page break there would leave a blank page)."""
    body = word.element.body
    children = [child for child in body if child.tag != qn("w:sectPr")]
    last = children[-1] if children else None
    return last is not None and last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def _page_break(word) -> None:
    """A new page, unless one has just begun: after a section break (a landscape table's
    section ending) a page break would leave a page empty but for its number."""
    body = [child for child in word.element.body if child.tag != qn("w:sectPr")]
    if (
        body
        and body[-1].tag == qn("w:p")
        and body[-1].find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ):
        return
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
