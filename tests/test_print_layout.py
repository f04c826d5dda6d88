"""How the documents look in the clients that open and print them: the one chart palette in
svg, Pillow's PNG and the native xlsx chart; xlsx file properties, row heights, empty tables
and subtitles; the html matrix printed on A4 by Chromium."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from helpers.office import pdf_text
from pilotledger.render import palette

STATUS_WORDS = {
    "已完成": "done",
    "推进中": "in_progress",
    "受阻": "blocked",
    "未启动": "not_started",
}


def header_row(sheet) -> int:
    return int(sheet.print_title_rows.split(":")[0].strip("$"))


def chart_series(xlsx: Path) -> list[tuple[str, str, str | None]]:
    """Every series of the workbook's first chart: (its title cell ref, fill colour, smooth)."""
    with zipfile.ZipFile(xlsx) as archive:
        name = next(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = archive.read(name).decode()
    found = []
    for series in re.findall(r"<ser>.*?</ser>", xml, re.S):
        title = re.search(r"<tx>(.*?)</tx>", series, re.S).group(1)
        colour = re.search(r'<a:srgbClr val="([0-9A-F]{6})"', series).group(1)
        smooth = re.search(r'<smooth val="(\d)"', series)
        found.append((title, colour, smooth.group(1) if smooth else None))
    return found


def test_xlsx_stacked_bars_take_each_status_its_palette_colour(office_files):
    from openpyxl import load_workbook

    path = office_files["q2-sheet.xlsx"]
    sheet = load_workbook(path)["各月任务状态"]
    series = chart_series(path)
    assert len(series) == 4
    for title, colour, _ in series:
        cell = re.search(r"!\$?([A-Z]+)\$?(\d+)", title)
        word = sheet[f"{cell.group(1)}{cell.group(2)}"].value
        assert colour == palette.STATUS[STATUS_WORDS[word]], word  # 受阻 red, 已完成 green


def test_xlsx_trend_lines_are_straight_in_the_series_palette(reader, tmp_path):
    path = tmp_path / "trend.xlsx"
    done = reader("trend", "--by", "section", "--format", "xlsx", "--output", str(path))
    assert done.exit_code == 0, done.stderr
    series = chart_series(path)
    assert len(series) == 13  # one line per section
    assert [colour for _, colour, _ in series] == list(palette.SERIES[:13])
    assert {smooth for _, _, smooth in series} == {"0"}  # a smoothed line overshoots


def saturated_colours(png: bytes) -> set[tuple[int, int, int]]:
    """The colours of the image that are not grey (text, axes and frame are grey)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {c for _, c in image.getcolors(1 << 20) if max(c) - min(c) > 40}


def test_docx_chart_picture_is_drawn_in_the_palette(office_files):
    with zipfile.ZipFile(office_files["q2-zh.docx"]) as archive:
        (picture,) = [n for n in archive.namelist() if n.startswith("word/media/")]
        colours = saturated_colours(archive.read(picture))
    statuses = {palette.rgb(palette.STATUS[key]) for key in ("done", "in_progress", "blocked")}
    # by 30 June one task is done, one blocked, several in progress: each has its bar
    assert colours == statuses


def test_html_chart_is_drawn_in_the_palette(reader):
    page = reader("report", "--quarter", "2022Q2", "--format", "html").stdout
    svg = page.split('<svg class="trend"')[1].split("</svg>")[0]
    fills = set(re.findall(r'fill="(#[0-9a-f]{6})"', svg))
    assert fills == {palette.css(palette.STATUS[k]) for k in palette.STATUS} | {"#000000"}


def test_xlsx_properties_subtitle_and_an_empty_table(reader, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "march.xlsx"
    done = reader("report", "--month", "2022-02", "--format", "xlsx", "--output", str(path))
    assert done.exit_code == 0, done.stderr
    book = load_workbook(path)
    assert book.properties.creator != "openpyxl" and "2022年2月" in book.properties.title
    sheet = book["问题清单"]  # February 2022 owes no report: no problem at all
    first = header_row(sheet)
    assert [sheet.cell(first + 1, 1).value, sheet.cell(first + 2, 1).value] == ["（无）", None]
    subtitle = sheet.cell(2, 1)
    assert subtitle.value and not subtitle.font.italic


def test_xlsx_rows_are_as_tall_as_their_wrapped_lines(office_files):
    """Task 55's text (162 full-width characters: 324 columns) in the 40-wide 试点任务 column:
    39 columns of room a line, so 9 lines (8 hold 312), 9 × 16.5 pt (LibreOffice draws an
    11 pt CJK line 16 pt tall: at 15 pt a line it cut the last line off)."""
    from openpyxl import load_workbook

    sheet = load_workbook(office_files["q2-sheet.xlsx"])["分任务情况"]
    first = header_row(sheet)
    row = next(r for r in range(first + 1, sheet.max_row + 1) if sheet.cell(r, 1).value == 55)
    text = sheet.cell(row, 2).value
    assert len(text) == 162 and sheet.column_dimensions["B"].width == 40
    assert sheet.row_dimensions[row].height == 9 * 16.5


def test_html_matrix_printed_on_a4_keeps_tasks_51_to_55_and_the_counts(reader, tmp_path, browser):
    page = tmp_path / "matrix.html"
    done = reader("matrix", "--format", "html", "--output", str(page))
    assert done.exit_code == 0, done.stderr
    pdf = tmp_path / "matrix.pdf"
    pdf.write_bytes(browser.pdf(page.as_uri()))
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    numbers = set(re.findall(r"\b\d{1,2}\b", text))
    assert {str(n) for n in range(1, 56)} <= numbers
    assert "牵头" in text and "责任" in text and "合计" in text
    assert re.search(r"Pages:\s+1\n", pages), pages  # the legend stays with the matrix


@pytest.fixture
def narrative_html(reader, tmp_path) -> Path:
    page = tmp_path / "q2.html"
    done = reader("report", "--quarter", "2022Q2", "--format", "html", "--output", str(page))
    assert done.exit_code == 0, done.stderr
    return page


def test_html_long_text_columns_keep_a_readable_width(narrative_html):
    html = narrative_html.read_text(encoding="utf-8")
    narrative = re.split(r"<h\d>工作进展(?:<wbr>)?详情</h\d>", html)[1].split("</table>")[0]
    assert '<th style="min-width: 8em">工作进展</th>' in narrative


def test_titles_break_between_words_in_libreoffice(office_pdfs):
    """The trend's title is two lines of 22 pt: broken at the space before 进展趋势, never
    inside it (进 / 展趋势); the report's before 2022年, not inside 综合试点."""
    trend = pdf_lines(office_pdfs["trend-zh.docx"])
    assert trend[:2] == ["石柱县服务业扩大开放综合试点实施方案", "进展趋势（截至 2022-07-20）"]
    report = pdf_lines(office_pdfs["q2-zh.docx"])
    assert report[:2] == ["关于石柱县服务业扩大开放综合试点", "2022年第二季度推进情况的报告"]


def test_the_chart_legend_stays_on_the_charts_page(office_files):
    from docx import Document as open_word

    paragraphs = open_word(office_files["trend-zh.docx"]).paragraphs
    picture = next(i for i, p in enumerate(paragraphs) if p._p.xpath(".//w:drawing"))
    assert paragraphs[picture].paragraph_format.keep_with_next
    assert "■" in paragraphs[picture + 1].text  # the legend


def pdf_lines(pdf: Path) -> list[str]:
    text = pdf_text(pdf)
    # pdftotext puts a space where the font changes (2022 年): not in the document
    lines = (re.sub(r"(?<=\d) (?=[年月日])", "", line.strip()) for line in text.splitlines())
    return [line for line in lines if line]


def test_html_headings_break_only_between_words(reader):
    page = reader("trend", "--format", "html").stdout
    assert "word-break: keep-all" in page
    heading = page.split("<h1>")[1].split("</h1>")[0]
    assert heading.split("<wbr>")[:3] == ["石柱县", "服务业", "扩大开放"]
    assert "进展<wbr>趋势" in heading and "进<wbr>展" not in heading


DOCS = Path(__file__).resolve().parents[1] / "docs"
DOCUMENT_SHOTS = {  # docs/ file: the office file (its pdf from LibreOffice), page
    "doc-report-docx.png": ("q2-zh.docx", 1),
    "doc-report-annex-docx.png": ("q2-zh.docx", 6),
    "doc-letter-docx.png": ("remind/人行丰都支行.docx", 1),
    "doc-report-xlsx.png": ("q2-sheet.xlsx", 1),
    "doc-trend-docx.png": ("trend-zh.docx", 1),
}


@pytest.mark.slow
def test_document_screenshots(office_pdfs, reader, browser, tmp_path, request):
    """One page of each kind of document as LibreOffice and Chromium print it: the README's
    pictures (`make screenshots` copies them into docs/ through --update-golden)."""
    shots = tmp_path / "shots"
    shots.mkdir()
    for name, (source, page) in DOCUMENT_SHOTS.items():
        _page_png(office_pdfs[source], page, shots / name)
    matrix = tmp_path / "matrix.html"
    assert reader("matrix", "--format", "html", "--output", str(matrix)).exit_code == 0
    printed = tmp_path / "matrix.pdf"
    printed.write_bytes(browser.pdf(matrix.as_uri()))
    _page_png(printed, 1, shots / "doc-matrix-html.png")
    for shot in shots.iterdir():
        assert Image.open(shot).size[0] > 400, shot
    if request.config.getoption("--update-golden"):
        for shot in shots.iterdir():
            (DOCS / shot.name).write_bytes(shot.read_bytes())


def _page_png(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )


def test_no_page_of_the_printed_report_is_empty_but_for_its_number(office_pdfs):
    """After a landscape annex the next annex starts on the page its section break began,
    not on one more (a page holding only — 14 —); the 落款 never stands alone on a page."""
    for name in ("q2-zh.docx", "y2022-zh.docx"):
        text = pdf_text(office_pdfs[name])
        pages = [[line for line in page.splitlines() if line.strip()] for page in text.split("\f")]
        thin = [number for number, lines in enumerate(pages[:-1], start=1) if len(lines) < 6]
        assert thin == [], (name, thin)


def test_xlsx_gives_the_width_to_the_text_every_row_has_not_to_sparse_columns(office_files):
    """工作进展 is written in every record; 存在问题, 下步打算, 佐证材料 and 更正 in few: those
    are narrow and wrap, so the page's width goes to the text every row has."""
    from openpyxl import load_workbook

    sheet = load_workbook(office_files["q2-sheet.xlsx"])["工作进展详情"]
    header = next(row for row in sheet.iter_rows() if row[0].value == "序号")
    width = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in header}
    sparse = ("存在问题", "下步打算", "佐证材料", "更正")
    assert all(width[name] <= 14 for name in sparse), width
    assert width["工作进展"] > max(width[name] for name in sparse)
    rows = list(sheet.iter_rows(min_row=header[0].row + 1))
    index = [cell.value for cell in header].index("更正")
    corrected = next(row for row in rows if row[index].value)
    assert corrected[index].alignment.wrap_text  # wraps in its narrow column
    assert sheet.row_dimensions[corrected[0].row].height >= 2 * 16.5  # and the row is tall enough
