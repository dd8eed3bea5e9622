"""Refresh-by-listening (STYLE.md rule 6): reload on a relevant change, but only when visible."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from desktop_app.core.changes import Changes
from desktop_app.ui.ops import OperationRunner


class StaleWatcher(QObject):
    """Watches ``runner.changed`` for ``kinds``; calls ``reload`` now if ``widget`` is visible,
    otherwise remembers the page is stale and reloads when it is next shown.

    Start stale so a page loads on first show, not at construction (lazy start-up).
    """

    def __init__(
        self,
        widget: QWidget,
        runner: OperationRunner,
        kinds: Changes,
        reload: Callable[[], None],
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._kinds = kinds
        self._reload = reload
        self.stale = True
        runner.changed.connect(self._on_changed)
        widget.installEventFilter(self)

    @property
    def kinds(self) -> Changes:
        """The kinds of data the watched widget shows (what makes it stale)."""
        return self._kinds

    def _on_changed(self, changes: Changes) -> None:
        if not changes & self._kinds:
            return
        self.stale = True
        if self._widget.isVisible():
            self.reload_now()

    def reload_now(self) -> None:
        self.stale = False
        self._reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: Qt may still deliver an event while this object's Python side is being torn
        # down with its widget (seen as AttributeError in a test run).
        widget = getattr(self, "_widget", None)
        shown = widget is not None and watched is widget and event.type() == QEvent.Type.Show
        if shown and self.stale:
            self.reload_now()
        return False
