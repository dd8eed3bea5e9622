"""Tutup bulan: the frozen figures of a closed month, printed again identically years later."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, SyncedMixin


class MonthClosure(SyncedMixin, Base):
    """One closed month (``month`` is its first day; one closure per month).

    ``payload`` is the canonical JSON text of every report's data for the month (see
    ``desktop_app.reports.snapshot``), stored as text, not as a JSON column, so the bytes that
    were hashed are the bytes kept; ``sha256`` is the hex digest of those UTF-8 bytes.
    ``format_version`` names the payload layout. Rows are inserted once and never updated.
    """

    __tablename__ = "month_closures"
    __table_args__ = (UniqueConstraint("month"),)

    month: Mapped[date] = mapped_column()
    payload: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    format_version: Mapped[int] = mapped_column(Integer, default=1)
    closed_by: Mapped[str] = mapped_column(String(60))
    closed_at: Mapped[datetime] = mapped_column()
