"""Key-figure tiles of Beranda: a big number over a short caption."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class KpiTile(QFrame):
    """One key figure. ``set_value`` takes the already formatted text (``"1.234"``)."""

    def __init__(self, caption: str, *, warning: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kpiTileWarning" if warning else "kpiTile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.value_label = QLabel("–")
        self.value_label.setObjectName("kpiValue")
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("kpiCaption")
        self.caption_label.setWordWrap(True)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)

    def set_value(self, text: str) -> None:
        self.value_label.setText(text)
