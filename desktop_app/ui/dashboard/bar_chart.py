"""A small QPainter bar chart for Beranda: one bar per month, value labels on top.

GUI thread only. ``set_bars([(label, value, caption)])``; ``caption`` is drawn under the value
(e.g. a percentage); the last bar (this month) is drawn in the accent colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.home.dashboard import format_count

Bar = tuple[str, int, str]


class MonthBarChart(QWidget):
    def __init__(self, title: str, *, colour: str = "#0f766e", parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.colour = QColor(colour)
        self.bars: list[Bar] = []
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(460, 230)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QColor("#e5e7eb"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        font = QFont(painter.font())
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#111827"))
        left_middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRectF(12, 6, self.width() - 24, 22), left_middle, self.title)
        if not self.bars:
            return
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
        plot = QRectF(16, 52, self.width() - 32, self.height() - 52 - 26)
        top = max(value for _l, value, _c in self.bars) or 1
        slot = plot.width() / len(self.bars)
        for index, (label, value, caption) in enumerate(self.bars):
            height = plot.height() * value / top
            left = plot.left() + index * slot + slot * 0.18
            bar = QRectF(left, plot.bottom() - height, slot * 0.64, height)
            last = index == len(self.bars) - 1
            colour = QColor(self.colour) if last else QColor(self.colour).lighter(165)
            painter.fillRect(bar, colour)
            painter.setPen(QColor("#111827"))
            painter.setFont(bold if last else font)
            value_box = QRectF(left - slot * 0.18, bar.top() - 34, slot, 18)
            painter.drawText(value_box, Qt.AlignmentFlag.AlignCenter, format_count(value))
            painter.setFont(small)
            painter.setPen(QColor("#6b7280"))
            painter.drawText(value_box.translated(0, 16), Qt.AlignmentFlag.AlignCenter, caption)
            painter.drawText(
                QRectF(left - slot * 0.18, plot.bottom() + 4, slot, 18),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
        painter.end()
