"""The right-hand pane of Riwayat perubahan: one entry in full, each field as old -> new."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.audit.trail import AuditRecord
from desktop_app.core.i18n import _
from desktop_app.ui.widgets.simple_table import cell_text

EMPTY = "\u2014"  # an em dash for "(kosong)": reads as "nothing" without a word to translate


class AuditDetails(QWidget):
    """Read-only. ``show_record(None)`` shows the "choose an entry" hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("cardTitle")
        self.heading.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Kolom"), _("Sebelumnya"), _("Sesudahnya")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.no_fields = QLabel(_("Tidak ada kolom yang berubah pada catatan ini."))
        self.no_fields.setObjectName("mutedLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.meta)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.no_fields)
        layout.addStretch(0)
        self.show_record(None)

    def show_record(self, record: AuditRecord | None) -> None:
        self.table.setRowCount(0)
        if record is None:
            self.heading.setText(_("Pilih satu catatan untuk melihat rinciannya."))
            self.meta.clear()
            self.table.setVisible(False)
            self.no_fields.setVisible(False)
            return
        what = record.record_label or record.entity_id
        self.heading.setText(
            f"{record.action_label} {record.entity_label}" + (f": {what}" if what else "")
        )
        lines = [
            (_("Waktu"), record.at_text),
            (_("Pengguna"), record.username),
            (_("Perangkat"), record.device_id[:8] if record.device_id else EMPTY),
            (_("Keterangan"), record.summary or EMPTY),
        ]
        self.meta.setText(
            "<table cellspacing='0' cellpadding='2'>"
            + "".join(
                f"<tr><td style='color:#6b7280; padding-right:10px'>{escape(k)}</td>"
                f"<td>{escape(v)}</td></tr>"
                for k, v in lines
            )
            + "</table>"
        )
        self.table.setRowCount(len(record.changes))
        for row, change in enumerate(record.changes):
            for column, text in enumerate((change.label, change.old or EMPTY, change.new or EMPTY)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(record.changes))
        self.no_fields.setVisible(not record.changes)

    def visible_changes(self) -> list[tuple[str, str, str]]:
        """(field, old, new) texts as shown (tests)."""
        return [
            (cell_text(self.table, r, 0), cell_text(self.table, r, 1), cell_text(self.table, r, 2))
            for r in range(self.table.rowCount())
        ]
