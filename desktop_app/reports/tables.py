"""Report tables: the house grid style, and a long-list table that stays fast at 50,000 rows.

Why :class:`LongTable`: a single platypus ``Table`` of n rows is split again and again as pages
fill, each split re-measuring the remainder, so its cost grows with n squared (DESIGN.md: 6.3 s
for 5,000 rows). With fixed row heights the number of rows that fit a space is a division, so
``LongTable.split`` cuts exactly one page's piece off (header repeated) and hands the rest on:
linear time. Each piece paints itself straight on the canvas (one text object, one grid call),
in the same look as :func:`grid_style`, about four times faster than a platypus ``Table`` cell by
cell (50,000-child districts list thousands of rows). Cells are plain strings, clipped to their
column with an ellipsis so that a row can never grow taller than its fixed height.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from desktop_app.reports.fonts import CONDENSED, CONDENSED_BOLD, register_fonts

__all__ = ["HEADER_GREY", "LongTable", "clip", "grid_style", "grid_table"]

HEADER_GREY = colors.HexColor("#E6E6E6")
FONT_SIZE = 8
ROW_HEIGHT = 13
HEADER_HEIGHT = 24


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


def _clip_rows(rows: Sequence[Sequence[str]], col_widths: Sequence[float]) -> list[list[str]]:
    register_fonts()  # measuring needs the fonts, even before any renderer was made
    inner = [w - 6 for w in col_widths]
    return [[clip(str(cell), w) for cell, w in zip(row, inner, strict=True)] for row in rows]


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    *,
    numeric_from: int | None = None,
    total_row: bool = False,
) -> Table:
    """A small table (a few hundred rows at most) that may split with its header repeated."""
    table = Table(
        [list(header), *_clip_rows(rows, col_widths)],
        colWidths=list(col_widths),
        repeatRows=1,
    )
    table.setStyle(grid_style(numeric_from=numeric_from, total_row=total_row))
    return table


class LongTable(Flowable):
    """A list of any length, drawn straight on the canvas in fixed-height rows and cut into
    one piece per page, header repeated (module docstring)."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        col_widths: Sequence[float],
        *,
        numeric_from: int | None = None,
        clipped: bool = False,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.rows = rows if clipped else _clip_rows(rows, col_widths)
        self.col_widths = list(col_widths)
        self.numeric_from = numeric_from

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = HEADER_HEIGHT + ROW_HEIGHT * len(self.rows)
        return self.width, self.height

    def _piece(self, rows: Sequence[Sequence[str]]) -> LongTable:
        return LongTable(
            self.header, rows, self.col_widths, numeric_from=self.numeric_from, clipped=True
        )

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int((avail_height - HEADER_HEIGHT) // ROW_HEIGHT)
        if fits < 2:  # not even a header and two rows: move the whole list to the next page
            return []
        if fits >= len(self.rows):
            return [self]
        return [self._piece(self.rows[:fits]), self._piece(self.rows[fits:])]

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
                canvas.drawCentredString((xs[j] + xs[j + 1]) / 2, y, line)
                y -= 9
        text = canvas.beginText()
        text.setFont(CONDENSED, FONT_SIZE)
        numeric_from = len(self.header) if self.numeric_from is None else self.numeric_from
        y = header_bottom - ROW_HEIGHT + 4
        for row in self.rows:
            for j, cell in enumerate(row):
                x = xs[j] + 3
                if j >= numeric_from:
                    x = xs[j + 1] - 3 - stringWidth(cell, CONDENSED, FONT_SIZE)
                text.setTextOrigin(x, y)
                text.textOut(cell)
            y -= ROW_HEIGHT
        canvas.drawText(text)
        canvas.setLineWidth(0.4)
        # grid() draws each vertical line from the first y to the last: keep them top to bottom.
        ys = [top] + [header_bottom - i * ROW_HEIGHT for i in range(len(self.rows) + 1)]
        canvas.grid(xs, ys)
