"""Run a long job with a progress dialog (STYLE.md rule 7), on the database worker or
across threads (:class:`JobProgress`, shared by :mod:`desktop_app.ui.render_jobs`).

The dialog appears only if the job runs past ~600 ms (short jobs should not flash a window),
shows ``label`` and ``done/total``, and offers Batal: the job's next ``progress`` call then
raises :class:`~desktop_app.core.progress.Cancelled` and the runner rolls the transaction back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.changes import Changes
from desktop_app.core.i18n import _
from desktop_app.core.progress import Cancelled, ProgressFn
from desktop_app.ui.ops import OnError, OnSuccess, OperationRunner, user_message

if TYPE_CHECKING:
    from desktop_app.core.session import Session

SHOW_AFTER_MS = 600
LongWork = Callable[["Session", ProgressFn], Any]


class _ProgressBridge(QObject):
    """Moves progress reports from a worker thread to the GUI thread."""

    reported = Signal(int, int, str)


class JobProgress:
    """The dialog of one long job: ``progress`` for the job (any thread; raises
    :class:`Cancelled` once Batal was pressed), ``succeeded``/``failed`` to finish it (GUI
    thread). A job that hops between threads (read, render, write) shares one of these."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        parent: QWidget | None,
        title: str,
        on_success: OnSuccess | None,
        on_error: OnError | None,
    ) -> None:
        self.runner = runner
        self.on_success = on_success
        self.on_error = on_error
        self.cancelled = threading.Event()
        self.bridge = _ProgressBridge()
        dialog = QProgressDialog(title, _("Batal"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancelled.set)
        self.dialog = dialog
        self.bridge.reported.connect(self._show)

    def _show(self, done: int, total: int, label: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        text = f"{label} ({done:,}/{total:,})".replace(",", ".") if total else label
        self.dialog.setLabelText(text)

    def progress(self, done: int, total: int, label: str) -> None:  # worker thread
        if self.cancelled.is_set():
            raise Cancelled()
        self.bridge.reported.emit(done, total, label)

    def succeeded(self, result: Any) -> None:
        self._close()
        if self.on_success is not None:
            self.on_success(result)

    def failed(self, error: Exception) -> None:
        self._close()
        if self.on_error is not None:
            self.on_error(error)
        else:
            self.runner.failed.emit(user_message(error))

    def _close(self) -> None:
        self.dialog.close()
        self.bridge.deleteLater()


def run_with_progress(
    runner: OperationRunner,
    work: LongWork,
    *,
    parent: QWidget | None,
    title: str,
    changes: Changes = Changes.NONE,
    write: bool = True,
    on_success: OnSuccess | None = None,
    on_error: OnError | None = None,
) -> QProgressDialog:
    """Start ``work(session, progress)``; returns the (initially hidden) dialog, for tests."""
    job = JobProgress(runner, parent=parent, title=title, on_success=on_success,
                      on_error=on_error)  # fmt: skip

    def in_session(session: Session) -> Any:
        return work(session, job.progress)

    if write:
        runner.write(in_session, changes=changes, on_success=job.succeeded, on_error=job.failed)
    else:
        runner.read(in_session, on_success=job.succeeded, on_error=job.failed)
    return job.dialog
