"""The audit trail: who created, changed, deleted, viewed or exported what, and when.

Rows are only ever appended: database triggers refuse UPDATE and DELETE, except the one
documented redaction (a data subject's erasure blanks values once and stamps ``redacted_at``).
Each row is chained to the one before it (:mod:`desktop_app.db.audit_chain`), so a row changed,
removed or inserted behind the app's back is found by the verification.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, utcnow


class AuditEntry(Base):
    """``action``: create | update | delete | view | export | login ...

    ``changes`` maps a field name to ``[old, new]`` (values as JSON-safe text).
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_chain", "device_id", "seq"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    username: Mapped[str | None] = mapped_column(String(60), index=True)
    device_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(12))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36))
    summary: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: Position in the chain of the device that wrote the row (1, 2, ...); see ``audit_chain``.
    seq: Mapped[int | None] = mapped_column(BigInteger)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    #: SHA-256 of the row's content; kept when a redaction blanks the content.
    content_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))
    redacted_at: Mapped[datetime | None] = mapped_column()
