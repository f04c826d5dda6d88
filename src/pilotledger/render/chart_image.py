"""Trend charts as PNG images (Pillow) for docx, where no browser renders text for us.

The image holds only ASCII (months, numbers, series numbers 1, 2, …): no CJK font need be
installed to draw it. Names and the legend are written beside the image, as document text,
in the fonts Word picks.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from pilotledger.document import Chart, ChartSeries
from pilotledger.render import palette

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 1800, 640, 90, 30, 30, 70


def status_rgb(key: str) -> tuple[int, int, int]:
    return palette.rgb(palette.status_colour(key))


def series_rgb(index: int) -> tuple[int, int, int]:
    return palette.rgb(palette.series_colour(index))


def chart_png(chart: Chart) -> bytes:
    """Stacked bars for one series, lines of the share done for several."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    if len(chart.series) == 1:
        _stacked(draw, font, chart, chart.series[0])
    else:
        _lines(draw, font, chart)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _step(chart: Chart) -> float:
    return (WIDTH - LEFT - RIGHT) / max(len(chart.months), 1)


def _x(chart: Chart, index: int) -> float:
    return LEFT + _step(chart) * (index + 0.5)


def _frame(draw: ImageDraw.ImageDraw, font, chart: Chart, ticks: list[tuple[float, str]]) -> None:
    base = HEIGHT - BOTTOM
    draw.line([(LEFT, TOP), (LEFT, base), (WIDTH - RIGHT, base)], fill=(90, 90, 90), width=2)
    for fraction, label in ticks:
        y = base - (base - TOP) * fraction
        draw.line([(LEFT - 6, y), (LEFT, y)], fill=(90, 90, 90), width=2)
        draw.text((LEFT - 10, y), label, fill="black", font=font, anchor="rm")
    for index, month in enumerate(chart.months):
        if index % 3 == 0:
            draw.text((_x(chart, index), base + 12), month, fill="black", font=font, anchor="mt")


def _stacked(draw: ImageDraw.ImageDraw, font, chart: Chart, series: ChartSeries) -> None:
    counted = [
        sum(series.counts[k][i] or 0 for k in chart.status_labels) for i in range(len(chart.months))
    ]
    total = max(counted + [1])
    _frame(
        draw, font, chart, [(0, "0"), (0.5, str(total // 2) if total > 1 else ""), (1, str(total))]
    )
    base, plot, half = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP, _step(chart) * 0.38
    points = []
    for index in range(len(chart.months)):
        x, share = _x(chart, index), series.share_done[index]
        if share is None:
            draw.ellipse(
                [x - 5, base - 5, x + 5, base + 5], outline=palette.rgb(palette.REMAINING), width=2
            )
            continue
        top = float(base)
        for key in chart.status_labels:
            height = plot * (series.counts[key][index] or 0) / total
            if height:
                draw.rectangle(
                    [x - half, top - height, x + half, top],
                    fill=status_rgb(key),
                )
            top -= height
        points.append((x, base - plot * share))
    if len(points) > 1:
        draw.line(points, fill=palette.rgb(palette.SHARE), width=3)
    for x, y in points:
        draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=palette.rgb(palette.SHARE))


def _lines(draw: ImageDraw.ImageDraw, font, chart: Chart) -> None:
    _frame(draw, font, chart, [(0, "0%"), (0.5, "50%"), (1, "100%")])
    base, plot = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    for number, series in enumerate(chart.series):
        colour = series_rgb(number)
        points = [
            (_x(chart, i), base - plot * share)
            for i, share in enumerate(series.share_done)
            if share is not None
        ]
        if len(points) > 1:
            draw.line(points, fill=colour, width=3)
        for x, y in points:
            draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=colour)
        if points:
            x, y = points[-1]
            draw.text(
                (x + 10, y - 4 - 14 * (number % 3)),
                str(number + 1),
                fill=colour,
                font=font,
                anchor="lm",
            )
