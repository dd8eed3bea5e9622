"""A friendly page for sections not built yet (Kunjungan, Bantuan, Laporan)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.ui.common.empty_state import EmptyState


class PlaceholderPage(QWidget):
    """Title plus "Fitur ini sedang disiapkan" and a hint of what the section will do."""

    def __init__(self, title: str, hint: str, icon_name: str = "info", parent=None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        self.empty_state = EmptyState(_("Fitur ini sedang disiapkan"), hint, icon_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title_label)
        layout.addWidget(self.empty_state, 1)
