"""The 12-month trend on the monthly report's first page (``reportlab.graphics``, vector).

Two panels side by side: stunting prevalence (a line with its values) and visits done against
target (paired bars with the percentage done). Print-friendly: the line is dark with white-filled
markers and the bars are dark (done) against light grey (target), so a black-and-white copy
reads the same as the colour one. A month without a measured child leaves a gap in the line,
never a false 0 %.

Drawn by hand from shapes, not with ``LinePlot``/``VerticalBarChart``: gaps, two-line month
labels and value labels that never overlap are simpler to place than to configure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel.dates import format_date
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.core.formatting import format_number
from desktop_app.core.i18n import _, current_language
from desktop_app.reports.fonts import BOLD, CONDENSED
from desktop_app.reports.monthly_model import TrendPoint

__all__ = ["trend_chart"]

DARK = colors.HexColor("#1F3F66")  # prints as near-black
LIGHT = colors.HexColor("#C8C8C8")  # prints as light grey
GRID = colors.HexColor("#DDDDDD")
_GAP = 18  # between the panels
_LEFT = 26  # room for the y axis labels
_BOTTOM = 24  # room for the month labels
_TOP = 30  # title and legend


def _title(drawing: Drawing, x: float, y: float, text: str, width: float) -> None:
    """A panel title, made smaller when a translation would run into the next panel."""
    size = 8.0
    while size > 6 and stringWidth(text, BOLD, size) > width:
        size -= 0.25
    drawing.add(String(x, y, text, fontName=BOLD, fontSize=size))


def _box(x: float, y: float, width: float, height: float, fill: colors.Color) -> Rect:
    box = Rect(x, y, width, height)
    box.fillColor, box.strokeColor, box.strokeWidth = fill, colors.black, 0.3
    return box


def _month_label(day: date, first: bool) -> tuple[str, str]:
    locale = "id_ID" if current_language() == "id" else "en_GB"
    year = format_date(day, "yy", locale=locale) if first or day.month == 1 else ""
    return format_date(day, "LLL", locale=locale)[:3], year


def _step(rough: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at least ``rough`` (at least 1)."""
    scale = 1.0
    while True:
        for unit in (1, 2, 2.5, 5):
            if unit * scale >= rough:
                return unit * scale
        scale *= 10


def _nice_top(value: float, step: float) -> float:
    top = step
    while top < value:
        top += step
    return top


def _axes(drawing: Drawing, x0: float, y0: float, w: float, h: float, top: float,
          step: float, suffix: str) -> None:  # fmt: skip
    value = 0.0
    while value <= top + 1e-9:
        y = y0 + h * value / top
        drawing.add(Line(x0, y, x0 + w, y, strokeColor=GRID, strokeWidth=0.4))
        label = format_number(value, 0) + suffix
        drawing.add(String(x0 - 3, y - 2.5, label, fontName=CONDENSED, fontSize=6.5,
                           textAnchor="end"))  # fmt: skip
        value += step
    drawing.add(Line(x0, y0, x0 + w, y0, strokeColor=colors.black, strokeWidth=0.6))


def _months(drawing: Drawing, points: Sequence[TrendPoint], x0: float, slot: float,
            y0: float) -> None:  # fmt: skip
    for i, point in enumerate(points):
        month, year = _month_label(point.month.first_day, i == 0)
        x = x0 + slot * (i + 0.5)
        drawing.add(String(x, y0 - 9, month, fontName=CONDENSED, fontSize=6.5, textAnchor="middle"))
        if year:
            drawing.add(String(x, y0 - 17, year, fontName=CONDENSED, fontSize=6.5,
                               textAnchor="middle"))  # fmt: skip


