"""Halaman Bantuan: a programme's monthly plan, its payments and the totals in rupiah.

Pick a programme and a month; "Buat rencana bantuan bulan ini" plans that month (idempotent);
select rows (several with Ctrl/Shift) to mark them paid or cancel them with a reason. Totals per
month (whole programme), per OPD and per source (the chosen month) are SQL sums
(:func:`desktop_app.aid.ledger.aid_totals`). Reloads on changes to what it shows
while visible. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.aid.ledger import (
    SOURCE_LABELS,
    AidTotal,
    AidTotals,
    PaymentRow,
    aid_totals,
    list_payments,
)
from desktop_app.aid.service import AID_STATUSES, PlanSummary
from desktop_app.core import clock
from desktop_app.core.changes import Changes
from desktop_app.core.codes import PaymentStatus
from desktop_app.core.formatting import format_month, format_rupiah, format_table_date
from desktop_app.core.i18n import N_, _, pgettext, translated_items
from desktop_app.core.month import Month
from desktop_app.home.dashboard import format_count
from desktop_app.labels.stored_codes import code_label
from desktop_app.settings.programmes import default_programme, list_programmes
from desktop_app.ui.aid.dialogs import CancelPaymentDialog, MarkPaidDialog
from desktop_app.ui.common.filter_bar import FilterCombo
from desktop_app.ui.common.row_model import RowColumn, RowTableModel
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.operations import aid as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import FormDialog, IdCombo, MonthEdit, messages
from desktop_app.ui.widgets.simple_table import RIGHT, SimpleTable
from desktop_app.ui.widgets.tables import set_up_list_table

_STATUS_COLOURS = {
    PaymentStatus.PLANNED: "#92400e",
    PaymentStatus.PAID: "#2e7d32",
    PaymentStatus.CANCELLED: "#6b7280",
}


def _cancel_reason(row: Any) -> str:
    return code_label("aid_payments", "cancel_reason", row.cancel_reason)


def payment_columns() -> list[RowColumn]:
    """Who, how much and where it stands first; the guardian's side after."""
    return [
        RowColumn(_("Anak"), lambda r: r.child_name),
        RowColumn(_("Desa/Kel."), lambda r: r.desa_name or ""),
        RowColumn(_("Bulan"), lambda r: format_month(r.month)),
        RowColumn(pgettext("uang", "Jumlah"), lambda r: format_rupiah(r.amount), right=True),
        RowColumn(
            _("Status"),
            lambda r: code_label("aid_payments", "status", r.status),
            colour=lambda r: QColor(_STATUS_COLOURS.get(r.status, "#111827")),
            tooltip=_cancel_reason,
        ),
        RowColumn(_("Tgl bayar"), lambda r: format_table_date(r.paid_on)),
        RowColumn(_("Cara"), lambda r: code_label("aid_payments", "method", r.method)),
        RowColumn(_("Referensi"), lambda r: r.reference or ""),
        RowColumn(_("Diterima oleh"), lambda r: r.received_by or ""),
        RowColumn(_("Orang tua asuh"), lambda r: r.guardian_name or ""),
        RowColumn(_("Sumber"), lambda r: _(SOURCE_LABELS.get(r.source or "", r.source or ""))),
        RowColumn(_("OPD"), lambda r: r.opd_name or "", tooltip=lambda r: r.opd_name or ""),
        RowColumn(_("Alasan batal"), _cancel_reason),
    ]


def _total_rows(
    totals: tuple[AidTotal, ...], overall: AidTotal, *, months: bool = False
) -> list[list[Any]]:
    def key(t: AidTotal) -> str:
        return format_month(Month.parse(t.key).first_day) if months and t is not overall else t.key

    rows = [
        [
            key(t),
            (format_count(t.payments), RIGHT),
            (format_rupiah(t.planned), RIGHT),
            (format_rupiah(t.paid), RIGHT),
            (format_rupiah(t.outstanding), RIGHT),
            (format_rupiah(t.cancelled), RIGHT),
        ]
        for t in (*totals, overall)
    ]
    return rows


_TOTAL_HEADERS = (
    "",
    N_("Pembayaran"),
    N_("Rencana"),
    N_("Dibayar"),
    N_("Belum dibayar"),
    N_("Dibatalkan"),
)


