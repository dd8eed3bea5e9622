"""Sync bookkeeping: the change log, the sync cursors and the conflict log.

See ``desktop_app.sync`` for the design. ``sync_changes`` exists in every database: on a laptop
it is the local change log (filled by SQLite triggers for local edits and by the sync code for
rows it received), on the district server it is the district's change log (filled by pushes).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, SyncedMixin

#: ``sync_changes.origin``: a local edit (written by a trigger), a row pulled from the server,
#: a row imported from a sync file.
ORIGIN_LOCAL = "L"
ORIGIN_SERVER = "S"
ORIGIN_FILE = "F"
#: A local change the server refused: still to send (retried at every sync) once it is fixed.
ORIGIN_REFUSED = "R"


class SyncChange(Base):
    """The latest change of one row: ``seq`` grows monotonically in this database.

    One entry per row (primary key ``table_name, row_id``): a newer change replaces the entry with
    a higher ``seq``, so "what changed after sequence N" is one indexed range scan.
    """

    __tablename__ = "sync_changes"
    __table_args__ = (Index("ix_sync_changes_table_seq", "table_name", "seq"),)

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    origin: Mapped[str] = mapped_column(String(1), default=ORIGIN_LOCAL)
    #: Local edits only (migration 0005): the columns changed since the row was last sent
    #: (``,name,name,``; NULL: a new row, all of it) and the row's stored values before the
    #: first of those edits (JSON). The three-way field merge of :mod:`desktop_app.sync.fields`.
    fields: Mapped[str | None] = mapped_column(Text, default=None)
    base: Mapped[str | None] = mapped_column(Text, default=None)


class SyncRefusal(Base):
    """A row the district server refused, with its Indonesian reason. On the server: one entry
    per refusal, by device (the status page counts them). On a laptop: the current "Ditolak
    server" list, replaced at every push (a fixed row is accepted and leaves the list)."""

    __tablename__ = "sync_refusals"
    __table_args__ = (Index("ix_sync_refusals_row", "table_name", "row_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    device_id: Mapped[str | None] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID | None]
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class SyncState(Base):
    """Per-database sync cursors and flags (``key`` -> text ``value``); never synced."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SyncConflict(SyncedMixin, Base):
    """One record changed on two laptops: the winner was kept, the loser is stored here.

    ``status``: terbuka (to review) | diterima (winner confirmed) | dipulihkan (loser restored).
    ``loser_values``/``winner_values`` hold the two versions as JSON-safe text per column.
    """

    __tablename__ = "sync_conflicts"

    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(index=True)
    winner_device: Mapped[str | None] = mapped_column(String(36))
    loser_device: Mapped[str | None] = mapped_column(String(36))
    winner_updated_at: Mapped[datetime | None]
    loser_updated_at: Mapped[datetime | None]
    winner_values: Mapped[dict[str, Any]] = mapped_column(default=dict)
    loser_values: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(12), default="terbuka", index=True)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)
