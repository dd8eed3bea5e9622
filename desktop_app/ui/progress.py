"""Run a long job with a progress dialog (STYLE.md rule 7), on the database worker or
across threads (:class:`JobProgress`, shared by :mod:`desktop_app.ui.render_jobs`).

The dialog appears only if the job runs past ~600 ms (short jobs should not flash a window),
shows ``label`` and ``done/total``, and offers Batal: the job's next ``progress`` call then
raises :class:`~desktop_app.core.progress.Cancelled` and the runner rolls the transaction back.

A write arrives as a :class:`LongOperation` (built in ``desktop_app.ui.operations`` with the
``Changes`` its service declares); a bare ``work(session, progress)`` function is run as a read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class LongOperation:
    """A named write that reports progress: ``work(session, progress)`` and its ``Changes``."""

    name: str
    work: LongWork
    changes: Changes


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
    job: LongOperation | LongWork,
    *,
    parent: QWidget | None,
    title: str,
    on_success: OnSuccess | None = None,
    on_error: OnError | None = None,
) -> QProgressDialog:
    """Start ``job``: a :class:`LongOperation` as a write broadcasting its changes, a bare
    ``work(session, progress)`` as a read. Returns the (initially hidden) dialog, for tests."""
    shown = JobProgress(runner, parent=parent, title=title, on_success=on_success,
                        on_error=on_error)  # fmt: skip
    work = job.work if isinstance(job, LongOperation) else job

    def in_session(session: Session) -> Any:
        return work(session, shown.progress)

    if isinstance(job, LongOperation):
        runner.write(
            in_session, changes=job.changes, on_success=shown.succeeded, on_error=shown.failed
        )
    else:
        runner.read(in_session, on_success=shown.succeeded, on_error=shown.failed)
    return shown.dialog
