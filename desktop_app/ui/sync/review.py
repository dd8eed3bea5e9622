"""The review lists of the sync page: "Ditolak server", "Konflik data" and "Kemungkinan anak
ganda".

Both are short lists (a handful of rows after a sync), so a ``QTableWidget`` filled from the
services' dataclasses is enough; every action goes through the operation runner.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.formatting import format_date, format_table_date
from desktop_app.core.i18n import _
from desktop_app.sync.conflicts import ConflictView, list_conflicts
from desktop_app.sync.merge import DuplicateChild, find_duplicate_nik_groups
from desktop_app.sync.refused import RefusedRow, list_refused
from desktop_app.ui.operations import sync as operations
from desktop_app.ui.ops import Operation, OperationRunner
from desktop_app.ui.widgets.messages import ask, show_failure
from desktop_app.ui.widgets.tables import set_up_list_table


def moment_text(value: datetime | None) -> str:
    """``22 November 2026 14.05`` (UTC as stored)."""
    return f"{format_table_date(value)} {value:%H.%M}" if value else "-"


def _value_text(value: object) -> str:
    if value is None or value == "" or value == []:
        return _("(kosong)")
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    set_up_list_table(table)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))


def _selected_row(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


class RefusedPanel(QGroupBox):
    """Ditolak server: rows the district server would not take, each with its reason. Fixing
    the data is enough: the next sync sends the row again."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(_("Ditolak server"), parent)
        self.runner = runner
        self.table = _table([_("Data"), _("Alasan"), _("Ditolak")])
        self.table.setWordWrap(True)
        self.empty_label = QLabel(_("Tidak ada data yang ditolak server."))
        self.hint = QLabel(
            _(
                "Perbaiki data yang disebut, lalu sinkronkan lagi: baris ini dikirim ulang "
                "dan hilang dari daftar begitu diterima server."
            )
        )
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)

    def refresh(self) -> None:
        self.runner.read(lambda session: list_refused(session), on_success=self._show)

    def _show(self, rows: list[RefusedRow]) -> None:
        _fill(self.table, [(r.table_label, r.message, moment_text(r.refused_at)) for r in rows])
        self.table.resizeRowsToContents()
        for widget in (self.table, self.hint):
            widget.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self.setTitle(
            _("Ditolak server ({n})").format(n=len(rows)) if rows else _("Ditolak server")
        )


