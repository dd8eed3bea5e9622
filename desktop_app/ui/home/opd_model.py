"""The per-OPD table of Beranda: a small in-memory model fed by ``opd_summaries``.

OPDs with no ASN registered are highlighted: the coordinating office must see who has not sent
its data yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.core.i18n import N_, _
from desktop_app.ui.common.text import format_count
from desktop_app.ui.common.theme import COLOURS

if TYPE_CHECKING:
    from desktop_app.settings.opd import OpdSummary

Index = QModelIndex | QPersistentModelIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class OpdSummaryModel(QAbstractTableModel):
    """Columns: Kode, OPD, ASN terdaftar, Anak diasuh; rows of OPDs without ASN highlighted."""

    HEADERS = (N_("Kode"), N_("OPD"), N_("ASN"), N_("Anak asuh"))
    NUMERIC = (2, 3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OpdSummary] = []

    def set_rows(self, rows: Sequence[OpdSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary_at(self, row: int) -> OpdSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary, column = self._rows[index.row()], index.column()
        missing = summary.asn_count == 0
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                summary.code,
                summary.name,
                format_count(summary.asn_count),
                format_count(summary.children_fostered),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.NUMERIC else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole and missing:
            return QBrush(QColor(COLOURS["warning_bg"]))
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return QBrush(QColor(COLOURS["warning_text"]))
        if role == Qt.ItemDataRole.ToolTipRole:
            if missing:
                return _("{name}: belum mengirim data (belum ada ASN terdaftar).").format(
                    name=summary.name
                )
            return summary.name
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.NUMERIC else _LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
