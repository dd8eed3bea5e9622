"""Data of the Daftar penerimaan bantuan: one row per child's aid payment in a month.

Cancelled payments are left out (nothing is handed over); planned and paid ones are listed so
the list can be printed before the payout and signed by each recipient. NIK masked (UU 27/2022).
Runs on the DB worker thread inside the caller's transaction (read only).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Child, Desa, Guardian, Programme
from desktop_app.reports.common import masked
from desktop_app.reports.figures import aid_of_month
from desktop_app.reports.header_data import ReportHeader, build_report_header
from desktop_app.reports.terbilang import terbilang_rupiah

__all__ = ["PaymentListData", "PaymentRow", "build_payment_list"]


@dataclass(frozen=True)
class PaymentRow:
    child_name: str
    nik_masked: str
    mother_name: str
    desa: str
    guardian: str
    amount: int  # rupiah
    status: str  # rencana | dibayar


@dataclass(frozen=True)
class PaymentListData:
    header: ReportHeader
    month: Month
    programme_name: str | None
    rows: tuple[PaymentRow, ...]

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows)

    @property
    def total_in_words(self) -> str:
        return terbilang_rupiah(self.total)


def build_payment_list(
    session: Session,
    *,
    month: date | Month,
    programme_id: uuid.UUID | None = None,
    today: date | None = None,
) -> PaymentListData:
    """The month's non-cancelled payments, by desa then child name."""
    period = month if isinstance(month, Month) else Month.of(month)
    guardian = aliased(Guardian)
    query = (
        select(
            Child.name,
            Child.nik,
            Child.mother_name,
            Desa.name,
            guardian.name,
            AidPayment.amount,
            AidPayment.status,
            Programme.name,
        )  # fmt: skip
        .join(Child, Child.id == AidPayment.child_id)
        .join(Programme, Programme.id == AidPayment.programme_id)
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .outerjoin(Assignment, Assignment.id == AidPayment.assignment_id)
        .outerjoin(guardian, guardian.id == Assignment.guardian_id)
        .where(aid_of_month(period))  # reports.figures: the summary's "aid planned"
        .order_by(Desa.name, Child.name)
    )
    if programme_id is not None:
        query = query.where(AidPayment.programme_id == programme_id)
    rows = session.execute(query).all()
    programmes = sorted({r[7] for r in rows})
    return PaymentListData(
        header=build_report_header(session, today=today),
        month=period,
        programme_name=", ".join(programmes) or None,
        rows=tuple(
            PaymentRow(name, masked(nik), mother or "-", desa or "-", g or "-", amount, status)
            for name, nik, mother, desa, g, amount, status, _ in rows
        ),
    )
