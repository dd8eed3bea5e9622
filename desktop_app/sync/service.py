"""One sync with the district server: push, pull, report (the "Sinkronkan" button, ``asuh sync``).

The laptop talks to ``asuh server`` over HTTPS as its enrolled device (:mod:`.identity`: the
server name, the pinned certificate fingerprint and the device key, sealed in the settings); it
holds no database credential. The exchange opens its own local connections and commits batch by
batch (see :mod:`desktop_app.sync.server`), so it needs the laptop's sessionmaker rather than
one Session; nothing else may write meanwhile, which running it on the GUI's single DB worker
guarantees.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.permissions import acting_user
from desktop_app.core.progress import Cancelled, ProgressFn, no_progress
from desktop_app.db.device import ensure_device_id
from desktop_app.settings.store import get_settings
from desktop_app.sync.peer import SyncPeer
from desktop_app.sync.review import ToReview, to_review
from desktop_app.sync.server import (
    BATCH_SIZE,
    count_to_pull,
    count_to_push,
    pull_changes,
    push_changes,
)


class SyncError(DomainError):
    """The server could not be reached or refused the sync; what was committed stays."""


@dataclass(frozen=True)
class SyncSummary:
    """Rows exchanged, and what the merged data now asks a person to look at: ``refused`` rows
    the server would not take ("Ditolak server"), ``conflicts`` fields changed on two laptops,
    ``duplicates`` NIKs registered twice, ``several_guardians`` children with more than one
    active assignment (both listed after every sync, not only those this sync brought)."""

    pushed: int
    pulled: int
    conflicts: int
    duplicates: int
    several_guardians: int = 0
    refused: int = 0

    def message(self) -> str:
        text = _(
            "Dikirim {pushed} baris, diterima {pulled} baris, ditolak server {refused}, "
            "{conflicts} konflik"
        ).format(
            pushed=_number(self.pushed),
            pulled=_number(self.pulled),
            refused=_number(self.refused),
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


def _server_peer(session: Session) -> SyncPeer:
    """The enrolled server of this laptop, as an HTTPS peer."""
    from desktop_app.server.client import ServerPeer
    from desktop_app.sync.identity import load_identity

    identity = load_identity(session)
    if identity is None:
        raise SyncError(
            _(
                "Laptop ini belum didaftarkan ke server kabupaten. Minta kode pendaftaran ke "
                "Admin kabupaten, lalu daftarkan laptop di halaman Sinkronisasi."
            )
        )
    return ServerPeer(identity)


@writes(Changes.ALL)
def sync_with_server(
    sessions: sessionmaker[Session],
    *,
    peer: SyncPeer | None = None,
    progress: ProgressFn = no_progress,
    batch_size: int = BATCH_SIZE,
) -> SyncSummary:
    """Push this laptop's changes to the district server, then pull everyone else's (in the
    device's scope, which the server applies). ``peer`` None: the enrolled server over HTTPS.

    Raises :class:`SyncError` when the laptop is not enrolled or the server cannot be reached
    or refuses the device; batches committed before a failure stay committed and the next sync
    resumes after them.
    """
    from desktop_app.server.client import CertificateMismatch, ServerRefused, ServerUnreachable

    with sessions() as session:
        device_id = ensure_device_id(session)
        settings = get_settings(session)
        user = acting_user(session) or ""
        if peer is None:
            peer = _server_peer(session)
        session.commit()
    scoped = bool(settings.sync_scope_kecamatan_id or settings.sync_scope_posyandu_id)
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
            local, peer, device_id=device_id, user=user, batch_done=batch_done,
            batch_size=batch_size,
        )  # fmt: skip
        total = done + count_to_pull(local, peer)
        pulled = pull_changes(
            local, peer, device_id=device_id, scoped=scoped, batch_done=batch_done,
            batch_size=batch_size, counted=pushed.conflict_ids,
        )  # fmt: skip
        progress(total, total, _("Selesai"))
    except Cancelled as error:
        raise SyncError(
            _(
                "Sinkronisasi dihentikan. Yang sudah terkirim dan diterima tetap tersimpan; "
                "sinkronisasi berikutnya melanjutkannya."
            )
        ) from error
    except (ServerUnreachable, CertificateMismatch, ServerRefused) as error:
        raise SyncError(str(error)) from error
    except (OperationalError, OSError) as error:
        raise SyncError(
            _("Sinkronisasi terputus: {error}. Yang sudah tersimpan tetap ada.").format(
                error=type(error).__name__
            )
        ) from error
    finally:
        close = getattr(peer, "close", None)
        if close is not None:
            close()
    with sessions() as session:
        review = to_review(session)
    return SyncSummary(
        pushed=pushed.rows,
        pulled=pulled.rows,
        conflicts=pushed.conflicts + pulled.conflicts,
        duplicates=review.duplicates,
        several_guardians=review.several_guardians,
        refused=pushed.refused,
    )
