"""Tutup bulan: the frozen figures of a closed month, printed again identically years later."""

from __future__ import annotations

import uuid
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


class LateArrival(Base):
    """A record of a closed month whose new version reached this laptop by sync (pull or sync
    file) after the month was closed here, whatever the version's own change stamp says.

    Why: ``updated_at`` is stamped where the change was made; an edit made offline before the
    closure and synced afterwards keeps its older stamp, so the stamp alone would not list it
    under "Koreksi setelah tutup bulan". Local only, never synced: each laptop knows what it
    received after its own closures. Holds no personal data, only which row and when.
    """

    __tablename__ = "late_arrivals"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    arrived_at: Mapped[datetime] = mapped_column()
    #: The record did not exist here before it arrived (listed as added, not changed).
    was_new: Mapped[bool] = mapped_column(default=False)
