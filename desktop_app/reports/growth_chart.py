"""The child card's growth charts: the WHO SD curves (-3, -2, 0, +2, +3) of the child's sex from
:func:`desktop_app.growth.tables.who_tables`, and the child's measurements on top.

Curve value at z: ``M * (1 + L*S*z) ** (1/L)`` (the LMS method), sampled every 15 days from
birth to 60 months. Length-for-age uses the length rows under 24 months and height rows from
then on, so the curves step by about 0.7 cm at 24 months, as on the printed KMS.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from desktop_app.core.i18n import _
from desktop_app.growth import Sex
from desktop_app.growth.age import DAYS_PER_MONTH
from desktop_app.growth.tables import LmsTable
from desktop_app.reports.fonts import BOLD, CONDENSED

__all__ = ["growth_chart", "sd_curve"]

SD_LINES = (-3.0, -2.0, 0.0, 2.0, 3.0)
_SD_COLOURS = {-3.0: "#C0392B", -2.0: "#E67E22", 0.0: "#27AE60", 2.0: "#E67E22", 3.0: "#C0392B"}
_LAST_DAY = 1856  # 61 months: WHO's age tables stop there


def sd_curve(table: LmsTable, sex: Sex, z: float, step_days: int = 15) -> list[tuple[float, float]]:
    """``(age in months, value)`` points of one SD line."""
    days = np.arange(0, min(_LAST_DAY, int(table.last)) + 1, step_days)
    rows = ((days - table.first) / table.step).astype(int)
    l, m, s = table.l[int(sex), rows], table.m[int(sex), rows], table.s[int(sex), rows]  # noqa: E741
    values = m * (1 + l * s * z) ** (1 / l)
    return list(zip((days / DAYS_PER_MONTH).tolist(), values.tolist(), strict=True))


def growth_chart(
    title: str,
    unit: str,
    table: LmsTable,
    sex: Sex,
    points: Sequence[tuple[float, float]],
    width: float,
    height: float,
) -> Drawing:
    """SD curves plus the child's ``(age in months, value)`` points as a red line."""
    curves = [sd_curve(table, sex, z) for z in SD_LINES]
    data = [*curves, list(points) or [(0.0, curves[2][0][1])]]
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, f"{title} ({unit})", fontName=BOLD, fontSize=9))
    plot = LinePlot()
    plot.x, plot.y = 32, 24
    # reportlab takes any number here; its stub declares int.
    plot.width, plot.height = width - 70, height - 44  # type: ignore[assignment]
    plot.data = data
    for i, z in enumerate(SD_LINES):
        plot.lines[i].strokeColor = colors.HexColor(_SD_COLOURS[z])
        plot.lines[i].strokeWidth = 0.9 if z == 0 else 0.6
    child = plot.lines[len(SD_LINES)]
    child.strokeColor = colors.HexColor("#1F3A93") if points else colors.transparent
    child.strokeWidth = 1.2
    child.symbol = makeMarker("FilledCircle", size=3.5) if points else None
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax, plot.xValueAxis.valueStep = 0, 60, 6
    plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = CONDENSED
    plot.xValueAxis.labels.fontSize = plot.yValueAxis.labels.fontSize = 7
    plot.xValueAxis.labelTextFormat = "%d"
    plot.yValueAxis.labelTextFormat = "%d"
    values = [v for line in data for _, v in line]
    spread = max(values) - min(values)
    step = 10 if spread > 60 else 5 if spread > 30 else 2
    low, high = step * (min(values) // step), step * (max(values) // step + 1)
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = low, high, step
    plot.yValueAxis.visibleGrid = plot.xValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = plot.xValueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    drawing.add(plot)
    previous_y = -1e9
    for z, curve in zip(SD_LINES, curves, strict=True):  # lowest line first
        label = "0" if z == 0 else f"{z:+.0f}"
        y = max(plot.y + plot.height * (curve[-1][1] - low) / (high - low), previous_y + 7.5)
        previous_y = y
        drawing.add(String(plot.x + plot.width + 3, y - 2, label + " SD", fontName=CONDENSED,
                           fontSize=6.5))  # fmt: skip
    axis = String(plot.x + plot.width / 2, 4, _("Umur (bulan)"), fontName=CONDENSED, fontSize=7)
    axis.textAnchor = "middle"
    drawing.add(axis)
    return drawing
