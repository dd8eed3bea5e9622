"""Devices enrolled on the district sync server (``asuh server enrol``).

A row is made by the district Admin with a one-time enrolment code (only its SHA-256 is kept);
the laptop then sends the code with its Ed25519 public key, which fills ``public_key`` and
``enrolled_at``. Every later request is signed with the matching private key. Server-side only
in practice: the table exists in every database (one schema), but laptops never write it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, utcnow


class Device(Base):
    """One laptop known to the server. Times are naive UTC.

    ``scope`` is ``{"district": true}`` or ``{"kecamatan": [ids]}`` or ``{"posyandu": [ids]}``
    (ids as strings). ``public_key`` is the raw 32-byte Ed25519 key, base64.
    """

    __tablename__ = "devices"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(120))
    scope: Mapped[dict[str, Any]] = mapped_column(default=dict)
    public_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrol_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrol_code_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    enrolled_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]


class ServerNonce(Base):
    """A signed request the server has served (SHA-256 of its signature), kept for twice the
    allowed clock skew so the same request sent again is refused, also after a restart."""

    __tablename__ = "server_nonces"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(index=True)
