"""The audit entries as a table, fetched a page at a time as the user scrolls.

The log grows to millions of rows, so the model never holds the id list: it keeps the pages
loaded so far and asks for the next page (``canFetchMore``/``fetchMore``) through the runner's
``read``. A filter change bumps a generation counter, so a page that arrives for old filters is
dropped. GUI thread only; the queries run on the DB worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop_app.audit.trail import AuditQueryResult, AuditRecord, local_time, query_audit
from desktop_app.core.formatting import format_table_date
from desktop_app.core.i18n import N_, _
from desktop_app.ui.ops import OperationRunner

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200


def _record_text(row: AuditRecord) -> str:
    label = row.record_label or (row.entity_id if row.entity in ("settings",) else "")
    return f"{row.entity_label} · {label}" if label else row.entity_label


def _note_text(row: AuditRecord) -> str:
    if row.summary:
        return row.summary
    fields = ", ".join(change.label for change in row.changes)
    return _("Kolom: {fields}").format(fields=fields) if fields else ""


COLUMNS = (
    (N_("Waktu"), lambda r: f"{format_table_date(local_time(r.at))} {local_time(r.at):%H.%M}"),
    (N_("Pengguna"), lambda r: r.username),
    (N_("Tindakan"), lambda r: r.action_label),
    (N_("Data"), _record_text),
    (N_("Keterangan"), _note_text),
)


class AuditTableModel(QAbstractTableModel):
    """Rows: :class:`AuditRecord`. ``loaded(int total)`` after the first page of a query."""

    loaded = Signal(int)

    def __init__(self, runner: OperationRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.rows: list[AuditRecord] = []
        self.total = 0
        self.filters: dict[str, Any] = {}
        self._generation = 0
        self._fetching = False

    def set_filters(self, **filters: Any) -> None:
        """Query again from the first page with ``filters`` (``query_audit`` keywords)."""
        self.filters = filters
        self._generation += 1
        generation = self._generation
        self._fetching = True
        self._runner.read(
            lambda s: query_audit(s, limit=PAGE_SIZE, offset=0, **filters),
            on_success=lambda result: self._reset(generation, result),
            on_error=lambda _error: self._reset(generation, AuditQueryResult([], 0)),
        )

    def _reset(self, generation: int, result: AuditQueryResult) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self.beginResetModel()
        self.rows, self.total = list(result.rows), result.total
        self.endResetModel()
        self.loaded.emit(self.total)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        generation, offset, filters = self._generation, len(self.rows), self.filters
        self._fetching = True
        self._runner.read(
            lambda s: query_audit(s, limit=PAGE_SIZE, offset=offset, **filters),
            on_success=lambda result: self._append(generation, offset, result),
            on_error=lambda _error: setattr(self, "_fetching", False),
        )

    def _append(self, generation: int, offset: int, result: AuditQueryResult) -> None:
        if generation != self._generation or offset != len(self.rows):
            return
        self._fetching = False
        if not result.rows:
            self.total = len(self.rows)  # entries vanished meanwhile; stop asking
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(result.rows) - 1)
        self.rows.extend(result.rows)
        self.endInsertRows()

    def record_at(self, row: int) -> AuditRecord | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[index.column()][1](self.rows[index.row()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section][0])
        return None
