"""Tentang Asuh (F1): version, licence, where the data lives, references, keyboard shortcuts.

The version comes from ``desktop_app.__version__`` (the one place it is written). The shortcut
list is handed in by the main window, which owns the shortcuts, so the two cannot drift. GUI
thread.
"""

from __future__ import annotations

import html
import platform
from collections.abc import Sequence
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app import APP_NAME, __version__
from desktop_app.core.i18n import _
from desktop_app.core.paths import data_dir

LICENCE = "MIT"
TEXT_WIDTH = 560  # pixels (device-independent)


def about_html(*, database: str, shortcuts: Sequence[tuple[str, str]]) -> str:
    """The dialog's text (rich text); ``shortcuts`` are (key sequence, action) pairs."""
    rows = "".join(
        f"<tr><td style='padding:2px 14px 2px 0'><b>{html.escape(keys)}</b></td>"
        f"<td>{html.escape(action)}</td></tr>"
        for keys, action in shortcuts
    )
    facts = [
        (_("Versi"), __version__),
        (_("Lisensi"), LICENCE),
        (_("Folder data"), str(data_dir())),
        (_("Basis data"), database),
        (_("Pustaka"), f"Qt {qVersion()}, PySide6 {PySide6.__version__}, "
                       f"Python {platform.python_version()}"),
    ]  # fmt: skip
    fact_rows = "".join(
        f"<tr><td style='padding:2px 14px 2px 0; color:#6b7280'>{html.escape(label)}</td>"
        f"<td>{html.escape(value)}</td></tr>"
        for label, value in facts
    )
    references = _(
        "Penilaian pertumbuhan memakai Standar Pertumbuhan Anak WHO 2006 (metode LMS, tabel "
        "anthro WHO) dan kategori status gizi Peraturan Menteri Kesehatan Nomor 2 Tahun 2020 "
        "tentang Standar Antropometri Anak. Data wilayah: idn-area-data 3.1.2 \u00a9 Fityan "
        "(fityannugroho) dan kontributor, bersumber dari Kemendagri, di bawah Open Database "
        "License (ODbL) v1.0."
    )
    # _() outside the f-strings: the catalog extractor does not look inside them.
    tagline = html.escape(_("Program orang tua asuh cegah stunting"))
    references_title = html.escape(_("Rujukan"))
    shortcuts_title = html.escape(_("Pintasan keyboard"))
    return (
        f"<h2 style='margin-bottom:0'>{APP_NAME} {html.escape(__version__)}</h2>"
        f"<p style='color:#6b7280; margin-top:2px'>{tagline}</p>"
        f"<table>{fact_rows}</table>"
        f"<h3>{references_title}</h3><p>{html.escape(references)}</p>"
        f"<h3>{shortcuts_title}</h3><table>{rows}</table>"
    )


class AboutDialog(QDialog):
    def __init__(
        self,
        *,
        database: Path | str,
        shortcuts: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Tentang Asuh"))
        self.text = QLabel(about_html(database=str(database), shortcuts=shortcuts))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A word-wrapped rich-text label under-reports its height in a dialog; ask for it.
        self.text.setFixedWidth(TEXT_WIDTH)
        self.text.setMinimumHeight(self.text.heightForWidth(TEXT_WIDTH) + 12)
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(_("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 14)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
