"""Documents as one self-contained html page: no scripts, no external resources.

A header block (plan, period, judgment day, made on), traffic lights in colour with red rows
highlighted, trend charts as inline SVG, and print CSS for A4 landscape: table headers repeat
on every printed page and an empty table prints as （无）/(none) instead of bare headers.
"""

from __future__ import annotations

from html import escape

from pilotledger.document import Chart, Document, LightLabel, Table
from pilotledger.official import Official, heading_mark, item_mark
from pilotledger.render import palette
from pilotledger.render.svg import share_sparkline, stacked_chart
from pilotledger.render.text_formats import (
    annex_table,
    cell_text,
    display_cell,
    list_separator,
    lists_joined,
    split_groups,
    without_months_to_come,
)
from pilotledger.render.titles import title_words
from pilotledger.render.width import display_width

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       margin: 2em; color: #111; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
h3 { font-size: 1.05em; }
h1, h2, h3 { word-break: keep-all; overflow-wrap: anywhere; }
p.subtitle { margin-top: 0; color: #333; }
table.meta { width: auto; border: none; margin: 0.5em 0 1em; }
table.meta th, table.meta td { border: none; background: none; padding: 0.1em 1em 0.1em 0;
  text-align: left; }
table.data { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.9em; }
table.data th, table.data td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top;
  overflow-wrap: anywhere; }
