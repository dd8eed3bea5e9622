"""Daftar penerimaan bantuan: who received how much this month, with room to sign.

An auditor matches each row against the transfer records: status, payment date, method,
transfer reference and receiver are printed on every row; the totals by status reconcile the
list with the month's planned aid; the paid total is written in words ("terbilang"). Only paid
rows are listed unless the user asked for every status. The numbered signature lines alternate
left and right as on Indonesian receipt lists, so neighbouring signatures never collide. Number
and amount columns are as wide as their widest value (:mod:`payment_table`): never cut.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop_app.core.codes import PaymentStatus
from desktop_app.core.formatting import format_month, format_rupiah, format_table_date
from desktop_app.core.i18n import N_, _, pgettext
from desktop_app.reports.base import CONTENT_WIDTH, ReportRenderer, escape
from desktop_app.reports.fonts import CONDENSED
from desktop_app.reports.payment_table import FONT_SIZE, PaymentLine, PaymentTable, number_width
from desktop_app.reports.payments_data import (
    METHOD_LABELS,
    STATUS_LABELS,
    PaymentListData,
    PaymentRow,
    method_label,
    status_label,
)
from desktop_app.reports.tables import grid_table
from desktop_app.reports.text import fmt_int

__all__ = ["PaymentListRenderer", "method_label", "status_label"]


class PaymentListRenderer(ReportRenderer[PaymentListData]):
    title = N_("Daftar Penerimaan Bantuan Orang Tua Asuh")

    def story(self, data: PaymentListData) -> list[Flowable]:
        period = _("Bulan: {month}").format(month=format_month(data.month.first_day))
        if data.programme_name:
            period += " — " + _("Program: {name}").format(name=escape(data.programme_name))
        scope = (
            _("Semua status pembayaran (dibayar, rencana, batal).")
            if data.include_all
            else _("Hanya pembayaran berstatus dibayar.")
        )
        story: list[Flowable] = [
            *self.letterhead(data.header),
            *self.title_block(_(self.title), period),
            Paragraph(scope, self.styles["note"]),
            Spacer(1, 4),
        ]
        listed = data.listed
        if not data.rows:
            return [*story, self.empty_note(), self.signature_block(data.header)]
        if listed:
            table = self._list(data, listed)
            story.append(table)
            story += self._shortened(table)
        else:
            none_paid = _("Belum ada pembayaran berstatus dibayar.")
            story.append(Paragraph(none_paid, self.styles["note"]))
        story += [
            Spacer(1, 8),
            Paragraph(_("Rekapitulasi menurut status (semua pembayaran bulan ini)"),
                      self.styles["body"]),
            Spacer(1, 3),
            self._status_totals(data),
            Spacer(1, 6),
        ]  # fmt: skip
        words = Paragraph(
            _("Terbilang (jumlah dibayar): <i>{words}</i>").format(
                words=data.total_in_words.capitalize()
            ),
            self.styles["body"],
        )
        count = Paragraph(
            _("Jumlah penerima: {n} anak.").format(
                n=fmt_int(sum(1 for r in listed if r.status != PaymentStatus.CANCELLED))
            ),  # a cancelled row hands nothing over
            self.styles["body"],
        )
        words.keepWithNext = count.keepWithNext = True  # the signatures never stand alone
        return [*story, words, count, self.signature_block(data.header)]

    def _shortened(self, table: PaymentTable) -> list[Flowable]:
        """The names the one-line cells had to shorten ("…"), whole, by row number."""
        if not table.shortened:
            return []
        story: list[Flowable] = [
            Spacer(1, 4),
            Paragraph(_("Nama yang dipendekkan (…) pada daftar, selengkapnya:"),
                      self.styles["note"]),
        ]  # fmt: skip
        for number, texts in table.shortened:
            line = _("No. {number}: {texts}").format(number=number, texts=escape(" — ".join(texts)))
            story.append(Paragraph(line, self.styles["note"]))
        return story

    def _list(self, data: PaymentListData, listed: tuple[PaymentRow, ...]) -> PaymentTable:
        last = fmt_int(len(listed))
        amounts = [format_rupiah(r.amount) for r in listed]
        total = format_rupiah(data.total)
        no_w = number_width([last, "No"])
        amount_w = max(number_width(amounts), number_width([total], bold=True))
        sign_w = max(2.8 * cm, number_width([f"{last}. ............"]))
        # Status/date and method/reference as wide as their widest text (a transfer reference
        # is what the auditor looks up: cut only past 4,5 cm, and then the xlsx has it whole).
        status_w = number_width(
            [
                format_table_date(date(2026, 9, 28)),
                *(format_table_date(r.paid_on) for r in listed),
                *(status_label(s) for s in STATUS_LABELS),
                _("Status"),
                _("Tanggal"),
            ]
        )
        refs = [r.reference for r in listed if r.reference] or ["-"]
        ref_w = min(4.5 * cm, number_width([*refs, *(_(m) for m in METHOD_LABELS.values())]))
        free = CONTENT_WIDTH - no_w - amount_w - sign_w - status_w - ref_w
        widths = [no_w, free * 0.52, free * 0.48, status_w, ref_w, amount_w, sign_w]
        dots = "." * max(12, int((sign_w - 6) / stringWidth(".", CONDENSED, FONT_SIZE) * 0.75) - 8)
        header = ["No", _("Nama anak\nNIK"), _("Penerima\nDesa/Kel."), _("Status\nTanggal"),
                  _("Cara\nReferensi"), pgettext("uang", "Jumlah"), _("Tanda tangan")]  # fmt: skip
        lines = []
        for i, (r, amount) in enumerate(zip(listed, amounts, strict=True), 1):
            number = fmt_int(i)
            cancelled = r.status == PaymentStatus.CANCELLED
            lines.append(
                PaymentLine(
                    number,
                    (
                        (r.child_name, r.nik_masked),
                        (r.receiver, r.desa),
                        (status_label(r.status), format_table_date(r.paid_on) or "-"),
                        (method_label(r.method), r.reference or "-"),
                    ),
                    amount,
                    "—" if cancelled else f"{number}. {dots}",
                    sign_left=i % 2 == 1,
                )
            )
        label = _("Jumlah ({n} anak, tanpa yang batal)") if data.include_all else _("Jumlah")
        counted = sum(1 for r in listed if r.status != PaymentStatus.CANCELLED)
        return PaymentTable(header, lines, widths, (label.format(n=fmt_int(counted)), total))

    def _status_totals(self, data: PaymentListData) -> Flowable:
        rows = [
            [status_label(t.status), fmt_int(t.children), format_rupiah(t.amount)]
            for t in data.by_status
        ]
        planned = sum(t.amount for t in data.by_status if t.status != PaymentStatus.CANCELLED)
        children = sum(t.children for t in data.by_status if t.status != PaymentStatus.CANCELLED)
        rows.append([_("Jumlah (dibayar + rencana)"), fmt_int(children), format_rupiah(planned)])
        texts = [r[2] for r in rows]
        amount_w = number_width(texts, bold=True, size=8) + 4
        table = grid_table(
            [_("Status"), _("Anak"), pgettext("uang", "Jumlah")],
            rows,
            [5.0 * cm, 2.0 * cm, max(3.2 * cm, amount_w)],
            numeric_from=1,
            total_row=True,
        )
        table.hAlign = "LEFT"
        return table
