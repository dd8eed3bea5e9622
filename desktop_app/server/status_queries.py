"""What the coordinator's status page shows, read from the server database in one session.

Kept apart from the HTML (:mod:`desktop_app.server.status`) so the numbers can be tested and
reused without markup. Every query is read-only and bounded: per-device counts are grouped in
the database, the refusal list is the latest :data:`REFUSALS_SHOWN`, the conflict list only the
open ones. Times are naive UTC like the rest of the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from desktop_app.core.i18n import _
from desktop_app.db.models import AuditEntry, Kecamatan, Posyandu, SyncConflict, SyncRefusal
from desktop_app.server.devices import DeviceRecord, list_devices
from desktop_app.sync.conflicts import OPEN
from desktop_app.sync.refusals import field_label, table_label
from desktop_app.sync.scope import scope_ids

#: Refusals counted per device and in the totals ("30 hari terakhir").
REFUSAL_WINDOW = timedelta(days=30)
#: Rows of the "latest refusals" table.
REFUSALS_SHOWN = 50
#: Open conflicts listed (the total on top counts them all).
CONFLICTS_SHOWN = 200


@dataclass(frozen=True)
class DeviceStatus:
    """One device's line: the record plus what the server saw of its syncs."""

    device: DeviceRecord
    scope_text: str  # "Kecamatan Membalong, Badau" or "Seluruh kabupaten"
    last_sync_user: str | None  # the user named in the device's latest sync audit entry
    refused_recently: int  # refusals within REFUSAL_WINDOW
    open_conflicts: int  # open conflicts it won or lost


@dataclass(frozen=True)
class RefusalLine:
    at: datetime
    device_name: str
    table_label: str
    message: str


@dataclass(frozen=True)
class ConflictLine:
    at: datetime
    table_label: str
    fields: str  # "NIK, Nama" from the note; a dash when the note names none
    winner_name: str
    loser_name: str


@dataclass(frozen=True)
class StatusReport:
    devices: list[DeviceStatus]
    refusals: list[RefusalLine]
    conflicts: list[ConflictLine]
    active_devices: int
    refused_recently: int
    open_conflicts: int


def _names(session: Session, model: type[Kecamatan] | type[Posyandu], ids: list[str]) -> list[str]:
    """Names of the rows behind ``ids`` in the stored order; an unknown id shows its start."""
    wanted = scope_ids(ids)
    found = dict(session.execute(select(model.id, model.name).where(model.id.in_(wanted))).all())
    return [found.get(row_id) or str(row_id)[:8] for row_id in wanted]


def scope_text(session: Session, scope: dict[str, object]) -> str:
    """A device's scope in words with the area names from the server's own tables."""
    for key, model, label in (
        ("kecamatan", Kecamatan, _("Kecamatan")),
        ("posyandu", Posyandu, _("Posyandu")),
    ):
        ids = scope.get(key)
        if isinstance(ids, list) and ids:
            names = ", ".join(_names(session, model, [str(i) for i in ids]))
            # "Posyandu Melati" is often the name itself: no "Posyandu Posyandu Melati".
            return names if names.lower().startswith(label.lower()) else f"{label} {names}"
    return _("Seluruh kabupaten")


def _last_sync_users(session: Session) -> dict[str, str | None]:
    """Device id -> username of its latest "sync" audit entry (one grouped query)."""
    latest = (
        select(AuditEntry.device_id, func.max(AuditEntry.at).label("at"))
        .where(AuditEntry.action == "sync", AuditEntry.device_id.is_not(None))
        .group_by(AuditEntry.device_id)
        .subquery()
    )
    rows = session.execute(
        select(AuditEntry.device_id, AuditEntry.username).join(
            latest, (AuditEntry.device_id == latest.c.device_id) & (AuditEntry.at == latest.c.at)
        )
    ).all()
    users: dict[str, str | None] = {}
    for device_id, username in rows:
        users[str(device_id)] = users.get(str(device_id)) or username
    return users


