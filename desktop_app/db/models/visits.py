"""Kunjungan: a visit or weighing with the child's measurements and their WHO assessment."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, SyncedMixin


class Visit(SyncedMixin, Base):
    """Measurements in kg and cm (0.1 resolution); ``measure`` l = lying, h = standing.

    The z-scores are stored rounded to 2 decimals, the value WHO's software reports and the user
    sees, so that SQL filters (``zlen < -2``) classify exactly as the screen does. ``f*`` are WHO's
    implausibility flags. They are recomputed from the measurements whenever those change.

    Two covering indexes serve the province-scale month figures (100,000 children, a million
    visits) without reading the table, whose rows are wide (notes, topics): by child then date
    (a child's latest visit, HAZ or weighing: the follow-up lists, the child page) and by date
    (a month's visits and each child's latest measurement and its HAZ in it: the stunting
    figure of ``reports/figures.py`` that Beranda and the report count). Reading the
    rows instead took 1-3 s per figure (``bench/bench_province.py``).
    """

    __tablename__ = "visits"
    __table_args__ = (
        Index(
            "ix_visits_child_facts",
            "child_id", "visit_date", "deleted_at", "guardian_id", "zlen", "zwei", "weight_kg",
        ),
        Index(
            "ix_visits_month_facts",
            "visit_date", "deleted_at", "child_id", "guardian_id", "zlen", "created_at",
            "weight_kg", "lenhei_cm", "flen",
        ),
    )  # fmt: skip

    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("children.id"))
    guardian_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("guardians.id"), index=True)
    visit_date: Mapped[date]
    place: Mapped[str] = mapped_column(String(12), default="rumah")  # rumah|posyandu|puskesmas
    weight_kg: Mapped[float | None] = mapped_column(Float)
    lenhei_cm: Mapped[float | None] = mapped_column(Float)
    measure: Mapped[str | None] = mapped_column(String(1))
    headc_cm: Mapped[float | None] = mapped_column(Float)
    muac_cm: Mapped[float | None] = mapped_column(Float)
    oedema: Mapped[bool] = mapped_column(Boolean, default=False)
    zlen: Mapped[float | None] = mapped_column(Float)
    zwei: Mapped[float | None] = mapped_column(Float)
    zwfl: Mapped[float | None] = mapped_column(Float)
    zbmi: Mapped[float | None] = mapped_column(Float)
    zhc: Mapped[float | None] = mapped_column(Float)
    zac: Mapped[float | None] = mapped_column(Float)
    flen: Mapped[bool | None] = mapped_column(Boolean)
    fwei: Mapped[bool | None] = mapped_column(Boolean)
    fwfl: Mapped[bool | None] = mapped_column(Boolean)
    fbmi: Mapped[bool | None] = mapped_column(Boolean)
    fhc: Mapped[bool | None] = mapped_column(Boolean)
    fac: Mapped[bool | None] = mapped_column(Boolean)
    topics: Mapped[list[str]] = mapped_column(default=list)
    help_given: Mapped[list[str]] = mapped_column(default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    next_visit_date: Mapped[date | None]
    #: The history warnings the user confirmed on saving (``visits.checks``):
    #: ``[{"check": code, "message": text}]``; NULL when nothing was asked.
    checks_confirmed: Mapped[list[dict[str, str]] | None] = mapped_column(JSON(none_as_null=True))
