"""The one operation runner (Anki's CollectionOp/QueryOp, STYLE.md rule 5).

Every read or write the GUI makes goes through :class:`OperationRunner`: it runs
``fn(session)`` on a single database worker thread (SQLite has one writer and a Session is not
thread-safe), opens one Session per operation, commits on success and rolls back on any error,
then delivers the result or the error on the GUI thread. Writes also broadcast their
:class:`~desktop_app.core.changes.Changes` through ``changed`` so views can mark themselves stale.

At start-up the worker's first job opens the database itself (:meth:`OperationRunner.start_with`),
so SQLAlchemy loads while the login dialog waits for the person; jobs queued meanwhile run after.

Writes arrive as named :class:`Operation` values (built in ``desktop_app.ui.operations`` from a
service and the ``Changes`` it declares) through :meth:`OperationRunner.run_op`, so no screen
guesses refresh flags; :meth:`OperationRunner.write` stays as the primitive underneath.

Tests swap in synchronous mode (``runner.synchronous = True``): the same code path, run inline,
so most tests need no waiting; a few use the real worker with ``qtbot.waitSignal``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop_app.core.changes import Changes
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _

if TYPE_CHECKING:  # the login dialog is built before SQLAlchemy is loaded (start_with)
    from desktop_app.core.session import Session, sessionmaker

log = logging.getLogger(__name__)

Work = Callable[["Session"], Any]
#: Callbacks' return values are ignored (a lambda may return what its last call returns).
OnSuccess = Callable[[Any], object]
OnError = Callable[[Exception], object]


@dataclass(frozen=True)
class Operation:
    """A named write: ``work(session)`` and the ``Changes`` its services declare.

    Built by ``desktop_app.ui.operations`` (never by hand in a screen), run by
    :meth:`OperationRunner.run_op`. ``name`` is the service's, for logs and tests.
    """

    name: str
    work: Work
    changes: Changes


class _Delivery(QObject):
    """Carries a finished job back to the GUI thread (signals queue across threads)."""

    finished = Signal(object, object, object)  # job, result, error


class _Job(QRunnable):
    def __init__(self, runner: OperationRunner, work: Work, write: bool) -> None:
        super().__init__()
        # PySide6 6.12 corrupts memory when the pool deletes a Python QRunnable after run()
        # (the interpreter aborted at exit after real-worker jobs), so Python keeps ownership;
        # PySide then holds the wrapper for good, hence _deliver drops the job's closures.
        self.setAutoDelete(False)
        self.runner = runner
        self.work = work
        self.write = write
        self.on_success: OnSuccess | None = None
        self.on_error: OnError | None = None
        self.changes = Changes.NONE

    def run(self) -> None:  # worker thread: never touches a widget
        result, error = self.runner.execute(self.work, write=self.write)
        self.runner._delivery.finished.emit(self, result, error)


class _Prepare(QRunnable):
    """The worker's first job when the database opens behind the login dialog (``start_with``)."""

    def __init__(self, runner: OperationRunner, prepare: Callable[[], sessionmaker]) -> None:
        super().__init__()
        self.runner = runner
        self.prepare = prepare

    def run(self) -> None:
        self.runner.prepare_now(self.prepare)


class OperationRunner(QObject):
    """Runs database work off the GUI thread, one job at a time, in its own transaction.

    Signals (GUI thread): ``changed(Changes)`` after a successful write; ``failed(str)`` with a
    user-facing message when an operation without its own ``on_error`` fails; ``busy(bool)``.
    """

    changed = Signal(object)
    failed = Signal(str)
    busy = Signal(bool)

    def __init__(
        self, sessions: sessionmaker[Session] | None, parent: QObject | None = None
    ) -> None:
        """``sessions`` None: operations wait until :meth:`start_with` provides them."""
        super().__init__(parent)
        self.sessions = sessions
        # Jobs submitted before start_with (a person pressing Enter the instant the login
        # dialog appears) are held, then queued behind the opening.
        self._held: list[_Job] | None = [] if sessions is None else None
        self._unavailable: Exception | None = None  # why start_with gave no sessions
        self.synchronous = False
        self.actor: str | None = None  # username recorded in the audit trail
        self.actor_name: str | None = None  # the signed-in user's full name (top bar)
        self.role: str | None = None  # enforced by desktop_app.core.permissions on every flush
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer; also keeps Sessions on one thread each
        self._pending = 0
        self._delivery = _Delivery()
        self._delivery.finished.connect(self._deliver)

    # -- public API ---------------------------------------------------------------------------
    def write(
        self,
        work: Work,
        *,
        changes: Changes,
        on_success: OnSuccess | None = None,
        on_error: OnError | None = None,
    ) -> None:
        """Run a change; commit, then broadcast ``changes`` and call ``on_success(result)``."""
        self._submit(work, True, changes, on_success, on_error)

    def run_op(
        self,
        op: Operation,
        *,
        on_success: OnSuccess | None = None,
        on_error: OnError | None = None,
    ) -> None:
        """Run a named operation: a :meth:`write` broadcasting the changes it declares."""
        self.write(op.work, changes=op.changes, on_success=on_success, on_error=on_error)

    def read(self, work: Work, *, on_success: OnSuccess, on_error: OnError | None = None) -> None:
        """Run a query (rolled back afterwards, nothing broadcast)."""
        self._submit(work, False, Changes.NONE, on_success, on_error)

    def start_with(self, prepare: Callable[[], sessionmaker[Session]]) -> None:
        """Run ``prepare()`` on the DB worker ahead of every operation queued after this call;
        the session factory it returns serves them. If it raises, they fail with its error
        (the caller learns of it from ``prepare`` itself). Start-up opens the database this
        way: importing SQLAlchemy and migrating happen while the login dialog waits."""
        held, self._held = self._held or [], None
        if self.synchronous:
            self.prepare_now(prepare)
            for job in held:
                self._deliver(job, *self.execute(job.work, write=job.write))
        else:
            self._pool.start(_Prepare(self, prepare))
            for job in held:
                self._pool.start(job)

    def prepare_now(self, prepare: Callable[[], sessionmaker[Session]]) -> None:
        """``start_with``'s work, on the calling thread."""
        try:
            self.sessions = prepare()
        except Exception as error:
            self._unavailable = error

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until queued jobs ran (for shutdown and tests); deliveries still need events."""
        return self._pool.waitForDone(timeout_ms)

    # -- internals ----------------------------------------------------------------------------
    def execute(self, work: Work, *, write: bool) -> tuple[Any, Exception | None]:
        """Run ``work`` in one transaction on the calling thread; never raises."""
        try:
            if self.sessions is None:
                raise self._unavailable or RuntimeError("OperationRunner has no database")
            with self.sessions() as session:
                session.info["actor"] = self.actor
                session.info["role"] = self.role
                result = work(session)
                if write:
                    session.commit()
                else:
                    session.rollback()
                return result, None
        except Exception as error:
            if not isinstance(error, DomainError):
                log.error("operation failed:\n%s", traceback.format_exc())
            return None, error

    def _submit(
        self,
        work: Work,
        write: bool,
        changes: Changes,
        on_success: OnSuccess | None,
        on_error: OnError | None,
    ) -> None:
        job = _Job(self, work, write)
        job.on_success, job.on_error, job.changes = on_success, on_error, changes
        self._pending += 1
        if self._pending == 1:
            self.busy.emit(True)
        if self._held is not None:
            self._held.append(job)
        elif self.synchronous:
            result, error = self.execute(work, write=write)
            self._deliver(job, result, error)
        else:
            self._pool.start(job)

    @Slot(object, object, object)
    def _deliver(self, job: _Job, result: Any, error: Exception | None) -> None:
        on_success, on_error = job.on_success, job.on_error
        job.work, job.on_success, job.on_error = _no_work, None, None  # see _Job.__init__
        self._pending -= 1
        if self._pending == 0:
            self.busy.emit(False)
        if error is not None:
            if on_error is not None and _receiver_alive(on_error):
                on_error(error)
            elif on_error is None:
                self.failed.emit(user_message(error))
            return
        if job.write and job.changes:
            self.changed.emit(job.changes)
        if on_success is not None and _receiver_alive(on_success):
            on_success(result)


def _receiver_alive(callback: Callable[..., object]) -> bool:
    """False for a method of a widget that was closed while its job ran (the person left the
    page): its result has nowhere to go. The write itself is committed and broadcast."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def _no_work(_session: Session) -> None:
    """What a delivered job holds instead of its work (see ``_Job.__init__``)."""


def user_message(error: Exception) -> str:
    """What to tell the user: a domain error's own message, otherwise a generic apology."""
    if isinstance(error, DomainError):
        return str(error)
    return _("Terjadi kesalahan yang tidak terduga; tidak ada data yang diubah.") + f"\n({error})"
