"""Kartu anak: one child's identity, guardian, latest status, growth charts and visit history.

The NIK and No. KK arrive already masked unless the caller asked for them in full (UU 27/2022).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop_app.core.codes import PaymentStatus
from desktop_app.core.formatting import (
    format_date,
    format_month,
    format_number,
    format_rupiah,
    format_table_date,
)
from desktop_app.core.i18n import N_, _, pgettext
from desktop_app.growth import Sex, format_z
from desktop_app.growth.age import DAYS_PER_MONTH
from desktop_app.growth.tables import who_tables
from desktop_app.labels.stored_codes import code_label
from desktop_app.reports.base import CONTENT_WIDTH, ReportRenderer, escape
from desktop_app.reports.child_card_data import ChildCardData, VisitLine
from desktop_app.reports.fonts import BOLD, CONDENSED
from desktop_app.reports.growth_chart import growth_chart
from desktop_app.reports.kms_chart import ChartPoint, kms_chart, window
from desktop_app.reports.payments_data import method_label, status_label
from desktop_app.reports.tables import LongTable, grid_table
from desktop_app.reports.text import fmt_int

__all__ = ["ChildCardRenderer", "weight_for_length_points"]

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
            KeepTogether(
                [*self._history(data), *self._aid(data), self.signature_block(data.header)]
            ),
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
            (_("Tanggal keluar"), format_date(d.exit_date) if d.exit_date else _("Masih aktif")),
            (_("Alasan keluar"), code_label("children", "exit_reason", d.exit_reason) or "-"),
        ]  # fmt: skip
        rows = [[label, ":", Paragraph(escape(value), self.styles["small"])]
                for label, value in pairs]  # fmt: skip
        half = (len(rows) + 1) // 2
        left, right = rows[:half], rows[half:] + [["", "", ""]] * (2 * half - len(rows))
        table = Table(
            [a + b for a, b in zip(left, right, strict=True)],
            colWidths=[2.9 * cm, 0.3 * cm, W / 2 - 3.2 * cm] * 2,
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
        """KMS weight-for-age and weight-for-length/height (blue boys, pink girls, SD bands, N/T
        at each month's weighing), then length/height-for-age."""
        tables = who_tables()
        sex = Sex.MALE if d.sex == "L" else Sex.FEMALE
        weighed = [v for v in d.visits if v.weight_kg is not None]
        age_points = [ChartPoint(v.age_days / DAYS_PER_MONTH, v.weight_kg, v.mark)
                      for v in weighed if v.weight_kg is not None]  # fmt: skip
        size = (W / 2 - 4, 5.8 * cm)
        weight_for_age = kms_chart(
            _("KMS berat badan menurut umur (kg)"), _("Umur (bulan)"), tables.weight, sex,
            age_points, *size, x_range=window([p.x for p in age_points], (0, 60), 6, 24),
            x_step=6 if age_points and age_points[-1].x - age_points[0].x > 18 else 3,
            by_age=True,
        )  # fmt: skip
        older, pairs = weight_for_length_points(d.visits)
        table, lengths = (tables.wfh, (65.0, 120.0)) if older else (tables.wfl, (45.0, 110.0))
        title = (
            _("Berat menurut tinggi badan (kg)") if older else _("Berat menurut panjang badan (kg)")
        )
        weight_for_length = kms_chart(
            title, _("Tinggi badan (cm)") if older else _("Panjang badan (cm)"), table, sex,
            pairs, *size, x_range=window([p.x for p in pairs], lengths, 5, 20), x_step=5,
            by_age=False,
        )  # fmt: skip
        months = [(v.age_days / DAYS_PER_MONTH, v) for v in d.visits]
        height_points = [(m, v.lenhei_adjusted_cm) for m, v in months
                         if v.lenhei_adjusted_cm is not None]  # fmt: skip
        height = growth_chart(_("Panjang/tinggi badan menurut umur"), "cm", tables.length, sex,
                              height_points, W / 2 - 4, 5.0 * cm)  # fmt: skip
        legend = Paragraph(
            _("Pita warna: kuning -3 s.d. -2 SD dan +2 s.d. +3 SD; hijau muda -2 s.d. -1 SD dan "
              "+1 s.d. +2 SD; hijau -1 s.d. +1 SD. Huruf pada titik penimbangan: N naik, T tidak "
              "naik (di bawah KBM), 2T dua kali berturut-turut tidak naik, O tidak ditimbang "
              "bulan lalu, B baru pertama kali ditimbang. Titik di luar rentang grafik tidak "
              "digambar; sumbu mendatar menampilkan rentang umur dan panjang/tinggi anak.") + " "
            + _("Panjang/tinggi pada grafik seperti pada z-skor: panjang badan di bawah 24 bulan, "
                "tinggi badan sejak 24 bulan; * = diukur pada posisi lain, disesuaikan 0,7 cm."),
            self.styles["small"],
        )  # fmt: skip
        return Table([[weight_for_age, weight_for_length], [height, legend]],
                     colWidths=[W / 2, W / 2], style=[
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 1), (-1, 1), 6)])  # fmt: skip

    def _history(self, d: ChildCardData) -> list[Flowable]:
        heading = self.heading(_("D. Riwayat kunjungan dan pengukuran"))
        if not d.visits:
            return [heading, Paragraph(_("Belum ada kunjungan."), self.styles["note"])]
        rows = [
            [fmt_int(i), format_table_date(v.on), f"{v.age_months}",
             format_number(v.weight_kg) or "-", format_number(v.lenhei_cm) or "-", v.mark or "-",
             format_z(v.zlen) or "-", v.tbu or "-", format_z(v.zwei) or "-", v.bbu or "-",
             _place_and_guardian(v.place, v.guardian)]
            for i, v in enumerate(d.visits, 1)
        ]  # fmt: skip
        header = ["No", _("Tanggal"), _("Umur\n(bln)"), _("BB\n(kg)"), _("PB/TB\n(cm)"), "N/T",
                  _("TB/U\n(z)"), _("Kategori TB/U"), _("BB/U\n(z)"), _("Kategori BB/U"),
                  _("Tempat /\npendamping")]  # fmt: skip
        # Dates whole on one line ("22 Sept 2026"), the categories too ("Berat badan sangat
        # kurang"; they would wrap if ever longer); the guardian's name wraps, never cut.
        widths = [0.7 * cm, 1.95 * cm, 0.95 * cm, 1.17 * cm, 1.0 * cm, 0.7 * cm, 0.9 * cm, 2.2 * cm,
                  0.9 * cm, 3.7 * cm]  # fmt: skip
        widths.append(W - sum(widths))
        return [heading, LongTable(header, rows, widths, numeric_from=None, wrap=(7, 9, 10))]

    def _aid(self, d: ChildCardData) -> list[Flowable]:
        heading = self.heading(_("E. Riwayat bantuan"))
        if not d.aid:
            return [heading, Paragraph(_("Belum ada bantuan."), self.styles["note"])]
        rows = [
            [format_month(a.month), a.programme, status_label(a.status),
             format_table_date(a.paid_on) or "-", method_label(a.method), a.reference or "-",
             format_rupiah(a.amount)]
            for a in d.aid
        ]  # fmt: skip
        paid = sum(a.amount for a in d.aid if a.status == PaymentStatus.PAID)
        rows.append([_("Jumlah dibayar"), "", "", "", "", "", format_rupiah(paid)])
        header = [_("Bulan"), _("Program"), _("Status"), _("Tanggal\nbayar"), _("Cara"),
                  _("Referensi"), pgettext("uang", "Jumlah")]  # fmt: skip
        widths = [2.6 * cm, 0, 1.5 * cm, 2.0 * cm, 1.5 * cm, 3.3 * cm, 2.3 * cm]
        widths[1] = W - sum(widths)
        table = grid_table(header, rows, widths, numeric_from=6, total_row=True, wrap=(1,))
        return [heading, table]


def weight_for_length_points(visits: Sequence[VisitLine]) -> tuple[bool, list[ChartPoint]]:
    """Whether the chart is weight-for-height (the last visit at 24 months or more), and its
    points: as the z-score, the length/height after WHO's 0.7 cm position adjustment, lengths
    (under 24 months) on the length curves only, heights on the height curves only; "*" marks a
    point measured in the other position and adjusted."""
    older = bool(visits) and visits[-1].is_height
    points = [
        ChartPoint(v.lenhei_adjusted_cm, v.weight_kg, "*" if v.position_adjusted else "")
        for v in visits
        if v.weight_kg is not None and v.lenhei_adjusted_cm is not None and v.is_height == older
    ]
    return older, points


def _place_and_guardian(place: str, guardian: str) -> str:
    """``Rumah: Budi Santoso``: where the visit was and who made it (one column: the table has
    no room for two)."""
    where = code_label("visits", "place", place) or "-"
    return where if guardian in ("", "-") else f"{where}: {guardian}"
