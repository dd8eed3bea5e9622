"""The one declarative ``Base`` and the columns every synced row carries.

Every table that laptops exchange has a UUID key (so rows made offline on different laptops never
collide), ``created_at``/``updated_at`` in naive UTC (SQLite keeps no time zone, so we store UTC
everywhere and convert only for display), a tombstone ``deleted_at`` instead of a real delete (a
deletion must travel to other laptops), and the device that last changed it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import JSON, BigInteger, Date, DateTime, MetaData, String, Table, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop_app import time_source

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Current time as naive UTC (the form stored in every timestamp column), by the app's
    clock (:mod:`desktop_app.time_source`)."""
    return time_source.utcnow()


class Base(DeclarativeBase):
    """Declarative base with constraint naming (needed by Alembic batch mode on SQLite)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        uuid.UUID: Uuid(),
        datetime: DateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }

    if TYPE_CHECKING:
        # SQLAlchemy types ``__table__`` as any FromClause (a class may map a subquery); ours are
        # all plain tables, which sync, export and the change log insert into and update by name.
        __table__: ClassVar[Table]


class SyncedMixin:
    """Columns of every row that is synced between laptops and the district server."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
    #: Which laptop made the last change (settings key ``device_id``); used by sync.
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


#: Money is always an integer number of rupiah; BigInteger keeps totals safe on PostgreSQL.
RupiahColumn = BigInteger
