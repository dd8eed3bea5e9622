"""Run a self-contained job on a plain background thread and get the answer on the GUI thread.

For work that must not queue behind (or block) the database runner: the start-up integrity
check and the automatic backup read the SQLite file through their own connections while the
user already works. The job must not touch widgets or the runner's sessions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object, object)  # result, error


def run_in_background(
    job: Callable[[], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    parent: QObject,
) -> threading.Thread:
    """Start ``job()`` on a daemon thread; one of the callbacks runs later on the GUI thread."""
    relay = _Relay(parent)

    def deliver(result: Any, error: Exception | None) -> None:
        relay.deleteLater()
        if error is None:
            on_done(result)
        else:
            on_error(error)

    relay.done.connect(deliver)

    def work() -> None:
        try:
            relay.done.emit(job(), None)
        except Exception as error:
            log.warning("background job failed", exc_info=True)
            relay.done.emit(None, error)

    thread = threading.Thread(target=work, name="asuh-background", daemon=True)
    thread.start()
    return thread
