"""Halaman Kunjungan: recent visits with month and desa filters, and "Catat kunjungan".

The list is :func:`desktop_app.visits.queries.recent_visits` (newest first, bounded), read
through the runner; it reloads on VISITS changes while visible. Double-click opens the visit
for correction; "Hapus kunjungan" (or Delete, or the context menu) removes a mistyped one after
asking (:mod:`desktop_app.ui.visits.delete_action`). ``open_child(object)`` carries a child's
UUID ("Buka anak").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import clock
from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_month, format_number, format_table_date
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.month import Month
from desktop_app.growth import Indicator, classify, format_z
from desktop_app.home.dashboard import format_count
from desktop_app.labels.choices import desa_choices
from desktop_app.ui.common.announce import announce_visit_saves
from desktop_app.ui.common.row_model import RowColumn, RowTableModel
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.visits.delete_action import DeleteVisitControl
from desktop_app.ui.visits.form_dialog import VisitFormDialog
from desktop_app.ui.visits.severity import category_colour
from desktop_app.ui.widgets import IdCombo
from desktop_app.ui.widgets.tables import set_up_list_table
from desktop_app.visits.queries import RECENT_LIMIT, VisitListRow, recent_visits
from desktop_app.visits.service import PLACES

_MONTHS_OFFERED = 24


def _z_column(title: str, indicator: Indicator) -> RowColumn:
    field = indicator.z_field
    return RowColumn(
        title,
        lambda r: format_z(getattr(r, field)),
        right=True,
        colour=lambda r: category_colour(classify(indicator, getattr(r, field))),
        tooltip=lambda r: c.label if (c := classify(indicator, getattr(r, field))) else "",
    )


def visit_columns() -> list[RowColumn]:
    return [
        RowColumn(_("Tanggal"), lambda r: format_table_date(r.visit_date)),
        RowColumn(_("Anak"), lambda r: r.child_name),
        RowColumn(_("Desa/Kel."), lambda r: r.desa_name or ""),
        RowColumn(_("Orang tua asuh"), lambda r: r.guardian_name or ""),
        RowColumn(_("Tempat"), lambda r: _(PLACES.get(r.place, r.place))),
        RowColumn(_("BB (kg)"), lambda r: format_number(r.weight_kg), right=True),
        RowColumn(_("PB/TB (cm)"), lambda r: format_number(r.lenhei_cm), right=True),
        _z_column(_("BB/U"), Indicator.BB_U),
        _z_column(_("PB/U–TB/U"), Indicator.TB_U),
        _z_column(_("BB/PB–BB/TB"), Indicator.BB_TB),
    ]


class VisitsPage(QWidget):
    """GUI thread only."""

    open_child = Signal(object)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.dialog: VisitFormDialog | None = None
        self._saved_visit: Any = None  # a visit just saved, selected once the list shows it
        title = QLabel(_("Kunjungan"))
        title.setObjectName("pageTitle")
        # IdCombo, not FilterCombo: it finds dates and UUIDs among its items (findData cannot).
        self.month = IdCombo(placeholder=_("Semua bulan"))
        month = Month.of(clock.today())
        offered = []
        for _i in range(_MONTHS_OFFERED):
            offered.append((month.first_day, format_month(month.first_day)))
            month = month.previous()
        self.month.set_items(offered)
        self.month.set_current_id(Month.of(clock.today()).first_day)
        self.desa = IdCombo(placeholder=_("Semua desa/kelurahan"))
        self.desa.setMinimumWidth(200)
        self.add_button = QPushButton(_("Catat kunjungan"))
        self.add_button.setObjectName("primaryButton")
        self.open_button = QPushButton(_("Buka anak"))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Bulan:")))
        filters.addWidget(self.month)
        filters.addWidget(QLabel(_("Desa/Kel.:")))
        filters.addWidget(self.desa)
        filters.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "hint")
        filters.addWidget(self.count_label)
        self.model = RowTableModel(visit_columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        set_up_list_table(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.delete = DeleteVisitControl(self.table, runner, self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.delete.button)
        top.addWidget(self.open_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self._filling = False  # IdCombo.set_items re-emits currentIndexChanged
        self.month.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.desa.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.add_button.clicked.connect(lambda: self.open_form())
        self.open_button.clicked.connect(self._open_selected_child)
        self.table.doubleClicked.connect(lambda index: self.open_form(self._row(index.row()).id))
        kinds = Changes.VISITS | Changes.CHILDREN | Changes.GUARDIANS | Changes.WILAYAH
        self.watcher = StaleWatcher(self, runner, kinds, self.reload)

    def _filter_changed(self) -> None:
        if not self._filling:
            self.reload()

    def reload(self) -> None:
        month, desa_id = self.month.current_id(), self.desa.current_id()
        self.runner.read(
            lambda s: (desa_choices(s), recent_visits(s, month=month, desa_id=desa_id)),
            on_success=self._fill,
        )

    def _fill(self, loaded: tuple[Any, list[VisitListRow]]) -> None:
        choices, rows = loaded
        self._filling = True
        try:
            self.desa.set_items([(c.value, c.label) for c in choices])
        finally:
            self._filling = False
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._select_saved()
        text = ngettext("{n} kunjungan", "{n} kunjungan", len(rows)).format(
            n=format_count(len(rows))
        )
        if len(rows) >= RECENT_LIMIT:
            text = _("{n} kunjungan terbaru ditampilkan; saring per bulan atau desa").format(
                n=format_count(len(rows))
            )
        self.count_label.setText(text)

    def select_visit(self, visit_id: Any) -> None:
        """Select the saved visit once the list shows it (now or after the reload the save
        causes)."""
        self._saved_visit = visit_id
        self._select_saved()

    def _select_saved(self) -> None:
        wanted = self._saved_visit
        if wanted is None:
            return
        for row, visit in enumerate(self.model.rows):
            if visit.id == wanted:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                self._saved_visit = None
                return

    def _row(self, row: int) -> VisitListRow:
        return self.model.row_at(row)

    def _open_selected_child(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_child.emit(self._row(rows[0].row()).child_id)

    def open_form(self, visit_id: Any = None) -> VisitFormDialog:
        """Open the visit form (new, or ``visit_id`` to correct); returns it (for tests)."""
        self.dialog = VisitFormDialog(self.runner, visit_id=visit_id, parent=self)
        announce_visit_saves(self.dialog)
        self.dialog.saved.connect(self.select_visit)
        self.dialog.open()
        return self.dialog
