"""The child (anak/balita) at the centre of the programme."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.db.base import Base, SyncedMixin
from desktop_app.db.models.wilayah import Desa, Posyandu


class Child(SyncedMixin, Base):
    """A registered child under five.

    NIK may be missing for newborns (then ``no_kk`` is required, a rule of the service layer).
    NIK is not unique in the schema on purpose: two laptops may register the same child offline,
    and sync must be able to bring both rows in before a user merges them.
    ``search_text`` is the lower-cased name and mother's name with keyed tokens of NIK and KK (never
    the numbers; ``core.identifier_search``), kept by the service,
    so the 100,000-row list can search with one indexed-free LIKE scan of a single column.
    """

    __tablename__ = "children"
    __table_args__ = (Index("ix_children_active_name", "deleted_at", "name"),)

    nik: Mapped[str | None] = mapped_column(String(16), index=True)
    no_kk: Mapped[str | None] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    sex: Mapped[str] = mapped_column(String(1))  # "L" laki-laki | "P" perempuan
    birth_date: Mapped[date]
    birth_weight_kg: Mapped[float | None] = mapped_column(Float)
    birth_length_cm: Mapped[float | None] = mapped_column(Float)
    mother_name: Mapped[str | None] = mapped_column(String(120))
    father_name: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(250))
    rt: Mapped[str | None] = mapped_column(String(5))
    rw: Mapped[str | None] = mapped_column(String(5))
    desa_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("desa.id"), index=True)
    posyandu_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("posyandu.id"), index=True)
    #: Family risk factors, as codes from ``desktop_app.children.service.RISK_FACTORS``.
    risk_factors: Mapped[list[str]] = mapped_column(default=list)
    enrolment_status: Mapped[str] = mapped_column(String(20))  # stunting | berisiko
    data_source: Mapped[str | None] = mapped_column(String(60))
    enrolled_on: Mapped[date]
    has_kia_book: Mapped[bool] = mapped_column(Boolean, default=True)  # "K" in SKDN
    exit_date: Mapped[date | None]
    exit_reason: Mapped[str | None] = mapped_column(String(30))
    #: Parent's consent to processing the child's data (UU 27/2022 art. 25).
    consent_date: Mapped[date | None]
    consent_by: Mapped[str | None] = mapped_column(String(120))
    consent_relation: Mapped[str | None] = mapped_column(String(30))
    #: Another basis for holding health data when there is no consent (``children.legal_basis``),
    #: with the note that names it (e.g. the regent's decree).
    legal_basis: Mapped[str | None] = mapped_column(String(20))
    legal_basis_note: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(String(500), default="")

    desa: Mapped[Desa | None] = relationship()
    posyandu: Mapped[Posyandu | None] = relationship()
