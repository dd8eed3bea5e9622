"""Dialogs of the aid ledger: mark selected payments paid, cancel them with a reason.

Both save through the runner in one transaction (all selected rows or none) and broadcast AID.
GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.aid.service import PAYMENT_METHODS
from desktop_app.core.formatting import format_count, format_rupiah
from desktop_app.core.i18n import _, ngettext, translated_items
from desktop_app.ui.operations import aid as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import ChoiceButtons, DateEdit, FormDialog, line_edit


def _what(count: int, amount: int) -> QLabel:
    label = QLabel(
        ngettext(
            "{n} pembayaran dipilih, jumlah <b>{amount}</b>",
            "{n} pembayaran dipilih, jumlah <b>{amount}</b>",
            count,
        ).format(n=format_count(count), amount=format_rupiah(amount))
    )
    return label


class MarkPaidDialog(FormDialog):
    """Tanggal bayar, cara bayar, referensi, penerima for the selected planned payments."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        payment_ids: Sequence[UUID],
        amount: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title=_("Tandai dibayar"), parent=parent)
        self.payment_ids = list(payment_ids)
        rows = self.rows()
        rows.add(_("Pembayaran"), _what(len(self.payment_ids), amount))
        self.paid_on = DateEdit(parent=self)
        rows.add(_("Tanggal bayar"), self.paid_on, field="paid_on", required=True)
        self.method = ChoiceButtons(translated_items(PAYMENT_METHODS), self)
        self.method.setValue("transfer")
        rows.add(_("Cara bayar"), self.method, field="method", required=True)
        self.reference = line_edit(_("No. bukti transfer / kuitansi"), max_length=100)
        rows.add(_("Referensi"), self.reference, field="reference", hint=_("Wajib untuk transfer"))
        self.received_by = line_edit(_("Nama yang menerima"), max_length=120)
        rows.add(
            _("Diterima oleh"),
            self.received_by,
            field="received_by",
            hint=_("Wajib untuk pembayaran tunai"),
        )
        self.resize(480, 0)

    def save(self) -> None:
        self.submit(
            operations.mark_paid(
                payment_ids=self.payment_ids,
                paid_on=self.paid_on.value(),
                method=self.method.value() or "",
                reference=self.reference.text(),
                received_by=self.received_by.text(),
            )
        )


class CancelPaymentDialog(FormDialog):
    """Cancel the selected planned payments; the reason is required."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        payment_ids: Sequence[UUID],
        amount: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title=_("Batalkan bantuan"), parent=parent)
        self.payment_ids = list(payment_ids)
        self.save_button.setText(_("Batalkan bantuan"))
        self.cancel_button.setText(_("Tutup"))
        rows = self.rows()
        rows.add(_("Pembayaran"), _what(len(self.payment_ids), amount))
        self.reason = line_edit(_("mis. anak pindah domisili"), max_length=200)
        rows.add(_("Alasan pembatalan"), self.reason, field="reason", required=True)
        self.resize(480, 0)

    def save(self) -> None:
        self.submit(
            operations.cancel_payments(payment_ids=self.payment_ids, reason=self.reason.text())
        )
