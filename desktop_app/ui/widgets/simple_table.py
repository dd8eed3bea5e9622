"""A small read-only table for short in-memory lists (history, duplicates, master data).

Big lists use a lazy ``QAbstractTableModel`` (STYLE.md rule 8); these hold tens of rows at most,
so a ``QTableWidget`` filled from plain strings is the simplest thing that works.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.ui.widgets.tables import set_up_list_table

#: A cell is its text, or (text, alignment) for numbers that line up on the right.
Cell = str | tuple[str, Qt.AlignmentFlag]
RIGHT = Qt.AlignmentFlag.AlignRight
WARNING_COLOUR = "#b26a00"


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """A cell's text as the user reads it ("" for a cell that was never filled)."""
    item = table.item(row, column)
    return item.text() if item is not None else ""


class SimpleTable(QTableWidget):
    """Rows of text, whole-row selection, columns sized to content, ``stretch`` column wide."""

    def __init__(
        self, headers: Sequence[str], *, stretch: int = -1, parent: QWidget | None = None
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        set_up_list_table(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch < 0:
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: Sequence[Sequence[Cell]], *, warnings: Sequence[str] = ()) -> None:
        """Replace the contents; a non-empty ``warnings[i]`` colours row i and is its tooltip."""
        self.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            warning = warnings[row] if row < len(warnings) else ""
            for column, cell in enumerate(cells):
                text, align = cell if isinstance(cell, tuple) else (cell, None)
                item = QTableWidgetItem(text)
                if align is not None:
                    item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
                if warning:
                    item.setForeground(QColor(WARNING_COLOUR))
                    item.setToolTip(warning)
                self.setItem(row, column, item)

    def fit_height(self, max_rows: int = 8) -> None:
        """As tall as its rows (at least one, at most ``max_rows``, then it scrolls)."""
        shown = min(max(self.rowCount(), 1), max_rows)
        rows = shown * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(self.horizontalHeader().height() + rows + 2 * self.frameWidth() + 2)

    def texts(self) -> list[list[str]]:
        """Every cell's text, row by row (what the user reads)."""
        return [
            [cell_text(self, r, c) for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]
