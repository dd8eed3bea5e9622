"""Writes of the sync page: enrolment, server sync, sync files, conflicts, duplicate children."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from desktop_app.core.permissions import acting_sessions
from desktop_app.sync import conflicts, files, identity, merge, service
from desktop_app.ui.operations.build import long_calling, operation
from desktop_app.ui.ops import Operation
from desktop_app.ui.progress import LongOperation

if TYPE_CHECKING:
    from desktop_app.core.session import Session, sessionmaker


def enrol_laptop(
    *, server: str, fingerprint: str, code: str, client_factory: identity.ClientFactory | None
) -> Operation:
    """Claim the enrolment code and keep the identity (one round trip to the server, on the DB
    worker: the Admin-only check must come before the single-use code is spent)."""
    return operation(
        identity.enrol_laptop,
        server=server,
        fingerprint=fingerprint,
        code=code,
        client_factory=client_factory,
    )


def sync_with_server(*, sessions: sessionmaker[Session]) -> LongOperation:
    """Push and pull with the server this laptop is enrolled with; the service opens its own
    sessions from ``sessions``, acting for the runner's user (role checked, audited as them)."""
    return long_calling(
        lambda session, progress: service.sync_with_server(
            acting_sessions(sessions, session), progress=progress
        ),
        service.sync_with_server,
    )


def prepare_sync_export() -> Operation:
    return operation(files.prepare_sync_export)


def record_sync_export(*, prepared: files.PreparedExport, path: Path) -> Operation:
    return operation(files.record_sync_export, prepared=prepared, path=path)


def apply_sync_file(*, manifest: dict, tables: dict, name: str) -> Operation:
    return operation(files.apply_sync_file, manifest=manifest, tables=tables, name=name)


def export_sync_file(*, path: Path, password: str) -> Operation:
    return operation(files.export_sync_file, path=path, password=password)


def import_sync_file(*, path: Path, password: str) -> Operation:
    return operation(files.import_sync_file, path=path, password=password)


def accept_conflict(*, conflict_id: UUID, username: str | None) -> Operation:
    return operation(conflicts.accept_conflict, conflict_id=conflict_id, username=username)


def restore_loser(*, conflict_id: UUID, username: str | None) -> Operation:
    return operation(conflicts.restore_loser, conflict_id=conflict_id, username=username)


def merge_children(*, keep_id: UUID, duplicate_ids: list[UUID]) -> Operation:
    return operation(merge.merge_children, keep_id=keep_id, duplicate_ids=duplicate_ids)
