"""Which tables sync, in foreign-key order, and how a laptop's scope filters what it pulls.

Per-laptop, never synced: ``users`` (local accounts and password hashes), ``settings`` (this
laptop's device id, server URL, scope, printer details) and the sync bookkeeping tables.
``audit_log`` is append-only: pushed to the district server as its archive, never pulled (each
laptop keeps the trail of what happened on it). Everything else is synced in both directions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, and_, or_, select

from desktop_app.core.changes import Changes, changes_for_tables
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    AuditEntry,
    Child,
    Desa,
    Guardian,
    KbmThreshold,
    Kecamatan,
    MonthClosure,
    Opd,
    Posyandu,
    Programme,
    SyncConflict,
    Visit,
)


@dataclass(frozen=True)
class SyncTable:
    """One synced table. ``child_column`` names the FK that ties a row to a child (for scope);
    ``natural_key`` the columns of a unique constraint besides the id, which two laptops may
    fill with different rows (settled by :mod:`desktop_app.sync.natural_key`)."""

    table: Table
    child_column: str | None = None
    push_only: bool = False
    natural_key: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.table.name


#: Parents before children, so every batch satisfies the foreign keys of both databases.
SYNC_TABLES: tuple[SyncTable, ...] = (
    SyncTable(Kecamatan.__table__),
    SyncTable(Desa.__table__),
    SyncTable(Posyandu.__table__),
    SyncTable(Opd.__table__),
    SyncTable(Guardian.__table__),
    SyncTable(Programme.__table__),
    SyncTable(KbmThreshold.__table__, natural_key=("from_age_months",)),
    SyncTable(Child.__table__, child_column="id"),
    SyncTable(Assignment.__table__, child_column="child_id"),
    SyncTable(Visit.__table__, child_column="child_id"),
    SyncTable(
        AidPayment.__table__,
        child_column="child_id",
        natural_key=("child_id", "programme_id", "month"),
    ),
    SyncTable(MonthClosure.__table__, natural_key=("month",)),
    SyncTable(SyncConflict.__table__),
    SyncTable(AuditEntry.__table__, push_only=True),
)

BY_NAME: dict[str, SyncTable] = {t.name: t for t in SYNC_TABLES}

#: What stamping, applying or restoring synced rows can change (the device id is a setting).
SYNCED_CHANGES = changes_for_tables(BY_NAME) | Changes.SETTINGS

#: Columns whose difference alone is not a conflict: bookkeeping, not the user's data.
#: search_text is derived per database (keyed tokens, ``core.identifier_search``): not user data.
BOOKKEEPING_COLUMNS = frozenset({"device_id", "updated_at", "created_at", "search_text"})


@dataclass(frozen=True)
class SyncScope:
    """What a laptop serves: a whole district (both None), one kecamatan or one posyandu."""

    kecamatan_id: uuid.UUID | None = None
    posyandu_id: uuid.UUID | None = None

    @property
    def is_limited(self) -> bool:
        return self.kecamatan_id is not None or self.posyandu_id is not None

    @classmethod
    def from_settings(cls, kecamatan_id: str, posyandu_id: str) -> SyncScope:
        return cls(
            kecamatan_id=uuid.UUID(kecamatan_id) if kecamatan_id else None,
            posyandu_id=uuid.UUID(posyandu_id) if posyandu_id else None,
        )


def children_in_scope(scope: SyncScope) -> ColumnElement[bool]:
    """Condition on ``children`` selecting the children a scoped laptop serves."""
    child = Child.__table__.c
    if scope.posyandu_id is not None:
        return child.posyandu_id == scope.posyandu_id
    desa_ids, posyandu_ids = kecamatan_area_ids(scope.kecamatan_id)
    return or_(child.desa_id.in_(desa_ids), child.posyandu_id.in_(posyandu_ids))


def kecamatan_area_ids(kecamatan_id: uuid.UUID | None) -> tuple[Select[Any], Select[Any]]:
    """The ids of the desa of a kecamatan and of their posyandu: a child living in one of them
    is in the kecamatan's scope (here and in the server's check of pushed rows)."""
    desa_ids = select(Desa.id).where(Desa.kecamatan_id == kecamatan_id)
    posyandu_ids = select(Posyandu.id).where(Posyandu.desa_id.in_(desa_ids))
    return desa_ids, posyandu_ids


def scope_condition(sync_table: SyncTable, scope: SyncScope) -> ColumnElement[bool] | None:
    """Extra WHERE for pulling ``sync_table`` into a scoped laptop (None: pull every row)."""
    if not scope.is_limited:
        return None
    if sync_table.name == SyncConflict.__tablename__:
        return _conflicts_in_scope(scope)
    if sync_table.child_column is None:
        return None
    if sync_table.child_column == "id":
        return children_in_scope(scope)
    scoped_ids = select(Child.id).where(children_in_scope(scope))
    return sync_table.table.c[sync_table.child_column].in_(scoped_ids)


def _conflicts_in_scope(scope: SyncScope) -> ColumnElement[bool]:
    """A conflict log entry holds both versions of a row: only the rows this laptop serves."""
    conflict = SyncConflict.__table__.c
    child_tables = [t for t in SYNC_TABLES if t.child_column is not None]
    allowed: list[ColumnElement[bool]] = [
        conflict.table_name.not_in([t.name for t in child_tables])
    ]
    for child_table in child_tables:
        condition = scope_condition(child_table, scope)
        assert condition is not None  # a child's table is always filtered in a limited scope
        rows_in_scope = select(child_table.table.c.id).where(condition)
        allowed.append(
            and_(conflict.table_name == child_table.name, conflict.row_id.in_(rows_in_scope))
        )
    return or_(*allowed)
