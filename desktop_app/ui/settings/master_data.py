"""Pengaturan > Data induk: tabs Wilayah, OPD and Program (the lists every form chooses from)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.core.i18n import _
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.settings.opd_tab import OpdTab
from desktop_app.ui.settings.programme_tab import ProgrammeTab
from desktop_app.ui.settings.wilayah_tab import WilayahTab


class MasterDataPage(QWidget):
    """Each tab loads when first shown and reloads on its own kind of change."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(_("Data induk"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        intro = QLabel(
            _(
                "Wilayah, OPD dan program yang dipakai di formulir anak, orang tua asuh dan "
                "penugasan."
            )
        )
        intro.setStyleSheet("color: #5f6b7a;")
        self.wilayah = WilayahTab(runner)
        self.opd = OpdTab(runner)
        self.programmes = ProgrammeTab(runner)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.wilayah, _("Wilayah"))
        self.tabs.addTab(self.opd, _("OPD"))
        self.tabs.addTab(self.programmes, _("Program"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
