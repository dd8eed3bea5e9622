"""A render thread beside the DB worker, and jobs that read, render, then write.

The :class:`~desktop_app.ui.ops.OperationRunner` runs every database job on one worker, so
anything long there keeps a visit save waiting. Laying out a 50,000-child PDF and rasterising
its pages needs no Session, so it runs beside it: :func:`read_render_write` reads the
report's plain data in a session of its own and renders, both on a :class:`SideThread` (SQLite
in WAL mode lets a reader run beside the writer), then records the result through the DB
worker as an ordinary write. Jobs other screens submit meanwhile run in
between. One progress dialog (with Batal) follows the job across the three steps.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.changes import Changes
from desktop_app.core.errors import DomainError
from desktop_app.core.progress import ProgressFn
from desktop_app.ui.ops import OnError, OnSuccess, OperationRunner
from desktop_app.ui.progress import JobProgress

if TYPE_CHECKING:
    from desktop_app.core.session import Session

log = logging.getLogger(__name__)

DataT = TypeVar("DataT")
ResultT = TypeVar("ResultT")


class _Relay(QObject):
    """Carries a finished job back to the GUI thread (signals queue across threads)."""

    finished = Signal(object, object, object)  # callbacks, result, error


class SideThread(QObject):
    """A background thread beside the DB worker for work without a Session (ReportLab layout,
    pdfium rasterising, sync files, connecting to the server). One job at a time, in order:
    ReportLab keeps module-level state (fonts, caches).

    A plain Python thread, started when work arrives and ended when none is left, rather
    than a ``QThreadPool``: PySide6 6.12 drops a reference to ``None`` each time a Python
    ``QRunnable.run`` returns.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._lock = threading.Condition()
        self._queue: deque[tuple[Callable[[], Any], tuple[OnSuccess, OnError]]] = deque()
        self._pending = 0
        self._thread: threading.Thread | None = None

    def start(
        self,
        work: Callable[[], Any],
        *,
        on_success: OnSuccess,
        on_error: OnError,
        inline: bool = False,
    ) -> None:
        """Run ``work()`` on the side thread; one callback runs later on the GUI thread.
        ``inline`` runs it at once on the calling thread (a synchronous runner in tests)."""
        if inline:
            self._deliver((on_success, on_error), *_call(work))
            return
        with self._lock:
            self._queue.append((work, (on_success, on_error)))
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="asuh-side", daemon=True)
                self._thread.start()

    def wait_idle(self, timeout_ms: int = 60_000) -> bool:
        """Block until the queued jobs ran (shutdown and tests); deliveries need events."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout_ms / 1000)

    def _serve(self) -> None:  # side thread: never touches a widget or a Session
        while True:
            with self._lock:
                if not self._queue:
                    self._thread = None
                    return
                work, callbacks = self._queue.popleft()
            outcome = _call(work)
            try:
                self._relay.finished.emit(callbacks, *outcome)
            except RuntimeError:  # the page (and its relay) was closed meanwhile
                log.info("side job finished after its page closed")
            with self._lock:
                self._pending -= 1
                self._lock.notify_all()

    @Slot(object, object, object)
    def _deliver(self, callbacks: Any, result: Any, error: Exception | None) -> None:
        on_success, on_error = callbacks
        if error is None:
            on_success(result)
        else:
            on_error(error)


def _call(work: Callable[[], Any]) -> tuple[Any, Exception | None]:
    try:
        return work(), None
    except Exception as error:
        if not isinstance(error, DomainError):
            log.error("render failed:\n%s", traceback.format_exc())
        return None, error


def read_render_write(
    runner: OperationRunner,
    renderer: SideThread,
    *,
    read: Callable[[Session, ProgressFn], DataT],
    render: Callable[[DataT, ProgressFn], ResultT],
    write: Callable[[Session, DataT, ResultT], Any],
    parent: QWidget | None,
    title: str,
    changes: Changes = Changes.NONE,
    on_success: OnSuccess | None = None,
    on_error: OnError | None = None,
) -> QProgressDialog:
    """``read(session, progress)`` in a session of its own (rolled back) and
    ``render(data, progress)``, both on ``renderer``, then ``write(session, data, rendered)``
    on the DB worker (committed, ``changes`` broadcast); ``on_success(rendered)`` at the end.
    Batal stops the job at its next progress report, in whichever step, and nothing is
    written. Returns the (initially hidden) progress dialog."""
    job = JobProgress(runner, parent=parent, title=title, on_success=on_success,
                      on_error=on_error)  # fmt: skip

    def written(rendered: ResultT) -> Callable[[Any], None]:
        return lambda _result: job.succeeded(rendered)

    def rendered(data: DataT) -> Callable[[ResultT], None]:
        def record(result: ResultT) -> None:
            runner.write(lambda session: write(session, data, result), changes=changes,
                         on_success=written(result), on_error=job.failed)  # fmt: skip

        return record

    def read_and_render() -> tuple[DataT, ResultT]:  # on the side thread
        # A session of its own: SQLite in WAL mode lets this read run while the DB worker
        # writes, so a visit saved meanwhile does not wait for a 50,000-child read either.
        data, error = runner.execute(lambda session: read(session, job.progress), write=False)
        if error is not None:
            raise error
        return data, render(data, job.progress)

    def done(pair: tuple[DataT, ResultT]) -> None:
        rendered(pair[0])(pair[1])

    renderer.start(read_and_render, on_success=done, on_error=job.failed,
                   inline=runner.synchronous)  # fmt: skip
    return job.dialog
