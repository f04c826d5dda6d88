"""The one palette of every chart and traffic light: svg (html, site), Pillow (docx) and the
native xlsx chart draw a status, a light and the n-th line of a chart in the same colour.

Colours are hex RGB without "#" (the form openpyxl takes); `rgb` gives Pillow's tuple and
`css` the html form.
"""

from __future__ import annotations

STATUS = {  # a status in a stacked bar and its legend
    "done": "2E7D32",
    "in_progress": "1976D2",
    "blocked": "C62828",
    "not_started": "BDBDBD",
}
OTHER = "888888"  # a status this palette does not know
SHARE = "000000"  # the share-done line and points over the bars
REMAINING = "999999"  # the hollow point of a month still to come
LIGHT_FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}  # a light's cell fill
LIGHT_TEXT = {"green": "1B5E20", "yellow": "8A6D00", "red": "B71C1C"}  # a light's word in html
SERIES = (  # the lines of a chart with several series (by section or unit), in order
    "2E7D32",
    "1976D2",
    "C62828",
    "F57C00",
    "6A1B9A",
    "00838F",
    "795548",
    "E91E63",
    "607D8B",
    "8BC34A",
    "FFC107",
    "3F51B5",
    "000000",
)


def status_colour(key: str) -> str:
    return STATUS.get(key, OTHER)


def series_colour(index: int) -> str:
    return SERIES[index % len(SERIES)]


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def css(colour: str) -> str:
    return "#" + colour.lower()
