"""Charts drawn with ``reportlab.graphics`` (vector, embedded in the PDF, no image files).

* :func:`distribution_chart`: children per nutritional-status category, horizontal bars so that
  the regulation's long labels ("Berat badan sangat kurang") stay readable.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desktop_app.reports.fonts import BOLD, CONDENSED
from desktop_app.reports.monthly_model import StatusDistribution
from desktop_app.reports.text import fmt_int

__all__ = ["distribution_chart"]

_BAR = colors.HexColor("#4F6D8F")
_LABEL_WIDTH = 150
_BAR_SLOT = 15


def distribution_chart(distribution: StatusDistribution, width: float) -> Drawing:
    """One indicator's categories as horizontal bars with their counts; lowest band on top."""
    labels = [label for label, _ in distribution.counts][::-1]
    values = [count for _, count in distribution.counts][::-1]
    plot_height = _BAR_SLOT * len(values)
    drawing = Drawing(width, plot_height + 26)
    drawing.add(String(0, plot_height + 14, distribution.indicator, fontName=BOLD, fontSize=9))
    chart = HorizontalBarChart()
    chart.x, chart.y = _LABEL_WIDTH, 4
    # reportlab takes any number here; its stub declares int.
    chart.width, chart.height = width - _LABEL_WIDTH - 40, plot_height  # type: ignore[assignment]
    chart.data = [values]
    chart.bars[0].fillColor = _BAR
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    chart.groupSpacing = 4
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = CONDENSED
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    top = max(values, default=0)
    chart.valueAxis.valueMax = max(top * 1.1, 1)
    chart.valueAxis.visible = False
    chart.barLabelFormat = fmt_int
    chart.barLabels.fontName = CONDENSED
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing
