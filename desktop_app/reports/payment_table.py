"""The signed payment list as one flowable: fixed two-line rows, any length, never a cut number.

Like :class:`desktop_app.reports.tables.LongTable` (linear splitting, drawn straight on the
canvas) but with rows tall enough for a hand signature, two text lines per cell (name over NIK,
receiver over desa, status over date, method over reference) and a bold total row under the last
piece. Column widths of numbers are measured from the widest number actually printed (the row
number of the last row, the largest amount, the total), so "50.000" and "Rp22.500.000.000" fit
whatever the length of the list. A name too long for its column (child, receiver, desa) takes a
second line, the cell's three lines then set closer together inside the same fixed row height
(fixed so that 50,000 rows split in linear time). Only a name longer than that is shortened with
"…"; the table keeps the full texts of those rows (``shortened``) and the renderer prints them
whole under the list, so no name is lost from the signed paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop_app.reports.fonts import CONDENSED, CONDENSED_BOLD, register_fonts
from desktop_app.reports.tables import HEADER_GREY, clip, wrap_lines

__all__ = ["PaymentLine", "PaymentTable", "number_width"]

FONT_SIZE = 7.5
ROW_HEIGHT = 0.9 * cm  # room for a hand signature
HEADER_HEIGHT = 24
TOTAL_HEIGHT = 16
PAD = 3
NAME_COLUMNS = 2  # the first two text columns hold names (child / NIK, receiver / desa)
#: Baselines below the row's top: two lines, or three when a name takes a second line.
_TWO_LINES = (10.0, 20.0)
_THREE_LINES = (8.5, 16.3, 24.1)


@dataclass(frozen=True)
class PaymentLine:
    """One printed row: ``cells`` are (top, bottom) text pairs, a single text stands alone."""

    number: str
    #: The two-line columns, (top, bottom); once fitted, a name cell may hold three lines.
    cells: tuple[tuple[str, ...], ...]
    amount: str
    signature: str
    sign_left: bool


def number_width(texts: Sequence[str], *, bold: bool = False, size: float = FONT_SIZE) -> float:
    """The column width (padding included) the widest of ``texts`` needs, plus 2 pt spare."""
    register_fonts()
    font = CONDENSED_BOLD if bold else CONDENSED
    return max(stringWidth(t, font, size) for t in texts) + 2 * PAD + 2


def _fit_names(pair: Sequence[str], width: float) -> tuple[str, ...] | None:
    """A (name, second) cell on two lines, or on three when one text needs two lines; None when
    they need more than three (then they are clipped)."""
    upper = wrap_lines(pair[0], width, CONDENSED, FONT_SIZE)
    lower = wrap_lines(pair[1], width, CONDENSED, FONT_SIZE)
    if len(upper) + len(lower) > 3:
        return None
    return (*upper, *lower)


class PaymentTable(Flowable):
    """Header repeated on every page; the total row goes with the last piece."""

    def __init__(
        self,
        header: Sequence[str],
        lines: Sequence[PaymentLine],
        col_widths: Sequence[float],
        total: tuple[str, str] | None,
        *,
        clipped: bool = False,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.col_widths = list(col_widths)
        #: (row number, the texts shortened on that row, whole) for the list's footnote.
        self.shortened: list[tuple[str, list[str]]] = []
        self.lines = lines if clipped else [self._clipped(line) for line in lines]
        self.total = total

    def _clipped(self, line: PaymentLine) -> PaymentLine:
        inner = [w - 2 * PAD for w in self.col_widths[1:-2]]
        cells: list[tuple[str, ...]] = []
        cut: list[str] = []
        for j, (pair, w) in enumerate(zip(line.cells, inner, strict=True)):
            fitted = _fit_names(pair, w) if j < NAME_COLUMNS else None
            if fitted is None:
                fitted = tuple(clip(text, w, size=FONT_SIZE) for text in pair)
                cut += [whole for whole, text in zip(pair, fitted, strict=True) if text != whole]
            cells.append(fitted)
        sig = clip(line.signature, self.col_widths[-1] - 2 * PAD, size=FONT_SIZE)
        if cut:
            self.shortened.append((line.number, cut))
        return PaymentLine(line.number, tuple(cells), line.amount, sig, line.sign_left)

    def _height(self, rows: int, with_total: bool) -> float:
        return HEADER_HEIGHT + ROW_HEIGHT * rows + (TOTAL_HEIGHT if with_total else 0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = self._height(len(self.lines), self.total is not None)
        return self.width, self.height

    def _piece(self, lines: Sequence[PaymentLine], total: tuple[str, str] | None) -> PaymentTable:
        return PaymentTable(self.header, lines, self.col_widths, total, clipped=True)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int((avail_height - HEADER_HEIGHT) // ROW_HEIGHT)
        if fits < 2:
            return []
        if self._height(len(self.lines), self.total is not None) <= avail_height:
            return [self]
        if fits >= len(self.lines):  # all rows fit but not the total: keep two rows for it
            fits = len(self.lines) - 2
        return [self._piece(self.lines[:fits], None), self._piece(self.lines[fits:], self.total)]

    def draw(self) -> None:
        c = self.canv
        xs = [0.0]
        for width in self.col_widths:
            xs.append(xs[-1] + width)
        top = self.height
        header_bottom = top - HEADER_HEIGHT
        c.setFillColor(HEADER_GREY)
        c.rect(0, header_bottom, self.width, HEADER_HEIGHT, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont(CONDENSED_BOLD, FONT_SIZE)
        for j, title in enumerate(self.header):
            parts = title.split("\n")
            y = header_bottom + HEADER_HEIGHT / 2 + (len(parts) - 1) * 4.5 - 2.6
            for part in parts:
                c.drawCentredString((xs[j] + xs[j + 1]) / 2, y, part)
                y -= 9
        text = c.beginText()
        text.setFont(CONDENSED, FONT_SIZE)
        amount_col = len(self.col_widths) - 2
        row_top = header_bottom
        for line in self.lines:
            middle = row_top - ROW_HEIGHT / 2 - 2.6
            self._right(text, xs[1] - PAD, middle, line.number)
            for j, lines in enumerate(line.cells, 1):
                baselines = _THREE_LINES if len(lines) == 3 else _TWO_LINES
                for below, part in zip(baselines[: len(lines)], lines, strict=True):
                    text.setTextOrigin(xs[j] + PAD, row_top - below)
                    text.textOut(part)
            self._right(text, xs[amount_col + 1] - PAD, middle, line.amount)
            sig_x = xs[-2] + PAD
            if not line.sign_left:
                sig_x = xs[-1] - PAD - stringWidth(line.signature, CONDENSED, FONT_SIZE)
            text.setTextOrigin(sig_x, row_top - ROW_HEIGHT + 6)
            text.textOut(line.signature)
            row_top -= ROW_HEIGHT
        c.drawText(text)
        c.setLineWidth(0.4)
        ys = [top] + [header_bottom - i * ROW_HEIGHT for i in range(len(self.lines) + 1)]
        c.grid(xs, ys)
        if self.total is not None:
            bottom = row_top - TOTAL_HEIGHT
            c.setFillColor(colors.HexColor("#F4F4F4"))
            c.rect(0, bottom, self.width, TOTAL_HEIGHT, stroke=0, fill=1)
            c.setFillColor(colors.black)
            c.rect(0, bottom, self.width, TOTAL_HEIGHT, stroke=1, fill=0)
            for x in (xs[amount_col], xs[amount_col + 1]):
                c.line(x, bottom, x, row_top)
            c.setFont(CONDENSED_BOLD, FONT_SIZE)
            label, amount = self.total
            c.drawString(PAD, bottom + 5, label)
            c.drawRightString(xs[amount_col + 1] - PAD, bottom + 5, amount)

    @staticmethod
    def _right(text: object, right: float, y: float, value: str) -> None:
        text.setTextOrigin(right - stringWidth(value, CONDENSED, FONT_SIZE), y)  # type: ignore[attr-defined]
        text.textOut(value)  # type: ignore[attr-defined]
