"""Run a long job on the database worker with a progress dialog (STYLE.md rule 7).

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
from desktop_app.ui.ops import OnError, OnSuccess, OperationRunner

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
    """Moves progress reports from the worker thread to the GUI thread."""

    reported = Signal(int, int, str)


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
    cancelled = threading.Event()
    bridge = _ProgressBridge()
    dialog = QProgressDialog(title, _("Batal"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancelled.set)

    def on_report(done: int, total: int, label: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        dialog.setLabelText(f"{label} ({done:,}/{total:,})".replace(",", ".") if total else label)

    bridge.reported.connect(on_report)

    def progress(done: int, total: int, label: str) -> None:  # worker thread
        if cancelled.is_set():
            raise Cancelled()
        bridge.reported.emit(done, total, label)

    def finish_ok(result: Any) -> None:
        dialog.close()
        bridge.deleteLater()
        if on_success is not None:
            on_success(result)

    def finish_error(error: Exception) -> None:
        dialog.close()
        bridge.deleteLater()
        if on_error is not None:
            on_error(error)
        else:
            from desktop_app.ui.ops import user_message

            runner.failed.emit(user_message(error))

    work = job.work if isinstance(job, LongOperation) else job

    def with_progress(session: Session) -> Any:
        return work(session, progress)

    if isinstance(job, LongOperation):
        runner.write(
            with_progress, changes=job.changes, on_success=finish_ok, on_error=finish_error
        )
    else:
        runner.read(with_progress, on_success=finish_ok, on_error=finish_error)
    return dialog
