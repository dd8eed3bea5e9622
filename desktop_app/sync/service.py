"""One sync with the district server: push, pull, report (the "Sinkronkan" button, ``asuh sync``).

Two steps: :func:`connect_server` opens (creates or upgrades) the server's database and touches
nothing local, so the GUI runs it off the DB worker (an unreachable server keeps no save
waiting); :func:`exchange_with_server` then pushes and pulls. The exchange opens its own local
connections and commits batch by batch (see :mod:`desktop_app.sync.server`), so it needs the
laptop's sessionmaker rather than one Session; nothing else may write meanwhile, which running it
on the GUI's single DB worker guarantees. (Its batches interleave local writes with server round
trips; moving those round trips off the worker would need each batch split into local and
network steps.) :func:`sync_with_server` does both, for the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.progress import Cancelled, ProgressFn, no_progress
from desktop_app.db.device import ensure_device_id
from desktop_app.settings.store import get_settings
from desktop_app.sync.problems import connection_problem, interruption_problem
from desktop_app.sync.review import ToReview, to_review
from desktop_app.sync.server import (
    BATCH_SIZE,
    count_to_pull,
    count_to_push,
    pull_changes,
    push_changes,
)
from desktop_app.sync.tables import SyncScope

if TYPE_CHECKING:
    from desktop_app.core.database import Database


class SyncError(DomainError):
    """The server could not be reached or refused the sync; what was committed stays."""


@dataclass(frozen=True)
class SyncSummary:
    """Rows exchanged, and what the merged data now asks a person to look at: ``duplicates``
    NIKs registered twice, ``several_guardians`` children with more than one active assignment
    (both listed after every sync, not only those this sync brought)."""

    pushed: int
    pulled: int
    conflicts: int
    duplicates: int
    several_guardians: int = 0

    def message(self) -> str:
        text = _("Dikirim {pushed} baris, diterima {pulled} baris, {conflicts} konflik").format(
            pushed=_number(self.pushed),
            pulled=_number(self.pulled),
            conflicts=_number(self.conflicts),
        )
        review = ToReview(self.duplicates, self.several_guardians)
        text += review.sentence_tail()
        return text


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _engine_of(sessions: sessionmaker[Session]) -> Engine:
    bind = sessions.kw["bind"]
    assert isinstance(bind, Engine)
    return bind


@writes(Changes.ALL)
def sync_with_server(
    sessions: sessionmaker[Session],
    *,
    server_url: str,
    progress: ProgressFn = no_progress,
    batch_size: int = BATCH_SIZE,
) -> SyncSummary:
    """Push this laptop's changes to ``server_url``, then pull everyone else's (in its scope).

    The server's schema is created or upgraded by the app's own migrations. Raises
    :class:`SyncError` when the server cannot be reached; batches committed before a failure
    stay committed and the next sync resumes after them.
    """
    _require_address(server_url)
    _local_side(sessions)  # a bad scope is told before the server is touched
    server = connect_server(server_url)
    return exchange_with_server(sessions, server, progress=progress, batch_size=batch_size)


def _require_address(server_url: str) -> None:
    if not server_url.strip():
        raise SyncError(_("Alamat server sinkron belum diisi."))


def connect_server(server_url: str) -> Database:
    """Open the district server's database, creating or upgrading its schema. Touches nothing
    local: any thread may run it. Raises :class:`SyncError` when it cannot be reached."""
    from desktop_app.core.database import open_database
    from desktop_app.db.migrate import DatabaseOpenError

    _require_address(server_url)
    try:
        return open_database(server_url.strip())
    except DatabaseOpenError as error:
        raise SyncError(str(error)) from error
    except (SQLAlchemyError, OSError, ValueError) as error:
        raise SyncError(connection_problem(error, server_url)) from error


def _local_side(sessions: sessionmaker[Session]) -> tuple[str, SyncScope]:
    """This laptop's device id and sync scope (raises :class:`SyncError` for a bad scope)."""
    with sessions() as session:
        device_id = ensure_device_id(session)
        settings = get_settings(session)
        session.commit()
    try:
        scope = SyncScope.from_settings(
            settings.sync_scope_kecamatan_id, settings.sync_scope_posyandu_id
        )
    except ValueError as error:
        raise SyncError(
            _("Cakupan wilayah sinkron tidak valid: {error}").format(error=error)
        ) from error
    return device_id, scope


@writes(Changes.ALL)
def exchange_with_server(
    sessions: sessionmaker[Session],
    server: Database,
    *,
    progress: ProgressFn = no_progress,
    batch_size: int = BATCH_SIZE,
) -> SyncSummary:
    """Push and pull with the connected ``server``, then dispose of it. Run where nothing else
    writes the local file meanwhile (the GUI's DB worker)."""
    try:
        device_id, scope = _local_side(sessions)
    except SyncError:
        server.dispose()
        raise
    local = _engine_of(sessions)
    try:
        done = 0
        total = count_to_push(local)
        progress(0, total, _("Mengirim perubahan"))

        def batch_done(rows: int, table: str) -> None:
            nonlocal done
            done += rows
            progress(done, max(total, done), _("Sinkronisasi: {table}").format(table=table))

        pushed = push_changes(
            local,
            server.engine,
            device_id=device_id,
            batch_done=batch_done,
            batch_size=batch_size,
        )
        total = done + count_to_pull(local, server.engine, scope)
        pulled = pull_changes(
            local,
            server.engine,
            device_id=device_id,
            scope=scope,
            batch_done=batch_done,
            batch_size=batch_size,
        )
        progress(total, total, _("Selesai"))
    except Cancelled as error:
        raise SyncError(
            _(
                "Sinkronisasi dihentikan. Yang sudah terkirim dan diterima tetap tersimpan; "
                "sinkronisasi berikutnya melanjutkannya."
            )
        ) from error
    except (OperationalError, OSError) as error:
        raise SyncError(interruption_problem(error, str(server.engine.url))) from error
    finally:
        server.dispose()
    with sessions() as session:
        review = to_review(session)
    return SyncSummary(
        pushed=pushed.rows,
        pulled=pulled.rows,
        conflicts=pushed.conflicts + pulled.conflicts,
        duplicates=review.duplicates,
        several_guardians=review.several_guardians,
    )