def _legend(drawing: Drawing, x: float, y: float, items: Sequence[tuple[str, str]]) -> None:
    for kind, text in items:
        if kind == "line":
            drawing.add(Line(x, y + 2.5, x + 12, y + 2.5, strokeColor=DARK, strokeWidth=1.4))
            drawing.add(Circle(x + 6, y + 2.5, 2, fillColor=colors.white, strokeColor=DARK))
            x += 15
        else:
            fill = DARK if kind == "dark" else LIGHT
            drawing.add(_box(x, y, 8, 6, fill))
            x += 11
        drawing.add(String(x, y, text, fontName=CONDENSED, fontSize=7))
        x += stringWidth(text, CONDENSED, 7) + 10


def _stunting_panel(drawing: Drawing, points: Sequence[TrendPoint], x: float, width: float,
                    height: float) -> None:  # fmt: skip
    _title(drawing, x, height - 10, _("Prevalensi stunting"), width)
    _legend(drawing, x, height - 22, [("line", _("Pendek + sangat pendek, % anak diukur TB/U"))])
    x0, y0 = x + _LEFT, _BOTTOM
    w, h = width - _LEFT, height - _BOTTOM - _TOP
    rates = [p.stunted_rate.fraction for p in points]
    peak = max((100 * r for r in rates if r is not None), default=0) * 1.15
    step = next(s for s in (5, 10, 20, 25) if peak <= 5 * s)
    top = min(_nice_top(peak, step), 100)
    _axes(drawing, x0, y0, w, h, top, step, "%")
    slot = w / len(points)
    _months(drawing, points, x0, slot, y0)
    segment: list[float] = []
    marks: list[tuple[float, float, float]] = []
    for i, rate in enumerate(rates + [None]):
        if rate is None:
            if len(segment) >= 4:
                drawing.add(PolyLine(segment, strokeColor=DARK, strokeWidth=1.4))
            segment = []
            continue
        px, py = x0 + slot * (i + 0.5), y0 + h * 100 * rate / top
        segment += [px, py]
        marks.append((px, py, 100 * rate))
    for px, py, value in marks:
        drawing.add(Circle(px, py, 2.2, fillColor=colors.white, strokeColor=DARK,
                           strokeWidth=1))  # fmt: skip
        drawing.add(String(px, py + 5, format_number(value, 1), fontName=CONDENSED,
                           fontSize=6, textAnchor="middle"))  # fmt: skip


def _visits_panel(drawing: Drawing, points: Sequence[TrendPoint], x: float, width: float,
                  height: float) -> None:  # fmt: skip
    _title(drawing, x, height - 10, _("Kunjungan orang tua asuh: dilakukan / target"), width)
    _legend(drawing, x, height - 22, [("light", _("Target")), ("dark", _("Dilakukan"))])
    x0, y0 = x + _LEFT, _BOTTOM
    w, h = width - _LEFT, height - _BOTTOM - _TOP
    peak = max((max(p.visits_due, p.visits_done) for p in points), default=0)
    step = _step(peak / 4)
    top = _nice_top(peak * 1.15, step) if peak else step
    _axes(drawing, x0, y0, w, h, top, step, "")
    slot = w / len(points)
    _months(drawing, points, x0, slot, y0)
    bar = min(slot * 0.34, 9)
    for i, p in enumerate(points):
        centre = x0 + slot * (i + 0.5)
        for value, fill, left in ((p.visits_due, LIGHT, centre - bar),
                                  (p.visits_done, DARK, centre)):  # fmt: skip
            if value:
                drawing.add(_box(left, y0, bar, h * value / top, fill))
        if p.visits_due:
            label = format_number(100 * p.visits_done / p.visits_due, 0) + "%"
            y = y0 + h * max(p.visits_due, p.visits_done) / top + 2
            drawing.add(String(centre, y, label, fontName=CONDENSED, fontSize=5.5,
                               textAnchor="middle"))  # fmt: skip


def trend_chart(points: Sequence[TrendPoint], width: float, height: float = 150) -> Drawing:
    """Both panels for ``points`` (oldest first) in a ``width`` x ``height`` drawing."""
    drawing = Drawing(width, height)
    panel = (width - _GAP) / 2
    _stunting_panel(drawing, points, 0, panel, height)
    _visits_panel(drawing, points, panel + _GAP, panel, height)
    return drawing
