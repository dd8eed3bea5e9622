"""A growth chart drawn with QPainter: WHO SD curves on KMS-like bands, the child's points joined.

Bands as on the KMS / Buku KIA: between -2 and +2 SD green, between -3 and -2 and between +2 and
+3 SD yellow-orange, beyond -3 and +3 SD red. The x range follows the child's visits (at least a
year, whole quarters) so a few months of data are not squeezed into a 0-60 month axis; without
visits the whole standard is shown. Points are coloured by their category (red, orange, green,
blue). Readable at 1366x768; :meth:`GrowthChartWidget.export_png` saves what is shown.
GUI thread only.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.children.growth_curves import ChartKind, GrowthChart
from desktop_app.core.collector import collector_paused
from desktop_app.core.formatting import format_number
from desktop_app.core.i18n import _
from desktop_app.growth import Indicator, classify
from desktop_app.ui.visits.severity import SEVERITY_COLOURS

_BAND_RED = QColor("#fbe1df")
_BAND_YELLOW = QColor("#fdf0c2")
_BAND_GREEN = QColor("#dcf1dd")
_CURVE_PENS = {
    0: ("#2e7d32", 2.0),
    -2: ("#e65100", 1.6),
    2: ("#e65100", 1.6),
    -3: ("#b71c1c", 1.6),
    3: ("#b71c1c", 1.6),
}
_INDICATOR = {
    ChartKind.LENGTH_FOR_AGE: Indicator.TB_U,
    ChartKind.WEIGHT_FOR_AGE: Indicator.BB_U,
    ChartKind.WEIGHT_FOR_LENGTH: Indicator.BB_TB,
    ChartKind.WEIGHT_FOR_HEIGHT: Indicator.BB_TB,
}
_MARGIN = (64, 40, 58, 52)  # left, top, right, bottom (px)


def _nice_step(span: float, target: int) -> float:
    raw = span / max(target, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


class GrowthChartWidget(QWidget):
    """Shows one :class:`~desktop_app.children.growth_curves.GrowthChart` (or an empty frame)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: GrowthChart | None = None
        self.setMinimumSize(480, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)

    def sizeHint(self) -> QSize:
        return QSize(760, 460)

    def set_chart(self, chart: GrowthChart | None) -> None:
        self.chart = chart
        self.update()

    def export_png(self, path: str | Path) -> bool:
        """Save the chart as shown (at least 1100x680 px, so it prints well); True on success."""
        size = self.size().expandedTo(QSize(1100, 680))
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        self._paint(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return pixmap.save(str(path), "PNG")

    # -- painting ---------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        # No cyclic collection while the painter is open: one that frees a closed page's
        # widgets mid-paint left this painter without its engine (a crash in QPainter.save,
        # seen when the chart is painted right after another child page was closed).
        with collector_paused():
            painter = QPainter(self)
            painter.fillRect(self.rect(), Qt.GlobalColor.white)
            self._paint(painter, QRectF(self.rect()))
            painter.end()

    def _ranges(self, chart: GrowthChart) -> tuple[float, float, float, float]:
        xs = [p.x for p in chart.points]
        all_x = [x for x, _y in chart.curves[0]]
        if xs:
            age_chart = chart.kind in (ChartKind.LENGTH_FOR_AGE, ChartKind.WEIGHT_FOR_AGE)
            unit, pad, minimum = (3.0, 2.0, 12.0) if age_chart else (5.0, 4.0, 20.0)
            x0 = max(all_x[0], math.floor((min(xs) - pad) / unit) * unit)
            x1 = min(all_x[-1], math.ceil((max(xs) + pad) / unit) * unit)
            if x1 - x0 < minimum:
                x1 = min(all_x[-1], x0 + minimum)
                x0 = max(all_x[0], x1 - minimum)
        else:
            x0, x1 = all_x[0], all_x[-1]
        inside = [y for level in (-3, 3) for x, y in chart.curves[level] if x0 <= x <= x1] + [
            p.y for p in chart.points if x0 <= p.x <= x1
        ]
        y0, y1 = min(inside), max(inside)
        pad_y = (y1 - y0) * 0.04
        return x0, x1, y0 - pad_y, y1 + pad_y

    def _paint(self, painter: QPainter, area: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = self.chart
        left, top, right, bottom = _MARGIN
        plot = QRectF(
            area.left() + left,
            area.top() + top,
            area.width() - left - right,
            area.height() - top - bottom,
        )
        if chart is None or plot.width() < 50 or plot.height() < 50:
            painter.setPen(QColor("#6b7280"))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, _("Belum ada data"))
            return
        x0, x1, y0, y1 = self._ranges(chart)

        def to_px(x: float, y: float) -> QPointF:
            return QPointF(
                plot.left() + (x - x0) / (x1 - x0) * plot.width(),
                plot.bottom() - (y - y0) / (y1 - y0) * plot.height(),
            )

        # One sample past each edge, so the clipped curves reach the frame.
        curves = {
            k: [to_px(x, y) for x, y in pts if x0 - 1 <= x <= x1 + 1]
            for k, pts in chart.curves.items()
        }
        painter.save()
        painter.setClipRect(plot)
        painter.fillRect(plot, _BAND_RED)
        for lower, upper, band_colour in (
            (-3, -2, _BAND_YELLOW),
            (-2, 2, _BAND_GREEN),
            (2, 3, _BAND_YELLOW),
        ):
            painter.fillPath(_band(curves[lower], curves[upper]), band_colour)
        self._grid(painter, plot, x0, x1, y0, y1, to_px)
        for level, points in curves.items():
            colour, width = _CURVE_PENS[level]
            painter.setPen(QPen(QColor(colour), width))
            painter.drawPolyline(points)
        self._child(painter, chart, to_px)
        painter.restore()
        painter.setPen(QPen(QColor("#9ca3af"), 1))
        painter.drawRect(plot)
        self._labels(painter, chart, plot, curves)

    def _grid(self, painter, plot, x0, x1, y0, y1, to_px) -> None:
        painter.setPen(QPen(QColor(255, 255, 255, 170), 1))
        font = QFont(painter.font())
        font.setPointSizeF(8.5)
        # About one label per 80 px across and per 40 px down: dense enough to read values off.
        self._ticks_x = _ticks(x0, x1, max(5, int(plot.width() / 80)))
        self._ticks_y = _ticks(y0, y1, max(4, int(plot.height() / 40)))
        for x in self._ticks_x:
            p = to_px(x, y0)
            painter.drawLine(QPointF(p.x(), plot.top()), QPointF(p.x(), plot.bottom()))
        for y in self._ticks_y:
            p = to_px(x0, y)
            painter.drawLine(QPointF(plot.left(), p.y()), QPointF(plot.right(), p.y()))
        self._to_px = to_px

    def _child(self, painter: QPainter, chart: GrowthChart, to_px) -> None:
        if not chart.points:
            return
        points = [to_px(p.x, p.y) for p in chart.points]
        painter.setPen(QPen(QColor("#1e3a8a"), 2.2))
        painter.drawPolyline(points)
        indicator = _INDICATOR[chart.kind]
        for point, pixel in zip(chart.points, points, strict=True):
            category = classify(indicator, point.z)
            fill = QColor(SEVERITY_COLOURS[category.severity]) if category else QColor("#6b7280")
            painter.setPen(QPen(QColor("#ffffff"), 1.5))
            painter.setBrush(fill)
            painter.drawEllipse(pixel, 5.5, 5.5)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _labels(self, painter, chart, plot, curves) -> None:
        painter.setPen(QColor("#374151"))
        font = QFont(painter.font())
        font.setPointSizeF(9)
        painter.setFont(font)
        decimals_x = 0 if all(float(t).is_integer() for t in self._ticks_x) else 1
        decimals_y = 0 if all(float(t).is_integer() for t in self._ticks_y) else 1
        for x in self._ticks_x:
            p = self._to_px(x, 0)
            rect = QRectF(p.x() - 30, plot.bottom() + 4, 60, 16)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, format_number(x, decimals_x))
        for y in self._ticks_y:
            p = self._to_px(0, y)
            rect = QRectF(plot.left() - 56, p.y() - 8, 50, 16)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect, align, format_number(y, decimals_y))
        for level, points in curves.items():
            if not points:
                continue
            last = points[-1]
            if plot.top() <= last.y() <= plot.bottom():
                colour, _width = _CURVE_PENS[level]
                painter.setPen(QColor(colour))
                text = f"{level:+d}" if level else "0"
                painter.drawText(
                    QRectF(plot.right() + 4, last.y() - 8, 52, 16),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    f"{text} SD",
                )
        painter.setPen(QColor("#111827"))
        bold = QFont(font)
        bold.setPointSizeF(10.5)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            QRectF(plot.left(), plot.top() - 32, plot.width(), 24),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            chart.title,
        )
        painter.setFont(font)
        painter.setPen(QColor("#374151"))
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 24, plot.width(), 20),
            Qt.AlignmentFlag.AlignCenter,
            chart.x_label,
        )
        painter.save()
        painter.translate(plot.left() - 50, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, -18, plot.height(), 18),
            Qt.AlignmentFlag.AlignCenter,
            chart.y_label,
        )
        painter.restore()


def _ticks(low: float, high: float, target: int) -> list[float]:
    step = _nice_step(high - low, target)
    first = math.ceil(low / step) * step
    count = int((high - first) / step + 1e-9) + 1
    return [round(first + i * step, 6) for i in range(count)]


def _band(lower: list[QPointF], upper: list[QPointF]) -> QPainterPath:
    """The area between two curves (same x samples)."""
    path = QPainterPath()
    if not lower or not upper:
        return path
    path.moveTo(lower[0])
    for point in lower[1:]:
        path.lineTo(point)
    for point in reversed(upper):
        path.lineTo(point)
    path.closeSubpath()
    return path
