"""A path typed or chosen with a button (the logo file, the backup folder)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop_app.core.i18n import _


class PathField(QWidget):
    """Line edit + "Pilih…" (+ "Hapus"). ``folder`` True picks a folder, else a file matching
    ``file_filter``. ``text()``/``setText()`` like a QLineEdit; ``textEdited`` when it changes."""

    textEdited = Signal(str)

    def __init__(
        self,
        *,
        folder: bool = False,
        file_filter: str = "",
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.file_filter = file_filter
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.edit.textEdited.connect(self.textEdited)
        self.choose_button = QPushButton(_("Pilih…"), self)
        self.choose_button.setToolTip(
            _("Pilih folder") if folder else _("Pilih berkas dari komputer ini")
        )
        self.choose_button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.choose_button)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def choose(self) -> None:
        if self.folder:
            chosen = QFileDialog.getExistingDirectory(self, _("Pilih folder"), self.text())
        else:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Pilih berkas"), self.text(), self.file_filter
            )
        if chosen:
            self.edit.setText(chosen)
            self.textEdited.emit(chosen)
