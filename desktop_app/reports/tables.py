"""Report tables: the house grid style, and a long-list table that stays fast at 50,000 rows.

Why :class:`LongTable`: a single platypus ``Table`` of n rows is split again and again as pages
fill, each split re-measuring the remainder, so its cost grows with n squared (DESIGN.md: 6.3 s
for 5,000 rows). With fixed row heights the number of rows that fit a space is a division, so
``LongTable.split`` cuts exactly one page's piece off (header repeated) and hands the rest on:
linear time. Each piece paints itself straight on the canvas (one text object, one grid call),
in the same look as :func:`grid_style`, about four times faster than a platypus ``Table`` cell by
cell (50,000-child districts list thousands of rows). Cells are plain strings. A name (of a
child, guardian, posyandu, desa or OPD) is never cut: its column is listed in ``wrap`` and a
name too long for it goes on as many lines as it needs, that row alone growing taller (each row's
height is known before splitting, so splitting stays a walk down the list). Other cells (codes,
dates, numbers, category labels sized to fit) are clipped with an ellipsis if ever too long.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desktop_app.reports.base import escape
from desktop_app.reports.fonts import CONDENSED, CONDENSED_BOLD, register_fonts

__all__ = ["HEADER_GREY", "LongTable", "clip", "grid_style", "grid_table", "wrap_lines"]

HEADER_GREY = colors.HexColor("#E6E6E6")
GROUP_GREY = colors.HexColor("#F0F0F0")
FONT_SIZE = 8
ROW_HEIGHT = 13
LINE_HEIGHT = 9.5  # each further line of a wrapped name
HEADER_HEIGHT = 24
_CELL = ParagraphStyle("grid-cell", fontName=CONDENSED, fontSize=FONT_SIZE, leading=LINE_HEIGHT)
_CELL_BOLD = ParagraphStyle("grid-cell-bold", parent=_CELL, fontName=CONDENSED_BOLD)
_TITLE = ParagraphStyle("grid-title", parent=_CELL_BOLD, alignment=1, leading=9)


def grid_style(
    *,
    numeric_from: int | None = None,
    total_row: bool = False,
    font_size: float = FONT_SIZE,
) -> TableStyle:
    """Thin grid, shaded bold header, numbers right-aligned from column ``numeric_from``,
    optional bold last (total) row."""
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), CONDENSED, font_size),
        ("FONT", (0, 0), (-1, 0), CONDENSED_BOLD, font_size),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"))
    if total_row:
        commands.append(("FONT", (0, -1), (-1, -1), CONDENSED_BOLD, font_size))
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F4F4F4")))
    return TableStyle(commands)


def clip(text: str, width: float, font: str = CONDENSED, size: float = FONT_SIZE) -> str:
    """``text`` shortened with "…" to fit ``width`` points (cell padding already removed)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap_lines(
    text: str, width: float, font: str = CONDENSED, size: float = FONT_SIZE
) -> list[str]:
    """``text`` broken into lines of at most ``width`` points, whole: at spaces, and a single
    word wider than the column at characters (never an ellipsis)."""
    if stringWidth(text, font, size) <= width:
        return [text]
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width):
        while stringWidth(line, font, size) > width and len(line) > 1:  # one overlong word
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _clip_rows(
    rows: Sequence[Sequence[str]], col_widths: Sequence[float], wrap: Sequence[int] = ()
) -> list[list[str]]:
    """Cells clipped to their column, except in the ``wrap`` columns (left whole); a row of
    one cell (a group heading across the table) is left whole."""
    register_fonts()  # measuring needs the fonts, even before any renderer was made
    inner = [w - 6 for w in col_widths]
    return [
        [str(row[0])] if len(row) == 1 else
        [str(cell) if j in wrap else clip(str(cell), w)
         for j, (cell, w) in enumerate(zip(row, inner, strict=True))]
        for row in rows
    ]  # fmt: skip


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    *,
    numeric_from: int | None = None,
    total_row: bool = False,
    wrap: Sequence[int] = (),
) -> Table:
    """A small table (a few hundred rows at most) that may split with its header repeated.

    The ``wrap`` columns hold names: their cells are paragraphs that wrap, never cut (the other
    cells of the row stay centred on the row's height, so totals stay in their columns). Column
    titles wrap too, where a translation is wider than its column."""
    body: list[list[str | Paragraph]] = []
    clipped = _clip_rows(rows, col_widths, wrap)
    for i, row in enumerate(clipped):
        style = _CELL_BOLD if total_row and i == len(clipped) - 1 else _CELL
        # Only a name too long for its column becomes a paragraph: the others stay plain text,
        # on the same baseline as the rest of the row.
        body.append([
            Paragraph(escape(cell), style)
            if j in wrap and stringWidth(cell, style.fontName, FONT_SIZE) > col_widths[j] - 6
            else cell
            for j, cell in enumerate(row)
        ])  # fmt: skip
    titles = [_title(t, w) for t, w in zip(header, col_widths, strict=True)]
    table = Table([titles, *body], colWidths=list(col_widths), repeatRows=1)
    table.setStyle(grid_style(numeric_from=numeric_from, total_row=total_row))
    return table


def _title(text: str, width: float) -> str | Paragraph:
    """A column title as given, or a wrapping paragraph when a line is wider than the column."""
    register_fonts()
    if all(stringWidth(line, CONDENSED_BOLD, FONT_SIZE) <= width - 6 for line in text.split("\n")):
        return text
    return Paragraph(escape(text).replace("\n", "<br/>"), _TITLE)


