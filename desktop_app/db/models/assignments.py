"""Penugasan: which guardian fosters which child, in which programme, when.

History is kept: a transfer ends one row and starts another, never overwrites.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.db.base import Base, SyncedMixin
from desktop_app.db.models.children import Child
from desktop_app.db.models.guardians import Guardian
from desktop_app.db.models.programmes import Programme


class Assignment(SyncedMixin, Base):
    """``status``: aktif | selesai | dialihkan (transferred to another guardian)."""

    __tablename__ = "assignments"

    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("children.id"), index=True)
    guardian_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("guardians.id"), index=True)
    programme_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("programmes.id"), index=True)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(12), default="aktif", index=True)
    end_reason: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    child: Mapped[Child] = relationship()
    guardian: Mapped[Guardian] = relationship()
    programme: Mapped[Programme | None] = relationship()
