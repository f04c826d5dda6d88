"""The GB/T 9704-2012 details of a Chinese docx, read back from the file (python-docx, zipfile)
and from what LibreOffice prints (pdftotext -bbox): page numbers at the outside, the 22 × 28
grid, Chinese as the East Asian language with the East Asian hint on Chinese runs, no italics,
and file properties (docx and xlsx) from the plan, not from the libraries' templates."""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from docx import Document as open_word

from helpers.office import pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE = "石柱土家族自治县人民政府办公室"  # the shipped plan's issuer: its 落款
MM = 72 / 25.4  # points in a millimetre


def xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode()


def test_page_numbers_sit_at_the_outside_one_character_in(office_files):
    document = open_word(office_files["q2-zh.docx"])
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"
    assert (odd.alignment, even.alignment) == (2, 0)  # right, left
    assert odd.paragraph_format.right_indent.pt == even.paragraph_format.left_indent.pt == 14
    for number in (odd, even):
        assert "PAGE" in "".join(number._p.itertext())
        dashes = [run for run in number.runs if "—" in run.text]
        assert dashes and all(
            run._element.rPr.rFonts.get(f"{W}hint") == "eastAsia" for run in dashes
        )


def test_portrait_sections_carry_the_22_by_28_grid_landscape_ones_none(office_files):
    grids = [
        (section.orientation, section._sectPr.find(f"{W}docGrid"))
        for section in open_word(office_files["q2-zh.docx"]).sections
    ]
    portrait = [grid for orientation, grid in grids if orientation == 0]
    landscape = [grid for orientation, grid in grids if orientation == 1]
    assert portrait and landscape
    for grid in portrait:
        assert grid.get(f"{W}type") == "linesAndChars"
        pitch, space = int(grid.get(f"{W}linePitch")), int(grid.get(f"{W}charSpace"))
        # 22 lines of `pitch` twips fit the 225 mm text height and 23 do not; 28 characters of
        # 16 pt + space/4096 pt fit the 156 mm text width and 29 do not
        assert 22 * pitch / 20 <= 225 * MM < 23 * pitch / 20
        assert 28 * (16 + space / 4096) <= 156 * MM < 29 * (16 + space / 4096)
    assert all(grid.get(f"{W}type") is None for grid in landscape)
    english = open_word(office_files["q2-en.docx"]).sections[0]._sectPr.find(f"{W}docGrid")
    assert english.get(f"{W}type") is None


def test_chinese_is_the_east_asian_language_and_nothing_is_italic(office_files):
    path = office_files["q2-zh.docx"]
    styles, body = xml(path, "word/styles.xml"), xml(path, "word/document.xml")
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group()
    assert re.search(r'<w:lang w:val="en-US" w:eastAsia="zh-CN"', defaults)
    assert (
        'w:eastAsia="zh-CN"'
        in re.search(r"<w:themeFontLang[^>]*>", xml(path, "word/settings.xml")).group()
    )
    assert not re.search(r"<w:i(Cs)?(/>| w:val=\"(1|true|on)\")", styles + body)
    document = open_word(path)
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    runs += [
        run
        for table in document.tables[:3]
        for cell in table._cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    chinese = [run for run in runs if re.search(r"[\u4e00-\u9fff]", run.text)]
    latin = [run for run in runs if run.text.strip() and run.text.isascii()]
    assert chinese and all(run._element.rPr.rFonts.get(f"{W}hint") == "eastAsia" for run in chinese)
    assert latin and all(run._element.rPr.rFonts.get(f"{W}hint") is None for run in latin)
    english = xml(office_files["q2-en.docx"], "word/styles.xml")
    assert re.search(r'<w:lang w:val="en-US" w:eastAsia="zh-CN"', english)  # its data is Chinese


@pytest.mark.parametrize("name", ["q2-zh.docx", "q2-sheet.xlsx", "trend-zh.docx"])
def test_file_properties_come_from_the_plan_not_the_library(office_files, name):
    path = office_files[name]
    core, app = xml(path, "docProps/core.xml"), xml(path, "docProps/app.xml")
    assert f"<dc:creator>{OFFICE}</dc:creator>" in re.sub(
        r"<dc:creator [^>]*>", "<dc:creator>", core
    )
    created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core).group(1)
    assert created.startswith("2022-07-20")  # the 成文日期 (PILOTLEDGER_TODAY), not 2013
    if name != "trend-zh.docx":
        assert "关于石柱县服务业扩大开放综合试点2022年第二季度推进情况的报告" in core
    assert re.search(r"<Application>pilotledger [\d.]+</Application>", app)
    assert not re.search(r"python-docx|openpyxl|Microsoft", core + app, re.I)
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if "thumbnail" in n or "stylesWithEffects" in n]


