"""Offices (OPD) and the foster parents (orang tua asuh): ASN, CSR companies or others."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.db.base import Base, SyncedMixin


class Opd(SyncedMixin, Base):
    """Organisasi perangkat daerah: a district office whose ASN may foster children."""

    __tablename__ = "opd"

    code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(150), index=True)


class Guardian(SyncedMixin, Base):
    """An orang tua asuh. ``kind``: asn | csr | lainnya.

    ASN have an 18-digit NIP and belong to an OPD; CSR sponsors are companies with a contact person.
    """

    __tablename__ = "guardians"

    kind: Mapped[str] = mapped_column(String(10), index=True)
    name: Mapped[str] = mapped_column(String(150), index=True)
    nip: Mapped[str | None] = mapped_column(String(18), index=True)
    opd_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opd.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(150))  # jabatan
    rank: Mapped[str | None] = mapped_column(String(30))  # pangkat/golongan, e.g. "III/a"
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(120))
    company: Mapped[str | None] = mapped_column(String(150))
    contact_person: Mapped[str | None] = mapped_column(String(150))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(String(400), default="")

    opd: Mapped[Opd | None] = relationship()