def _refusal_counts(session: Session, since: datetime) -> dict[str, int]:
    rows = session.execute(
        select(SyncRefusal.device_id, func.count())
        .where(SyncRefusal.created_at >= since, SyncRefusal.device_id.is_not(None))
        .group_by(SyncRefusal.device_id)
    ).all()
    return {str(device_id): int(count) for device_id, count in rows}


def _is_open() -> ColumnElement[bool]:
    """An open conflict: still "terbuka" and not deleted."""
    return and_(SyncConflict.status == OPEN, SyncConflict.deleted_at.is_(None))


def _conflict_counts(session: Session) -> dict[str, int]:
    """Device id -> open conflicts it is part of (as winner or loser; counted once)."""
    counts: dict[str, int] = {}
    rows = session.execute(
        select(SyncConflict.winner_device, SyncConflict.loser_device).where(_is_open())
    ).all()
    for winner, loser in rows:
        for device_id in {winner, loser} - {None}:
            counts[str(device_id)] = counts.get(str(device_id), 0) + 1
    return counts


def conflict_fields(note: str | None) -> str:
    """ "Bidang: nik, name" (column names, as the merge writes it) as "NIK, Nama"."""
    if not note or ":" not in note:
        return "\u2013"
    names = [name.strip() for name in note.split(":", 1)[1].split(",") if name.strip()]
    return ", ".join(field_label(name) for name in names) or "\u2013"


def _device_name(names: dict[str, str], device_id: str | None) -> str:
    """The enrolled device's name; a laptop id the server never enrolled shows its start."""
    if device_id is None:
        return "\u2013"
    return names.get(device_id) or _("Perangkat {id}").format(id=device_id[:8])


def load_status(session: Session, *, now: datetime) -> StatusReport:
    """Everything the page shows, as of ``now`` (naive UTC)."""
    since = now - REFUSAL_WINDOW
    records = list_devices(session)
    names = {str(record.id): record.name for record in records}
    users = _last_sync_users(session)
    refused = _refusal_counts(session, since)
    conflicted = _conflict_counts(session)
    devices = [
        DeviceStatus(
            device=record,
            scope_text=scope_text(session, record.scope),
            last_sync_user=users.get(str(record.id)),
            refused_recently=refused.get(str(record.id), 0),
            open_conflicts=conflicted.get(str(record.id), 0),
        )
        for record in records
    ]
    refusal_rows = session.scalars(
        select(SyncRefusal)
        .order_by(SyncRefusal.created_at.desc(), SyncRefusal.table_name)
        .limit(REFUSALS_SHOWN)
    )
    refusals = [
        RefusalLine(
            at=row.created_at,
            device_name=_device_name(names, row.device_id),
            table_label=table_label(row.table_name),
            message=row.message,
        )
        for row in refusal_rows
    ]
    conflict_rows = session.scalars(
        select(SyncConflict)
        .where(_is_open())
        .order_by(SyncConflict.created_at.desc())
        .limit(CONFLICTS_SHOWN)
    )
    conflicts = [
        ConflictLine(
            at=row.created_at,
            table_label=table_label(row.table_name),
            fields=conflict_fields(row.note),
            winner_name=_device_name(names, row.winner_device),
            loser_name=_device_name(names, row.loser_device),
        )
        for row in conflict_rows
    ]
    total_refused = session.scalar(
        select(func.count()).select_from(SyncRefusal).where(SyncRefusal.created_at >= since)
    )
    total_open = session.scalar(select(func.count()).select_from(SyncConflict).where(_is_open()))
    return StatusReport(
        devices=devices,
        refusals=refusals,
        conflicts=conflicts,
        active_devices=sum(1 for line in devices if line.device.state == "aktif"),
        refused_recently=int(total_refused or 0),
        open_conflicts=int(total_open or 0),
    )
