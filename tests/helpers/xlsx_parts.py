"""A workbook edited at the zip/XML level, as another program (Excel, WPS, LibreOffice) would have
saved it: cells in another representation (inline or shared strings, rich text runs, formulas
with cached values, dates as serial numbers or ISO text), parts added or removed. Each function
takes and returns the workbook's bytes (or one part's XML text); nothing here runs openpyxl, so a
test's workbook is exactly the XML it wrote."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

FORM_SHEET = "xl/worksheets/sheet1.xml"  # as `form` writes it: the form sheet, then the binding
BINDING_SHEET = "xl/worksheets/sheet2.xml"
WORKBOOK = "xl/workbook.xml"
RELS = "xl/_rels/workbook.xml.rels"
TYPES = "[Content_Types].xml"
SHARED_STRINGS = "xl/sharedStrings.xml"
STYLES = "xl/styles.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def packed(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def rewrite(content: bytes, **changes: Callable[[str], str]) -> bytes:
    """Each named part's text through its function (`form_sheet=`, `binding_sheet=`,
    `workbook=`, `rels=`, `types=`); the other parts as they were."""
    names = {
        "form_sheet": FORM_SHEET,
        "binding_sheet": BINDING_SHEET,
        "workbook": WORKBOOK,
        "rels": RELS,
        "types": TYPES,
        "styles": STYLES,
    }
    files = parts(content)
    for key, change in changes.items():
        files[names[key]] = change(files[names[key]].decode("utf-8")).encode("utf-8")
    return packed(files)


# --- cells -----------------------------------------------------------------------------------


def inline(ref: str, text: str, style: int | None = None) -> str:
    body = f'<is><t xml:space="preserve">{escape(text)}</t></is>'
    return f'<c r="{ref}"{_s(style)} t="inlineStr">{body}</c>'


def number(ref: str, value: float | int, style: int | None = None) -> str:
    return f'<c r="{ref}"{_s(style)}><v>{value}</v></c>'


def shared(ref: str, index: int, style: int | None = None) -> str:
    return f'<c r="{ref}"{_s(style)} t="s"><v>{index}</v></c>'


def formula_text(ref: str, formula: str, cached: str) -> str:
    """A formula whose result is text, with the value the saving program cached (`t="str"`)."""
    return f'<c r="{ref}" t="str"><f>{escape(formula)}</f><v>{escape(cached)}</v></c>'


def formula_number(ref: str, formula: str, cached: float | int) -> str:
    return f'<c r="{ref}"><f>{escape(formula)}</f><v>{cached}</v></c>'


def iso_date(ref: str, text: str) -> str:
    """A date cell as some programs write it: `t="d"` with ISO 8601 text."""
    return f'<c r="{ref}" t="d"><v>{text}</v></c>'


def _s(style: int | None) -> str:
    return "" if style is None else f' s="{style}"'


def set_cells(sheet_xml: str, *cells: str) -> str:
    """Each cell (its whole `<c>` element) in place of the sheet's cell of the same address,
    which must exist (`form` writes every cell of a task row), keeping that cell's style when
    the new one has none (as a program does when a value is typed into a formatted cell: a date
    cell keeps its date format)."""
    for cell in cells:
        ref = re.match(r'<c r="([A-Z]+[0-9]+)"', cell)[1]
        pattern = re.compile(rf'<c r="{ref}"(?: [^>]*?)?(?:/>|>.*?</c>)', re.S)
        found = pattern.search(sheet_xml)
        assert found, f"no cell {ref} in the sheet"
        style = re.match(r'<c [^>]*?( s="\d+")', found[0])
        if style and ' s="' not in cell.split(">", 1)[0]:
            cell = cell.replace(f'<c r="{ref}"', f'<c r="{ref}"{style[1]}', 1)
        sheet_xml = sheet_xml[: found.start()] + cell + sheet_xml[found.end() :]
    return sheet_xml


# --- parts ------------------------------------------------------------------------------------


def with_shared_strings(content: bytes, items: list[str]) -> bytes:
    """The workbook with a shared string table of `items` (each an `<si>` element's inner XML:
    `<t>…</t>`, or rich text runs `<r><rPr>…</rPr><t>…</t></r>…`, phonetic runs `<rPh>`)."""
    table = (
        f'<sst xmlns="{MAIN}" count="{len(items)}" uniqueCount="{len(items)}">'
        + "".join(f"<si>{item}</si>" for item in items)
        + "</sst>"
    )
    files = parts(content)
    files[SHARED_STRINGS] = table.encode("utf-8")
    files[TYPES] = _override(files[TYPES], "/" + SHARED_STRINGS, STRINGS_TYPE)
    files[RELS] = _relationship(files[RELS], "rIdStrings", "sharedStrings", "sharedStrings.xml")
    return packed(files)


def with_cell_format(content: bytes, number_format_id: int) -> tuple[bytes, int]:
    """The workbook with one more cell style, of a built-in number format (9 is `0%`, as Excel
    gives a cell `100%` is typed into), and that style's index."""
    files = parts(content)
    styles = files[STYLES].decode("utf-8")
    count = int(re.search(r'<cellXfs count="(\d+)"', styles)[1])
    style = (
        f'<xf numFmtId="{number_format_id}" fontId="0" fillId="0" borderId="0"'
        ' applyNumberFormat="1" xfId="0"/>'
    )
    styles = styles.replace(f'<cellXfs count="{count}"', f'<cellXfs count="{count + 1}"', 1)
    files[STYLES] = styles.replace("</cellXfs>", style + "</cellXfs>", 1).encode("utf-8")
    return packed(files), count


def with_extra_sheet(content: bytes, name: str, sheet_xml: str | None = None) -> bytes:
    """A sheet added in front of the others (as a clerk adds a notes page), empty by default."""
    files = parts(content)
    part = "xl/worksheets/sheet9.xml"
    files[part] = (sheet_xml or f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>').encode()
    files[TYPES] = _override(files[TYPES], "/" + part, SHEET_TYPE)
    files[RELS] = _relationship(files[RELS], "rIdExtra", "worksheet", "/" + part)
    workbook = files[WORKBOOK].decode("utf-8")
    sheet = f'<sheet xmlns:r="{OFFICE_RELS}" name="{escape(name)}" sheetId="9" r:id="rIdExtra"/>'
    files[WORKBOOK] = workbook.replace("<sheets>", "<sheets>" + sheet, 1).encode("utf-8")
    return packed(files)


def _override(types: bytes, part: str, kind: str) -> bytes:
    entry = f'<Override PartName="{part}" ContentType="{kind}"/>'
    return types.decode("utf-8").replace("</Types>", entry + "</Types>").encode("utf-8")


def _relationship(rels: bytes, rel_id: str, kind: str, target: str) -> bytes:
    entry = f'<Relationship Type="{OFFICE_RELS}/{kind}" Target="{target}" Id="{rel_id}"/>'
    text = rels.decode("utf-8")
    return text.replace("</Relationships>", entry + "</Relationships>").encode("utf-8")
