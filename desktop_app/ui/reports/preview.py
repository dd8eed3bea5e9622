"""The in-app preview: the report's pages as images, one under the other, in a scroll area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.core.i18n import _

__all__ = ["ReportPreview"]


class ReportPreview(QScrollArea):
    """Shows page images (GUI thread). ``page_count()`` for tests and the status line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("QScrollArea { background: #8A8F96; }")
        self._pages: list[QLabel] = []
        self._empty = QLabel(_("Pratinjau laporan akan tampil di sini."))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The theme paints widgets white; give the empty state the desk colour of the preview.
        self._empty.setStyleSheet("background: #8A8F96; color: white; font-size: 11pt;")
        self.setWidget(self._empty)

    def show_pages(self, images: list[QImage]) -> None:
        container = QWidget()
        container.setStyleSheet("background: #8A8F96;")
        layout = QVBoxLayout(container)
        layout.setSpacing(12)
        layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._pages = []
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #555;")
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._pages.append(label)
        self.setWidget(container)

    def page_count(self) -> int:
        return len(self._pages)
