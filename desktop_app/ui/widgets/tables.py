"""The look every list in Asuh shares: whole rows, read only, quiet grid, left-aligned headings.

Twelve screens used to copy the same eight ``QTableView`` calls, each a little differently (some
with a grid, some with row numbers, one still editable by a double click). One function keeps
the lists alike; a screen only adds what is its own (column widths, the stretched column).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

#: Row height of every list (room for the 10-point UI font and the focus frame).
ROW_HEIGHT = 30


def set_up_list_table(
    table: QTableView,
    *,
    multi_select: bool = False,
    word_wrap: bool = False,
    row_height: int = ROW_HEIGHT,
    display_only: bool = False,
) -> None:
    """Whole-row selection (several rows with ``multi_select``), no editing, alternating rows,
    no grid and no row numbers; long text is elided unless ``word_wrap``. A ``display_only``
    table (Beranda's summaries) takes no keyboard focus, so no focus frame sits on a cell."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(word_wrap)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = table.verticalHeader()
    rows.setVisible(False)
    if not word_wrap:
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(row_height)
    if display_only:
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
