"""A table model over the ids of a SQL query, loading row data lazily (STYLE.md rule 8).

The model keeps only the id list (strings: 100,000 of them cost a few MB and no UUID parsing)
and a bounded cache of row batches keyed by ``row // batch_size``. Filtering and sorting are SQL's
job: :meth:`sort` and :meth:`set_query` ask the source for a new id list.

Threads and transactions:

- The id query goes through the :class:`~desktop_app.ui.ops.OperationRunner` (``runner.read``):
  on the worker thread normally, inline in tests. Results of an outdated request (the user typed
  on) are dropped by a generation counter.
- A source that offers a *search base* (:class:`SearchableSource`, the 100,000-row child list)
  is queried once per filter/sort/data change for its ids and search texts; each keystroke then
  narrows that base in memory on the GUI thread (no database access, ~5-15 ms for 100,000 rows)
  instead of a LIKE scan per keystroke (100+ ms). Other sources re-run ``query_ids``.
- A missing row batch is read synchronously on the GUI thread, in its own short read
  transaction from the injected ``sessions`` callable. That is a deliberate exception to "all
  reads through the runner": a batch of 50 rows by primary key takes 1.6-5 ms (median) on
  SQLite with 100,000 children, measured on a busy 2-core machine (bench/bench_search.py),
  below a frame; it keeps ``data()`` simple and the view free of "loading..." flicker. SQLite
  in WAL mode lets this read run beside the worker's writes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop_app.core.search import SearchBase
from desktop_app.ui.common.columns import Column
from desktop_app.ui.ops import OperationRunner

if TYPE_CHECKING:
    from desktop_app.core.session import Session

Index = QModelIndex | QPersistentModelIndex
SessionFactory = Callable[[], AbstractContextManager["Session"]]

#: Role returning the row's id string (for selection and opening a record).
IdRole = Qt.ItemDataRole.UserRole + 1
#: Role returning the row's dataclass.
RowRole = Qt.ItemDataRole.UserRole + 2


class RowSource(Protocol):
    """What a list offers the model: the id query and the batch loader (``desktop_app.listing``)."""

    def query_ids(self, session: Session, sort: str, descending: bool) -> list[str]: ...

    def load_rows(self, session: Session, ids: Sequence[str]) -> list[Any]: ...


@runtime_checkable
class SearchableSource(RowSource, Protocol):
    """A source whose search text is applied by narrowing a base list in memory."""

    search: str

    def base_key(self) -> Hashable:
        """Everything but the search text: equal keys share one base."""
        ...

    def query_base(self, session: Session, sort: str, descending: bool) -> SearchBase: ...


class LazyTableModel(QAbstractTableModel):
    """Rows = ids of the current query; cells = ``columns[i].text(row)`` of lazily loaded rows.

    Signals: ``refreshed(int)`` with the new row count after every completed id query.
    """

    refreshed = Signal(int)

    def __init__(
        self,
        columns: Sequence[Column],
        source: RowSource | None,
        *,
        runner: OperationRunner,
        sessions: SessionFactory | None,
        default_sort: str = "name",
        batch_size: int = 50,
        max_cached_batches: int = 80,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.source = source
        self._runner = runner
        self._sessions = sessions
        self.batch_size = batch_size
        self._max_cached = max_cached_batches
        self._ids: list[str] = []
        self._cache: OrderedDict[int, list[Any]] = OrderedDict()
        self._generation = 0
        self._base: SearchBase | None = None
        self._base_key: Hashable | None = None
        self._pending_base: tuple[int, Hashable] | None = None  # (request number, key)
        self._base_requests = 0
        self._narrowed: SearchBase | None = None  # the base narrowed by ``_narrowed_for``
        self._narrowed_for = ""
        self.sort_key = default_sort
        self.descending = False
        self.loading = False

    # -- queries ------------------------------------------------------------------------------
    def set_source(self, source: RowSource) -> None:
        """New filter or search text (a new source): narrow the base or re-run the id query."""
        self.source = source
        self.refresh(reuse_base=True)

    def refresh(self, *, reuse_base: bool = False) -> None:
        """Re-run the id query (after a filter change, a sort or a broadcast change).

        ``reuse_base``: a searchable source whose base is already loaded (or being loaded) for
        the same filters and sort is only narrowed; a broadcast change re-reads it.
        """
        source = self.source
        if source is None:
            return
        sort, descending = self.sort_key, self.descending
        self._generation += 1
        generation = self._generation
        if not isinstance(source, SearchableSource):
            self.loading = True
            self._runner.read(
                lambda session: source.query_ids(session, sort, descending),
                on_success=lambda ids: self._set_ids(generation, ids),
            )
            return
        key = (source.base_key(), sort, descending)
        pending = self._pending_base
        if reuse_base and pending is not None and pending[1] == key:
            return  # the base on its way is narrowed with the then-current search on arrival
        if reuse_base and pending is None and key == self._base_key and self._base is not None:
            self._set_ids(generation, self._narrow(source.search))
            return
        self.loading = True
        self._base_requests += 1
        token = self._base_requests
        self._pending_base = (token, key)
        self._runner.read(
            lambda session: source.query_base(session, sort, descending),
            on_success=lambda base: self._set_base(token, key, base),
        )

    def _set_base(self, token: int, key: Hashable, base: SearchBase) -> None:
        if self._pending_base is None or self._pending_base[0] != token:
            return  # filters, sort or data changed meanwhile; a newer base is on its way
        self._pending_base = None
        self._base, self._base_key = base, key
        self._narrowed, self._narrowed_for = base, ""
        self._generation += 1
        source = self.source
        assert isinstance(source, SearchableSource)  # only a searchable source asks for a base
        self._set_ids(self._generation, self._narrow(source.search))

    def _narrow(self, search: str) -> list[str]:
        """Narrow the base; when the user typed on, narrow the previous result instead."""
        previous = self._narrowed_for
        start = self._narrowed if search.lower().startswith(previous.lower()) else self._base
        assert start is not None  # narrowing starts once a base arrived
        self._narrowed = start.narrow(search)
        self._narrowed_for = search
        return self._narrowed.ids

    def _set_ids(self, generation: int, ids: list[str]) -> None:
        if generation != self._generation:
            return  # an older request finished after a newer one was sent
        self.loading = False
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()
        self.refreshed.emit(len(ids))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: SQL re-sorts (columns without a sort key are ignored)."""
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and not self.loading:
            return
        self.sort_key, self.descending = key, descending
        self.refresh()

    def column_of_sort_key(self, key: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.sort_key == key), -1)

    # -- rows ---------------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        return self._ids

    def row_at(self, row: int) -> Any | None:
        """The dataclass of ``row`` (loading its batch if needed); None if out of range or gone."""
        if not 0 <= row < len(self._ids):
            return None
        batch_no = row // self.batch_size
        batch = self._cache.get(batch_no)
        if batch is None:
            batch = self._load_batch(batch_no)
        else:
            self._cache.move_to_end(batch_no)
        return batch[row - batch_no * self.batch_size]

    def _load_batch(self, batch_no: int) -> list[Any]:
        start = batch_no * self.batch_size
        ids = self._ids[start : start + self.batch_size]
        # Rows exist only after a source gave ids, and only once the database is open.
        assert self.source is not None and self._sessions is not None
        with self._sessions() as session:
            loaded = self.source.load_rows(session, ids)
        by_id = {row.id: row for row in loaded}
        batch = [by_id.get(key) for key in ids]  # None for a row deleted meanwhile
        self._cache[batch_no] = batch
        if len(self._cache) > self._max_cached:
            self._cache.popitem(last=False)
        return batch

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == IdRole:
            return self._ids[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RowRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, in case the cell elides it
            return column.tooltip(row) if column.tooltip else column.text(row)
        return column.text(row)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.columns[section].alignment
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