class ConflictsPanel(QGroupBox):
    """Konflik data: what sync kept and what it set aside; confirm or restore the other."""

    changed = Signal()

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(_("Konflik data"), parent)
        self.runner = runner
        self.conflicts: list[ConflictView] = []
        self.table = _table(
            [_("Data"), _("Perbedaan (dipakai / disisihkan)"), _("Dipakai dari"),
             _("Disisihkan dari"), _("Terdeteksi")]
        )  # fmt: skip
        self.empty_label = QLabel(_("Tidak ada konflik yang perlu ditinjau."))
        self.accept_button = QPushButton(_("Terima versi yang dipakai"))
        self.restore_button = QPushButton(_("Pulihkan versi yang disisihkan"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        self.runner.read(lambda session: list_conflicts(session), on_success=self._show)

    def _written(self, _result: object) -> None:
        """After a resolution: re-read the list and tell the page its counts changed."""
        self.refresh()
        self.changed.emit()

    def _show(self, conflicts: list[ConflictView]) -> None:
        self.conflicts = conflicts
        _fill(self.table, [self._cells(conflict) for conflict in conflicts])
        self.table.setVisible(bool(conflicts))
        self.empty_label.setVisible(not conflicts)
        self._update_buttons()

    @staticmethod
    def _cells(conflict: ConflictView) -> tuple[str, ...]:
        differences = "; ".join(
            f"{d.field}: {_value_text(d.kept)} / {_value_text(d.lost)}"
            for d in conflict.differences
        )
        return (
            conflict.table_label,
            differences or _("(hanya waktu perubahan)"),
            f"{conflict.kept_device or '-'} ({moment_text(conflict.kept_updated_at)})",
            f"{conflict.lost_device or '-'} ({moment_text(conflict.lost_updated_at)})",
            moment_text(conflict.detected_at),
        )

    def _update_buttons(self) -> None:
        has_selection = _selected_row(self.table) is not None
        self.accept_button.setEnabled(has_selection)
        self.restore_button.setEnabled(has_selection)

    def _selected(self) -> ConflictView | None:
        row = _selected_row(self.table)
        return self.conflicts[row] if row is not None else None

    def accept_selected(self) -> None:
        conflict = self._selected()
        if conflict is not None:
            self._resolve(
                operations.accept_conflict(conflict_id=conflict.id, username=self.runner.actor)
            )

    def restore_selected(self) -> None:
        conflict = self._selected()
        if conflict is None or not ask(
            self, _("Pulihkan versi lain"),
            _("Ganti data yang dipakai sekarang dengan versi yang disisihkan? Perubahan ini akan "
              "dikirim ke laptop lain pada sinkronisasi berikutnya."),
            yes=_("Pulihkan"),
        ):  # fmt: skip
            return
        self._resolve(operations.restore_loser(conflict_id=conflict.id, username=self.runner.actor))

    def _resolve(self, op: Operation) -> None:
        self.runner.run_op(
            op,
            on_success=self._written,
            on_error=lambda error: show_failure(self, error),
        )


class DuplicatesPanel(QGroupBox):
    """Kemungkinan anak ganda: children sharing a NIK; merge them into the selected record."""

    changed = Signal()

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(_("Kemungkinan anak ganda (NIK sama)"), parent)
        self.runner = runner
        self.rows: list[tuple[str, DuplicateChild, list[DuplicateChild]]] = []
        self.table = _table(
            [_("NIK"), _("Nama"), _("Tanggal lahir"), _("Nama ibu"), _("Kunjungan"), _("Laptop")]
        )
        self.empty_label = QLabel(_("Tidak ada data anak ganda."))
        self.merge_button = QPushButton(_("Gabungkan ke data terpilih"))
        self.merge_button.setToolTip(
            _("Kunjungan, penugasan dan bantuan anak lain dengan NIK yang sama dipindahkan ke "
              "data terpilih; data lainnya dihapus.")
        )  # fmt: skip
        self.merge_button.clicked.connect(self.merge_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        self.runner.read(lambda session: find_duplicate_nik_groups(session), on_success=self._show)

    def _written(self, _result: object) -> None:
        """After a resolution: re-read the list and tell the page its counts changed."""
        self.refresh()
        self.changed.emit()

    def _show(self, groups) -> None:
        self.rows = [(g.nik, child, list(g.children)) for g in groups for child in g.children]
        _fill(
            self.table,
            [
                (nik, child.name, format_table_date(child.birth_date), child.mother_name or "-",
                 str(child.visits), child.device_id or "-")
                for nik, child, _group in self.rows
            ],
        )  # fmt: skip
        self.table.setVisible(bool(self.rows))
        self.empty_label.setVisible(not self.rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(_selected_row(self.table) is not None)

    def merge_selected(self) -> None:
        row = _selected_row(self.table)
        if row is None:
            return
        _nik, keep, group = self.rows[row]
        others = [child.id for child in group if child.id != keep.id]
        if not ask(
            self, _("Gabungkan data anak"),
            _("Pertahankan data {name} ({date}) dan pindahkan riwayat {count} data lain ke "
              "sini?").format(name=keep.name, date=format_date(keep.birth_date),
                              count=len(others)),
            yes=_("Gabungkan"),
        ):  # fmt: skip
            return
        self.runner.run_op(
            operations.merge_children(keep_id=keep.id, duplicate_ids=others),
            on_success=self._written,
            on_error=lambda error: show_failure(self, error),
        )
