"""Lock the window after a spell without keyboard or mouse input (shared office laptops).

``IdleLock(window, runner, timeout_minutes=10)`` installs itself as an application event
filter and notes the time of every key press, click, wheel turn or mouse move. A timer checks
every few seconds; once the user has been away for ``timeout_minutes``, an opaque cover hides
the window's content (names and NIKs stay private) and the unlock dialog asks the same user for
the password. The only other way out is closing Asuh. GUI thread only. The time is clamped to
1-30 minutes (``settings.store.idle_lock_minutes``): no setting switches the lock off.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from desktop_app.core.i18n import _
from desktop_app.settings.store import idle_lock_minutes
from desktop_app.ui.auth.login_dialog import LoginDialog
from desktop_app.ui.ops import OperationRunner

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})  # fmt: skip
_CHECK_MS = 5_000


class _Cover(QWidget):
    """An opaque sheet over the whole window while it is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("background: #f3f4f6;")
        label = QLabel(_("Asuh terkunci"))
        label.setStyleSheet("font-size: 18pt; font-weight: 600; color: #6b7280;")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())


class IdleLock(QObject):
    """Signals: ``locked()`` when the cover goes up, ``unlocked()`` after the right password."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QWidget,
        runner: OperationRunner,
        *,
        timeout_minutes: float = 10,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self.window = window
        self.runner = runner
        self.timeout_seconds = idle_lock_minutes(timeout_minutes) * 60
        self._clock = clock
        self._last_activity = clock()
        self.cover: _Cover | None = None
        self.dialog: LoginDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_CHECK_MS)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if self.timeout_seconds:
            self._timer.start()

    @property
    def is_locked(self) -> bool:
        return self.cover is not None

    def set_timeout(self, minutes: float) -> None:
        """A new idle time from Pengaturan (clamped to 1-30 minutes: never off)."""
        self.timeout_seconds = idle_lock_minutes(minutes) * 60
        self._last_activity = self._clock()
        self._timer.start()

    def check(self) -> None:
        """Lock if the user has been idle long enough (the timer calls this)."""
        idle = self._clock() - self._last_activity
        if self.timeout_seconds and not self.is_locked and idle >= self.timeout_seconds:
            self.lock()

    def lock(self) -> None:
        """Cover the window and ask for the current user's password."""
        if self.is_locked:
            return
        self.cover = _Cover(self.window)
        self.cover.show()
        self.cover.raise_()
        self.dialog = LoginDialog(
            self.runner, username=self.runner.actor or "", locked=True, parent=self.window
        )
        self.dialog.logged_in.connect(self._unlock)
        self.dialog.quit_requested.connect(QApplication.quit)
        self.dialog.open()
        self.locked.emit()

    def _unlock(self, _user: object) -> None:
        if self.cover is not None:
            self.cover.deleteLater()
        self.cover = None
        self.dialog = None
        self._last_activity = self._clock()
        self.unlocked.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.is_locked:
            self._last_activity = self._clock()
        elif event.type() == QEvent.Type.Resize and watched is self.window and self.cover:
            self.cover.setGeometry(self.window.rect())
        return False
