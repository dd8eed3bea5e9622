"""The database opening on the DB worker while the first dialog waits for the person.

``run_gui`` shows the login dialog before SQLAlchemy is loaded (see
``desktop_app.settings.start_facts``) and, once the dialog is painted, hands the opening to the
operation runner's worker as its first job, so every operation the dialog queues (the login check)
runs after it. Starting earlier would only slow the first paint: the worker's imports hold Python's
GIL. While the person types, the worker also imports what the main window will need, so that
pressing Enter leads straight to a populated Beranda.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.ui.ops import OperationRunner

if TYPE_CHECKING:
    from desktop_app.core.database import Database
    from desktop_app.core.session import sessionmaker

log = logging.getLogger(__name__)

#: What opening the database imports (SQLAlchemy, the models, Alembic's runner).
OPEN_MODULES = ("desktop_app.core.database", "desktop_app.db.migrate")

#: Pure-Python modules the first minutes need, imported on the worker while the person types.
#: Only modules that create no Qt object at import time belong here (the worker is no GUI
#: thread); the Qt widgets themselves are built on the GUI thread after the login.
WARM_MODULES = (
    "desktop_app.users.accounts",
    "desktop_app.settings.store",
    "desktop_app.home.queries",
    "desktop_app.home.coverage",
    "desktop_app.settings.opd",
    "desktop_app.home.dashboard",
)


class DatabaseOpening(QObject):
    """Opens ``url`` on ``runner``'s worker once :meth:`start` is called. ``failed()`` fires
    (GUI thread) if it cannot."""

    failed = Signal()

    def __init__(self, runner: OperationRunner, url: str) -> None:
        super().__init__()
        self.runner = runner
        self.url = url
        self.database: Database | None = None
        self.error: Exception | None = None
        self._done = threading.Event()
        self._started = False

    def warm_up(self) -> None:
        """Import what the main window will need, on the worker, while the person types (the
        encrypted file itself can open only after the login unwrapped its key)."""
        threading.Thread(target=_import_warm_modules, name="asuh-warm-up", daemon=True).start()

    def start(self) -> None:
        """Queue the opening (once) ahead of any operation queued later."""
        if not self._started:
            self._started = True
            self.runner.start_with(self._open)

    def wait(self) -> Database | None:
        """Block until the opening ended; the database, or None (then ``error`` says why)."""
        self.start()
        self._done.wait()
        return self.database

    def _open(self) -> sessionmaker:  # DB worker thread
        try:
            from desktop_app.core.database import open_database

            self.database = open_database(self.url)
        except Exception as error:
            log.exception("cannot open the database")
            self.error = error
            self._done.set()
            self.failed.emit()
            raise
        self._done.set()
        for name in WARM_MODULES:
            importlib.import_module(name)
        return self.database.sessions


def _import_warm_modules() -> None:
    try:
        for name in (*OPEN_MODULES, *WARM_MODULES):
            importlib.import_module(name)
    except Exception:  # only a head start: the opening imports them again and reports
        log.debug("warm-up import failed", exc_info=True)


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)  # after this paint has reached the screen
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the GUI thread once ``widget`` has been painted for the first time."""
    _FirstPaint(widget, callback)