# --- as LibreOffice prints it ---------------------------------------------------------------


def printed_words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Each page's words as pdftotext -bbox places them: (x min, x max, y min, text)."""
    out = pdf_text(pdf, "-bbox")
    pages = []
    for page in re.findall(r"<page .*?</page>", out, re.S):
        pages.append(
            [
                (float(x0), float(x1), float(y0), text)
                for x0, y0, x1, text in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<',
                    page,
                )
            ]
        )
    return pages


def test_libreoffice_prints_numbers_outside_and_lines_of_28_characters_22_to_a_page(office_pdfs):
    pages = printed_words(office_pdfs["q2-zh.docx"])
    left, right = 28 * MM, (210 - 26) * MM  # the text area's edges on a portrait page
    for number, words in enumerate(pages[:5], start=1):  # the letter: portrait pages
        footer = [w for w in words if w[2] > (297 - 35) * MM]  # under the text area
        assert [w[3] for w in footer] == ["—", str(number), "—"], number
        if number % 2:  # odd: ends one character (14 pt) in from the right edge
            assert abs(max(w[1] for w in footer) - (right - 14)) < 2, number
        else:
            assert abs(min(w[0] for w in footer) - (left + 14)) < 2, number
    lines: dict[tuple[int, int], str] = defaultdict(str)
    for number, words in enumerate(pages[:4]):
        for _, _, y0, text in sorted(words, key=lambda w: (round(w[2]), w[0])):
            lines[(number, round(y0))] += text
    body = sorted(y for number, y in lines if number == 1 and y < (297 - 35) * MM)  # page 2
    pitch = (body[-1] - body[0]) / (len(body) - 1)
    assert abs(pitch - 28.95) < 0.1 and 22 * pitch <= 225 * MM  # 22 lines fill the text height
    chinese = [
        t for t in lines.values() if re.fullmatch(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", t)
    ]
    assert max(map(len, chinese)) == 28  # a full line of Chinese holds 28 characters


@pytest.mark.parametrize(
    ("office", "expected"),
    [
        (64.0, (85.3, 64.0)),  # shorter than the date: centred over it, 4 characters in
        (106.6 + 128, (0.0, 64.0)),  # exactly as long as fits: it ends at the margin
        (106.6 + 138, (0.0, 69.0)),  # 10 pt longer: the date moves 5 pt left, still centred
    ],
)
def test_the_office_is_centred_over_the_date_never_past_the_margin(office, expected):
    from pilotledger.render.docx import signature_indents

    got = signature_indents(office, 106.6, 64.0)  # a date 106.6 pt wide, 4 × 16 pt in
    assert got == pytest.approx(expected, abs=0.01)


def test_libreoffice_prints_the_long_office_centred_over_the_date(office_pdfs):
    """石柱土家族自治县人民政府办公室 is twice as long as 2022年7月20日: centred over the date,
    four characters in, it nearly reaches the right margin (not past it)."""
    for words in printed_words(office_pdfs["q2-zh.docx"]):
        lines: dict[int, list] = defaultdict(list)
        for word in words:
            lines[round(word[2])].append(word)
        texts = {y: "".join(w[3] for w in sorted(ws)) for y, ws in lines.items()}
        office = [y for y, text in texts.items() if text == OFFICE]
        if not office:
            continue
        date = [y for y, text in texts.items() if text == "2022年7月20日" and y > office[0]]
        assert date, texts
        extent = [
            (min(w[0] for w in lines[y]), max(w[1] for w in lines[y])) for y in (office[0], date[0])
        ]
        (office_left, office_right), (date_left, date_right) = extent
        assert abs((office_left + office_right) / 2 - (date_left + date_right) / 2) < 3
        margin = (210 - 26) * MM
        assert margin - 16 < office_right <= margin + 1  # within a character of the margin
        assert margin - date_right > 16 * 3.5  # the date about four characters in
        return
    pytest.fail("no page has the 落款")
