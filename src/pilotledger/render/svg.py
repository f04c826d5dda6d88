"""Trend charts as inline SVG for the html page: text stays text, so the browser renders CJK.

One `<g class="month">` per month of the plan, each with one point (a circle): the share done on
top of its stacked bar, or a hollow point on the axis for a month still to come.
"""

from __future__ import annotations

from html import escape

from pilotledger.document import Chart, ChartSeries
from pilotledger.render import palette

SHARE, REMAINING = palette.css(palette.SHARE), palette.css(palette.REMAINING)
STEP, LEFT, TOP, PLOT_HEIGHT, BOTTOM = 18, 44, 34, 160, 46
SPARK_STEP, SPARK_HEIGHT = 8, 28


def _status(key: str) -> str:
    return palette.css(palette.status_colour(key))


def _x(index: int) -> float:
    return LEFT + index * STEP + STEP / 2


def stacked_chart(chart: Chart) -> str:
    """Stacked bars of tasks by status per month, with the share done as a line of points."""
    series = chart.series[0]
    total = _total_tasks(series)
    width, height = LEFT + STEP * len(chart.months) + 12, TOP + PLOT_HEIGHT + BOTTOM
    parts = [
        f'<svg class="trend" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(chart.title)}">',
        _legend(chart),
        _axis(total, width),
    ]
    points = []
    for index, month in enumerate(chart.months):
        parts.append(_month_group(chart, series, index, month, total, points))
    if len(points) > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline class="share" points="{line}" fill="none" stroke="{SHARE}"'
            ' stroke-width="1.2"/>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _total_tasks(series: ChartSeries) -> int:
    counted = [
        sum(counts[i] or 0 for counts in series.counts.values())
        for i in range(len(series.share_done))
    ]
    return max(counted + [1])


def _month_group(
    chart: Chart, series: ChartSeries, index: int, month: str, total: int, points: list
) -> str:
    x, base = _x(index), TOP + PLOT_HEIGHT
    share = series.share_done[index]
    label = _month_label(index, month)
    if share is None:
        return (
            f'<g class="month remaining" data-month="{month}"><title>{month} '
            f"{escape(chart.remaining_label)}</title>"
            f'<circle cx="{x:.1f}" cy="{base}" r="2.5" fill="#fff" stroke="{REMAINING}"/>'
            f"{label}</g>"
        )
    pieces, top = [], float(base)
    for key in chart.status_labels:
        count = series.counts[key][index] or 0
        height = PLOT_HEIGHT * count / total
        top -= height
        if count:
            pieces.append(
                f'<rect x="{x - STEP * 0.4:.1f}" y="{top:.1f}" width="{STEP * 0.8:.1f}" '
                f'height="{height:.1f}" fill="{_status(key)}"/>'
            )
    y = base - PLOT_HEIGHT * share
    points.append((x, y))
    tip = " ".join(
        f"{chart.status_labels[k]} {series.counts[k][index]}" for k in chart.status_labels
    )
    return (
        f'<g class="month" data-month="{month}"><title>{month}: {escape(tip)}, '
        f"{escape(chart.share_label)} {share:.0%}</title>{''.join(pieces)}"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{SHARE}"/>{label}</g>'
    )


def _month_label(index: int, month: str) -> str:
    if index % 3:
        return ""
    x, y = _x(index), TOP + PLOT_HEIGHT + 14
    return f'<text x="{x:.1f}" y="{y}" font-size="10" text-anchor="middle">{month}</text>'


def _axis(total: int, width: int) -> str:
    base = TOP + PLOT_HEIGHT
    lines = [
        f'<line x1="{LEFT}" y1="{base}" x2="{width - 8}" y2="{base}" stroke="#666"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" stroke="#666"/>',
    ]
    for value in (0, total // 2, total):
        y = base - PLOT_HEIGHT * value / total
        lines.append(
            f'<text x="{LEFT - 4}" y="{y + 3:.1f}" font-size="10" text-anchor="end">{value}</text>'
        )
    return "\n".join(lines)


def _legend(chart: Chart) -> str:
    items, x = [], LEFT
    for key, label in chart.status_labels.items():
        items.append(
            f'<rect x="{x}" y="8" width="10" height="10" fill="{_status(key)}"/>'
            f'<text x="{x + 14}" y="17" font-size="12">{escape(label)}</text>'
        )
        x += 24 + 13 * len(label)
    items.append(
        f'<circle cx="{x + 5}" cy="13" r="3" fill="{SHARE}"/>'
        f'<text x="{x + 14}" y="17" font-size="12">{escape(chart.share_label)}</text>'
    )
    return f'<g class="legend">{"".join(items)}</g>'


def share_sparkline(chart: Chart, series: ChartSeries) -> str:
    """One group's share done per month of the plan: a small line with one point per month."""
    months = len(chart.months)
    width, height = SPARK_STEP * months + 8, SPARK_HEIGHT + 6
    parts = [
        f'<svg class="spark" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(series.name)}">'
    ]
    points, done = [], _status("done")
    for index, share in enumerate(series.share_done):
        x = 4 + index * SPARK_STEP + SPARK_STEP / 2
        if share is None:
            parts.append(
                f'<circle class="remaining" cx="{x:.1f}" cy="{SPARK_HEIGHT + 3}" r="1.2"'
                ' fill="#bbb"/>'
            )
            continue
        y = 3 + SPARK_HEIGHT * (1 - share)
        points.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.6" fill="{done}"/>')
    if len(points) > 1:
        parts.insert(1, f'<polyline points="{" ".join(points)}" fill="none" stroke="{done}"/>')
    parts.append("</svg>")
    return "".join(parts)
