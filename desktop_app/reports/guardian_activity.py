"""Laporan kegiatan orang tua asuh: per OPD (offices that have not started stand out) and per
guardian (children fostered, visits this month, last visit, aid paid)."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop_app.core.formatting import format_month, format_nip, format_rupiah, format_table_date
from desktop_app.core.i18n import N_, _
from desktop_app.reports.base import CONTENT_WIDTH, ReportRenderer
from desktop_app.reports.figures import CSR_OTHER_LABEL, reconcile_notes
from desktop_app.reports.fonts import CONDENSED, CONDENSED_BOLD, register_fonts
from desktop_app.reports.guardian_activity_data import GuardianActivityData
from desktop_app.reports.tables import FONT_SIZE, LongTable, grid_table
from desktop_app.reports.text import fmt_int

__all__ = ["GuardianActivityRenderer"]

W = CONTENT_WIDTH


class GuardianActivityRenderer(ReportRenderer[GuardianActivityData]):
    title = N_("Laporan Kegiatan Orang Tua Asuh")

    def story(self, data: GuardianActivityData) -> list[Flowable]:
        period = _("Periode: {month}").format(month=format_month(data.month.first_day))
        story = [*self.letterhead(data.header), *self.title_block(_(self.title), period)]
        story += self._per_opd(data)
        story += self._per_guardian(data)
        story.append(self.signature_block(data.header))
        return story

    def _per_opd(self, data: GuardianActivityData) -> list[Flowable]:
        heading = self.heading(_("A. Rekapitulasi per OPD"))
        if not data.opds:
            return [heading, self.empty_note()]
        rows = [
            [o.code, o.name, fmt_int(o.guardians), fmt_int(o.active_guardians),
             fmt_int(o.children), fmt_int(o.visits), format_rupiah(o.aid_paid)]
            for o in data.opds
        ]  # fmt: skip
        rows.append([_("Jumlah"), "", *(fmt_int(sum(getattr(o, k) for o in data.opds)) for k in
                     ("guardians", "active_guardians", "children", "visits")),
                     format_rupiah(sum(o.aid_paid for o in data.opds))])  # fmt: skip
        header = [_("Kode"), _("Nama OPD"), _("ASN\nterdaftar"), _("ASN\npendamping"),
                  _("Anak\nasuh"), _("Kunjungan"), _("Bantuan\ndibayar")]  # fmt: skip
        fixed = [1.8 * cm, 1.8 * cm, 1.9 * cm, 1.5 * cm, 1.8 * cm, 2.4 * cm]
        widths = [fixed[0], W - sum(fixed), *fixed[1:]]
        table = grid_table(header, rows, widths, numeric_from=2, total_row=True, wrap=(1,))
        notes = [_("ASN terdaftar: ASN aktif (orang tua asuh nonaktif tidak dihitung).")]
        notes += reconcile_notes(sum(o.children for o in data.opds), data.children_with_guardian,
                                 any(o.name == _(CSR_OTHER_LABEL) for o in data.opds))  # fmt: skip
        return [heading, table, Spacer(1, 3), Paragraph(" ".join(notes), self.styles["note"])]

    def _per_guardian(self, data: GuardianActivityData) -> list[Flowable]:
        heading = self.heading(_("B. Rincian per orang tua asuh"))
        if not data.guardians:
            return [heading, self.empty_note()]
        # Grouped by OPD or company (its full name heads the group, across the table), names in
        # order inside: every name whole and the rows one line, as a list of 50,000 needs.
        ordered = sorted(data.guardians, key=lambda g: g.opd.casefold())  # stable: names stay
        rows: list[list[str]] = []
        opd = None
        for i, g in enumerate(ordered, 1):
            if g.opd != opd:
                opd = g.opd
                rows.append([opd])
            rows.append([fmt_int(i), g.name, format_nip(g.nip), fmt_int(g.children),
                         fmt_int(g.visits), format_table_date(g.last_visit) or "-",
                         format_rupiah(g.aid_paid)])  # fmt: skip
        header = [
            "No",
            _("Nama"),
            _("NIP"),
            _("Anak\nasuh"),
            _("Kunjungan\nbulan ini"),
            _("Kunjungan\nterakhir"),
            _("Bantuan\ndibayar"),
        ]
        # The number, NIP, date and amount columns as wide as their widest value or title line
        # (never cut); the name has the room left.
        register_fonts()
        listed = [r for r in rows if len(r) > 1]

        def fit(column: int) -> float:
            titles = header[column].split("\n")
            return max(
                max(stringWidth(t, CONDENSED_BOLD, FONT_SIZE) for t in titles) + 6,
                max(stringWidth(r[column], CONDENSED, FONT_SIZE) for r in listed) + 8,
            )

        widths = [fit(0), 0, fit(2), fit(3), fit(4), fit(5), fit(6)]
        widths[1] = W - sum(widths)
        return [heading, LongTable(header, rows, widths, numeric_from=3, wrap=(1,))]
