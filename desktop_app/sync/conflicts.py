"""The "Konflik data" list: review the rows where two laptops disagreed, and override.

Sync has already kept the winner (see :mod:`desktop_app.sync.decide`). A user may confirm it
(``accept_conflict``) or put the losing version back (``restore_loser``): that writes the loser's
values through the ORM as this user's own edit, audited and synced like any other change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import ConflictError, NotFoundError
from desktop_app.core.i18n import N_, _
from desktop_app.core.permissions import ADMIN, OPERATOR, require_role
from desktop_app.db.base import Base, utcnow
from desktop_app.db.models import SyncConflict
from desktop_app.sync.rows import from_json_values
from desktop_app.sync.tables import BOOKKEEPING_COLUMNS, BY_NAME, SYNCED_CHANGES

OPEN, ACCEPTED, RESTORED = "terbuka", "diterima", "dipulihkan"

TABLE_LABELS = {
    "kecamatan": N_("Kecamatan"),
    "desa": N_("Desa/Kelurahan"),
    "posyandu": N_("Posyandu"),
    "opd": N_("OPD"),
    "guardians": N_("Orang tua asuh"),
    "programmes": N_("Program"),
    "kbm_thresholds": N_("KBM"),
    "children": N_("Anak"),
    "assignments": N_("Penugasan"),
    "visits": N_("Kunjungan"),
    "aid_payments": N_("Bantuan"),
    "sync_conflicts": N_("Konflik"),
}


@dataclass(frozen=True)
class FieldDifference:
    field: str
    kept: object
    lost: object


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    table_label: str
    row_id: uuid.UUID
    kept_device: str | None
    lost_device: str | None
    kept_updated_at: datetime | None
    lost_updated_at: datetime | None
    differences: tuple[FieldDifference, ...]
    status: str
    detected_at: datetime


def _view(conflict: SyncConflict) -> ConflictView:
    differences = tuple(
        FieldDifference(name, conflict.winner_values.get(name), value)
        for name, value in conflict.loser_values.items()
        if name not in BOOKKEEPING_COLUMNS and conflict.winner_values.get(name) != value
    )
    return ConflictView(
        id=conflict.id,
        table_label=_(TABLE_LABELS.get(conflict.table_name, conflict.table_name)),
        row_id=conflict.row_id,
        kept_device=conflict.winner_device,
        lost_device=conflict.loser_device,
        kept_updated_at=conflict.winner_updated_at,
        lost_updated_at=conflict.loser_updated_at,
        differences=differences,
        status=conflict.status,
        detected_at=conflict.created_at,
    )


def list_conflicts(session: Session, *, include_resolved: bool = False) -> list[ConflictView]:
    """Conflicts, newest first; by default only those still waiting for review."""
    query = select(SyncConflict).where(SyncConflict.deleted_at.is_(None))
    if not include_resolved:
        query = query.where(SyncConflict.status == OPEN)
    query = query.order_by(SyncConflict.created_at.desc(), SyncConflict.id)
    return [_view(conflict) for conflict in session.scalars(query)]


@writes(Changes.NONE)
def accept_conflict(
    session: Session, *, conflict_id: uuid.UUID, username: str | None
) -> ConflictView:
    """Confirm the version sync kept (Admin or Operator: the sync log itself is not guarded by
    role, so the check is explicit). Caller commits."""
    require_role(session, ADMIN, OPERATOR)
    conflict = _open_conflict(session, conflict_id)
    _resolve(conflict, ACCEPTED, username)
    session.flush()
    return _view(conflict)


@writes(SYNCED_CHANGES)
def restore_loser(
    session: Session, *, conflict_id: uuid.UUID, username: str | None
) -> ConflictView:
    """Write the losing version back over the row (a new local edit). Caller commits."""
    require_role(session, ADMIN, OPERATOR)
    conflict = _open_conflict(session, conflict_id)
    table = BY_NAME[conflict.table_name].table
    model = _model_for(conflict.table_name)
    row = session.get(model, conflict.row_id)
    if row is None:
        raise NotFoundError(_("Data yang berkonflik tidak ditemukan di laptop ini."))
    values = from_json_values(table, conflict.loser_values)
    for column in table.columns:
        if column.name not in BOOKKEEPING_COLUMNS and column.name != "id":
            setattr(row, column.key, values.get(column.name))
    _resolve(conflict, RESTORED, username)
    session.flush()
    return _view(conflict)


def _open_conflict(session: Session, conflict_id: uuid.UUID) -> SyncConflict:
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise NotFoundError(_("Konflik tidak ditemukan."))
    if conflict.status != OPEN:
        raise ConflictError(_("Konflik ini sudah ditangani sebelumnya."))
    return conflict


def _resolve(conflict: SyncConflict, status: str, username: str | None) -> None:
    conflict.status = status
    conflict.resolved_at = utcnow()
    conflict.resolved_by = username


def _model_for(table_name: str) -> type[Base]:
    for mapper in Base.registry.mappers:
        model: type[Base] = mapper.class_
        if model.__table__.name == table_name:
            return model
    raise KeyError(table_name)
