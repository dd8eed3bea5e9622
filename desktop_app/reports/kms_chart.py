"""KMS-style growth charts of the child card, drawn with ``reportlab.graphics``.

As on the Kartu Menuju Sehat / Buku KIA: the chart is blue for boys and pink for girls; the
space between the WHO SD lines is shaded in bands (-3..-2 and +2..+3 yellow, -2..-1 and +1..+2
light green, -1..+1 green), and each weighing is a dot joined to the previous one, marked "N"
(naik) or "T" (tidak naik) by the KBM rule of :mod:`desktop_app.growth.monthly` (B and O are
marked as well, 2T as "2T"). Used for weight-for-age (x = age in months) and for
weight-for-length/height (x = length or height in cm).

Curve value at z: ``M * (1 + L*S*z) ** (1/L)`` (the LMS method) over the table's own grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color

from desktop_app.growth import Sex
from desktop_app.growth.age import DAYS_PER_MONTH
from desktop_app.growth.tables import LmsTable
from desktop_app.reports.fonts import BOLD, CONDENSED

__all__ = ["ChartPoint", "SEX_COLOURS", "kms_chart", "lms_curve", "window"]

SD_LEVELS = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
#: (dark, light) per sex: the KMS card's colour (blue boys, pink girls).
SEX_COLOURS = {
    Sex.MALE: (colors.HexColor("#1F5FAD"), colors.HexColor("#E3EEFA")),
    Sex.FEMALE: (colors.HexColor("#C2185B"), colors.HexColor("#FCE4EC")),
}
_BANDS = (  # (from z, to z, fill)
    (-3.0, -2.0, "#FFF2B3"),
    (-2.0, -1.0, "#D8F0C8"),
    (-1.0, 1.0, "#B5E3A1"),
    (1.0, 2.0, "#D8F0C8"),
    (2.0, 3.0, "#FFF2B3"),
)
_MARK_COLOURS = {"N": "#1B7F3A", "T": "#C62828", "2T": "#C62828"}


@dataclass(frozen=True)
class ChartPoint:
    x: float  # months, or cm
    y: float  # kg
    mark: str = ""  # "N", "T", "2T", "O", "B" or ""


def lms_curve(
    table: LmsTable, sex: Sex, z: float, low: float, high: float, *, by_age: bool
) -> list[tuple[float, float]]:
    """``(x, value)`` points of one SD line between ``low`` and ``high`` (months or cm)."""
    if by_age:
        keys = np.arange(max(table.first, low * DAYS_PER_MONTH),
                         min(table.last, high * DAYS_PER_MONTH) + 1, 15.0)  # fmt: skip
    else:
        keys = np.arange(max(table.first, low), min(table.last, high) + 1e-9, 1.0)
    rows = np.rint((keys - table.first) / table.step).astype(int)
    l, m, s = table.l[int(sex), rows], table.m[int(sex), rows], table.s[int(sex), rows]  # noqa: E741
    values = m * (1 + l * s * z) ** (1 / l)
    xs = keys / DAYS_PER_MONTH if by_age else keys
    return list(zip(xs.tolist(), values.tolist(), strict=True))


def window(
    values: Sequence[float], full: tuple[float, float], step: float, least: float
) -> tuple[float, float]:
    """The x range to draw: the child's span rounded out to ``step`` with one step spare on
    each side, at least ``least`` wide, inside ``full`` (the whole chart when no point)."""
    if not values:
        return full
    low = max(full[0], step * np.floor(min(values) / step) - step)
    high = min(full[1], max(low + least, step * np.ceil(max(values) / step) + step))
    low = max(full[0], min(low, high - least))
    return float(low), float(high)


def _rect(
    x: float,
    y: float,
    w: float,
    h: float,
    fill: Color | None,
    stroke: Color | None,
    width: float = 0.6,
) -> Rect:
    """A rectangle (attributes set one by one: reportlab's stub types Rect's keywords oddly)."""
    rect = Rect(x, y, w, h)
    rect.fillColor, rect.strokeColor, rect.strokeWidth = fill, stroke, width
    return rect


def kms_chart(
    title: str,
    x_label: str,
    table: LmsTable,
    sex: Sex,
    points: Sequence[ChartPoint],
    width: float,
    height: float,
    *,
    x_range: tuple[float, float],
    x_step: float,
    by_age: bool,
) -> Drawing:
    """Bands, SD lines, the child's weighings with their N/T marks, axes and a legend."""
    dark, light = SEX_COLOURS[sex]
    low_x, high_x = x_range
    curves = {z: lms_curve(table, sex, z, low_x, high_x, by_age=by_age) for z in SD_LEVELS}
    values = [v for c in curves.values() for _, v in c] + [p.y for p in points]
    step_y = 2.0 if max(values) - min(values) > 12 else 1.0
    low_y = step_y * np.floor(min(values) / step_y)
    high_y = step_y * np.ceil(max(values) / step_y)
    drawing = Drawing(width, height)
    drawing.add(_rect(0, 0, width, height, light, dark, 0.8))
    drawing.add(_rect(0, height - 14, width, 14, dark, dark))
    drawing.add(String(5, height - 10, title, fontName=BOLD, fontSize=8, fillColor=colors.white))
    left, bottom, right, top = 24.0, 22.0, width - 24.0, height - 20.0

    def px(x: float) -> float:
        return left + (right - left) * (x - low_x) / (high_x - low_x)

    def py(y: float) -> float:
        return bottom + (top - bottom) * (y - low_y) / (high_y - low_y)

    drawing.add(_rect(left, bottom, right - left, top - bottom, colors.white, None))
    for z_from, z_to, fill in _BANDS:
        upper = [(px(x), py(v)) for x, v in curves[z_to]]
        lower = [(px(x), py(v)) for x, v in reversed(curves[z_from])]
        flat = [c for point in upper + lower for c in point]
        drawing.add(Polygon(flat, fillColor=colors.HexColor(fill), strokeColor=None))
    grid = colors.Color(0, 0, 0, alpha=0.12)
    x = low_x
    while x <= high_x + 1e-9:
        drawing.add(Line(px(x), bottom, px(x), top, strokeColor=grid, strokeWidth=0.3))
        label = String(px(x), bottom - 8, f"{x:.0f}", fontName=CONDENSED, fontSize=6.5)
        label.textAnchor = "middle"
        drawing.add(label)
        x += x_step
    y = low_y
    while y <= high_y + 1e-9:
        drawing.add(Line(left, py(y), right, py(y), strokeColor=grid, strokeWidth=0.3))
        label = String(left - 2, py(y) - 2, f"{y:.0f}", fontName=CONDENSED, fontSize=6.5)
        label.textAnchor = "end"
        drawing.add(label)
        y += step_y
    label_y = -1e9
    for z, curve in curves.items():  # lowest line first
        colour = colors.HexColor("#C0392B") if abs(z) == 3 else dark
        drawing.add(PolyLine([c for x, v in curve for c in (px(x), py(v))], strokeColor=colour,
                             strokeWidth=0.9 if z in (0, -3) else 0.4))  # fmt: skip
        end_x, end_y = curve[-1]
        label_y = max(py(end_y) - 2, label_y + 6.5)  # close lines: labels one above the other
        drawing.add(String(right + 2, label_y, "0" if z == 0 else f"{z:+.0f}",
                           fontName=CONDENSED, fontSize=6))  # fmt: skip
    drawing.add(_rect(left, bottom, right - left, top - bottom, None, dark))
    inside = [p for p in points if low_x <= p.x <= high_x]
    if len(inside) > 1:
        drawing.add(PolyLine([c for p in inside for c in (px(p.x), py(p.y))], strokeColor=dark,
                             strokeWidth=1.1))  # fmt: skip
    for i, p in enumerate(inside):
        drawing.add(Circle(px(p.x), py(p.y), 1.8, fillColor=dark, strokeColor=colors.white,
                           strokeWidth=0.4))  # fmt: skip
        if p.mark:
            colour = colors.HexColor(_MARK_COLOURS.get(p.mark, "#333333"))
            above = i % 2 == 0  # alternate above and below: monthly marks never collide
            y = py(p.y) + (3.5 if above else -8.0)
            mark = String(px(p.x), y, p.mark, fontName=BOLD, fontSize=6, fillColor=colour)
            mark.textAnchor = "middle"
            drawing.add(mark)
    axis = String((left + right) / 2, 3, x_label, fontName=CONDENSED, fontSize=6.5)
    axis.textAnchor = "middle"
    drawing.add(axis)
    return drawing
