"""Data of the Daftar penerimaan bantuan: one row per child's aid payment in a month.

Every payment of the month is read, whatever its status, so that the totals by status
(dibayar / rencana / batal) reconcile with the aid ledger. The signed list itself holds only the
paid rows (what an auditor matches against the transfer records), unless the user asks for all
statuses (``include_all``: e.g. a list printed before the payout to be signed at the posyandu).
Date, method, transfer reference and receiver are the ones stored on the payment. NIK masked
(UU 27/2022). Runs on the DB worker thread inside the caller's transaction (read only).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop_app.core.codes import PaymentStatus
from desktop_app.core.i18n import N_, _
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Child, Desa, Guardian, Programme
from desktop_app.reports.common import masked
from desktop_app.reports.header_data import ReportHeader, build_report_header
from desktop_app.reports.terbilang import terbilang_rupiah

__all__ = [
    "PaymentListData", "PaymentRow", "StatusTotal", "build_payment_list", "method_label",
    "status_label",
]  # fmt: skip

#: The order statuses are listed and totalled in.
STATUS_ORDER = (PaymentStatus.PAID, PaymentStatus.PLANNED, PaymentStatus.CANCELLED)


STATUS_LABELS = {
    PaymentStatus.PAID: N_("dibayar"),
    PaymentStatus.PLANNED: N_("rencana"),
    PaymentStatus.CANCELLED: N_("batal"),
}
METHOD_LABELS = {"transfer": N_("Transfer"), "tunai": N_("Tunai")}


def status_label(status: str) -> str:
    return _(STATUS_LABELS[PaymentStatus(status)]) if status in STATUS_LABELS else status


def method_label(method: str) -> str:
    return _(METHOD_LABELS[method]) if method in METHOD_LABELS else (method or "-")


@dataclass(frozen=True)
class PaymentRow:
    child_name: str
    nik_masked: str
    mother_name: str
    desa: str
    guardian: str
    amount: int  # rupiah
    status: str  # dibayar | rencana | batal
    paid_on: date | None = None
    method: str = ""  # transfer | tunai | ""
    reference: str = ""  # transfer reference / receipt number
    received_by: str = ""  # who took the money; "" = not recorded

    @property
    def receiver(self) -> str:
        """The person recorded as receiving the aid, else the mother (the usual recipient)."""
        return self.received_by or self.mother_name


@dataclass(frozen=True)
class StatusTotal:
    status: str
    children: int
    amount: int


@dataclass(frozen=True)
class PaymentListData:
    header: ReportHeader
    month: Month
    programme_name: str | None
    rows: tuple[PaymentRow, ...]  # every status
    include_all: bool = False

    @property
    def listed(self) -> tuple[PaymentRow, ...]:
        """The rows of the signed list: paid only, or every status when asked for."""
        if self.include_all:
            return self.rows
        return tuple(r for r in self.rows if r.status == PaymentStatus.PAID)

    @property
    def total(self) -> int:
        """Sum of the listed rows (cancelled ones never count: nothing is handed over)."""
        return sum(r.amount for r in self.listed if r.status != PaymentStatus.CANCELLED)

    @property
    def by_status(self) -> tuple[StatusTotal, ...]:
        """Children and rupiah per status over all of the month's payments."""
        return tuple(
            StatusTotal(
                status,
                sum(1 for r in self.rows if r.status == status),
                sum(r.amount for r in self.rows if r.status == status),
            )
            for status in STATUS_ORDER
        )

    @property
    def paid_total(self) -> int:
        return sum(r.amount for r in self.rows if r.status == PaymentStatus.PAID)

    @property
    def total_in_words(self) -> str:
        """The paid total in words: what was actually handed over."""
        return terbilang_rupiah(self.paid_total)


def build_payment_list(
    session: Session,
    *,
    month: date | Month,
    programme_id: uuid.UUID | None = None,
    today: date | None = None,
    include_all: bool = False,
) -> PaymentListData:
    """The month's payments (every status), paid first, then by desa and child name."""
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
            AidPayment.paid_on,
            AidPayment.method,
            AidPayment.reference,
            AidPayment.received_by,
            Programme.name,
        )  # fmt: skip
        .join(Child, Child.id == AidPayment.child_id)
        .join(Programme, Programme.id == AidPayment.programme_id)
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .outerjoin(Assignment, Assignment.id == AidPayment.assignment_id)
        .outerjoin(guardian, guardian.id == Assignment.guardian_id)
        .where(
            AidPayment.deleted_at.is_(None),
            AidPayment.month == period.first_day,
            Child.deleted_at.is_(None),
        )
        .order_by(Desa.name, Child.name)
    )
    if programme_id is not None:
        query = query.where(AidPayment.programme_id == programme_id)
    result = session.execute(query).all()
    rank: dict[str, int] = {status.value: i for i, status in enumerate(STATUS_ORDER)}
    rows = [
        PaymentRow(
            child_name=r[0],
            nik_masked=masked(r[1]),
            mother_name=r[2] or "-",
            desa=r[3] or "-",
            guardian=r[4] or "-",
            amount=r[5],
            status=r[6],
            paid_on=r[7],
            method=r[8] or "",
            reference=r[9] or "",
            received_by=r[10] or "",
        )  # fmt: skip
        for r in result
    ]
    rows.sort(key=lambda r: rank.get(r.status, len(rank)))  # stable: desa, name order kept
    programmes = sorted({str(r[-1]) for r in result})
    return PaymentListData(
        header=build_report_header(session, today=today),
        month=period,
        programme_name=", ".join(programmes) or None,
        rows=tuple(rows),
        include_all=include_all,
    )
