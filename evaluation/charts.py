"""Charts drawn on the server as SVG (pygal), so the same picture is in the page and the PDF.

Each chart is returned as a ``data:`` address for an ``<img>``: the page carries no script and
no second request, WeasyPrint draws it as it is, and the figures beside it in a table are what a
screen reader reads (the image's text says so).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from decimal import Decimal

import pygal
from pygal.style import Style

from evaluation.selectors import Scale

# The portal's blue and a grey for the year before; large enough text for a phone.
STYLE = Style(
    background="white",
    plot_background="white",
    colors=("#0d6efd", "#6c757d", "#198754"),
    font_family="sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    value_font_size=12,
)

Number = int | float | Decimal | None


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _plain(values: Sequence[Number]) -> list[float | None]:
    return [None if value is None else float(value) for value in values]


def bar_chart(
    labels: Sequence[str], series: dict[str, Sequence[Number]], *, horizontal: bool = True
) -> str:
    """Bars for each label, one colour per series (e.g. this year and the year before)."""
    chart_class = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = chart_class(
        style=STYLE,
        width=640,
        height=max(160, 60 + 34 * len(labels) * max(1, len(series))) if horizontal else 300,
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        print_values=False,
        truncate_label=40,
        show_y_guides=not horizontal,
        # Few, round ticks: counts of a dozen would otherwise be marked every 0.1.
        max_scale=6,
        value_formatter=lambda value: f"{value:g}",
    )
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, _plain(values))
    return _data_uri(chart.render(is_unicode=True))


def sparkline(values: Sequence[Number]) -> str:
    """A small line or bar for a dashboard figure, with no words: its figure says it."""
    chart = pygal.Bar(style=STYLE, width=200, height=50, js=[], disable_xml_declaration=True)
    chart.add("", _plain(values))
    return _data_uri(chart.render_sparkline(is_unicode=True))


def chart_with_table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]
) -> dict[str, object]:
    """A bar chart of ``rows`` (a label, then one value per series named in ``columns[1:]``)
    and the same figures for the table beneath it."""
    series = {name: [row[index] for row in rows] for index, name in enumerate(columns[1:], start=1)}
    return {
        "title": title,
        "columns": list(columns),
        # Each value with its column's name, for the table that becomes cards on a phone.
        "rows": [
            {"label": row[0], "cells": list(zip(columns[1:], row[1:], strict=True))} for row in rows
        ],
        # Nothing to draw (no answers yet, say): the table says so rather than an empty chart.
        "uri": bar_chart([str(row[0]) for row in rows], series)
        if any(value for row in rows for value in row[1:])
        else "",
    }


def scale_chart(scale: Scale) -> str:
    """The distribution of a 1–5 question as a bar chart, as a ``data:`` address."""
    chart = pygal.Bar(
        style=STYLE,
        width=480,
        height=240,
        show_legend=False,
        js=[],
        print_values=True,
        margin=8,
        y_labels_major_every=None,
        show_y_guides=False,
        show_y_labels=False,
    )
    chart.x_labels = [str(point) for point, _ in scale.rows]
    chart.add(scale.label, [n for _, n in scale.rows])
    return chart.render_data_uri()
