"""Administrative areas below the district: kecamatan -> desa/kelurahan -> posyandu.

The district itself is a setting (one database serves one district).
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.db.base import Base, SyncedMixin


class Kecamatan(SyncedMixin, Base):
    __tablename__ = "kecamatan"

    code: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100), index=True)

    desa: Mapped[list[Desa]] = relationship(back_populates="kecamatan")


class Desa(SyncedMixin, Base):
    """A desa or kelurahan (``kind``), inside one kecamatan."""

    __tablename__ = "desa"

    kecamatan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kecamatan.id"), index=True)
    code: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="desa")  # desa | kelurahan

    kecamatan: Mapped[Kecamatan] = relationship(back_populates="desa")
    posyandu: Mapped[list[Posyandu]] = relationship(back_populates="desa")


class Posyandu(SyncedMixin, Base):
    __tablename__ = "posyandu"

    desa_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("desa.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), index=True)

    desa: Mapped[Desa] = relationship(back_populates="posyandu")
