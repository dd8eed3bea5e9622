"""Small editable reference data: application settings and the KBM table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, SyncedMixin


class Setting(Base):
    """Key/value settings (district name, signatories, caps ...); ``value`` is JSON."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class KbmThreshold(SyncedMixin, Base):
    """Kenaikan berat badan minimal: grams a child must gain in a month, from this age on.

    A row applies from ``from_age_months`` until the next row's age (Buku KIA's table, seeded by
    the first migration; an administrator may correct it).
    """

    __tablename__ = "kbm_thresholds"

    from_age_months: Mapped[int] = mapped_column(Integer, unique=True)
    min_gain_g: Mapped[int] = mapped_column(Integer)
