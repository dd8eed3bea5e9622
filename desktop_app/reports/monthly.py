"""Laporan bulanan: the monthly summary a district head signs (renderer only, never queries).

Sections A-J: key figures and the 12-month trend (first page), prevalence, SKDN, status
distribution chart, per kecamatan/desa, SKDN by kecamatan > desa > posyandu, per OPD (OPDs
without ASN included), children needing attention by severity, programme outcomes. The newer
sections are built in :mod:`desktop_app.reports.monthly_sections`.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from desktop_app.core.formatting import (
    format_month,
    format_percent,
    format_rupiah,
    format_short_date,
)
from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.reports.base import CONTENT_WIDTH, ReportRenderer, escape
from desktop_app.reports.charts import distribution_chart
from desktop_app.reports.figures import CSR_OTHER_LABEL, reconcile_notes
from desktop_app.reports.fonts import BOLD
from desktop_app.reports.monthly_model import KeyFigures, MonthlySummaryData
from desktop_app.reports.monthly_sections import (
    attention_section,
    outcomes_section,
    prevalence_section,
    skdn_area_section,
    trend_section,
)
from desktop_app.reports.tables import LongTable, grid_table
from desktop_app.reports.text import fmt_change, fmt_int, fmt_ratio

__all__ = ["MonthlySummaryRenderer"]

W = CONTENT_WIDTH


class MonthlySummaryRenderer(ReportRenderer[MonthlySummaryData]):
    title = N_("Laporan Bulanan Program Orang Tua Asuh Cegah Stunting")

    def story(self, data: MonthlySummaryData) -> list[Flowable]:
        period = _("Periode: {month}").format(month=format_month(data.month.first_day))
        if data.programme_name:
            period += " — " + _("Program: {name}").format(name=escape(data.programme_name))
        story: list[Flowable] = [
            *self.letterhead(data.header),
            *self.title_block(_(self.title), period),
        ]
        if data.is_empty:
            story.append(self.empty_note())
        story += self._key_figures(data.figures, running=data.header.provisional_until is not None)
        if data.last_month_closed:
            story.append(
                Paragraph(
                    _("Bulan lalu: angka laporan {month} yang sudah ditutup.").format(
                        month=format_month(data.month.previous().first_day)
                    ),
                    self.styles["note"],
                )
            )
        story += trend_section(data, self.heading(_("B. Tren 12 bulan terakhir")))
        story += prevalence_section(
            data, self.heading(_("C. Prevalensi status gizi (pengukuran terakhir bulan ini)")),
            self.styles["note"],
        )  # fmt: skip
        story += self._skdn(data)
        story += self._chart(data)
        story += self._areas(data)
        story += skdn_area_section(
            data, self.heading(_("G. SKDN per kecamatan, desa/kelurahan dan posyandu")),
            self.styles["note"],
        )  # fmt: skip
        story += self._opds(data)
        story += attention_section(
            data, self.heading(_("I. Anak yang perlu perhatian")), self.styles["note"],
            self._subheading,
        )  # fmt: skip
        story += outcomes_section(
            data, self.heading(_("J. Hasil program")), self.styles["note"], self._subheading
        )
        story += self._corrections(data)
        story.append(self.signature_block(data.header))
        return story

    @property
    def _subheading(self) -> ParagraphStyle:
        return ParagraphStyle("h3", parent=self.styles["h2"], fontName=BOLD, fontSize=9,
                              leading=11.5, spaceBefore=6, spaceAfter=3)  # fmt: skip

    def _key_figures(self, f: KeyFigures, *, running: bool = False) -> list[Flowable]:
        def with_last_month(n: int, last: int, change: int) -> str:
            if running:  # a running month's count is incomplete: no month-on-month change
                return fmt_int(n)
            return _("{n} (bulan lalu {last}; {change})").format(
                n=fmt_int(n), last=fmt_int(last), change=fmt_change(change)
            )

        rows = [
            (_("Anak berisiko stunting terdaftar"), fmt_int(f.registered)),
            (_("Anak dengan orang tua asuh"), fmt_int(f.with_guardian)),
            (_("Cakupan pendampingan"), format_percent(f.with_guardian, f.registered)),
            (_("Penugasan baru bulan ini"), fmt_int(f.new_assignments)),
            (_("Penugasan berakhir bulan ini"), fmt_int(f.ended_assignments)),
            (_("Kunjungan dilakukan / target"),
             f"{fmt_int(f.visits_done)} / {fmt_int(f.visits_due)} "
             f"({format_percent(f.visits_done, f.visits_due)})"),
            (_("Anak diukur bulan ini"), fmt_int(f.measured)),
            (_("Anak stunting (pendek dan sangat pendek)"),
             with_last_month(f.stunted, f.stunted_last_month, f.stunted_change)),
            (_("Anak sangat pendek"),
             with_last_month(f.severely_stunted, f.severely_stunted_last_month,
                             f.severely_stunted_change)),
            (_("Bantuan direncanakan"),
             _("{amount} ({n} anak)").format(amount=format_rupiah(f.aid_planned),
                                             n=fmt_int(f.aid_children_planned))),
            (_("Bantuan sudah dibayar"),
             _("{amount} ({n} anak)").format(amount=format_rupiah(f.aid_paid),
                                             n=fmt_int(f.aid_children_paid))),
            (_("Bantuan belum dibayar"), format_rupiah(f.aid_outstanding)),
        ]  # fmt: skip
        numbered = [(str(i), label, value) for i, (label, value) in enumerate(rows, 1)]
        table = grid_table(
            ["No", _("Uraian"), _("Jumlah")], numbered, [1 * cm, W - 7 * cm, 6 * cm],
            numeric_from=2,
        )  # fmt: skip
        return [self.heading(_("A. Ringkasan")), table]

    def _skdn(self, data: MonthlySummaryData) -> list[Flowable]:
        s = data.skdn
        counts = grid_table(
            ["S", "K", "D", "N", "T", "O", "B", "2T", "BGM"],
            [[fmt_int(v) for v in (s.s, s.k, s.d, s.n, s.t, s.o, s.b, s.two_t, s.bgm)]],
            [W / 9] * 9,
            numeric_from=0,
        )
        ratios = grid_table(
            ["K/S", "D/S", "D/K", "N/D", "N/D'", "N/S", "BGM/D", "2T/D", "T/D"],
            [[fmt_ratio(v) for v in (s.k_s, s.d_s, s.d_k, s.n_d, s.n_d_prime, s.n_s,
                                     s.bgm_d, s.two_t_d, s.t_d)]],
            [W / 9] * 9,
            numeric_from=0,
        )  # fmt: skip
        note = Paragraph(
            _("S = balita terdaftar dalam program (0–59 bulan; bukan seluruh balita wilayah); K: "
              "memiliki KMS/Buku KIA; D: ditimbang bulan ini; N: naik berat badannya sesuai KBM; "
              "T: tidak naik; O: tidak ditimbang bulan lalu; B: baru pertama ditimbang; 2T: dua "
              "kali berturut-turut tidak naik; BGM: BB/U di bawah -3 SD. D/K: yang ditimbang di "
              "antara pemilik KMS/Buku KIA (paling tinggi 100%). D' = D − O − B (yang ditimbang "
              "bulan ini dan bulan lalu)."),
            self.styles["note"],
        )  # fmt: skip
        return [self.heading(_("D. Indikator SKDN")), counts, Spacer(1, 4), ratios,
                Spacer(1, 3), note]  # fmt: skip

    def _chart(self, data: MonthlySummaryData) -> list[Flowable]:
        heading = self.heading(_("E. Sebaran status gizi (pengukuran terakhir bulan ini)"))
        if not any(d.total for d in data.distributions):
            return [heading, self.empty_note()]
        charts = [distribution_chart(d, W) for d in data.distributions]
        return [KeepTogether([heading, charts[0]]), *charts[1:]]

    def _areas(self, data: MonthlySummaryData) -> list[Flowable]:
        heading = self.heading(_("F. Rincian per kecamatan dan desa/kelurahan"))
        if not data.areas:
            return [heading, self.empty_note()]
        rows = [
            [a.kecamatan, a.desa, fmt_int(a.registered), fmt_int(a.with_guardian),
             format_percent(a.with_guardian, a.registered), fmt_int(a.measured),
             fmt_int(a.stunted), fmt_int(a.visits_done), fmt_int(a.visits_due)]
            for a in data.areas
        ]  # fmt: skip

        def total(name: str) -> int:
            return sum(getattr(a, name) for a in data.areas)

        rows.append([
            _("Jumlah"), "", fmt_int(total("registered")), fmt_int(total("with_guardian")),
            format_percent(total("with_guardian"), total("registered")),
            *(fmt_int(total(k)) for k in ("measured", "stunted", "visits_done", "visits_due")),
        ])  # fmt: skip
        header = [_("Kecamatan"), _("Desa/Kelurahan"), _("Terdaftar"), _("Ada\npendamping"),
                  _("Cakupan"), _("Diukur"), _("Stunting"), _("Kunjungan"),
                  _("Target\nkunjungan")]  # fmt: skip
        widths = [0, 0, 1.5 * cm, 1.8 * cm, 1.5 * cm, 1.3 * cm, 1.5 * cm, 1.7 * cm, 1.7 * cm]
        rest = W - sum(widths)
        widths[0], widths[1] = rest * 0.48, rest * 0.52
        return [heading, grid_table(header, rows, widths, numeric_from=2, total_row=True,
                                    wrap=(0, 1))]  # fmt: skip

    def _opds(self, data: MonthlySummaryData) -> list[Flowable]:
        heading = self.heading(_("H. Rincian per OPD"))
        if not data.opds:
            return [heading, self.empty_note()]
        rows = [
            [o.code, o.name, fmt_int(o.asn_registered), fmt_int(o.asn_fostering),
             fmt_int(o.children), fmt_int(o.visits_done)]
            for o in data.opds
        ]  # fmt: skip
        rows.append([_("Jumlah"), "", *(fmt_int(sum(getattr(o, k) for o in data.opds)) for k in
                     ("asn_registered", "asn_fostering", "children", "visits_done"))])  # fmt: skip
        header = [_("Kode"), _("Nama OPD"), _("ASN\nterdaftar"), _("ASN\npendamping"),
                  _("Anak\nasuh"), _("Kunjungan")]  # fmt: skip
        fixed = [1.8 * cm, 1.9 * cm, 1.9 * cm, 1.6 * cm, 1.8 * cm]
        widths = [fixed[0], W - sum(fixed), *fixed[1:]]
        notes = [_("OPD dengan 0 ASN pendamping belum menyerahkan data orang tua asuh.")]
        notes += reconcile_notes(sum(o.children for o in data.opds), data.figures.with_guardian,
                                 any(o.name == _(CSR_OTHER_LABEL) for o in data.opds))  # fmt: skip
        note = Paragraph(" ".join(notes), self.styles["note"])
        # An OPD's full name wraps in its cell (never cut); the counts stay in their columns.
        table = grid_table(header, rows, widths, numeric_from=2, total_row=True, wrap=(1,))
        return [heading, table, Spacer(1, 3), note]

    def _corrections(self, data: MonthlySummaryData) -> list[Flowable]:
        """Edits to closed months made after their closure (``reports.corrections``)."""
        if not data.corrections_total:
            return []
        heading = self.heading(_("Koreksi setelah tutup bulan"))
        rows = [
            [format_month(c.month.first_day), c.record, c.subject,
             format_short_date(c.on) or "-", format_short_date(c.changed_on), c.change]
            for c in data.corrections
        ]  # fmt: skip
        header = [_("Bulan"), _("Data"), _("Nama anak"), _("Tanggal data"), _("Diubah pada"),
                  _("Perubahan")]  # fmt: skip
        widths = [2.8 * cm, 2.0 * cm, 0, 2.3 * cm, 2.3 * cm, 2.0 * cm]
        widths[2] = W - sum(widths)
        text = ngettext(
            "Data bulan yang sudah ditutup diubah setelah penutupan: {n} catatan. Laporan bulan "
            "tersebut tetap dicetak dari angka tutup bulan.",
            "Data bulan yang sudah ditutup diubah setelah penutupan: {n} catatan. Laporan bulan "
            "tersebut tetap dicetak dari angka tutup bulan.",
            data.corrections_total,
        ).format(n=fmt_int(data.corrections_total))
        if data.corrections_total > len(data.corrections):
            text += " " + _("Yang ditampilkan {shown} catatan pertama.").format(
                shown=fmt_int(len(data.corrections))
            )
        return [heading, Paragraph(text, self.styles["note"]), Spacer(1, 3),
                LongTable(header, rows, widths, numeric_from=None, wrap=(2, 5))]  # fmt: skip