class LongTable(Flowable):
    """A list of any length, drawn straight on the canvas and cut into one piece per page,
    header repeated (module docstring). Rows are one line high unless a name in a ``wrap``
    column needs more lines. A row of a single cell is a group heading: bold and shaded across
    the whole table, wrapped if long, and never left alone at the foot of a page."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        col_widths: Sequence[float],
        *,
        numeric_from: int | None = None,
        wrap: Sequence[int] = (),
        clipped: bool = False,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.col_widths = list(col_widths)
        self.numeric_from = numeric_from
        self.wrap_columns = tuple(wrap)
        self.rows: Sequence[Sequence[str]] = (
            rows if clipped else _clip_rows(rows, col_widths, self.wrap_columns)
        )
        self.heights = [self._row_height(row) for row in self.rows]

    def _row_height(self, row: Sequence[str]) -> float:
        if len(row) == 1:
            return ROW_HEIGHT + (len(self._heading_lines(row[0])) - 1) * LINE_HEIGHT
        lines = 1
        for j in self.wrap_columns:
            inner = self.col_widths[j] - 6
            if stringWidth(row[j], CONDENSED, FONT_SIZE) > inner:  # the rare long name only
                lines = max(lines, len(wrap_lines(row[j], inner)))
        return ROW_HEIGHT + (lines - 1) * LINE_HEIGHT

    def _heading_lines(self, text: str) -> list[str]:
        return wrap_lines(text, sum(self.col_widths) - 6, CONDENSED_BOLD)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = HEADER_HEIGHT + sum(self.heights)
        return self.width, self.height

    def _piece(self, start: int, stop: int) -> LongTable:
        piece = LongTable.__new__(LongTable)
        Flowable.__init__(piece)
        piece.header, piece.col_widths = self.header, self.col_widths
        piece.numeric_from, piece.wrap_columns = self.numeric_from, self.wrap_columns
        piece.rows, piece.heights = self.rows[start:stop], self.heights[start:stop]
        return piece

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - HEADER_HEIGHT
        fits, used = 0, 0.0
        for height in self.heights:  # stops at the page's end: linear over the whole list
            if used + height > room:
                break
            used += height
            fits += 1
        while 0 < fits < len(self.rows) and len(self.rows[fits - 1]) == 1:
            fits -= 1  # a group heading goes on with its first row
        if fits < min(2, len(self.rows)):  # not even a header and two rows: next page
            return []
        if fits >= len(self.rows):
            return [self]
        return [self._piece(0, fits), self._piece(fits, len(self.rows))]

    def draw(self) -> None:
        canvas = self.canv
        xs = [0.0]
        for width in self.col_widths:
            xs.append(xs[-1] + width)
        top = self.height
        header_bottom = top - HEADER_HEIGHT
        canvas.setFillColor(HEADER_GREY)
        canvas.rect(0, header_bottom, self.width, HEADER_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(CONDENSED_BOLD, FONT_SIZE)
        for j, title in enumerate(self.header):
            lines = title.split("\n")
            y = header_bottom + HEADER_HEIGHT / 2 + (len(lines) - 1) * 4.5 - 2.8
            for line in lines:
                # A title wider than its column (a longer translation) is set smaller to fit.
                room = self.col_widths[j] - 4
                wide = stringWidth(line, CONDENSED_BOLD, FONT_SIZE)
                canvas.setFont(CONDENSED_BOLD, FONT_SIZE * min(1.0, room / wide if wide else 1.0))
                canvas.drawCentredString((xs[j] + xs[j + 1]) / 2, y, line)
                y -= 9
        text = canvas.beginText()
        text.setFont(CONDENSED, FONT_SIZE)
        numeric_from = len(self.header) if self.numeric_from is None else self.numeric_from
        row_top = header_bottom
        ys = [top, header_bottom]
        groups: list[tuple[float, float]] = []  # (top, bottom) of each group heading
        for row, height in zip(self.rows, self.heights, strict=True):
            y = row_top - ROW_HEIGHT + 4
            if len(row) == 1:
                groups.append((row_top, row_top - height))
                canvas.setFillColor(GROUP_GREY)
                canvas.rect(0, row_top - height, self.width, height, stroke=0, fill=1)
                canvas.setFillColor(colors.black)
                text.setFont(CONDENSED_BOLD, FONT_SIZE)
                for k, line in enumerate(self._heading_lines(row[0])):
                    text.setTextOrigin(3, y - k * LINE_HEIGHT)
                    text.textOut(line)
                text.setFont(CONDENSED, FONT_SIZE)
                row_top -= height
                ys.append(row_top)
                continue
            for j, cell in enumerate(row):
                x = xs[j] + 3
                if j >= numeric_from:
                    x = xs[j + 1] - 3 - stringWidth(cell, CONDENSED, FONT_SIZE)
                if j in self.wrap_columns and height > ROW_HEIGHT:
                    for k, line in enumerate(wrap_lines(cell, self.col_widths[j] - 6)):
                        text.setTextOrigin(x, y - k * LINE_HEIGHT)
                        text.textOut(line)
                    continue
                text.setTextOrigin(x, y)
                text.textOut(cell)
            row_top -= height
            ys.append(row_top)
        canvas.drawText(text)
        canvas.setLineWidth(0.4)
        if not groups:
            # grid() draws each vertical line from the first y to the last: top to bottom.
            canvas.grid(xs, ys)
            return
        for y in ys:
            canvas.line(0, y, self.width, y)
        for x in (xs[0], xs[-1]):
            canvas.line(x, top, x, ys[-1])
        # The inner verticals stop at each group heading (it spans the table).
        spans, start = [], top
        for group_top, group_bottom in groups:
            spans.append((start, group_top))
            start = group_bottom
        spans.append((start, ys[-1]))
        for x in xs[1:-1]:
            for upper, lower in spans:
                if upper > lower:
                    canvas.line(x, upper, x, lower)
