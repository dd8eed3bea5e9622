"""A friendly message over a table while its model has no rows.

For pages whose table is not a :class:`~desktop_app.ui.common.list_page.ListPage` (which has its
own empty state): the message sits on the table's viewport, under the header, and follows the
model (reset, rows added or removed). GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView

from desktop_app.ui.common.empty_state import EmptyState


class EmptyListOverlay(QObject):
    """Shows ``state`` over ``view`` whenever ``view.model()`` has no rows."""

    def __init__(self, view: QAbstractItemView, title: str, hint: str = "") -> None:
        super().__init__(view)
        self.view = view
        self.state = EmptyState(title, hint, icon_name="search", parent=view.viewport())
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):  # fmt: skip
            signal.connect(self.update)
        view.viewport().installEventFilter(self)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.state.setGeometry(self.view.viewport().rect())
        return False

    def update(self, *_args: object) -> None:
        empty = self.view.model().rowCount() == 0
        self.state.setGeometry(self.view.viewport().rect())
        self.state.setVisible(empty)


def add_empty_overlay(view: QAbstractItemView, title: str, hint: str = "") -> EmptyListOverlay:
    return EmptyListOverlay(view, title, hint)
