"""Bantuan: the monthly cash aid per child, planned then paid (or cancelled)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, RupiahColumn, SyncedMixin


class AidPayment(SyncedMixin, Base):
    """One child's aid for one month. ``month`` is the first day of that month.

    The unique key makes "plan this month" idempotent: planning twice cannot duplicate a row.
    ``status``: rencana | dibayar | batal; ``method``: transfer | tunai.
    """

    __tablename__ = "aid_payments"
    __table_args__ = (UniqueConstraint("child_id", "programme_id", "month"),)

    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("children.id"), index=True)
    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programmes.id"), index=True)
    assignment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assignments.id"))
    month: Mapped[date] = mapped_column(index=True)
    amount: Mapped[int] = mapped_column(RupiahColumn)
    status: Mapped[str] = mapped_column(String(10), default="rencana", index=True)
    paid_on: Mapped[date | None]
    method: Mapped[str | None] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(String(100))
    received_by: Mapped[str | None] = mapped_column(String(120))
    cancel_reason: Mapped[str | None] = mapped_column(String(200))
