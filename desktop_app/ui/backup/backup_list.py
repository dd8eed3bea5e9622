"""The table of backups in the backup folder: when, which kind, how big, encrypted or not.

A small in-memory list read from file names (``naming.list_backups``), so a plain
``QTableWidget`` rather than a model. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from desktop_app.backup.naming import BackupFile
from desktop_app.core.formatting import format_number, format_table_date
from desktop_app.core.i18n import N_, _
from desktop_app.ui.widgets.tables import set_up_list_table

KIND_LABELS = {"manual": N_("Manual"), "daily": N_("Harian"), "weekly": N_("Mingguan")}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def size_text(size_bytes: int) -> str:
    """``850 KB``, ``12,4 MB``: sizes as an office user reads them (decimal comma)."""
    if size_bytes < 1024 * 1024:
        return f"{max(1, round(size_bytes / 1024))} KB"
    return f"{format_number(size_bytes / (1024 * 1024), 1)} MB"


def moment_text(backup: BackupFile) -> str:
    return f"{format_table_date(backup.taken_at)} {backup.taken_at:%H.%M}"


def encrypted_text(backup: BackupFile) -> str:
    return _("Ya") if backup.encrypted else _("Tidak")


class BackupTable(QTableWidget):
    """One row per backup, newest first; ``backups`` holds what the rows show."""

    def __init__(self) -> None:
        super().__init__(0, 4)
        self.backups: list[BackupFile] = []
        self.setHorizontalHeaderLabels([_("Tanggal"), _("Jenis"), _("Ukuran"), _("Terenkripsi")])
        set_up_list_table(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_backups(self, backups: list[BackupFile]) -> None:
        self.backups = backups
        self.setRowCount(len(backups))
        for row, backup in enumerate(backups):
            cells = (
                moment_text(backup),
                kind_label(backup.kind),
                size_text(backup.size_bytes),
                encrypted_text(backup),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(_RIGHT)
                item.setToolTip(str(backup.path))
                self.setItem(row, column, item)

    def selected_backup(self) -> BackupFile | None:
        rows = self.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None
