"""Charts of feedback, drawn on the server with pygal as SVG.

Each is served as an ``<img>`` with a ``data:`` address: the page's content security policy
allows no inline styles, which an SVG drawn into the page would need, while an image keeps its
own; the same image goes into a PDF. Its numbers are in a table beside it for screen readers.
"""

from __future__ import annotations

import pygal
from pygal.style import Style

from evaluation.selectors import Scale

# The portal's primary blue, with text dark enough on white (WCAG AA).
_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0d6efd",),
    font_family="system-ui, sans-serif",
)


def scale_chart(scale: Scale) -> str:
    """The distribution of a 1–5 question as a bar chart, as a ``data:`` address."""
    chart = pygal.Bar(
        style=_STYLE,
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
