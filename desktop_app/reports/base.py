"""The base of every PDF report (pretix's invoice renderer pattern, STYLE.md rule 13).

A renderer class per report is fed a plain, frozen data object and never queries. This base
holds what all reports share: A4 page and margins, named paragraph styles on the embedded DejaVu
fonts, the letterhead (district, coordinating office, programme, optional logo, double rule),
the title block, the signature block from the settings, and the footer "Halaman X dari Y"
(a numbered canvas that counts the pages when the document is saved, so no second pass).

Thread: pure Python, safe on the report worker thread. Units: points (1/72 inch), ``cm``.
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.core.formatting import format_date, format_nip
from desktop_app.core.i18n import _
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.reports.fonts import BODY, BOLD, CONDENSED, ITALIC, register_fonts
from desktop_app.reports.header_data import ReportHeader

__all__ = [
    "CONTENT_WIDTH", "DoubleRule", "Heading", "ReportRenderer", "escape", "paragraph_styles",
]  # fmt: skip


class _WithHeader(Protocol):
    """Every report's data carries its letterhead and signature details."""

    @property
    def header(self) -> ReportHeader: ...


DataT = TypeVar("DataT", bound=_WithHeader)

PAGE_SIZE = A4
MARGIN_LEFT = 2.0 * cm
MARGIN_RIGHT = 1.8 * cm
MARGIN_TOP = 1.5 * cm
MARGIN_BOTTOM = 1.8 * cm
FRAME_PADDING = 6  # platypus frames keep 6 pt inside each edge
CONTENT_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT - 2 * FRAME_PADDING
#: Space above the signature block (its first row's top padding: the block is one table row).
SIGN_GAP = 0.4 * cm


def paragraph_styles() -> dict[str, ParagraphStyle]:
    """Named styles: ``kop1``-``kop3`` (letterhead), ``title``, ``period``, ``h2``, ``body``,
    ``small``, ``cell``, ``note``, ``sign``."""
    register_fonts()

    def style(name: str, font: str = BODY, size: float = 9.5, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.25, **kw)

    return {
        "kop1": style("kop1", BOLD, 13, alignment=TA_CENTER),
        "kop2": style("kop2", BOLD, 12, alignment=TA_CENTER),
        "kop3": style("kop3", BODY, 10, alignment=TA_CENTER),
        "kop4": style("kop4", BODY, 8.5, alignment=TA_CENTER),
        "title": style("title", BOLD, 12, alignment=TA_CENTER, spaceBefore=6),
        "period": style("period", BODY, 10, alignment=TA_CENTER, spaceAfter=10),
        "h2": style("h2", BOLD, 10.5, spaceBefore=10, spaceAfter=4),
        "body": style("body", BODY, 9.5, alignment=TA_LEFT),
        "small": style("small", BODY, 8),
        "cell": style("cell", CONDENSED, 8),
        "note": style("note", ITALIC, 8, textColor=colors.HexColor("#333333")),
        "sign": style("sign", BODY, 9.5, alignment=TA_CENTER),
        "right": style("right", BODY, 9.5, alignment=TA_RIGHT),
        "banner": style(
            "banner",
            BOLD,
            11,
            alignment=TA_CENTER,
            borderColor=colors.black,
            borderWidth=1,
            borderPadding=4,
            spaceBefore=2,
            spaceAfter=8,
        ),
        "stamp": style("stamp", BODY, 8, alignment=TA_CENTER, spaceAfter=4),
    }


