"""The frame of every big list: title and count, search box, filters, actions, table.

Subclasses say what to list (:meth:`make_source`), which columns, which Changes make them
stale, what a row opens and what "new" does; the frame does searching (debounced), SQL sorting
by header click, the count label, the empty state and refresh-by-listening.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.changes import Changes
from desktop_app.ui.common.columns import Column
from desktop_app.ui.common.debounce import Debouncer
from desktop_app.ui.common.empty_state import EmptyState
from desktop_app.ui.common.icons import icon
from desktop_app.ui.common.lazy_model import LazyTableModel, RowRole, RowSource, SessionFactory
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.tables import set_up_list_table


class ListPage(QWidget):
    """Base of the Anak / Orang Tua Asuh / Penugasan lists.

    Signals: ``populated(int)`` after each reload with the number of matching rows.
    """

    populated = Signal(int)

    #: Which broadcast changes make this list stale.
    watched_changes: Changes = Changes.ALL
    default_sort = "name"

    def __init__(
        self,
        runner: OperationRunner,
        *,
        title: str,
        search_placeholder: str,
        columns: Sequence[Column],
        sessions: SessionFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("listPage")
        self.model = LazyTableModel(
            columns,
            None,  # the subclass's filters do not exist yet; reload() sets the source
            runner=runner,
            sessions=sessions or runner.sessions,
            default_sort=self.default_sort,
            parent=self,
        )
        self.model.refreshed.connect(self._on_refreshed)

        self._pending_select: Any = None  # a saved record to select once the list is re-read
        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("countLabel")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(search_placeholder)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setMinimumWidth(340)
        self.search_box.setMaximumWidth(480)
        self._debouncer = Debouncer(self.apply_filters, parent=self)
        self.search_box.textChanged.connect(lambda _t: self._debouncer.trigger())
        self.search_box.returnPressed.connect(self._debouncer.flush)

        self.table = self._make_table(columns)
        self.empty_state = EmptyState("", icon_name="search")
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_state)

        self.filter_row = QHBoxLayout()
        self.filter_row.setSpacing(8)
        self.second_filter_row = QHBoxLayout()
        self.second_filter_row.setSpacing(8)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(8)
        self._build_layout()
        self._watcher = StaleWatcher(self, runner, self.watched_changes, self.reload)

    # -- for subclasses -----------------------------------------------------------------------
    def make_source(self) -> RowSource:
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def empty_text(self, filtered: bool) -> tuple[str, str]:
        """(title, hint) shown instead of the table when nothing matches."""
        raise NotImplementedError

    def is_filtered(self) -> bool:
        return bool(self.search_box.text().strip())

    def open_row(self, row: Any) -> None:
        """Double-click or Enter on a row (``row`` is its dataclass)."""

    def new_record(self) -> None:
        """Ctrl+N / the "Tambah" button."""

    def reload_choices(self) -> None:
        """Refill filter choice lists (called with every reload)."""

    # -- behaviour ----------------------------------------------------------------------------
    def add_action_button(self, text: str, icon_name: str, slot, *, primary=False) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        if primary:
            button.setObjectName("primaryButton")
        button.clicked.connect(slot)
        self.action_row.addWidget(button)
        return button

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def apply_filters(self) -> None:
        """Re-query with the current search text and filters (SQL does the work)."""
        self.model.set_source(self.make_source())

    def reload(self) -> None:
        """Data changed (or first show): refill the choices and re-read the list from SQL."""
        self.reload_choices()
        self.model.source = self.make_source()
        self.model.refresh()

    def flush_search(self) -> None:
        """Run a pending debounced search now (Enter does the same)."""
        self._debouncer.flush()

    def selected_row(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return None
        return self.model.data(self.model.index(index.row(), 0), RowRole)

    def select_id(self, record_id: Any) -> bool:
        """Select and scroll to the row of ``record_id`` (a UUID); if the list has not been
        re-read since the save, it is selected once the refresh in flight arrives."""
        self._pending_select = record_id
        return self._select_pending()

    def _select_pending(self) -> bool:
        record_id = self._pending_select
        if record_id is None:
            return False
        wanted = {str(record_id), getattr(record_id, "hex", str(record_id))}
        for row, row_id in enumerate(self.model.ids):
            if row_id in wanted:
                index = self.model.index(row, 0)
                self.table.selectRow(row)
                self.table.scrollTo(index)
                self._pending_select = None
                return True
        return False

    def visible_texts(self, column: int = 0) -> list[str]:
        """The texts of one column for every row (tests and small lists only)."""
        return [self.model.data(self.model.index(r, column)) for r in range(self.model.rowCount())]

    # -- internals ----------------------------------------------------------------------------
    def _make_table(self, columns: Sequence[Column]) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        set_up_list_table(table, row_height=32)
        header = table.horizontalHeader()
        for i, column in enumerate(columns):
            table.setColumnWidth(i, column.width)
            if column.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(not any(c.stretch for c in columns))
        sort_column = self.model.column_of_sort_key(self.default_sort)
        header.setSortIndicator(max(sort_column, 0), Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.activated.connect(self._activated)
        return table

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 10)
        layout.setSpacing(12)
        heading = QHBoxLayout()
        heading.addWidget(self.title_label)
        heading.addStretch(1)
        heading.addLayout(self.action_row)
        layout.addLayout(heading)
        tools = QHBoxLayout()
        tools.setSpacing(8)
        tools.addWidget(self.search_box, 2)
        tools.addLayout(self.filter_row)
        tools.addStretch(1)
        layout.addLayout(tools)
        second = QHBoxLayout()
        second.addLayout(self.second_filter_row)
        second.addStretch(1)
        layout.addLayout(second)
        layout.addWidget(self.body, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        layout.addLayout(footer)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.data(self.model.index(index.row(), 0), RowRole)
        if row is not None:
            self.open_row(row)

    def _on_refreshed(self, count: int) -> None:
        self.count_label.setText(self.count_text(count))
        self._select_pending()
        if count:
            self.body.setCurrentWidget(self.table)
        else:
            self.empty_state.set_text(*self.empty_text(self.is_filtered()))
            self.body.setCurrentWidget(self.empty_state)
        self.populated.emit(count)
