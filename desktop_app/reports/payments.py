"""Daftar penerimaan bantuan: who receives how much this month, with room to sign.

The signature column is left empty for the recipient (the parent); the numbered signature
lines alternate left and right as on Indonesian attendance and receipt lists, so neighbouring
signatures never collide. Totals in figures and in words (:mod:`terbilang`).
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from desktop_app.core.formatting import format_month, format_rupiah
from desktop_app.core.i18n import N_, _, pgettext
from desktop_app.reports.base import CONTENT_WIDTH, ReportRenderer, escape
from desktop_app.reports.payments_data import PaymentListData
from desktop_app.reports.tables import clip, grid_style
from desktop_app.reports.text import fmt_int

__all__ = ["PaymentListRenderer"]

_ROW_HEIGHT = 0.9 * cm  # room for a hand signature


class PaymentListRenderer(ReportRenderer[PaymentListData]):
    title = N_("Daftar Penerimaan Bantuan Orang Tua Asuh")

    def story(self, data: PaymentListData) -> list[Flowable]:
        period = _("Bulan: {month}").format(month=format_month(data.month.first_day))
        if data.programme_name:
            period += " — " + _("Program: {name}").format(name=escape(data.programme_name))
        story: list[Flowable] = [
            *self.letterhead(data.header),
            *self.title_block(_(self.title), period),
        ]
        if not data.rows:
            return [*story, self.empty_note(), self.signature_block(data.header)]
        widths = [0.9 * cm, 3.4 * cm, 2.6 * cm, 3.0 * cm, 2.2 * cm, 2.1 * cm]
        widths.append(CONTENT_WIDTH - sum(widths))
        header = ["No", _("Nama anak"), _("NIK"), _("Nama ibu /\npenerima"), _("Desa/Kel."),
                  pgettext("uang", "Jumlah"), _("Tanda tangan")]  # fmt: skip
        body = []
        for i, r in enumerate(data.rows, 1):
            cells = [fmt_int(i), r.child_name, r.nik_masked, r.mother_name, r.desa,
                     format_rupiah(r.amount)]  # fmt: skip
            cells = [clip(c, w - 6) for c, w in zip(cells, widths, strict=False)]
            body.append([*cells, f"{i}. ................"])
        total = [_("Jumlah"), "", "", "", "", format_rupiah(data.total), ""]
        table = Table(
            [header, *body, total],
            colWidths=widths,
            rowHeights=[0.8 * cm] + [_ROW_HEIGHT] * len(body) + [0.7 * cm],
            repeatRows=1,
        )
        style = grid_style(numeric_from=5, total_row=True, font_size=8.5)
        for row in range(1, len(body) + 1):  # odd rows sign left, even rows right
            style.add("ALIGN", (6, row), (6, row), "LEFT" if row % 2 else "RIGHT")
        style.add("SPAN", (0, -1), (4, -1))
        table.setStyle(style)
        words = Paragraph(
            _("Terbilang: <i>{words}</i>").format(words=data.total_in_words.capitalize()),
            self.styles["body"],
        )
        count = Paragraph(
            _("Jumlah penerima: {n} anak.").format(n=fmt_int(len(data.rows))), self.styles["body"]
        )
        words.keepWithNext = count.keepWithNext = True  # the signatures never stand alone
        return [*story, table, Spacer(1, 6), words, count, self.signature_block(data.header)]
