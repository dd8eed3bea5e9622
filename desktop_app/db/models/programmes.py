"""A programme period (e.g. Genting 2025, three months of Rp450.000)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, RupiahColumn, SyncedMixin


class Programme(SyncedMixin, Base):
    """``start_month``/``end_month`` are the first day of their months (inclusive range)."""

    __tablename__ = "programmes"

    name: Mapped[str] = mapped_column(String(150))
    start_month: Mapped[date]
    end_month: Mapped[date]
    monthly_aid: Mapped[int] = mapped_column(RupiahColumn)  # rupiah per child per month
    visit_target_per_month: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)