class AidLedgerPage(QWidget):
    """GUI thread only. ``dialog`` is the open dialog (for tests)."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.dialog: FormDialog | None = None
        self.totals: AidTotals | None = None
        title = QLabel(_("Bantuan"))
        title.setObjectName("pageTitle")
        self.programme = IdCombo(placeholder=_("— pilih program —"))
        self.programme.setMinimumWidth(220)
        self.month = MonthEdit(compact=True, parent=self)
        self.month.setValue(clock.today().replace(day=1))
        self.status = FilterCombo(_("Semua status"))
        self.status.set_choices(translated_items(AID_STATUSES))
        self.plan_button = QPushButton(_("Buat rencana bantuan bulan ini"))
        self.plan_button.setObjectName("primaryButton")
        self.paid_button = QPushButton(_("Tandai dibayar…"))
        self.cancel_button = QPushButton(_("Batalkan…"))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.plan_button)
        pickers = QHBoxLayout()
        for label, widget in (
            (_("Program:"), self.programme),
            (_("Bulan:"), self.month),
            (_("Status:"), self.status),
        ):
            pickers.addWidget(QLabel(label))
            pickers.addWidget(widget)
        pickers.addStretch(1)
        pickers.addWidget(self.paid_button)
        pickers.addWidget(self.cancel_button)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = RowTableModel(payment_columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        set_up_list_table(self.table, multi_select=True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.total_tabs = QTabWidget(self)
        self.per_month = SimpleTable([_("Bulan"), *map(_, _TOTAL_HEADERS[1:])], stretch=0)
        self.per_opd = SimpleTable([_("OPD"), *map(_, _TOTAL_HEADERS[1:])], stretch=0)
        self.per_source = SimpleTable([_("Sumber"), *map(_, _TOTAL_HEADERS[1:])], stretch=0)
        self.total_tabs.addTab(self.per_month, _("Per bulan (seluruh program)"))
        self.total_tabs.addTab(self.per_opd, _("Per OPD (bulan ini)"))
        self.total_tabs.addTab(self.per_source, _("Per sumber (bulan ini)"))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.total_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(pickers)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self._filling = False
        self.programme.currentIndexChanged.connect(
            lambda _i: None if self._filling else self.reload_payments()
        )
        self.month.changed.connect(lambda *_a: self._month_changed())
        self.status.value_changed.connect(lambda _v: self.reload_payments())
        self.plan_button.clicked.connect(self.plan_month)
        self.paid_button.clicked.connect(self.open_mark_paid)
        self.cancel_button.clicked.connect(self.open_cancel)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        kinds = (
            Changes.AID | Changes.ASSIGNMENTS | Changes.PROGRAMMES | Changes.CHILDREN
            | Changes.GUARDIANS | Changes.OPD | Changes.WILAYAH
        )  # fmt: skip
        self.watcher = StaleWatcher(self, runner, kinds, self.reload)

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.read(lambda s: list_programmes(s), on_success=self._fill_programmes)

    def _fill_programmes(self, programmes: list[Any]) -> None:
        self._filling = True  # IdCombo.set_items re-emits currentIndexChanged
        try:
            self.programme.set_items([(p.id, p.name) for p in programmes])
            if self.programme.current_id() is None and programmes:
                chosen = default_programme(programmes, today=clock.today()) or programmes[0]
                self.programme.set_current_id(chosen.id)
        finally:
            self._filling = False
        self.reload_payments()

    def _month_changed(self) -> None:
        month = self.month.value()
        this_month = month is not None and month == clock.today().replace(day=1)
        self.plan_button.setText(
            _("Buat rencana bantuan bulan ini")
            if this_month
            else _("Buat rencana bantuan {month}").format(month=format_month(month))
        )
        self.reload_payments()

    def reload_payments(self) -> None:
        programme_id, month, status = (
            self.programme.current_id(),
            self.month.value(),
            self.status.value(),
        )
        if programme_id is None:
            self.model.set_rows([])
            self._update_buttons()
            return

        def read(session):
            return (
                list_payments(session, programme_id=programme_id, month=month, status=status),
                aid_totals(session, programme_id=programme_id),
                aid_totals(session, programme_id=programme_id, month=month),
            )

        self.runner.read(read, on_success=self._fill)

    def _fill(self, loaded: tuple[list[PaymentRow], AidTotals, AidTotals]) -> None:
        rows, programme_totals, month_totals = loaded
        self.totals = month_totals
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        opd = next(i for i, c in enumerate(self.model.columns) if c.title == _("OPD"))
        self.table.setColumnWidth(opd, min(self.table.columnWidth(opd), 220))
        self.per_month.set_rows(
            _total_rows(programme_totals.per_month, programme_totals.overall, months=True)
        )
        self.per_opd.set_rows(_total_rows(month_totals.per_opd, month_totals.overall))
        self.per_source.set_rows(_total_rows(month_totals.per_source, month_totals.overall))
        o = month_totals.overall
        self.summary.setText(
            _(
                "{month}: rencana <b>{planned}</b> · dibayar <b style='color:#2e7d32'>{paid}</b> · "
                "belum dibayar <b style='color:#92400e'>{outstanding}</b> · dibatalkan {cancelled}"
            ).format(
                month=format_month(self.month.value()),
                planned=format_rupiah(o.planned),
                paid=format_rupiah(o.paid),
                outstanding=format_rupiah(o.outstanding),
                cancelled=format_rupiah(o.cancelled),
            )
        )
        self._update_buttons()

    # -- actions -------------------------------------------------------------------------------
    def selected(self) -> list[PaymentRow]:
        return [self.model.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        planned = [r for r in self.selected() if r.status == PaymentStatus.PLANNED]
        self.paid_button.setEnabled(bool(planned))
        self.cancel_button.setEnabled(bool(planned))
        self.plan_button.setEnabled(self.programme.current_id() is not None)

    def plan_month(self) -> None:
        programme_id, month = self.programme.current_id(), self.month.value()
        if programme_id is None or month is None:
            return
        self.runner.run_op(
            operations.plan_month_aid(month=month, programme_id=programme_id),
            on_success=self._planned,
            on_error=lambda error: messages.show_failure(self, error),
        )

    def _planned(self, summary: PlanSummary) -> None:
        messages.show_info(self, summary.message(), title=_("Rencana bantuan"))
        self.reload_payments()

    def _planned_selection(self) -> tuple[list[Any], int]:
        rows = [r for r in self.selected() if r.status == PaymentStatus.PLANNED]
        return [r.id for r in rows], sum(r.amount for r in rows)

    def open_mark_paid(self) -> MarkPaidDialog | None:
        ids, amount = self._planned_selection()
        if not ids:
            return None
        dialog = MarkPaidDialog(self.runner, payment_ids=ids, amount=amount, parent=self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_cancel(self) -> CancelPaymentDialog | None:
        ids, amount = self._planned_selection()
        if not ids:
            return None
        dialog = CancelPaymentDialog(self.runner, payment_ids=ids, amount=amount, parent=self)
        self.dialog = dialog
        dialog.open()
        return dialog