class DoubleRule(Flowable):
    """The thick-over-thin double line under an Indonesian government letterhead."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 5

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setLineWidth(2)
        self.canv.line(0, 4, self.width, 4)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0.5, self.width, 0.5)


class Heading(Paragraph):
    """A section heading that moves to the next page unless the start of its section fits too.

    ``keepWithNext`` would glue the heading to the whole following table, and platypus then
    starts every table longer than the space left on a new page; asking for a fixed room below
    the heading (a note and a few rows) avoids both an orphan heading and half-empty pages.
    """

    MIN_ROOM = 3.5 * cm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        if avail_height < self.MIN_ROOM:
            return width, avail_height + 1  # too tall here: the frame moves it on
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [] if avail_height < self.MIN_ROOM else super().split(avail_width, avail_height)


def _numbered_canvas(footer_left: str, footer_second: str = "") -> type[Canvas]:
    """A canvas class that writes "Halaman X dari Y" on every page once all pages are known;
    ``footer_second`` (the month's closing stamp or SEMENTARA) goes on a line under the footer."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's private API; no stub

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.setFont(CONDENSED, 7.5)
            self.setStrokeColor(colors.grey)
            self.setLineWidth(0.4)
            y = MARGIN_BOTTOM - 0.6 * cm
            left, right = MARGIN_LEFT + FRAME_PADDING, PAGE_SIZE[0] - MARGIN_RIGHT - FRAME_PADDING
            self.line(left, y + 9, right, y + 9)
            page_text = _("Halaman {page} dari {total}").format(
                page=self.getPageNumber(), total=total
            )
            self.drawRightString(right, y, page_text)
            # The English title is longer: shrink the left text rather than run into the page.
            room = right - left - stringWidth(page_text, CONDENSED, 7.5) - 12
            size = 7.5
            while size > 5.5 and stringWidth(footer_left, CONDENSED, size) > room:
                size -= 0.25
            self.setFont(CONDENSED, size)
            self.drawString(left, y, footer_left)
            if footer_second:
                self.drawString(left, y - 9, footer_second)
            self.restoreState()

    return NumberedCanvas


class ReportRenderer(ABC, Generic[DataT]):
    """One report's PDF. Subclasses set ``title`` and implement :meth:`story`."""

    #: The document title, printed in capitals under the letterhead and in the PDF metadata;
    #: marked with ``N_()`` and translated when the PDF is rendered.
    title: str = ""

    def __init__(self) -> None:
        self.styles = paragraph_styles()

    # -- to override ------------------------------------------------------------------------
    @abstractmethod
    def story(self, data: DataT) -> list[Flowable]:
        """The report's flowables, letterhead and signature included (use the helpers)."""

    def header_of(self, data: DataT) -> ReportHeader:
        return data.header

    # -- rendering ------------------------------------------------------------------------------
    def render(self, data: DataT, progress: ProgressFn = no_progress) -> bytes:
        """The PDF as bytes. Reports progress ``(done, 2, label)`` around the layout pass."""
        progress(0, 2, _("Menyusun isi laporan"))
        flowables = self.story(data)
        progress(1, 2, _("Menata halaman"))
        buffer = io.BytesIO()
        header = self.header_of(data)
        document = SimpleDocTemplate(
            buffer,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=_(self.title),
            author=header.coordinating_office,
            creator="Asuh",
        )
        footer = _("{district} · {title} · dicetak {date}").format(
            district=header.district_name,
            title=_(self.title).capitalize(),
            date=format_date(header.printed_on),
        )
        second = ""
        if header.closure is not None:
            second = _("Bulan ditutup {date} · sidik SHA-256 {hash}").format(
                date=format_date(header.closure.closed_at), hash=header.closure.sha256[:16]
            )
        elif header.provisional_until is not None:
            second = _("LAPORAN SEMENTARA - data s.d. {date}").format(
                date=format_date(header.provisional_until)
            )
        document.build(flowables, canvasmaker=_numbered_canvas(footer, second))
        progress(2, 2, _("Selesai"))
        return buffer.getvalue()

    def render_to(self, data: DataT, path: str | Path, progress: ProgressFn = no_progress) -> Path:
        """Write the PDF to ``path`` (written whole at the end: no half file on error)."""
        pdf = self.render(data, progress)
        target = Path(path)
        target.write_bytes(pdf)
        return target

    # -- shared blocks ------------------------------------------------------------------------
    def letterhead(self, header: ReportHeader) -> list[Flowable]:
        """District, coordinating office and programme, centred and bold, logo on the left,
        with the double rule under it."""
        s = self.styles
        lines = [
            Paragraph(
                _("PEMERINTAH {district}").format(district=header.district_name.upper()), s["kop1"]
            ),
            Paragraph(header.coordinating_office.upper(), s["kop2"]),
            Paragraph(header.programme_label, s["kop3"]),
        ]
        contact = contact_line(header)
        if contact:
            lines.append(Paragraph(escape(contact), s["kop4"]))
        logo = self._logo(header.logo_path)
        if logo is None:
            block = Table([[lines]], colWidths=[CONTENT_WIDTH])
        else:
            side = 2.2 * cm
            block = Table([[logo, lines, ""]], colWidths=[side, CONTENT_WIDTH - 2 * side, side])
        block.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [block, Spacer(1, 3), DoubleRule(CONTENT_WIDTH), Spacer(1, 8),
                *self.month_state(header)]  # fmt: skip

    def month_state(self, header: ReportHeader) -> list[Flowable]:
        """The running month's "LAPORAN SEMENTARA" banner, or a closed month's stamp (who closed
        it, when, and the first characters of the snapshot's SHA-256)."""
        if header.provisional_until is not None:
            text = _("LAPORAN SEMENTARA - data s.d. {date}").format(
                date=format_date(header.provisional_until)
            )
            return [Paragraph(text, self.styles["banner"])]
        if header.closure is not None:
            stamp = header.closure
            text = _("Bulan sudah ditutup oleh {user} pada {date}; angka dari data tutup bulan "
                     "(sidik SHA-256 {hash}).").format(
                user=escape(stamp.closed_by), date=format_date(stamp.closed_at),
                hash=stamp.sha256[:16],
            )  # fmt: skip
            return [Paragraph(text, self.styles["stamp"])]
        return []

    @staticmethod
    def _logo(path: str) -> Flowable | None:
        if not path or not Path(path).is_file():
            return None
        try:
            image = Image(path)
        except Exception:
            return None
        side = 2.0 * cm
        ratio = min(side / image.imageWidth, side / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * ratio, image.imageHeight * ratio
        return image

    def title_block(self, title: str, subtitle: str) -> list[Flowable]:
        """The document title in capitals and its period line ("Periode: November 2026")."""
        return [
            Paragraph(title.upper(), self.styles["title"]),
            Paragraph(subtitle, self.styles["period"]),
        ]

    def heading(self, text: str) -> Paragraph:
        return Heading(text, self.styles["h2"])

    def empty_note(self) -> Paragraph:
        return Paragraph(_("Tidak ada data untuk periode ini."), self.styles["note"])

    def signature_block(self, header: ReportHeader) -> Flowable:
        """ "Dibuat oleh" with name and NIP on the left, "Mengetahui, <jabatan>, <nama>, NIP"
        on the right.

        One table with a fixed row per line (place, greeting, title, room to sign, name, NIP):
        when one side's title wraps onto two lines its row grows on both sides, so the two
        names and NIPs stay level. Missing names print as dotted lines to be filled in by hand,
        as on paper forms. The block never splits (:class:`_Unbroken`); it is not a
        ``KeepTogether``, so that a report can keep it with what precedes it (``keepWithNext``
        or its own ``KeepTogether``: ReportLab measures a ``KeepTogether`` nested in another as
        infinitely tall)."""
        s = self.styles
        dots = "(" + "." * 40 + ")"
        head_name = f"<u><b>{escape(header.head_name)}</b></u>" if header.head_name else dots
        maker = f"<u><b>{escape(header.prepared_by)}</b></u>" if header.prepared_by else dots
        place = _("{district}, {date}").format(
            district=_place_name(header.district_name), date=format_date(header.printed_on)
        )

        def nip_line(nip: str) -> str:
            return _("NIP {nip}").format(nip=format_nip(nip) or "." * 30)

        rows = [
            ["", escape(place)],
            [_("Dibuat oleh,"), _("Mengetahui,")],
            [
                _("Petugas {office}").format(office=escape(header.coordinating_office)),
                escape(header.head_title),
            ],
            ["", ""],
            [maker, head_name],
            [escape(nip_line(header.prepared_by_nip)), escape(nip_line(header.head_nip))],
        ]
        cells = [
            [Paragraph(left, s["sign"]) if left else "", "",
             Paragraph(right, s["sign"]) if right else ""]
            for left, right in rows
        ]  # fmt: skip
        side = 7 * cm
        table = _Unbroken(
            cells,
            colWidths=[side, CONTENT_WIDTH - 2 * side, side],
            rowHeights=[None, None, None, 1.4 * cm, None, None],
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, 0), SIGN_GAP),
                ]
            )
        )
        return table


class _Unbroken(Table):
    """A table that moves to the next page whole instead of splitting (the signatures)."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []


def contact_line(header: ReportHeader) -> str:
    """The letterhead's address line: "Jl. Merdeka No. 1 · Telp. (0719) 21234 · Email x@y"."""
    parts = [header.office_address]
    if header.office_phone:
        parts.append(_("Telp. {phone}").format(phone=header.office_phone))
    if header.office_email:
        parts.append(_("Email {email}").format(email=header.office_email))
    return " · ".join(p for p in parts if p)


def _place_name(district: str) -> str:
    """ "Kabupaten Belitung" -> "Belitung" for the place line above the signature."""
    for prefix in ("Kabupaten ", "Kota ", "Kab. "):
        if district.startswith(prefix):
            return district[len(prefix) :]
    return district


def escape(text: str) -> str:
    """Paragraph text is mini-HTML: escape names such as "A & B"."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
