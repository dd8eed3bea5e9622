"""The visit round sheet as a PDF: one table per posyandu, rows tall enough to write in.

Each row names the child and the mother, the family's phone, the guardian and their phone and
why the child is on the list; the last three columns are left empty for the weight (kg), the
length or height (cm) measured on the round and the family's or cadre's signature. The
letterhead, "Halaman X dari Y" and the signature block come from
:class:`~desktop_app.reports.base.ReportRenderer`. A group's table repeats its header on each
page; the fixed row height makes platypus split it in one division per page. Pure Python:
renders on the side thread.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from desktop_app.core.formatting import format_count, format_month, format_table_date
from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.followup.lists import FollowUpRow
from desktop_app.followup.round_sheet import RoundGroup, RoundSheet
from desktop_app.reports.base import CONTENT_WIDTH, ReportRenderer, escape
from desktop_app.reports.fonts import CONDENSED
from desktop_app.reports.tables import clip, grid_style, wrap_lines

__all__ = ["COLUMN_WIDTHS", "RoundSheetRenderer"]

#: No, child and mother, family phone, guardian and phone, reason, kg, cm, signature.
#: 13-digit phones whole; kg, cm and signature as wide as their titles ("height (cm)", "Signature").
_FIXED = [0.7 * cm, 2.4 * cm, 3.7 * cm, 1.2 * cm, 1.85 * cm, 1.55 * cm]
_WIDTHS = [
    _FIXED[0],
    (CONTENT_WIDTH - sum(_FIXED)) * 0.55,  # child and mother
    _FIXED[1],
    (CONTENT_WIDTH - sum(_FIXED)) * 0.45,  # guardian and phone
    *_FIXED[2:],
]
COLUMN_WIDTHS = tuple(_WIDTHS)
ROW_HEIGHT = 1.1 * cm  # up to three lines of print, or one handwritten figure
HEADER_HEIGHT = 0.8 * cm
#: (font size, leading) a name cell tries in turn until its lines fit the fixed row height.
_NAME_SIZES = ((8.0, 9.0), (8.0, 8.3), (7.0, 7.4), (6.0, 6.2))
_CELL_PADDING = 6.0  # grid_style: 1.5 pt above, 2.5 pt below, and 2 pt for the descenders


class RoundSheetRenderer(ReportRenderer[RoundSheet]):
    title = N_("Daftar Kunjungan Tindak Lanjut")

    def story(self, data: RoundSheet) -> list[Flowable]:
        period = " · ".join((data.list_title, format_month(data.month), data.area_label))
        story: list[Flowable] = [
            *self.letterhead(data.header),
            *self.title_block(_(self.title), escape(period)),
            Paragraph(
                _(
                    "Tanggal kunjungan: ....................    Petugas/kader: "
                    "........................................    Jumlah anak: {n}"
                ).format(n=format_count(data.count)),
                self.styles["body"],
            ),  # fmt: skip
            Spacer(1, 4),
        ]
        if not data.groups:
            story.append(Paragraph(_("Tidak ada anak di daftar ini."), self.styles["note"]))
        for group in data.groups:
            story += self._group(group, data.date_title)
        story.append(self.signature_block(data.header))
        return story

    def __init__(self) -> None:
        super().__init__()
        # The reason and the names wrap (a cadre must read them whole); a phone is clipped.
        self.reason_style = ParagraphStyle("reason", fontName=CONDENSED, fontSize=7.5, leading=9)
        self.name_styles = [
            ParagraphStyle(f"name{size}", fontName=CONDENSED, fontSize=size, leading=leading)
            for size, leading in _NAME_SIZES
        ]

    def _group(self, group: RoundGroup, date_title: str) -> list[Flowable]:
        n = len(group.rows)
        count = ngettext("{n} anak", "{n} anak", n).format(n=format_count(n))
        heading = self.heading(escape(f"{group.title} ({count})"))
        header = self.header(date_title)
        body = [self._cells(number, row) for number, row in enumerate(group.rows, start=1)]
        table = Table(
            [header, *body],
            colWidths=_WIDTHS,
            rowHeights=[HEADER_HEIGHT] + [ROW_HEIGHT] * len(body),
            repeatRows=1,
        )
        style = grid_style()
        style.add("ALIGN", (0, 1), (0, -1), "RIGHT")
        style.add("VALIGN", (0, 1), (-1, -1), "MIDDLE")
        style.add("BACKGROUND", (5, 1), (-1, -1), colors.HexColor("#FBFBF6"))
        table.setStyle(style)
        return [heading, table, Spacer(1, 6)]

    @staticmethod
    def header(date_title: str) -> list[str]:
        """The column titles (two lines at most: the header row is 0.8 cm)."""
        return [
            _("No"), _("Nama anak\nNama ibu"), _("HP keluarga"), _("Orang tua asuh\nHP"),
            _("Keterangan\n{date}").format(date=date_title), _("Berat\n(kg)"),
            _("Panjang/\ntinggi (cm)"), _("Paraf"),
        ]  # fmt: skip

    def _names(self, first: str, second: str, width: float) -> Paragraph:
        """Two texts (a name over the mother's name, or the guardian over a phone), each on
        its own line(s), whole: a long name wraps, in a smaller size if the row needs it."""
        for style in self.name_styles:
            size = float(style.fontSize)
            lines = len(wrap_lines(first, width, CONDENSED, size))
            lines += len(wrap_lines(second, width, CONDENSED, size))
            if lines * style.leading <= ROW_HEIGHT - _CELL_PADDING:
                break
        return Paragraph(f"{escape(first)}<br/>{escape(second)}", style)

    def _cells(self, number: int, row: FollowUpRow) -> list[str | Flowable]:
        place = row.place
        when = format_table_date(row.on) or "–"

        def two(first: str, second: str, column: int) -> Paragraph:
            return self._names(first, second, _WIDTHS[column] - 6)

        return [
            format_count(number),
            two(row.child_name, _("Ibu: {name}").format(name=place.mother_name or "–"), 1),
            clip(place.family_phone or "–", _WIDTHS[2] - 6),
            two(row.guardian_name, place.guardian_phone or "–", 3),
            Paragraph(f"{escape(row.value)}<br/>{escape(when)}", self.reason_style),
            "",
            "",
            "",
        ]
