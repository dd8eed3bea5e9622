"""Debouncing: run a callback once the user pauses (search-as-you-type)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

#: Pause after the last keystroke before the list is queried again (milliseconds).
SEARCH_DELAY_MS = 150


class Debouncer(QObject):
    """``trigger()`` (re)starts a single-shot timer; ``callback`` runs when it fires.

    ``flush()`` runs a pending callback at once (Enter in the search box, and tests).
    """

    def __init__(
        self, callback: Callable[[], None], delay_ms: int = SEARCH_DELAY_MS, parent=None
    ) -> None:
        super().__init__(parent)
        self._callback = callback
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(callback)

    def trigger(self) -> None:
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._callback()
