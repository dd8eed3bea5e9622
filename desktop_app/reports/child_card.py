"""Kartu anak: one child's identity, guardian, latest status, growth charts and visit history.

The NIK and No. KK arrive already masked unless the caller asked for them in full (UU 27/2022).
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop_app.core.formatting import format_date, format_number, format_table_date
from desktop_app.core.i18n import N_, _
from desktop_app.growth import Sex, format_z
from desktop_app.growth.tables import who_tables
from desktop_app.labels.stored_codes import code_label
from desktop_app.reports.base import CONTENT_WIDTH, ReportRenderer, escape
from desktop_app.reports.child_card_data import ChildCardData
from desktop_app.reports.fonts import BOLD, CONDENSED
from desktop_app.reports.growth_chart import growth_chart
from desktop_app.reports.tables import LongTable, grid_table
from desktop_app.reports.text import fmt_int

__all__ = ["ChildCardRenderer"]

W = CONTENT_WIDTH


class ChildCardRenderer(ReportRenderer[ChildCardData]):
    title = N_("Kartu Anak Program Orang Tua Asuh")

    def story(self, data: ChildCardData) -> list[Flowable]:
        subtitle = _("Dicetak: {date}").format(date=format_date(data.header.printed_on))
        return [
            *self.letterhead(data.header),
            *self.title_block(_(self.title), subtitle),
            self.heading(_("A. Identitas anak")),
            self._identity(data),
            self.heading(_("B. Status gizi terakhir")),
            self._latest(data),
            self.heading(_("C. Grafik pertumbuhan (standar WHO 2006)")),
            self._charts(data),
            # The history moves to the next page with the signatures rather than leave them
            # alone on a page of their own (a long history still splits across pages).
            KeepTogether([*self._history(data), self.signature_block(data.header)]),
        ]

    def _identity(self, d: ChildCardData) -> Table:
        pairs = [
            (_("Nama"), d.name), (_("NIK"), d.nik),
            (_("No. KK"), d.no_kk), (_("Jenis kelamin"), code_label("children", "sex", d.sex)),
            (_("Tanggal lahir"), format_date(d.birth_date)), (_("Nama ibu"), d.mother_name),
            (_("Nama ayah"), d.father_name), (_("Alamat"), d.address),
            (_("Desa/Kelurahan"), d.desa), (_("Kecamatan"), d.kecamatan),
            (_("Posyandu"), d.posyandu),
            (_("Status awal"), code_label("children", "enrolment_status", d.enrolment_status)),
            (_("Terdaftar sejak"), format_date(d.enrolled_on)),
            (_("Orang tua asuh"), d.guardian), (_("OPD"), d.guardian_opd),
        ]  # fmt: skip
        rows = [[label, ":", Paragraph(escape(value), self.styles["small"])]
                for label, value in pairs]  # fmt: skip
        half = (len(rows) + 1) // 2
        left, right = rows[:half], rows[half:] + [["", "", ""]] * (2 * half - len(rows))
        table = Table(
            [a + b for a, b in zip(left, right, strict=True)],
            colWidths=[2.6 * cm, 0.3 * cm, W / 2 - 2.9 * cm] * 2,
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), CONDENSED, 8),
                    ("FONT", (0, 0), (0, -1), BOLD, 8),
                    ("FONT", (3, 0), (3, -1), BOLD, 8),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return table

    def _latest(self, d: ChildCardData) -> Flowable:
        v = d.latest
        if v is None:
            return Paragraph(_("Belum ada pengukuran."), self.styles["note"])
        rows = [
            [_("PB/U–TB/U"), format_z(v.zlen) or "-", v.tbu or "-"],
            [_("BB/U"), format_z(v.zwei) or "-", v.bbu or "-"],
            [_("BB/PB–BB/TB"), format_z(v.zwfl) or "-", v.bbtb or "-"],
        ]
        intro = Paragraph(
            _("Pengukuran {date} (umur {months} bulan): berat {w} kg, panjang/tinggi {h} cm.")
            .format(date=format_date(v.on), months=v.age_months,
                    w=format_number(v.weight_kg) or "-", h=format_number(v.lenhei_cm) or "-"),
            self.styles["small"],
        )  # fmt: skip
        table = grid_table([_("Indikator"), _("Z-skor"), _("Kategori")], rows,
                           [4 * cm, 2.5 * cm, 6 * cm])  # fmt: skip
        table.hAlign = "LEFT"
        return Table([[intro], [Spacer(1, 2)], [table]], colWidths=[W], style=[
            ("LEFTPADDING", (0, 0), (-1, -1), 0)])  # fmt: skip

    def _charts(self, d: ChildCardData) -> Table:
        tables = who_tables()
        sex = Sex.MALE if d.sex == "L" else Sex.FEMALE
        months = [(v.age_days / 30.4375, v) for v in d.visits]
        height_points = [(m, v.lenhei_cm) for m, v in months if v.lenhei_cm is not None]
        weight_points = [(m, v.weight_kg) for m, v in months if v.weight_kg is not None]
        size = (W / 2 - 4, 5.4 * cm)
        charts = [
            growth_chart(_("Panjang/tinggi badan menurut umur"), "cm", tables.length, sex,
                         height_points, *size),
            growth_chart(_("Berat badan menurut umur"), "kg", tables.weight, sex,
                         weight_points, *size),
        ]  # fmt: skip
        return Table([charts], colWidths=[W / 2, W / 2], style=[
            ("LEFTPADDING", (0, 0), (-1, -1), 0)])  # fmt: skip

    def _history(self, d: ChildCardData) -> list[Flowable]:
        heading = self.heading(_("D. Riwayat kunjungan dan pengukuran"))
        if not d.visits:
            return [heading, Paragraph(_("Belum ada kunjungan."), self.styles["note"])]
        rows = [
            [fmt_int(i), format_table_date(v.on), f"{v.age_months}",
             format_number(v.weight_kg) or "-", format_number(v.lenhei_cm) or "-",
             format_z(v.zlen) or "-", v.tbu or "-", format_z(v.zwei) or "-", v.bbu or "-",
             v.guardian]
            for i, v in enumerate(d.visits, 1)
        ]  # fmt: skip
        header = ["No", _("Tanggal"), _("Umur\n(bln)"), _("BB\n(kg)"), _("PB/TB\n(cm)"),
                  _("TB/U\n(z)"), _("Kategori TB/U"), _("BB/U\n(z)"), _("Kategori BB/U"),
                  _("Pendamping")]  # fmt: skip
        # "Berat badan sangat kurang" and "22 Nov 2026" whole (clip() would cut them).
        widths = [0.8 * cm, 2.0 * cm, 1.0 * cm, 1.1 * cm, 1.2 * cm, 1.1 * cm, 2.4 * cm, 1.1 * cm,
                  3.7 * cm]  # fmt: skip
        widths.append(W - sum(widths))
        return [heading, LongTable(header, rows, widths, numeric_from=None)]
