"""Riwayat perubahan: who changed, viewed or exported what, and when. Read only.

Filters: free text, user, kind of record and a date range (local days); every change re-runs
``query_audit`` through the runner. The table loads 200 entries at a time as it scrolls; the
pane on the right shows the selected entry's fields as old -> new. No button here changes the
log, and no service could.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.audit.integrity import AuditIntegrity
from desktop_app.audit.trail import audit_filter_choices
from desktop_app.core.changes import Changes
from desktop_app.core.i18n import _
from desktop_app.ui.audit.details import AuditDetails
from desktop_app.ui.audit.model import AuditTableModel
from desktop_app.ui.common.debounce import Debouncer
from desktop_app.ui.common.filter_bar import FilterCombo
from desktop_app.ui.common.icons import icon
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.operations.audit import verify_audit_log
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.date_edit import DateEdit
from desktop_app.ui.widgets.tables import set_up_list_table


def _count(n: int) -> str:
    """``5.312``: a count with the Indonesian thousands separator."""
    return f"{n:,}".replace(",", ".")


class AuditPage(QWidget):
    """Signals: ``populated(int)`` with the number of matching entries after each query."""

    populated = Signal(int)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("listPage")
        self.model = AuditTableModel(runner, self)
        self.model.loaded.connect(self._loaded)
        self.model.rowsInserted.connect(lambda *_a: self._show_count())

        title = QLabel(_("Riwayat perubahan"))
        title.setObjectName("pageTitle")
        intro = QLabel(
            _("Siapa menambah, mengubah, menghapus, melihat atau mengekspor data, dan kapan. "
              "Riwayat ini tidak dapat diubah dari aplikasi.")
        )  # fmt: skip
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(_("Cari keterangan, nilai atau ID data..."))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setMinimumWidth(280)
        self._debouncer = Debouncer(self.apply_filters, parent=self)
        self.search_box.textChanged.connect(lambda _t: self._debouncer.trigger())
        self.search_box.returnPressed.connect(self._debouncer.flush)
        self.user_filter = FilterCombo(_("Semua pengguna"))
        self.entity_filter = FilterCombo(_("Semua jenis data"))
        self.date_from = DateEdit(optional=True, compact=True)
        self.date_to = DateEdit(optional=True, compact=True)
        self.date_from.setToolTip(_("Dari tanggal"))
        self.date_to.setToolTip(_("Sampai tanggal"))
        self.verify_button = QPushButton(_("Periksa keutuhan"))
        self.verify_button.setToolTip(
            _("Memeriksa rantai hash riwayat: apakah ada baris yang diubah, dihapus atau "
              "disisipkan di luar aplikasi")
        )  # fmt: skip
        self.verify_button.clicked.connect(self.verify_integrity)
        self.integrity_label = QLabel()
        self.integrity_label.setObjectName("integrityLabel")
        self.integrity_label.setWordWrap(True)
        self.integrity_label.hide()
        self.reset_button = QPushButton(_("Atur ulang"))
        self.reset_button.clicked.connect(self.reset_filters)
        for combo in (self.user_filter, self.entity_filter):
            combo.value_changed.connect(lambda _v: self.apply_filters())
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(lambda _d: self.apply_filters())

        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_list_table(self.table)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 110, 110, 200)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.details = AuditDetails()
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.details.show_record(self.model.record_at(current.row()))
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search_box, 2)
        filters.addWidget(self.user_filter)
        filters.addWidget(self.entity_filter)
        filters.addWidget(QLabel(_("Tanggal")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("\u2013"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.reset_button)
        filters.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 10)
        layout.setSpacing(10)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.verify_button)
        layout.addLayout(heading)
        layout.addWidget(intro)
        layout.addWidget(self.integrity_label)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)
        self._watcher = StaleWatcher(self, runner, Changes.ALL, self.reload)

    # -- integrity ----------------------------------------------------------------------------
    def verify_integrity(self) -> None:
        """Check the hash chain on the DB worker; the verdict appears under the title."""
        self.verify_button.setEnabled(False)
        self.integrity_label.setText(_("Memeriksa keutuhan riwayat..."))
        self.integrity_label.setProperty("state", "")
        self.integrity_label.show()
        self.runner.run_op(
            verify_audit_log(), on_success=self._verified, on_error=self._verify_failed
        )

    def _verified(self, result: AuditIntegrity) -> None:
        self.verify_button.setEnabled(True)
        self.integrity_label.setText(result.message)
        self.integrity_label.setStyleSheet(
            "color: #1b5e20; font-weight: 600;" if result.intact
            else "color: #b71c1c; font-weight: 600;"
        )  # fmt: skip

    def _verify_failed(self, error: Exception) -> None:
        self.verify_button.setEnabled(True)
        self.integrity_label.setText(
            _("Keutuhan riwayat tidak dapat diperiksa: {error}").format(error=error)
        )
        self.integrity_label.setStyleSheet("color: #b71c1c;")

    # -- filtering ----------------------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        """The ``query_audit`` keywords the controls currently say."""
        return {
            "text": self.search_box.text().strip() or None,
            "username": self.user_filter.value(),
            "entity": self.entity_filter.value(),
            "date_from": self.date_from.value(),
            "date_to": self.date_to.value(),
        }

    def apply_filters(self) -> None:
        self.details.show_record(None)
        self.model.set_filters(**self.filters())

    def reload(self) -> None:
        """Refill the filter lists, then query (after a change anywhere in the data)."""
        self.runner.read(audit_filter_choices, on_success=self._fill_choices)
        self.apply_filters()

    def reset_filters(self) -> None:
        for widget in (self.search_box, self.user_filter, self.entity_filter, self.date_from,
                       self.date_to):  # fmt: skip
            widget.blockSignals(True)
        self.search_box.clear()
        self.user_filter.set_value(None)
        self.entity_filter.set_value(None)
        self.date_from.clear_value()
        self.date_to.clear_value()
        for widget in (self.search_box, self.user_filter, self.entity_filter, self.date_from,
                       self.date_to):  # fmt: skip
            widget.blockSignals(False)
        self.apply_filters()

    def set_period(self, start: date | None, end: date | None) -> None:
        """Show one period (e.g. from a breach report); None leaves that end open."""
        self.date_from.setValue(start)
        self.date_to.setValue(end)

    def _fill_choices(self, choices: tuple[list[str], list[tuple[str, str]]]) -> None:
        users, entities = choices
        for combo, values in ((self.user_filter, [(u, u) for u in users]),
                              (self.entity_filter, entities)):  # fmt: skip
            combo.blockSignals(True)
            combo.set_choices(values)
            combo.blockSignals(False)

    # -- results ------------------------------------------------------------------------------
    def _loaded(self, total: int) -> None:
        self._show_count()
        if self.model.rows:
            self.table.selectRow(0)
        self.populated.emit(total)

    def _show_count(self) -> None:
        shown, total = len(self.model.rows), self.model.total
        if not total:
            self.count_label.setText(_("Tidak ada catatan yang cocok dengan penyaringan ini."))
        elif shown < total:
            self.count_label.setText(
                _("Menampilkan {shown} dari {total} catatan; gulir ke bawah untuk memuat lagi.")
                .format(shown=_count(shown), total=_count(total))
            )  # fmt: skip
        else:
            self.count_label.setText(_("{total} catatan").format(total=_count(total)))