table.data th { background: #eee; white-space: nowrap; }
td.right { text-align: right; white-space: nowrap; } td.center { text-align: center; }
td.nowrap { white-space: nowrap; }
td.light { white-space: nowrap; font-weight: bold; }
tr.red td { background: #fdecea; } tr.yellow td { background: #fff8e1; }
p.note { font-size: 0.85em; color: #444; }
div.letter { max-width: 44em; margin: 0 auto; line-height: 1.8; }
div.letter h1 { text-align: center; font-size: 1.6em; margin: 1em 0; }
div.letter p.number { text-align: center; } div.letter p.body { text-indent: 2em; margin: 0; }
div.letter p.addressee { margin: 0; } div.letter ol.annexes { margin: 1em 0 0 2em; }
div.letter p.signature { text-align: right; margin: 0; padding-right: 4em; }
div.letter p.signature.first { margin-top: 2.5em; }
div.annex { break-before: page; margin-top: 3em; } div.annex h2 { text-align: center; }
p.annex-mark { font-weight: bold; margin: 0; }
p.empty { color: #444; }
figure.trend { margin: 0.5em 0 1em; } svg { max-width: 100%; height: auto; }
table.spark td { border: none; padding: 0.1em 0.5em; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  table.wide { font-size: 7pt; line-height: 1.2; }
  table.wide th, table.wide td { padding: 0.1em 0.15em; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
}
""" + "".join(
    f"td.light-{light} {{ color: {palette.css(colour)}; }}\n"
    for light, colour in palette.LIGHT_TEXT.items()
)


def as_html(document: Document, lang: str, empty: str) -> str:
    """The page: title, header block, each table (or its chart first), notes."""
    title = document.title or next((t.title for t in document.tables if t.title), "pilotledger")
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n'
        '<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + html_body(document, empty, lang=lang)
        + "\n</body>\n</html>\n"
    )


def html_body(document: Document, empty: str, top: int = 1, lang: str = "zh") -> str:
    """What the page's body holds, for a page of one's own (the site's): the title is a heading
    of level `top`, table titles one level below, groups two; list cells joined by the
    separator of `lang`."""
    if document.official is not None:
        return _official_body(document.official, empty, top, lang)
    body = [f"<h{top}>{title_html(document.title)}</h{top}>"] if document.title else []
    if document.subtitle:
        body.append(f'<p class="subtitle">{escape(document.subtitle)}</p>')
    if document.meta:
        body.append(_meta_block(document.meta))
    for table in document.tables:
        body.extend(_table_parts(lists_joined(table, list_separator(lang)), empty, top + 1))
    return "\n".join(body)


def title_html(text: str) -> str:
    """A title for a heading: its words (render/titles.py) joined by <wbr>; under the style's
    `word-break: keep-all` a browser breaks it only there, never inside a word."""
    words = title_words(text)
    return "".join(
        escape(word) + ("<wbr>" if following and not word[-1].isspace() else "")
        for word, following in zip(words, [*words[1:], ""])
    )


def _meta_block(meta: list[tuple[str, str]]) -> str:
    rows = "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in meta
    )
    return f'<table class="meta">{rows}</table>'


def _table_parts(table: Table, empty: str, level: int = 2) -> list[str]:
    parts = [f"<h{level}>{title_html(table.title)}</h{level}>"] if table.title else []
    if table.chart is not None:
        parts.append(chart_html(table.chart))
    shown, to_come = without_months_to_come(table)
    for group, piece in split_groups(shown):
        if group is not None:
            parts.append(f"<h{level + 1}>{escape(group)}</h{level + 1}>")
        parts.append(_html_table(piece) if piece.rows else f'<p class="empty">{escape(empty)}</p>')
    if to_come:
        parts.append(f'<p class="note">{escape(to_come)}</p>')
    parts.extend(f'<p class="note">{escape(note)}</p>' for note in table.notes)
    return parts


def chart_html(chart: Chart) -> str:
    """A chart as an inline-SVG figure: stacked bars for one series, sparklines for several."""
    if len(chart.series) == 1:
        return f'<figure class="trend">{stacked_chart(chart)}</figure>'
    rows = []
    for series in chart.series:
        latest = next((s for s in reversed(series.share_done) if s is not None), None)
        shown = "" if latest is None else f"{latest:.0%}"
        rows.append(
            f"<tr><td>{escape(series.name)}</td><td>{share_sparkline(chart, series)}</td>"
            f'<td class="right">{shown}</td></tr>'
        )
    caption = f"<caption>{escape(chart.title)} · {escape(chart.share_label)}</caption>"
    return f'<figure class="trend"><table class="spark">{caption}{"".join(rows)}</table></figure>'


WIDE = 20  # a table of more columns (the matrix: 55 tasks) prints in small type to fit A4
TEXT_FLOOR = 8  # em: a long-text column is at least this wide (or its longest cell's width)


def _html_table(table: Table) -> str:
    head = "".join(_header(table, index) for index in range(len(table.columns)))
    css = "data wide" if len(table.columns) > WIDE else "data"
    rows = []
    for row in table.rows:
        light = next((v.light for v in row if isinstance(v, LightLabel)), None)
        cells = "".join(_cell(value, column) for value, column in zip(row, table.columns))
        rows.append(
            f'<tr class="{light}">{cells}</tr>'
            if light in ("red", "yellow")
            else f"<tr>{cells}</tr>"
        )
    return (
        f'<table class="{css}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


def _header(table: Table, index: int) -> str:
    """A header cell; a long-text column's keeps the column at least TEXT_FLOOR em wide (or
    as wide as its longest cell), so that a browser does not squeeze 工作进展 into four
    characters while giving the width to short or empty columns."""
    column = table.columns[index]
    if not column.wrap:
        return f"<th>{escape(column.header)}</th>"
    longest = max((display_width(cell_text(row[index])) for row in table.rows), default=0)
    floor = min(TEXT_FLOOR, -(-longest // 2))
    style = f' style="min-width: {floor}em"' if floor > len(column.header) else ""
    return f"<th{style}>{escape(column.header)}</th>"


def _cell(value, column) -> str:
    text = escape(display_cell(value, column))
    if isinstance(value, LightLabel):
        return f'<td class="light light-{value.light}">● {text}</td>'
    return f'<td class="{column.align}{"" if column.wrap else " nowrap"}">{text}</td>'


def _official_body(official: Official, empty: str, top: int, lang: str) -> str:
    """A document to send as its letter (文号, title, 主送, body, 附件 list, 落款, date,
    contact, provenance), then each annex from a new printed page."""
    body = [_para(official.number, "number")] if official.number else []
    body += [
        f"<h{top}>{title_html(official.title)}</h{top}>",
        _para(official.addressee, "addressee"),
    ]
    body += [_para(text, "body") for text in official.opening]
    for number, block in enumerate(official.blocks, start=1):
        heading = escape(heading_mark(number, 1, lang) + block.heading)
        body.append(f"<h{top + 1}>{heading}</h{top + 1}>")
        body += [_para(text, "body") for text in block.paragraphs]
        body += [_para(item_mark(n, lang) + item, "body") for n, item in enumerate(block.items, 1)]
    annexes = official.annex_list(lang)
    if annexes:
        label = f"{official.annex_word}：" if lang == "zh" else f"{official.annex_word}: "
        body.append(_para(label + "　".join(annexes), "body"))
    office, date = official.signature_lines()
    body += [_para(office, "signature first"), _para(date, "signature")]
    body += [_para(official.contact, "body")] if official.contact else []
    body += [_para(line, "note") for line in official.provenance]
    parts = [f'<div class="letter">{"".join(body)}</div>']
    for index, annex in enumerate(official.annexes):
        inner = [_para(official.annex_mark(index, lang), "annex-mark")]
        inner.append(f"<h{top + 1}>{title_html(annex.title)}</h{top + 1}>")
        for table in annex.tables:
            inner.extend(_table_parts(annex_table(table, lang), empty, top + 2))
        parts.append(f'<div class="annex">{"".join(inner)}</div>')
    return "\n".join(parts)


def _para(text: str, kind: str) -> str:
    return f'<p class="{kind}">{escape(text)}</p>'
