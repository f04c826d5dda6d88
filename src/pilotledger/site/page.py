"""The html of one site page: the frame (head, style, navigation, footer), tables whose cells
may hold links, and the escaping every data string goes through. No I/O.

Every string that comes from the ledger reaches a page through `esc` (or a `table` cell, which
escapes it); only markup built here is wrapped in `Markup` and passed through as it is.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pilotledger.render.html import STYLE as DOCUMENT_STYLE
from pilotledger.render.html import title_html
from pilotledger.render.text_formats import cell_text


class Markup(str):
    """Html built by this module from escaped parts: a table cell shows it as it is."""


def esc(value: Any) -> str:
    return _escaped(cell_text(value))


@lru_cache(maxsize=1 << 14)  # names, statuses and dates come back on every page
def _escaped(text: str) -> str:
    return html.escape(text)


def link(href: str, text: Any, css: str = "") -> Markup:
    klass = f' class="{css}"' if css else ""
    return Markup(f'<a href="{html.escape(href)}"{klass}>{esc(text)}</a>')


def light_mark(light: str, label: str) -> Markup:
    """A traffic light as a coloured dot with its word, so it reads without colour too."""
    return Markup(f'<span class="light {light}">{esc(label)}</span>')


def lines(text: Any) -> Markup:
    """Free text shown with its line breaks (the clerk's multi-line summary stays lines)."""
    return Markup(f'<span class="lines">{esc(text)}</span>')


@dataclass(frozen=True)
class Cell:
    """A table column: its header and whether numbers in it are right-aligned."""

    header: str
    align: str = "left"


def table(columns: Sequence[Cell], rows: Iterable[Sequence[Any]], css: str = "") -> str:
    """A table; a `Markup` cell is inserted as it is, anything else is escaped."""
    klass = f' class="data {css}"' if css else ' class="data"'
    head = "".join(f"<th>{esc(c.header)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="{c.align}" data-label="{esc(c.header)}">'
            f"{value if isinstance(value, Markup) else esc(value)}</td>"
            for value, c in zip(row, columns)
        )
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return ""
    return (
        f"<table{klass}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )


def facts(pairs: Iterable[tuple[str, Any]]) -> str:
    """A two-column list of label and value (a description list)."""
    items = "".join(
        f"<dt>{esc(label)}</dt><dd>{value if isinstance(value, Markup) else esc(value)}</dd>"
        for label, value in pairs
    )
    return f'<dl class="facts">{items}</dl>'


def heading(level: int, text: Any, anchor: str = "") -> str:
    ident = f' id="{html.escape(anchor)}"' if anchor else ""
    return f"<h{level}{ident}>{title_html(cell_text(text))}</h{level}>"


SITE_STYLE = """
body { margin: 0; }
header.site { background: #1f3b57; color: #fff; padding: 0.6em 1.5em; }
header.site a { color: #fff; text-decoration: none; margin-right: 1.2em; }
header.site a.home { font-weight: bold; }
main { padding: 0.5em 1.5em 2em; max-width: 80em; }
footer { padding: 1em 1.5em; color: #555; font-size: 0.85em; border-top: 1px solid #ccc; }
a { color: #0b57a4; }
.lines { white-space: pre-line; }
table.tasks td:nth-child(-n+6) { white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3em 1em; }
dl.facts dt { font-weight: bold; color: #333; } dl.facts dd { margin: 0; }
.light::before { content: "●"; margin-right: 0.2em; }
.light.green::before { color: #1a7f37; } .light.yellow::before { color: #c99a00; }
.light.red::before { color: #c62828; }
ul.links { columns: 16em; padding-left: 1.2em; }
.record { border: 1px solid #bbb; border-radius: 4px; padding: 0.4em 0.8em; margin: 0.6em 0; }
.record.superseded { background: #f5f5f5; color: #666; }
.record .mark { font-weight: bold; color: #8a4b00; }
.record h3 { margin: 0.2em 0; }
.counts { display: flex; flex-wrap: wrap; gap: 1em; }
.counts table { width: auto; }
.scroll { overflow: auto; max-height: 85vh; border: 1px solid #999; }
table.matrix { width: auto; margin: 0; border-collapse: separate; border-spacing: 0; }
table.matrix th, table.matrix td { border: 0; border-right: 1px solid #ccc;
  border-bottom: 1px solid #ccc; }
table.matrix thead th { position: sticky; top: 0; z-index: 2; background: #eee; }
table.matrix tbody td:first-child { position: sticky; left: 0; z-index: 1; background: #fff;
  white-space: nowrap; }
table.matrix thead th:first-child { left: 0; z-index: 3; }
svg { max-width: 100%; height: auto; }
input.filter { font: inherit; padding: 0.2em 0.4em; margin: 0.3em 0; width: 16em; max-width: 100%; }
@media (max-width: 600px) {
  body { font-size: 15px; } main { padding: 0.5em 0.6em 2em; }
  header.site { padding: 0.5em 0.6em; } header.site a { margin-right: 0.8em; }
  table { font-size: 0.85em; } .wide { overflow-x: auto; }
  table.tasks { border: 0; }
  table.tasks thead { display: none; }
  table.tasks tr { display: block; border-bottom: 1px solid #bbb; padding: 0.4em 0; }
  table.tasks td { display: inline; border: 0; padding: 0 0.5em 0 0;
    white-space: normal; }
  table.tasks td:last-child { display: block; padding-top: 0.2em; }
  table.tasks td.right[data-label]:not(:empty)::before {
    content: attr(data-label) " "; color: #666; }
  dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: 0.4em; }
}
"""


# The one script of the site, optional: it adds a filter box above each task table (and fills
# it from `?filter=…` in the address). Without JavaScript the tables are simply all there.
FILTER_SCRIPT = """
document.querySelectorAll("table.tasks").forEach(function (table) {
  var box = document.createElement("input");
  box.type = "search"; box.className = "filter"; box.placeholder = document.body.dataset.filter;
  table.parentNode.insertBefore(box, table);
  function apply() {
    var wanted = box.value.trim().toLowerCase();
    table.querySelectorAll("tbody tr").forEach(function (row) {
      row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
    });
  }
  box.addEventListener("input", apply);
  box.value = new URLSearchParams(location.search).get("filter") || "";
  apply();
});
"""


@dataclass(frozen=True)
class Frame:
    """What every page shares: the language, the site's name and the navigation labels."""

    lang: str
    site_name: str
    nav: tuple[tuple[str, str], ...]  # (path from the site's root, label)
    footer: str
    filter_hint: str = ""  # the filter box's placeholder
    notice: str = ""  # "data incomplete …" at the top of every page, when records were left out

    def _notice(self) -> str:
        if not self.notice:
            return ""
        return f'<p class="incomplete" role="alert"><strong>{esc(self.notice)}</strong></p>\n'

    def render(self, path: str, title: str, body: str) -> str:
        """A whole page at `path` (e.g. tasks/12.html); links are made relative to it."""
        up = "../" * path.count("/")
        nav = "".join(
            link(up + target, label, "home" if i == 0 else "")
            for i, (target, label) in enumerate(self.nav)
        )
        script = f"<script>{FILTER_SCRIPT}</script>\n" if 'class="data tasks"' in body else ""
        return (
            f'<!DOCTYPE html>\n<html lang="{"zh-CN" if self.lang == "zh" else "en"}">\n<head>\n'
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)} · {esc(self.site_name)}</title>\n"
            f"<style>{DOCUMENT_STYLE}{SITE_STYLE}</style>\n</head>\n"
            f'<body data-filter="{esc(self.filter_hint)}">\n'
            f'<header class="site"><nav>{nav}</nav></header>\n'
            f"<main>\n{self._notice()}{body}\n</main>\n"
            f"<footer>{esc(self.footer)}</footer>\n{script}</body>\n</html>\n"
        )
