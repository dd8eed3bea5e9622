"""The import preview's table: every row of the file with its status and reasons.

A preview holds at most one entry per row of the file (10,000 is normal), all already in
memory as plain :class:`~desktop_app.importing.RowResult`, so a flat ``QAbstractTableModel``
serves them directly; ``problems_only`` narrows to refused rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.core.i18n import N_, _
from desktop_app.importing import STATUS_LABELS, RowResult

__all__ = ["STATUS_COLOURS", "PreviewModel"]

#: Background and text colour per status (soft tints readable on the light theme).
STATUS_COLOURS = {
    "ok": ("#ecfdf5", "#065f46"),
    "rejected": ("#fef2f2", "#991b1b"),
    "duplicate": ("#fffbeb", "#92400e"),
}
_HEADERS = (N_("Baris"), N_("Status"), N_("Data"), N_("Alasan"))
Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[RowResult] = []
        self._rows: list[RowResult] = []
        self._problems_only = False

    def set_results(self, rows: Sequence[RowResult]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._rows = self._filtered()
        self.endResetModel()

    def set_problems_only(self, on: bool) -> None:
        self.beginResetModel()
        self._problems_only = on
        self._rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[RowResult]:
        return [r for r in self._all if not r.ok] if self._problems_only else list(self._all)

    def result_at(self, row: int) -> RowResult:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return _(_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        result, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            reasons = "\n".join(result.reasons) if result.reasons else "–"
            return (str(result.row), _(STATUS_LABELS[result.status]), result.summary, reasons)[
                column
            ]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLOURS[result.status][0]))
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor(STATUS_COLOURS[result.status][1]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
